package ua.gov.nsoz.api;

import java.time.Duration;

/**
 * Too many wrong access codes for one registration number: the public lookup and rating of that appeal are closed
 * for a while, whatever code is given, so the code cannot be guessed by trying.
 */
public class TooManyAttemptsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param message what happened, "Ukrainian / English"
     * @param retryAfter when to try again
     */
    public TooManyAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** @return how long until the lookup opens again */
    public Duration retryAfter() {
        return retryAfter;
    }
}
