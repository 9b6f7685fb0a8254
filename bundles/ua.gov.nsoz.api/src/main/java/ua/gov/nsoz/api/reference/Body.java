package ua.gov.nsoz.api.reference;

/**
 * An executive authority (орган виконавчої влади) that receives appeals by competence (R3), with the
 * contacts published in the reference base (R17).
 *
 * @param code stable code of the body in the reference data, e.g. {@code MOZ}
 * @param kind what kind of body it is
 * @param nameUk the official name in Ukrainian
 * @param nameEn the name in English
 * @param region ISO 3166-2:UA code of the region it serves, e.g. {@code UA-46} (Lviv oblast) or
 *        {@code UA-30} (Kyiv city); {@code null} for a national body
 * @param parentCode code of the body it reports to or is coordinated through; {@code null} if none
 * @param email e-mail for appeals, or {@code null}
 * @param phone phone for appeals, or {@code null}
 * @param address postal address, or {@code null}
 */
public record Body(String code, BodyKind kind, String nameUk, String nameEn, String region, String parentCode,
        String email, String phone, String address) {
}
