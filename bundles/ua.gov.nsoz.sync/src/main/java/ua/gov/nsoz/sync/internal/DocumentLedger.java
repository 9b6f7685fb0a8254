package ua.gov.nsoz.sync.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which documents each peer has (issue 15): one empty file {@code <dir>/<peer>/<sha256>} per document this node
 * shipped to the peer (written once the broker has taken it) or received from it. The link ships a document's content
 * to a peer once: a document named again by a later event of the same appeal, or by another appeal, is not sent
 * again, and a document that came from a peer is never sent back to it.
 *
 * <p>Only an economy, never the guarantee: a mark lost (a crash between the broker's commit and the mark, a wiped
 * directory) makes the content go once more, which the receiver's inbox (the message id is the same for the same
 * sender, peer and document) and its content-addressed store make harmless.
 */
final class DocumentLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentLedger.class);
    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    /** @param dir where the marks are kept (made on first use) */
    DocumentLedger(Path dir) {
        this.dir = dir;
    }

    /** @return the node's ledger under {@code ${karaf.data}/nsoz/link-documents} */
    static DocumentLedger inKarafData() {
        return new DocumentLedger(Path.of(System.getProperty("karaf.data", "data"), "nsoz", "link-documents"));
    }

    /**
     * @param peer a node id
     * @param sha256 a document's hash
     * @return whether the peer is known to have the document
     */
    boolean has(String peer, String sha256) {
        Path p = path(peer, sha256);
        return p != null && Files.exists(p);
    }

    /**
     * Notes that the peer has the document; a failure to write is logged, not thrown (the content may go again).
     *
     * @param peer a node id
     * @param sha256 a document's hash
     */
    void mark(String peer, String sha256) {
        Path p = path(peer, sha256);
        if (p == null) {
            return;
        }
        try {
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        } catch (FileAlreadyExistsException e) {
            // Marked before.
        } catch (IOException e) {
            LOG.warn("Cannot note that {} has document {} ({}); its content may be sent to it again", peer, sha256,
                    e.toString());
        }
    }

    private Path path(String peer, String sha256) {
        if (peer == null || sha256 == null || !NODE_ID.matcher(peer).matches() || !SHA256.matcher(sha256).matches()) {
            return null;
        }
        return dir.resolve(peer).resolve(sha256);
    }
}
