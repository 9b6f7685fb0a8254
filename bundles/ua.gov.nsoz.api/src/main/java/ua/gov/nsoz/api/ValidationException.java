package ua.gov.nsoz.api;

import java.util.List;

/** A request that cannot be accepted as given; carries every field problem found, not just the first. */
public class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    /**
     * @param errors the problems, at least one
     */
    public ValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** @return the problems found */
    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("Invalid request:");
        for (FieldError e : errors) {
            sb.append(' ').append(e.field()).append(';');
        }
        return sb.toString();
    }
}
