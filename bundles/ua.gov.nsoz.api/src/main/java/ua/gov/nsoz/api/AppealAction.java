package ua.gov.nsoz.api;

/**
 * What a user may do to a registered appeal through {@link AppealService#act}. On the node that owns
 * the appeal it takes effect at once; elsewhere it becomes a change request to the owner. Each action
 * writes one event of the type it names; the fields of {@link ActionRequest} it needs are listed here.
 */
public enum AppealAction {
    /** Preliminary processing: set the topic code ({@code topic}) and/or the classification. Status stays. */
    CLASSIFY("CLASSIFIED"),
    /** An operator's note in the appeal's history ({@code comment}); the status stays. */
    NOTE("NOTE"),
    /**
     * Preliminary processing found that the appeal needs no additional study: it is to be considered at once,
     * within 15 days of receipt instead of one month (Law Art. 20). The status stays.
     */
    NO_ADDITIONAL_STUDY("MARKED_NO_ADDITIONAL_STUDY"),
    /** The contact center answers at first contact ({@code text}, R4): status ANSWERED_AT_FIRST_CONTACT. */
    ANSWER_AT_FIRST_CONTACT("ANSWERED_AT_FIRST_CONTACT"),
    /** Send to the competent body ({@code body}, R3): status FORWARDED; the applicant is told. */
    FORWARD("FORWARDED"),
    /** Not considered on its legal ground ({@code ground}, Art. 8, 17): status NOT_CONSIDERED. */
    NOT_CONSIDER("NOT_CONSIDERED"),
    /** The executive body accepts the appeal for consideration: status ACCEPTED. */
    ACCEPT("ACCEPTED"),
    /**
     * The body sends a misaddressed appeal on to the competent one ({@code body}, {@code comment}) within 5 days of
     * receiving it, and the applicant is told (Art. 7): status REDIRECTED.
     */
    REDIRECT("REDIRECTED"),
    /**
     * The head of the body (role {@link Actor#HEAD_OF_BODY}) extends the term ({@code days}, {@code comment} the
     * reason), never past 45 days in total; the applicant is told (Art. 20): status EXTENDED.
     */
    EXTEND("EXTENDED"),
    /** The body answers ({@code result}, {@code text}, {@code documents}; Art. 15, 19): status ANSWERED. */
    ANSWER("ANSWERED"),
    /** The applicant rates the answer ({@code rating} 1–5, {@code comment}): status CLOSED. */
    RATE("RATED"),
    /** The deadline watch: the term ends soon; the body is reminded (raised once per due date). Status stays. */
    REMIND("REMINDED"),
    /** The deadline watch: the term has passed; the appeal is escalated to the center. Status stays. */
    ESCALATE("ESCALATED"),
    /**
     * The term is shortened on the applicant's reasoned written request (Art. 20): {@code days} is the new term in
     * days from receipt, shorter than the one that applies, {@code comment} the applicant's reason. Status stays.
     */
    SHORTEN("TERM_SHORTENED"),
    /**
     * The body restores the missed term to file a complaint for a good reason ({@code comment}, Art. 17): the late
     * complaint is then considered and can no longer be refused on the ground LATE_COMPLAINT. Status stays.
     */
    RESTORE_TERM("TERM_RESTORED");

    private final String eventType;

    AppealAction(String eventType) {
        this.eventType = eventType;
    }

    /** @return the type of the event the action writes */
    public String eventType() {
        return eventType;
    }
}
