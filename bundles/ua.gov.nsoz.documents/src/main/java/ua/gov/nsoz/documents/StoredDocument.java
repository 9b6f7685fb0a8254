package ua.gov.nsoz.documents;

import java.time.Instant;
import ua.gov.nsoz.api.Attachment;

/**
 * A document this node holds.
 *
 * @param sha256 hex SHA-256 of the content, lower case
 * @param mediaType the type found in the content, e.g. {@code application/pdf}
 * @param sizeBytes its size
 * @param storedAt when this node first stored it
 */
public record StoredDocument(String sha256, String mediaType, long sizeBytes, Instant storedAt) {

    /**
     * @param fileName the name to show
     * @return the attachment that names this document in an appeal
     */
    public Attachment attachment(String fileName) {
        return new Attachment(fileName, mediaType, sizeBytes, sha256);
    }
}
