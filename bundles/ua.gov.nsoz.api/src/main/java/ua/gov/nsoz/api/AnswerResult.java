package ua.gov.nsoz.api;

/** The outcome of consideration given in the body's answer (Law Art. 15, 19). */
public enum AnswerResult {
    /** The request is satisfied (in full or in part). */
    SATISFIED("Задоволено", "Satisfied"),
    /** An explanation was given. */
    EXPLAINED("Роз'яснено", "Explained"),
    /** Refused, with the reasons and how to appeal the refusal (Art. 15). */
    REFUSED("Відмовлено", "Refused");

    private final String labelUk;
    private final String labelEn;

    AnswerResult(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the Ukrainian label */
    public String labelUk() {
        return labelUk;
    }

    /** @return the English label */
    public String labelEn() {
        return labelEn;
    }
}
