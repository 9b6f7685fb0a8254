package ua.gov.nsoz.sync;

/** A received document that is invalid or cannot be applied; its reason is safe to log and to show. */
public class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason why, without applicants' personal data
     * @param cause the underlying error, if any
     */
    public RejectedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
