package ua.gov.nsoz.api;

/**
 * Which legal term an appeal's deadline follows, with the article of the Law "On citizens' appeals" it rests on.
 * How long each term is (one month, 15 days, …) is not here: it is data of the node's versioned rule set of
 * terms ({@code docs/processing.md}, "The rule set of terms"), so that a change of the law or of its reading is a
 * change of data and tests.
 */
public enum DeadlineKind {
    /** Consideration: at most one month from receipt (Art. 20). */
    STANDARD("20", "Розгляд звернення", "Consideration of the appeal"),
    /** Consideration of an appeal that needs no additional study: immediately, at most 15 days (Art. 20). */
    NO_ADDITIONAL_STUDY("20", "Розгляд звернення, що не потребує додаткового вивчення",
            "Consideration of an appeal needing no additional study"),
    /** Consideration in a term shortened on the applicant's reasoned written request (Art. 20). */
    SHORTENED("20", "Розгляд у скороченому на обґрунтовану письмову вимогу заявника строку",
            "Consideration in a term shortened on the applicant's reasoned written request"),
    /** Forwarding a misaddressed appeal to the competent body, applicant told: 5 days (Art. 7). */
    REDIRECT("7", "Пересилання звернення за належністю", "Forwarding the appeal to the competent body"),
    /** Returning an appeal not made out as Art. 5 requires, with explanations: 10 days from receipt (Art. 7). */
    RETURN("7", "Повернення звернення, оформленого без дотримання вимог ст. 5, з роз'ясненнями",
            "Return of an appeal not made out as Art. 5 requires, with explanations");

    private final String article;
    private final String labelUk;
    private final String labelEn;

    DeadlineKind(String article, String labelUk, String labelEn) {
        this.article = article;
        this.labelUk = labelUk;
        this.labelEn = labelEn;
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
