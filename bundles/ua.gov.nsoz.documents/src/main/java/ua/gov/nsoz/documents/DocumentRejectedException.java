package ua.gov.nsoz.documents;

/** A document the store does not take, with the reason in Ukrainian and English. */
public class DocumentRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a document was refused. */
    public enum Reason {
        /** No bytes. */
        EMPTY,
        /** Larger than {@link DocumentLimits#maxBytes()}. */
        TOO_LARGE,
        /** The content is not of an allowed type, or contradicts the name's extension. */
        TYPE_NOT_ALLOWED
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message "Ukrainian / English"
     */
    public DocumentRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }
}
