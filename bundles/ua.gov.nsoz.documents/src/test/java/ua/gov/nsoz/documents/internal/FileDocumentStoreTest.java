package ua.gov.nsoz.documents.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentRejectedException.Reason;
import ua.gov.nsoz.documents.StoredDocument;

/** The document store on a real embedded Derby (the store's schema and this bundle's) and a temporary folder. */
@DisplayName("FileDocumentStore: type by content, limits, durable dedup, purge of unnamed documents")
class FileDocumentStoreTest {

    @TempDir
    static Path home;

    @TempDir
    Path folder;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");

    TestDatabase db;
    DataSource ds;
    MutableClock clock;
    FileDocumentStore store;

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() throws Exception {
        // this run's engine (nsoz.test.db): Derby, or PostgreSQL
        db = TestDatabases.create(home, "docs-" + DATABASES.incrementAndGet());
        ds = db.dataSource();
        quietly(() -> ua.gov.nsoz.store.SchemaMigrations.migrate(ds, "ua/gov/nsoz/store/db/changelog.sql",
                ua.gov.nsoz.store.SchemaMigrations.class.getClassLoader()));
        clock = new MutableClock();
        quietly(() -> store = new FileDocumentStore(ds, folder, limits(1024), Duration.ofHours(24), clock, 0));
    }

    static DocumentLimits limits(long maxBytes) {
        return new DocumentLimits(maxBytes, 10, ContentTypes.DEFAULT_ALLOWED);
    }

    interface Step {
        void run() throws Exception;
    }

    /** Liquibase's console output to its logger. */
    static void quietly(Step step) throws Exception {
        liquibase.Scope.child(liquibase.Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService(), step::run);
    }

    @AfterEach
    void shutdown() {
        db.close();
    }

    // ---- synthetic documents -----------------------------------------------------------------------------------

    static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] jpeg() {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
    }

    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] exe() {
        return new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
    }

    static byte[] elf() {
        return new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0};
    }

    StoredDocument put(byte[] content, String name) throws Exception {
        return store.put(new ByteArrayInputStream(content), name);
    }

    Reason refused(byte[] content, String name) {
        return assertThrows(DocumentRejectedException.class, () -> put(content, name)).reason();
    }

    static String sha(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    // ---- type by content ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("Each allowed type is told by its content: PDF, JPEG, PNG, UTF-8 text, DOCX, ODT")
    void sniffsEachType() throws Exception {
        assertEquals(ContentTypes.PDF, put(pdf(), "akt.pdf").mediaType());
        assertEquals(ContentTypes.JPEG, put(jpeg(), "foto.JPG").mediaType());
        assertEquals(ContentTypes.PNG, put(png(), "skan.png").mediaType());
        assertEquals(ContentTypes.TEXT, put("Синтетичний текст\n".getBytes(StandardCharsets.UTF_8), "lyst.txt")
                .mediaType());
        assertEquals(ContentTypes.DOCX, put(zip("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"),
                "zayava.docx").mediaType());
        assertEquals(ContentTypes.ODT, put(zip("mimetype", ContentTypes.ODT, "content.xml", "<office:document/>"),
                "zayava.odt").mediaType());
        assertEquals(ContentTypes.PDF, put(pdf(), null).mediaType(), "no name: the content alone decides");
        assertEquals(ContentTypes.PDF, put(pdf(), "scan").mediaType(), "a name without extension claims nothing");
    }

    @Test
    @DisplayName("A program renamed .pdf, an ELF, a zip of neither kind, a spreadsheet ODF, non-UTF-8 text: 415 kind")
    void refusesOtherTypes() throws Exception {
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(exe(), "akt.pdf"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(elf(), "akt.pdf"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(exe(), "setup.exe"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(zip("a.txt", "x"), "archive.zip"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                "table.odt"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(new byte[] {'a', (byte) 0xC3, 'b'}, "bad.txt"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused("text\0with NUL".getBytes(StandardCharsets.UTF_8), "n.txt"));
        assertTrue(Files.list(store.temporaryFolder()).findAny().isEmpty(), "no temporary file left");
    }

    @Test
    @DisplayName("A name whose extension contradicts the content is refused (a PDF named .exe, a PNG named .jpg)")
    void refusesContradictingName() {
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(pdf(), "akt.exe"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused(png(), "foto.jpg"));
        assertEquals(Reason.TYPE_NOT_ALLOWED, refused("plain".getBytes(StandardCharsets.UTF_8), "page.html"));
    }

    @Test
    @DisplayName("A type left out of the configured list is refused even when recognised")
    void configuredTypesOnly() throws Exception {
        FileDocumentStore pdfOnly = new FileDocumentStore(ds, folder,
                new DocumentLimits(1024, 10, java.util.List.of(ContentTypes.PDF)), Duration.ofHours(24), clock, 0);
        assertEquals(ContentTypes.PDF, pdfOnly.put(new ByteArrayInputStream(pdf()), "a.pdf").mediaType());
        assertEquals(Reason.TYPE_NOT_ALLOWED, assertThrows(DocumentRejectedException.class,
                () -> pdfOnly.put(new ByteArrayInputStream(png()), "a.png")).reason());
    }

    @Test
    @DisplayName("Empty is refused; larger than maxBytes is refused; exactly maxBytes is taken")
    void emptyAndTooLarge() throws Exception {
        assertEquals(Reason.EMPTY, refused(new byte[0], "a.pdf"));
        byte[] big = new byte[1025];
        System.arraycopy(pdf(), 0, big, 0, pdf().length);
        assertEquals(Reason.TOO_LARGE, refused(big, "big.pdf"));
        byte[] exact = java.util.Arrays.copyOf(big, 1024);
        assertEquals(1024, put(exact, "exact.pdf").sizeBytes());
        assertTrue(Files.list(store.temporaryFolder()).findAny().isEmpty(), "no temporary file left");
    }

    // ---- durability and dedup ----------------------------------------------------------------------------------

    @Test
    @DisplayName("Stored under <2 hex>/<sha256>, read back byte for byte; the same content twice is one file, one row")
    void storesOnceAndReadsBack() throws Exception {
        byte[] content = pdf();
        StoredDocument first = put(content, "akt.pdf");
        assertEquals(sha(content), first.sha256());
        assertEquals(content.length, first.sizeBytes());
        assertEquals(T0, first.storedAt());
        Path file = folder.resolve(first.sha256().substring(0, 2)).resolve(first.sha256());
        assertArrayEquals(content, Files.readAllBytes(file));

        clock.now = T0.plusSeconds(60);
        StoredDocument again = put(content, "another-name.pdf");
        assertEquals(first, again, "the first storing is kept");
        try (var files = Files.walk(folder)) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "one file for one content");
        }
        try (InputStream in = store.open(first.sha256())) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(first, store.find(first.sha256()).orElseThrow());
    }

    @Test
    @DisplayName("A new store on the same folder and database finds what the last one stored (a restart)")
    void survivesRestart() throws Exception {
        StoredDocument d = put(pdf(), "akt.pdf");
        FileDocumentStore restarted = new FileDocumentStore(ds, folder, limits(1024), Duration.ofHours(24), clock, 0);
        assertEquals(d, restarted.find(d.sha256()).orElseThrow());
    }

    @Test
    @DisplayName("An unknown or malformed hash: find is empty, open throws NoSuchElementException")
    void unknown() {
        String zeros = "0".repeat(64);
        assertTrue(store.find(zeros).isEmpty());
        assertTrue(store.find("../../etc/passwd").isEmpty());
        assertThrows(NoSuchElementException.class, () -> store.open(zeros));
        assertThrows(NoSuchElementException.class, () -> store.open("../x"));
    }

    // ---- purge -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("Purge: an unnamed document older than 24 h goes; a younger one, and one an appeal names, stay")
    void purgesOrphans() throws Exception {
        StoredDocument orphan = put(pdf(), "orphan.pdf");
        StoredDocument named = put(png(), "named.png");
        appealNaming("11111111-1111-1111-1111-111111111111", named.sha256(), false);

        clock.now = T0.plus(Duration.ofHours(23));
        assertEquals(0, store.purge(), "younger than 24 h: kept");
        StoredDocument young = put(jpeg(), "young.jpg");

        clock.now = T0.plus(Duration.ofHours(25));
        assertEquals(1, store.purge());
        assertTrue(store.find(orphan.sha256()).isEmpty());
        assertFalse(Files.exists(store.file(orphan.sha256())), "its file deleted");
        assertTrue(store.find(named.sha256()).isPresent(), "named by an appeal: kept");
        assertTrue(store.find(young.sha256()).isPresent(), "stored 2 h ago: kept");
    }

    @Test
    @DisplayName("Purge: re-uploading an old document restarts its 24 h (an upload right before registration)")
    void reuploadTouches() throws Exception {
        StoredDocument d = put(pdf(), "a.pdf");
        clock.now = T0.plus(Duration.ofDays(3));
        put(pdf(), "a.pdf");
        assertEquals(0, store.purge());
        assertTrue(store.find(d.sha256()).isPresent());
    }

    @Test
    @DisplayName("Purge: a document only anonymized appeals name goes; one also named by a live appeal stays")
    void purgesDocumentsOfAnonymizedAppeals() throws Exception {
        StoredDocument onlyAnonymized = put(pdf(), "a.pdf");
        StoredDocument shared = put(png(), "b.png");
        appealNaming("22222222-2222-2222-2222-222222222222", onlyAnonymized.sha256(), true);
        appealNaming("33333333-3333-3333-3333-333333333333", shared.sha256(), true);
        appealNaming("44444444-4444-4444-4444-444444444444", shared.sha256(), false);
        clock.now = T0.plus(Duration.ofHours(25));
        assertEquals(1, store.purge());
        assertTrue(store.find(onlyAnonymized.sha256()).isEmpty());
        assertTrue(store.find(shared.sha256()).isPresent());
    }

    // ---- a center of several nodes: one folder, one database -------------------------------------------------------

    FileDocumentStore node(String key) throws Exception {
        FileDocumentStore[] made = new FileDocumentStore[1];
        quietly(() -> made[0] = new FileDocumentStore(ds, folder, limits(1024), Duration.ofHours(24), clock, 0, key));
        return made[0];
    }

    @Test
    @DisplayName("Two nodes on one folder and database: stored at one, found and read byte for byte at the other")
    void storedAtOneNodeReadAtTheOther() throws Exception {
        FileDocumentStore other = node("b");
        byte[] content = pdf();
        StoredDocument d = put(content, "akt.pdf");
        assertEquals(d, other.find(d.sha256()).orElseThrow());
        try (InputStream in = other.open(d.sha256())) {
            assertArrayEquals(content, in.readAllBytes());
        }
        clock.now = T0.plusSeconds(60);
        assertEquals(d, other.put(new ByteArrayInputStream(content), "again.pdf"), "the same content: the same row");
        try (var files = Files.walk(folder)) {
            assertEquals(1, files.filter(Files::isRegularFile).filter(f -> !f.startsWith(folder.resolve("tmp")))
                    .count(), "one file for one content");
        }
        assertTrue(Files.list(other.temporaryFolder()).findAny().isEmpty(), "no temporary file left at the other");
        assertFalse(store.temporaryFolder().equals(other.temporaryFolder()));
    }

    @Test
    @DisplayName("A node's start cleans its own temporary folder, not the other node's fresh files; stale ones go")
    void startCleansOnlyItsOwnTemporaryFiles() throws Exception {
        Path mine = Files.writeString(store.temporaryFolder().resolve("upload-1.part"), "in flight");
        Path staleOther = Files.createDirectories(folder.resolve("tmp").resolve("c")).resolve("upload-2.part");
        Files.writeString(staleOther, "left by a node whose key changed");
        Path staleOld = Files.writeString(folder.resolve("tmp").resolve("upload-3.part"), "the layout before keys");
        Path freshOld = Files.writeString(folder.resolve("tmp").resolve("upload-4.part"), "young");
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(staleOther, twoDaysAgo);
        Files.setLastModifiedTime(staleOld, twoDaysAgo);

        node("b");
        assertTrue(Files.exists(mine), "the other node's upload in progress stays");
        assertTrue(Files.exists(freshOld), "a young file stays");
        assertFalse(Files.exists(staleOther), "untouched for a day: a left-over");
        assertFalse(Files.exists(staleOld), "untouched for a day: a left-over");

        node("single");
        assertFalse(Files.exists(mine), "a restart of the same node cleans its own folder");
        assertTrue(Files.isDirectory(folder.resolve("tmp").resolve("c")), "folders are never deleted");
    }

    @Test
    @DisplayName("A node key is made once, kept, and differs between installations; a bad key is refused")
    void nodeKeys() throws Exception {
        Path fileA = home.resolve("key-a").resolve("nsoz").resolve(NodeTemporaryFiles.NODE_KEY_FILE);
        Path fileB = home.resolve("key-b").resolve("nsoz").resolve(NodeTemporaryFiles.NODE_KEY_FILE);
        String a = NodeTemporaryFiles.nodeKey(fileA);
        assertTrue(NodeTemporaryFiles.NODE_KEY.matcher(a).matches(), a);
        assertEquals(a, NodeTemporaryFiles.nodeKey(fileA), "stable across restarts");
        assertFalse(a.equals(NodeTemporaryFiles.nodeKey(fileB)), "another installation, another key");
        assertThrows(IllegalArgumentException.class, () -> new FileDocumentStore(ds, folder, limits(1024),
                Duration.ofHours(24), clock, 0, "../x"));
    }

    @Test
    @DisplayName("The scheduled purge runs only where this node leads (no Leadership service: it leads)")
    void scheduledPurgeAtTheLeadingNodeOnly() throws Exception {
        StoredDocument orphan = put(pdf(), "orphan.pdf");
        clock.now = T0.plus(Duration.ofHours(25));
        store.leadership = () -> false;
        assertEquals(OptionalInt.empty(), store.scheduledPurge());
        assertTrue(store.find(orphan.sha256()).isPresent(), "the other node leads: kept");
        assertEquals(1, store.purge(), "purge() by hand still purges");

        StoredDocument second = put(png(), "orphan.png");
        clock.now = clock.now.plus(Duration.ofHours(25));
        store.leadership = () -> true;
        assertEquals(OptionalInt.of(1), store.scheduledPurge());
        assertTrue(store.find(second.sha256()).isEmpty());

        StoredDocument third = put(jpeg(), "orphan.jpg");
        clock.now = clock.now.plus(Duration.ofHours(25));
        store.leadership = null;
        assertEquals(OptionalInt.of(1), store.scheduledPurge());
        assertTrue(store.find(third.sha256()).isEmpty());
    }

    @Test
    @DisplayName("A purge at one node and an upload of the same content at the other: the upload's file stays")
    void uploadDuringPurgeOfTheSameContentKeepsTheFile() throws Exception {
        byte[] content = pdf();
        StoredDocument orphan = put(content, "orphan.pdf");
        clock.now = T0.plus(Duration.ofHours(25));
        FileDocumentStore other = node("b");
        AtomicReference<Object> uploaded = new AtomicReference<>();
        Thread[] upload = new Thread[1];
        store.beforeFileDelete = hex -> {
            // between the purge's delete of the row and of the file: the other node uploads the same content
            upload[0] = new Thread(() -> {
                try {
                    uploaded.set(other.put(new ByteArrayInputStream(content), "again.pdf"));
                } catch (Exception | Error e) {
                    uploaded.set(e);
                }
            });
            upload[0].start();
            try {
                upload[0].join(1000); // the upload waits on the row until the purge commits (formerly it finished here)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertEquals(1, store.purge());
        upload[0].join(60_000);
        assertFalse(upload[0].isAlive(), "the upload finished after the purge");
        assertTrue(uploaded.get() instanceof StoredDocument, String.valueOf(uploaded.get()));
        assertEquals(orphan.sha256(), ((StoredDocument) uploaded.get()).sha256());
        assertTrue(other.find(orphan.sha256()).isPresent(), "indexed and its file there");
        try (InputStream in = store.open(orphan.sha256())) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    /** A minimal appeal row (the store's schema) with one attachment naming the document. */
    void appealNaming(String id, String sha256, boolean anonymized) throws SQLException {
        try (Connection c = ds.getConnection()) {
            var columns = new java.util.LinkedHashMap<String, Object>();
            try (var rs = c.getMetaData().getColumns(null, null, db.dialect().catalogName("appeal"), null)) {
                while (rs.next()) {
                    if ("NO".equals(rs.getString("IS_NULLABLE")) && rs.getString("COLUMN_DEF") == null
                            && !"YES".equals(rs.getString("IS_AUTOINCREMENT"))) {
                        columns.put(rs.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT), rs.getInt("DATA_TYPE"));
                    }
                }
            }
            StringBuilder names = new StringBuilder("ID, ANONYMIZED_AT");
            StringBuilder marks = new StringBuilder("?, ?");
            columns.remove("ID");
            for (String col : columns.keySet()) {
                names.append(", ").append(col);
                marks.append(", ?");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO appeal (" + names + ") VALUES (" + marks + ")")) {
                ps.setString(1, id);
                if (anonymized) {
                    ps.setLong(2, T0.toEpochMilli());
                } else {
                    ps.setNull(2, java.sql.Types.BIGINT);
                }
                int i = 3;
                for (var e : columns.entrySet()) {
                    int type = (Integer) e.getValue();
                    switch (type) {
                        case java.sql.Types.BIGINT, java.sql.Types.INTEGER, java.sql.Types.SMALLINT,
                                java.sql.Types.DOUBLE, java.sql.Types.DECIMAL -> ps.setLong(i++, 1);
                        case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> ps.setBoolean(i++, false);
                        case java.sql.Types.DATE -> ps.setDate(i++, java.sql.Date.valueOf("2026-05-04"));
                        case java.sql.Types.TIMESTAMP -> ps.setTimestamp(i++, java.sql.Timestamp.from(T0));
                        default -> ps.setString(i++, "x" + id.substring(0, 8));
                    }
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO appeal_attachment (appeal_id, position, "
                    + "file_name, media_type, size_bytes, sha256) VALUES (?, 0, 'f', 'application/pdf', 1, ?)")) {
                ps.setString(1, id);
                ps.setString(2, sha256);
                ps.executeUpdate();
            }
        }
    }
}
