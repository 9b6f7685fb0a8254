package ua.gov.nsoz.monitoring;

/** Where an alert stands: OPEN → ACKNOWLEDGED → CLOSED (an open alert may also be closed at once). */
public enum AlertStatus {
    /** Raised, nobody has looked at it yet. */
    OPEN("Нове", "Open"),
    /** An analyst has seen it and works on it. */
    ACKNOWLEDGED("Прийнято до уваги", "Acknowledged"),
    /** Dealt with (or a false alarm): the note says which. */
    CLOSED("Закрито", "Closed");

    private final String labelUk;
    private final String labelEn;

    AlertStatus(String labelUk, String labelEn) {
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
