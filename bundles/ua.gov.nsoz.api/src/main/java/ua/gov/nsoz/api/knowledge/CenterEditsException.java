package ua.gov.nsoz.api.knowledge;

/** An article may be written only at the center; a region keeps the center's copy. */
public class CenterEditsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was refused, naming the center */
    public CenterEditsException(String message) {
        super(message);
    }
}
