package ua.gov.nsoz.exchange;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of one document an appeal names (its attachments, its answer's documents), shipped to the peer
 * that holds a copy of the appeal (added within version 1, issue 15). The receiver stores it in its own document
 * store only if the SHA-256 of {@code content} is {@code sha256} and its length {@code sizeBytes}.
 *
 * @param header the message header
 * @param appealId the appeal that names the document (the receiver checks that the sender may ship documents of it)
 * @param fileName the name the appeal gives the document (1 to 300 characters)
 * @param mediaType the type the sender's store found in the content, e.g. {@code application/pdf}
 * @param sizeBytes the content's length
 * @param sha256 hex SHA-256 of the content, 64 lower-case characters
 * @param content the bytes (not copied: do not change them)
 */
public record DocumentContentMessage(Header header, String appealId, String fileName, String mediaType,
        long sizeBytes, String sha256, byte[] content) implements ExchangeMessage {

    /** Required parts must be present. */
    public DocumentContentMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(content, "content");
    }

    /** Equal if every part is, the content byte by byte. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentContentMessage m && header.equals(m.header) && appealId.equals(m.appealId)
                && fileName.equals(m.fileName) && mediaType.equals(m.mediaType) && sizeBytes == m.sizeBytes
                && sha256.equals(m.sha256) && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, appealId, sha256, sizeBytes) * 31 + Arrays.hashCode(content);
    }

    /** Names the document by its hash and size only: neither the file's name nor its bytes (personal data). */
    @Override
    public String toString() {
        return "DocumentContentMessage[" + header.messageId() + ", appeal " + appealId + ", sha256 " + sha256 + ", "
                + sizeBytes + " bytes]";
    }
}
