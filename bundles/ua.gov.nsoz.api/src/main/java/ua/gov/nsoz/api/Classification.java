package ua.gov.nsoz.api;

/**
 * How an appeal relates to others, after the classifier of appeals (CMU resolution No. 858 of 2003):
 * found automatically at registration and changeable by the operator ({@link AppealAction#CLASSIFY}).
 */
public enum Classification {
    /** The applicant's first appeal on the issue. */
    PRIMARY("Первинне", "Primary"),
    /** The same applicant again on the same issue after an answer (may not be considered, Art. 8). */
    REPEATED("Повторне", "Repeated"),
    /** The same applicant's same appeal again while the first is still under consideration. */
    DUPLICATE("Дублетне", "Duplicate"),
    /** The same applicant's appeal sent to several bodies or through several channels at once. */
    MULTIPLE("Множинне", "Multiple"),
    /** The same text from many applicants (a mass appeal). */
    MASS("Масове", "Mass");

    private final String labelUk;
    private final String labelEn;

    Classification(String labelUk, String labelEn) {
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
