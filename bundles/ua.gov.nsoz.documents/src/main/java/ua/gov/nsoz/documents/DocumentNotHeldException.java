package ua.gov.nsoz.documents;

import java.util.List;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;

/**
 * An attachment names by its {@code sha256} a document this node does not hold (issue 15): the REST layer answers
 * 422 naming the field. A {@link ValidationException}, so whoever handles those handles it too.
 */
public class DocumentNotHeldException extends ValidationException {

    private static final long serialVersionUID = 1L;

    /** @param errors one per attachment naming an unknown document, the field like {@code attachments[0].sha256} */
    public DocumentNotHeldException(List<FieldError> errors) {
        super(errors);
    }

    /**
     * @param field the field, e.g. {@code documents[1].sha256}
     * @return the error for it
     */
    public static FieldError notHeld(String field) {
        return new FieldError(field, "Документ з таким SHA-256 не завантажено на цей вузол / No document with this "
                + "SHA-256 was uploaded to this node");
    }
}
