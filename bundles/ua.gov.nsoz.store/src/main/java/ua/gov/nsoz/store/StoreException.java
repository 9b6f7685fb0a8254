package ua.gov.nsoz.store;

/** The store could not do what was asked; nothing was written. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying error
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
