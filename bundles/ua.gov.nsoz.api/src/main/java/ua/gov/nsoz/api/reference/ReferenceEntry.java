package ua.gov.nsoz.api.reference;

/**
 * One entry of the published reference base (R17): a contact center, a hotline of an executive body, an executive
 * body with its contacts, or the procedure of an administrative service. Searchable by anyone, published as open
 * data; edited at the center, the edits replicated to the regions ({@link ReferenceEdits}).
 *
 * @param type what the entry describes
 * @param code stable code: upper-case Latin letters, digits and '-', e.g. {@code UCC-1545}; for a {@link
 *        ReferenceEntryType#BODY} entry, the body's code
 * @param nameUk the name in Ukrainian
 * @param nameEn the name in English
 * @param region ISO 3166-2:UA code of the region it serves, or {@code null} for the whole country
 * @param phone phone number, or {@code null}
 * @param email e-mail, or {@code null}
 * @param address postal or visiting address, or {@code null}
 * @param scheduleUk working hours in Ukrainian, or {@code null}
 * @param scheduleEn working hours in English, or {@code null}
 * @param url web page (https), or {@code null}
 * @param descriptionUk what it is for, in Ukrainian; for a service, the procedure: steps, documents needed, term, fee
 * @param descriptionEn the same in English
 * @param bodyCode code of the executive body it belongs to (a body of the reference data), or {@code null}
 * @param example true if its contacts are made-up examples, not to be called or written to
 */
public record ReferenceEntry(ReferenceEntryType type, String code, String nameUk, String nameEn, String region,
        String phone, String email, String address, String scheduleUk, String scheduleEn, String url,
        String descriptionUk, String descriptionEn, String bodyCode, boolean example) {

    /**
     * @param b a body of the reference data
     * @return the body as an entry of the reference base (type {@link ReferenceEntryType#BODY}, its parent as the
     *         body it belongs to)
     */
    public static ReferenceEntry of(Body b) {
        return new ReferenceEntry(ReferenceEntryType.BODY, b.code(), b.nameUk(), b.nameEn(), b.region(), b.phone(),
                b.email(), b.address(), null, null, null, null, null, b.parentCode(), false);
    }
}
