package ua.gov.nsoz.api;

/** Who may file an appeal (Reg. 3.2). */
public enum ApplicantType {
    /** Громадянин. */
    CITIZEN("Громадянин", "Citizen"),
    /** Підприємство. */
    ENTERPRISE("Підприємство", "Enterprise"),
    /** Установа. */
    INSTITUTION("Установа", "Institution"),
    /** Організація. */
    ORGANISATION("Організація", "Organisation"),
    /** Фізична особа - підприємець. */
    INDIVIDUAL_ENTREPRENEUR("Фізична особа - підприємець", "Individual entrepreneur"),
    /** Орган місцевого самоврядування. */
    LOCAL_SELF_GOVERNMENT("Орган місцевого самоврядування", "Local self-government body");

    private final String labelUk;
    private final String labelEn;

    ApplicantType(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the Ukrainian label shown to users */
    public String labelUk() {
        return labelUk;
    }

    /** @return the English label */
    public String labelEn() {
        return labelEn;
    }
}
