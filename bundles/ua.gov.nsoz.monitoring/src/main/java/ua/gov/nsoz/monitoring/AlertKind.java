package ua.gov.nsoz.monitoring;

/** What an alert is about. */
public enum AlertKind {
    /** Far more appeals than the baseline of the same topic section and region leads to expect. */
    SPIKE("Сплеск звернень", "Spike of appeals"),
    /** Appeals on a topic section that had (almost) none in the region during the baseline. */
    NEW_ISSUE("Нова проблема", "Newly emerging issue");

    private final String labelUk;
    private final String labelEn;

    AlertKind(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the name in Ukrainian */
    public String labelUk() {
        return labelUk;
    }

    /** @return the name in English */
    public String labelEn() {
        return labelEn;
    }
}
