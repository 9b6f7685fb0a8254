package ua.gov.nsoz.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentRejectedException.Reason;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;

/**
 * The node's documents as files {@code <folder>/<first 2 hex>/<sha256>} (default folder
 * {@code ${karaf.data}/nsoz/documents}) with an index table {@code nsoz_document} in the node's database (changeset
 * {@code documents:1-document}). A document is written to a temporary file in the folder while it is hashed, checked
 * by its content, forced to disk, indexed and renamed atomically to its name; the same content twice is one file. A
 * periodic purge deletes the documents that no appeal names (or only appeals whose personal data retention has
 * anonymized) once {@link DocumentsConfig#orphanHours()} have passed since they were last stored (docs/documents.md).
 *
 * <p>The nodes of a center may share one folder (and have one database): each writes its temporary files to its own
 * {@code tmp/<node key>} and cleans only that one at start ({@link NodeTemporaryFiles}); the scheduled purge runs at the leading node only
 * ({@link Leadership}); and a purge and an upload of the same content are ordered by the index row's lock (the purge
 * deletes the row and the file in one transaction, an upload touches the row before it places the file).
 */
@Component(service = DocumentStore.class, configurationPid = FileDocumentStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "dataSource.target=(dataSourceName=nsoz)")
@Designate(ocd = DocumentsConfig.class)
public class FileDocumentStore implements DocumentStore {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.documents";

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final Logger LOG = LoggerFactory.getLogger(FileDocumentStore.class);

    /** Bytes of the start of a document kept for the magic numbers. */
    private static final int HEAD = 16;

    /**
     * The documents no appeal names (or only anonymized ones), untouched since the cutoff (parameter 1); the same
     * condition guards the delete, so a registration that names a document meanwhile keeps it.
     */
    private static final String UNNAMED = "touched_at < ? AND NOT EXISTS (SELECT 1 FROM appeal_attachment a "
            + "JOIN appeal p ON p.id = a.appeal_id WHERE a.sha256 = nsoz_document.sha256 AND p.anonymized_at IS NULL)";

    /** A call's recording (bundle ua.gov.nsoz.calls, table call_record, where that bundle runs) is named too. */
    private static final String NO_CALL = " AND NOT EXISTS (SELECT 1 FROM call_record r "
            + "WHERE r.recording_sha256 = nsoz_document.sha256)";

    private final DataSource dataSource;
    private final Path root;
    private final NodeTemporaryFiles temporary;
    private final DocumentLimits limits;
    private final Duration orphanAge;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    /** A center of several nodes: only the leading node purges on schedule (docs/center-cluster.md); none: it does. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Leadership leadership;

    /** Test seam: runs in the purge between a row's delete and its file's, the hash given. */
    volatile java.util.function.Consumer<String> beforeFileDelete = hex -> { };

    /**
     * @param dataSource the node's DataSource
     * @param config the configuration
     * @throws IOException if the folder cannot be made
     */
    @Activate
    public FileDocumentStore(@Reference(name = "dataSource") DataSource dataSource, DocumentsConfig config)
            throws IOException {
        this(dataSource, folder(config.directory()), limits(config), Duration.ofHours(Math.max(1, config.orphanHours())),
                Clock.systemUTC(), config.purgeMinutes(), NodeTemporaryFiles.installationKey());
    }

    /** A store alone on its folder (tests): node key {@code single}. */
    FileDocumentStore(DataSource dataSource, Path root, DocumentLimits limits, Duration orphanAge, Clock clock,
            int purgeMinutes) throws IOException {
        this(dataSource, root, limits, orphanAge, clock, purgeMinutes, "single");
    }

    /**
     * @param purgeMinutes minutes between purges, 0 for none (tests call {@link #purge()})
     * @param nodeKey this node's key: its temporary folder is {@code <root>/tmp/<nodeKey>}
     * @throws IllegalArgumentException if the node key is not one
     */
    FileDocumentStore(DataSource dataSource, Path root, DocumentLimits limits, Duration orphanAge, Clock clock,
            int purgeMinutes, String nodeKey) throws IOException {
        this.temporary = new NodeTemporaryFiles(root, nodeKey);
        this.dataSource = dataSource;
        this.root = root;
        this.limits = limits;
        this.orphanAge = orphanAge;
        this.clock = clock;
        migrate(dataSource);
        temporary.prepare();
        if (purgeMinutes > 0) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nsoz-documents-purge");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::purgeQuietly, purgeMinutes, purgeMinutes, TimeUnit.MINUTES);
        } else {
            executor = null;
        }
        LOG.info("Documents at {} (temporary files in tmp/{}): at most {} bytes, {} per appeal, types {}; purge of "
                + "unnamed documents after {} h, {}", root, temporary.folder().getFileName(), limits.maxBytes(),
                limits.maxPerAppeal(), limits.mediaTypes(), orphanAge.toHours(),
                purgeMinutes > 0 ? "every " + purgeMinutes + " min" : "not scheduled");
    }

    /** Stops the purge. */
    @Deactivate
    void deactivate() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    static Path folder(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "nsoz", "documents");
    }

    static DocumentLimits limits(DocumentsConfig c) {
        List<String> types = c.mediaTypes() == null ? ContentTypes.DEFAULT_ALLOWED
                : Arrays.stream(c.mediaTypes()).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new DocumentLimits(Math.max(1, c.maxBytes()), Math.max(0, c.maxPerAppeal()), types);
    }

    /** Creates or upgrades the index table by this bundle's changelog (changesets {@code documents:*}). */
    static void migrate(DataSource dataSource) {
        ua.gov.nsoz.store.SchemaMigrations.migrate(dataSource, "ua/gov/nsoz/documents/internal/db/changelog.sql",
                FileDocumentStore.class.getClassLoader());
    }

    @Override
    public DocumentLimits limits() {
        return limits;
    }

    @Override
    public StoredDocument put(InputStream content, String fileName) throws DocumentRejectedException, IOException {
        Path tmp = temporary.newFile();
        try {
            MessageDigest sha = sha256();
            byte[] head = new byte[HEAD];
            int headLength = 0;
            long size = 0;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    if (n == 0) {
                        continue;
                    }
                    if (headLength < HEAD) {
                        int take = Math.min(HEAD - headLength, n);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    size += n;
                    if (size > limits.maxBytes()) {
                        throw new DocumentRejectedException(Reason.TOO_LARGE, "Файл більший за "
                                + limits.maxBytes() + " байтів / The file is larger than " + limits.maxBytes()
                                + " bytes");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            if (size == 0) {
                throw new DocumentRejectedException(Reason.EMPTY, "Файл порожній / The file is empty");
            }
            String type = ContentTypes.sniff(tmp, Arrays.copyOf(head, headLength)).orElse(null);
            if (type == null || !limits.mediaTypes().contains(type)) {
                throw new DocumentRejectedException(Reason.TYPE_NOT_ALLOWED, "Тип файлу не дозволено (дозволено: "
                        + "PDF, JPEG, PNG, текст, DOCX, ODT) / File type not allowed (allowed: " + limits.mediaTypes()
                        + ")");
            }
            if (!ContentTypes.nameFits(fileName, type)) {
                throw new DocumentRejectedException(Reason.TYPE_NOT_ALLOWED, "Розширення назви файлу не відповідає "
                        + "його вмісту (" + type + ") / The file name's extension contradicts its content (" + type
                        + ")");
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            // The row first: touched now, no purge deletes it any more, and a purge of the same content that got
            // there first (at this node or the center's other one) has committed, its file deleted, once this returns.
            StoredDocument stored = index(hex, type, size);
            Path target = file(hex);
            if (Files.exists(target) && Files.size(target) == size) {
                Files.deleteIfExists(tmp);
            } else {
                Files.createDirectories(target.getParent());
                // Two uploads of the same content at once (here or at the other node) may both rename: the second
                // replaces identical bytes, atomically.
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                forceDirectory(target.getParent());
            }
            return stored;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return this node's temporary folder, {@code <root>/tmp/<node key>} (tests) */
    Path temporaryFolder() {
        return temporary.folder();
    }

    /** The rename is durable once the folder's entry is on disk (where the platform lets a folder be forced). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot force the folder {} to disk: {}", dir, e.toString());
        }
    }

    /** The row of a stored content: inserted the first time, touched each time after. */
    private StoredDocument index(String hex, String type, long size) throws IOException {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE nsoz_document SET touched_at = ? WHERE sha256 = ?")) {
                ps.setLong(1, now);
                ps.setString(2, hex);
                if (ps.executeUpdate() == 0) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO nsoz_document (sha256, media_type, "
                            + "size_bytes, stored_at, touched_at) VALUES (?, ?, ?, ?, ?)")) {
                        ins.setString(1, hex);
                        ins.setString(2, type);
                        ins.setLong(3, size);
                        ins.setLong(4, now);
                        ins.setLong(5, now);
                        ins.executeUpdate();
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                        // Stored at the same moment by another upload of the same content: one row is enough.
                    }
                }
            }
            return row(c, hex).orElseThrow(() -> new IOException("Document " + hex + " not indexed"));
        } catch (SQLException e) {
            throw new IOException("Cannot index document " + hex + ": " + e.getMessage(), e);
        }
    }

    private static Optional<StoredDocument> row(Connection c, String hex) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT media_type, size_bytes, stored_at FROM nsoz_document WHERE sha256 = ?")) {
            ps.setString(1, hex);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredDocument(hex, rs.getString(1), rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3))));
            }
        }
    }

    @Override
    public Optional<StoredDocument> find(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return row(c, sha256).filter(d -> Files.isRegularFile(file(sha256)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the documents' index: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new NoSuchElementException("No document " + sha256);
        }
        try {
            return Files.newInputStream(file(sha256));
        } catch (NoSuchFileException e) {
            throw new NoSuchElementException("No document " + sha256);
        }
    }

    /** @return where the content with this hash lives */
    Path file(String hex) {
        return root.resolve(hex.substring(0, 2)).resolve(hex);
    }

    /**
     * Deletes the documents that no appeal names, or that only appeals anonymized by retention name, and that were
     * last stored before the orphan age: the row first (under the same condition, so that a registration naming the
     * document meanwhile keeps it), then the file, in one transaction per document: an upload of the same content
     * meanwhile (here or at the center's other node) waits on the row and places its file after this one's delete.
     *
     * @return how many were deleted
     */
    int purge() {
        long cutoff = clock.instant().minus(orphanAge).toEpochMilli();
        List<String> candidates = new ArrayList<>();
        int deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String unnamed = UNNAMED + (hasTable(c, "CALL_RECORD") ? NO_CALL : "");
            try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM nsoz_document WHERE " + unnamed)) {
                ps.setLong(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getString(1));
                    }
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM nsoz_document WHERE sha256 = ? AND " + unnamed)) {
                for (String hex : candidates) {
                    del.setString(1, hex);
                    del.setLong(2, cutoff);
                    if (del.executeUpdate() == 1) {
                        beforeFileDelete.accept(hex);
                        try {
                            Files.deleteIfExists(file(hex));
                        } catch (IOException e) {
                            LOG.warn("Document {} unindexed, its file not deleted: {}", hex, e.toString());
                        }
                        deleted++;
                    }
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge documents: " + e.getMessage(), e);
        }
        if (deleted > 0) {
            LOG.info("Purged {} document(s) that no appeal names (or only anonymized ones)", deleted);
        }
        return deleted;
    }

    /**
     * The scheduled purge: at a center of several nodes only the leading node purges (a missing {@link Leadership}
     * service: this node leads).
     *
     * @return how many were deleted; empty if the center's other node leads now
     */
    OptionalInt scheduledPurge() {
        if (!Leadership.leads(leadership)) {
            LOG.debug("Purge of documents skipped: the center's other node leads");
            return OptionalInt.empty();
        }
        return OptionalInt.of(purge());
    }

    private void purgeQuietly() {
        try {
            scheduledPurge();
        } catch (RuntimeException e) {
            LOG.warn("Purge of documents failed: {}", e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
