package ua.gov.nsoz.api;

/**
 * Metadata of a document attached to an appeal; the content lives in a document store.
 *
 * @param fileName the file's name as the applicant gave it
 * @param mediaType its media type, e.g. {@code application/pdf}
 * @param sizeBytes its size in bytes
 * @param sha256 hex SHA-256 of the content, if known
 */
public record Attachment(String fileName, String mediaType, long sizeBytes, String sha256) {
}
