package ua.gov.nsoz.api;

/** The kind of an appeal (Law "On citizens' appeals", Art. 3). */
public enum AppealKind {
    /** Пропозиція (зауваження): a proposal or remark. */
    PROPOSAL("Пропозиція (зауваження)", "Proposal (remark)"),
    /** Заява (клопотання): an application or petition. */
    APPLICATION("Заява (клопотання)", "Application (petition)"),
    /** Скарга: a complaint. */
    COMPLAINT("Скарга", "Complaint");

    private final String labelUk;
    private final String labelEn;

    AppealKind(String labelUk, String labelEn) {
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
