package ua.gov.nsoz.api;

/** The legal ground on which an appeal is not considered (Law Art. 8, 17); the appeal stays registered and counted. */
public enum NotConsideredGround {
    /** Authorship cannot be established: no full name or residence, or not signed (Art. 8). */
    ANONYMOUS("8", "Анонімне звернення", "Anonymous appeal"),
    /** From the same person to the same body on an issue already decided on its merits (Art. 8). */
    REPEATED("8", "Повторне звернення з питання, яке вже вирішено по суті", "Repeated appeal on an issue already decided"),
    /** A complaint filed after the term to appeal a decision (one year after it, one month after learning of it), not restored (Art. 17). */
    LATE_COMPLAINT("17", "Скаргу подано з пропуском строку оскарження", "Complaint filed after the term to appeal");

    private final String article;
    private final String labelUk;
    private final String labelEn;

    NotConsideredGround(String article, String labelUk, String labelEn) {
        this.article = article;
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the article of the Law "On citizens' appeals" */
    public String article() {
        return article;
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
