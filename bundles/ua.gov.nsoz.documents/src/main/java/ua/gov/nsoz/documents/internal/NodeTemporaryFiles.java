package ua.gov.nsoz.documents.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's own folder of temporary files, {@code <documents folder>/tmp/<node key>}, where an upload is written
 * while it is hashed and checked, before {@link FileDocumentStore} renames it to its name (on the same file system,
 * so the rename is atomic). Kept apart from the store because the nodes of a center may share the documents folder
 * (docs/center-cluster.md): each node needs a folder of its own, known by a key that stays the same across its
 * restarts ({@code ${karaf.data}/nsoz/documents-node-key}, made at the first start), so that its start can clean its
 * own left-overs without deleting the other node's uploads in progress.
 */
final class NodeTemporaryFiles {

    /** A node key: lower-case letters and digits. */
    static final Pattern NODE_KEY = Pattern.compile("[0-9a-z]{1,32}");

    /** Where an installation keeps its node key, under {@code karaf.data}. */
    static final String NODE_KEY_FILE = "documents-node-key";

    /** Temporary files older than this in another node's temporary folder (or the old layout's) are left-overs. */
    static final Duration STALE_TEMPORARY = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(NodeTemporaryFiles.class);

    private final Path all;
    private final Path tmp;

    /**
     * Names the folder; nothing is made or cleaned yet ({@link #prepare()}).
     *
     * @param root the documents folder
     * @param nodeKey this node's key: the folder is {@code <root>/tmp/<nodeKey>}
     * @throws IllegalArgumentException if the key is not one ({@link #NODE_KEY})
     */
    NodeTemporaryFiles(Path root, String nodeKey) {
        if (nodeKey == null || !NODE_KEY.matcher(nodeKey).matches()) {
            throw new IllegalArgumentException("Not a node key: " + nodeKey);
        }
        this.all = root.resolve("tmp");
        this.tmp = all.resolve(nodeKey);
    }

    /**
     * This installation's node key, kept in {@code ${karaf.data}/nsoz/documents-node-key}.
     *
     * @return the key
     * @throws IOException if it can be neither read nor made
     * @see #nodeKey(Path)
     */
    static String installationKey() throws IOException {
        return nodeKey(Path.of(System.getProperty("karaf.data", "data"), "nsoz", NODE_KEY_FILE));
    }

    /**
     * This installation's node key: 16 random hex digits made at its first start and kept in {@code file} (under
     * {@code karaf.data}, which is the installation's own), so that it stays the same across restarts and differs
     * between any two installations, also two installed alike at the same paths on two machines.
     *
     * @param file where the key is kept
     * @return the key
     * @throws IOException if it can be neither read nor made
     */
    static String nodeKey(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (NODE_KEY.matcher(key).matches()) {
                return key;
            }
            LOG.warn("The node key in {} is not one; making a new one", file);
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, key + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return key;
    }

    /** @return this node's temporary folder, {@code <root>/tmp/<node key>} */
    Path folder() {
        return tmp;
    }

    /**
     * At the start: makes the folder and cleans the temporary files left by a stop in the middle of an upload.
     *
     * @throws IOException if the folder cannot be made
     */
    void prepare() throws IOException {
        Files.createDirectories(tmp);
        clean();
    }

    /** A new temporary file in this node's own folder (made again if someone deleted it meanwhile). */
    Path newFile() throws IOException {
        try {
            return Files.createTempFile(tmp, "upload-", ".part");
        } catch (NoSuchFileException e) {
            Files.createDirectories(tmp);
            return Files.createTempFile(tmp, "upload-", ".part");
        }
    }

    /**
     * Temporary files left by a stop in the middle of an upload: all of this node's own; in {@code tmp/} itself (the
     * layout before node keys) and in the other nodes' folders only those untouched for {@link #STALE_TEMPORARY} (by
     * the file system's clock: an upload in progress writes to its file), so that the other node's uploads in
     * progress stay. Folders are never deleted.
     */
    private void clean() {
        deleteFiles(tmp, null);
        long staleBefore = System.currentTimeMillis() - STALE_TEMPORARY.toMillis();
        try (var entries = Files.list(all)) {
            entries.forEach(f -> {
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    if (!f.getFileName().equals(tmp.getFileName())) {
                        deleteFiles(f, staleBefore);
                    }
                } else {
                    deleteIfStale(f, staleBefore);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot list {}: {}", all, e.toString());
        }
    }

    /** Deletes a folder's files, those modified before {@code staleBefore} only if it is given. */
    private static void deleteFiles(Path dir, Long staleBefore) {
        try (var files = Files.list(dir)) {
            files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .forEach(f -> deleteIfStale(f, staleBefore));
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot list {}: {}", dir, e.toString());
        }
    }

    private static void deleteIfStale(Path f, Long staleBefore) {
        try {
            if (staleBefore == null || Files.getLastModifiedTime(f).toMillis() < staleBefore) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", f, e.toString());
        }
    }
}
