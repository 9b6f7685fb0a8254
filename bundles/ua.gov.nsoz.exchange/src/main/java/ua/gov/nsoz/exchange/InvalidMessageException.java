package ua.gov.nsoz.exchange;

/**
 * A document that is not a valid exchange message: not XML, too large, with a DOCTYPE, in another
 * namespace, or not valid against {@code exchange-1.xsd}. The message is the reason, written for the
 * person who reads the dead-letter queue: it names the line and the element and what is wrong, and
 * quotes no value longer than a few dozen characters, so that it carries no applicant's text.
 */
public class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason what is wrong, human-readable
     */
    public InvalidMessageException(String reason) {
        super(reason);
    }

    /** @return what is wrong (the same as {@link #getMessage()}) */
    public String reason() {
        return getMessage();
    }
}
