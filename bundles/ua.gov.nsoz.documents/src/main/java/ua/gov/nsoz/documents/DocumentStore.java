package ua.gov.nsoz.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The node's documents, content-addressed by SHA-256. Storing the same content twice keeps one file. */
public interface DocumentStore {

    /**
     * Stores a document: reads the content to its end (at most {@link DocumentLimits#maxBytes()}), checks its type
     * by the content, and keeps it under its SHA-256. The file is durable before this returns.
     *
     * @param content the bytes; read to the end, not closed
     * @param fileName the name the sender gave, used only to tell which of the allowed types' names it claims
     *        (a name that contradicts the content is refused); may be {@code null}
     * @return what was stored (or was there already with the same content)
     * @throws DocumentRejectedException if it is empty, too large, or of a type not allowed
     * @throws IOException if it cannot be read or written
     */
    StoredDocument put(InputStream content, String fileName) throws DocumentRejectedException, IOException;

    /**
     * @param sha256 hex SHA-256 (64 lower-case characters)
     * @return the document, if this node has its content
     */
    Optional<StoredDocument> find(String sha256);

    /**
     * @param sha256 hex SHA-256
     * @return the content, to be closed by the caller
     * @throws java.util.NoSuchElementException if this node does not have it
     * @throws IOException if it cannot be read
     */
    InputStream open(String sha256) throws IOException;

    /** @return the limits in effect (configuration PID {@code ua.gov.nsoz.documents}) */
    DocumentLimits limits();
}
