package ua.gov.nsoz.api;

/**
 * What a user may do to a registered appeal through {@link AppealService#act}. On the node that owns
 * the appeal it takes effect at once; elsewhere it becomes a change request to the owner.
 */
public enum AppealAction {
    /** The executive body accepts the appeal for consideration: status ACCEPTED. */
    ACCEPT("ACCEPTED"),
    /** An operator's note in the appeal's history; the status stays. */
    NOTE("NOTE"),
    /**
     * Preliminary processing found that the appeal needs no additional study: it is to be considered at once,
     * within 15 days of receipt instead of 30 (Law Art. 20). The status stays.
     */
    NO_ADDITIONAL_STUDY("MARKED_NO_ADDITIONAL_STUDY");

    private final String eventType;

    AppealAction(String eventType) {
        this.eventType = eventType;
    }

    /** @return the type of the event the action writes */
    public String eventType() {
        return eventType;
    }
}
