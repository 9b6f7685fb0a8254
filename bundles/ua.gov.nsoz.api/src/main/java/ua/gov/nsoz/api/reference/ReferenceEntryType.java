package ua.gov.nsoz.api.reference;

/** What an entry of the published reference base (R17) describes. */
public enum ReferenceEntryType {
    /** A contact center: the Government Contact Center or a region's contact center. */
    CONTACT_CENTER,
    /** A hotline of an executive body. */
    HOTLINE,
    /** An executive body with its contacts; made from the bodies of the reference data, not edited as an entry. */
    BODY,
    /** An administrative service: its procedure (steps, documents needed, term, fee). */
    SERVICE
}
