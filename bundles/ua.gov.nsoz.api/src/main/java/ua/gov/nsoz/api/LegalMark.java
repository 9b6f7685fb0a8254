package ua.gov.nsoz.api;

/**
 * A legal defect found at intake. The appeal is still registered (refusing to accept is prohibited,
 * Art. 7); the mark tells the operator the ground on which it may be returned or not considered.
 */
public enum LegalMark {
    /** No full name or no place of residence: authorship cannot be established (Art. 8). */
    ANONYMOUS("8", "Анонімне звернення: не зазначено ПІБ або місце проживання",
            "Anonymous: no full name or place of residence"),
    /** A written appeal that is not signed by its author, marker "БП" (Art. 5, 8; Instruction 348). */
    UNSIGNED("5, 8", "Не підписане автором (БП)", "Not signed by the author"),
    /** An electronic appeal with no e-mail or other contact for the reply (Art. 5). */
    NO_CONTACT_FOR_REPLY("5", "Електронне звернення без адреси електронної пошти чи іншого контакту",
            "Electronic appeal without an e-mail or other contact for the reply"),
    /**
     * A complaint filed after its term: more than one year after the contested decision, or more than one month
     * after the applicant learned of it (Art. 17). Registered all the same (Art. 7); the body may restore the term
     * for a good reason ({@link AppealAction#RESTORE_TERM}), else it is not considered.
     */
    LATE_COMPLAINT("17", "Скаргу подано з пропуском строку оскарження",
            "Complaint filed after the term to contest the decision");

    private final String article;
    private final String messageUk;
    private final String messageEn;

    LegalMark(String article, String messageUk, String messageEn) {
        this.article = article;
        this.messageUk = messageUk;
        this.messageEn = messageEn;
    }

    /** @return the article(s) of the Law "On citizens' appeals" this mark rests on */
    public String article() {
        return article;
    }

    /** @return the Ukrainian explanation */
    public String messageUk() {
        return messageUk;
    }

    /** @return the English explanation */
    public String messageEn() {
        return messageEn;
    }
}
