package ua.gov.nsoz.api;

/**
 * Which legal term an appeal's deadline follows. Each kind carries its default number of calendar
 * days and the article of the Law "On citizens' appeals" it rests on.
 */
public enum DeadlineKind {
    /** Consideration: at most one month from receipt, counted as 30 days (Art. 20). */
    STANDARD(30, "20", "Розгляд звернення", "Consideration of the appeal"),
    /** Consideration of an appeal that needs no additional study: immediately, at most 15 days (Art. 20). */
    NO_ADDITIONAL_STUDY(15, "20", "Розгляд звернення, що не потребує додаткового вивчення",
            "Consideration of an appeal needing no additional study"),
    /** Forwarding a misaddressed appeal to the competent body, applicant told: 5 days (Art. 7). */
    REDIRECT(5, "7", "Пересилання звернення за належністю", "Forwarding the appeal to the competent body");

    private final int days;
    private final String article;
    private final String labelUk;
    private final String labelEn;

    DeadlineKind(int days, String article, String labelUk, String labelEn) {
        this.days = days;
        this.article = article;
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the default term in calendar days, counted from the legal receipt date */
    public int days() {
        return days;
    }

    /** @return the number of the article of the Law this term rests on, e.g. {@code "20"} */
    public String article() {
        return article;
    }

    /** @return the article as cited in Ukrainian text, e.g. {@code "ст. 20"} */
    public String articleUk() {
        return "ст. " + article;
    }

    /** @return the article as cited in English text, e.g. {@code "Art. 20"} */
    public String articleEn() {
        return "Art. " + article;
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
