package ua.gov.nsoz.api;

/**
 * One problem with one field of a request.
 *
 * @param field the field's path in the request, e.g. {@code applicant.email}
 * @param message what is wrong, in Ukrainian and English
 */
public record FieldError(String field, String message) {
}
