package ua.gov.nsoz.sync.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.core.internal.AppealServiceImpl;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.exchange.AppealEventMessage;
import ua.gov.nsoz.exchange.ChangeRequestMessage;
import ua.gov.nsoz.exchange.DocumentContentMessage;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.ExchangeMessage;
import ua.gov.nsoz.exchange.Header;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;
import ua.gov.nsoz.sync.ExchangeGateway.Outcome;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * Issue 15: the documents an appeal names cross the link with it. A region and the center, each with its own real
 * Derby store and its own document store, joined by nothing but the exchange documents.
 */
class DocumentLinkTest {

    static final ExchangeGatewayTest.Node LVIV = ExchangeGatewayTest.LVIV;
    static final ExchangeGatewayTest.Node UCC = ExchangeGatewayTest.UCC;
    static final Actor CLERK = Actor.of("clerk-minsoc");

    /** A document store in memory: content-addressed, as the real one. */
    static final class MemoryDocuments implements DocumentStore {
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        int puts;

        @Override
        public StoredDocument put(InputStream content, String fileName) throws IOException {
            byte[] bytes = content.readAllBytes();
            puts++;
            String sha = sha256(bytes);
            files.putIfAbsent(sha, bytes);
            return new StoredDocument(sha, "application/pdf", bytes.length, Instant.EPOCH);
        }

        @Override
        public Optional<StoredDocument> find(String sha256) {
            byte[] b = files.get(sha256);
            return b == null ? Optional.empty()
                    : Optional.of(new StoredDocument(sha256, "application/pdf", b.length, Instant.EPOCH));
        }

        @Override
        public InputStream open(String sha256) {
            byte[] b = files.get(sha256);
            if (b == null) {
                throw new NoSuchElementException(sha256);
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public DocumentLimits limits() {
            return new DocumentLimits(10L * 1024 * 1024, 10, List.of("application/pdf"));
        }

        Attachment add(String fileName, String text) throws IOException {
            StoredDocument d = put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), fileName);
            return d.attachment(fileName);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path dir;

    JdbcAppealStore regionStore;
    JdbcAppealStore centerStore;
    AppealServiceImpl region;
    AppealServiceImpl center;
    ExchangeGatewayImpl regionLink;
    ExchangeGatewayImpl centerLink;
    MemoryDocuments regionDocs = new MemoryDocuments();
    MemoryDocuments centerDocs = new MemoryDocuments();

    private static EmbeddedDataSource db(Path path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Migrations.migrate(ds);
        return ds;
    }

    @BeforeEach
    void nodes() {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        regionStore = new JdbcAppealStore(db(dir.resolve("lviv")));
        centerStore = new JdbcAppealStore(db(dir.resolve("ucc")));
        region = new AppealServiceImpl(regionStore, LVIV);
        center = new AppealServiceImpl(centerStore, UCC);
        regionLink = new ExchangeGatewayImpl(regionStore, LVIV, region, new DocumentLedger(dir.resolve("lviv-ledger")));
        centerLink = new ExchangeGatewayImpl(centerStore, UCC, center, new DocumentLedger(dir.resolve("ucc-ledger")));
        regionLink.documents = regionDocs;
        centerLink.documents = centerDocs;
    }

    @AfterEach
    void shutdown() {
        for (Path p : List.of(dir.resolve("lviv"), dir.resolve("ucc"))) {
            try {
                DriverManager.getConnection("jdbc:derby:" + p + ";shutdown=true");
            } catch (SQLException expected) {
                // 08006: shut down normally
            }
        }
    }

    private Appeal register(List<Attachment> attachments) {
        return region.register(new NewAppeal(AppealKind.COMPLAINT, Channel.WEB,
                new Applicant(ApplicantType.CITIZEN, "Тестовий Заявник", "м. Львів, вул. Синтетична, 1",
                        "test@example.org", null), "Скарга з додатками", "Соцзахист", null, false, null, true, null,
                null, attachments), "operator");
    }

    /** Moves everything queued at one node to the other, as the broker would; every one must take effect. */
    private static List<Outgoing> pump(ExchangeGatewayImpl from, String to, ExchangeGatewayImpl into)
            throws Exception {
        List<Outgoing> batch = from.outgoing(to, 1000);
        for (Outgoing o : batch) {
            assertEquals(Outcome.APPLIED, into.receive(o.xml(), "ucc".equals(to) ? "lviv" : "ucc"));
        }
        from.shipped(to, batch);
        return batch;
    }

    private static List<ExchangeMessage> read(List<Outgoing> batch) throws Exception {
        List<ExchangeMessage> out = new java.util.ArrayList<>();
        for (Outgoing o : batch) {
            out.add(ExchangeCodec.read(o.xml()));
        }
        return out;
    }

    private static ActionRequest action(AppealAction action, String body, AnswerResult result, String text,
            List<Attachment> documents) {
        return new ActionRequest(action, null, body, null, null, null, result, text, null, null, documents);
    }

    @Test
    @DisplayName("A region's attachments go to the center after the event that names them, once per document")
    void attachmentsFollowTheirEventOnce() throws Exception {
        Attachment scan = regionDocs.add("скан.pdf", "%PDF-1.4 синтетичний скан");
        Attachment photo = regionDocs.add("фото.pdf", "%PDF-1.4 синтетичне фото");
        Attachment paper = new Attachment("паперовий лист", null, 2, null);
        Appeal a = register(List.of(scan, photo, paper));

        List<ExchangeMessage> sent = read(pump(regionLink, "ucc", centerLink));
        assertEquals(3, sent.size(), "the event, then one message per document with content: " + sent);
        assertInstanceOf(AppealEventMessage.class, sent.get(0));
        DocumentContentMessage first = assertInstanceOf(DocumentContentMessage.class, sent.get(1));
        assertEquals(scan.sha256(), first.sha256());
        assertEquals("скан.pdf", first.fileName());
        assertEquals(a.id(), first.appealId());
        assertEquals(photo.sha256(), assertInstanceOf(DocumentContentMessage.class, sent.get(2)).sha256());
        assertArrayEquals(regionDocs.files.get(scan.sha256()), centerDocs.files.get(scan.sha256()));
        assertArrayEquals(regionDocs.files.get(photo.sha256()), centerDocs.files.get(photo.sha256()));
        assertEquals(3, centerStore.stats("lviv").received(), "recorded in the inbox like every message");
        assertEquals(3, regionStore.stats("ucc").shipped());

        // The next event of the appeal names the same documents: they do not go again.
        center.act(a.id(), action(AppealAction.FORWARD, "minsoc", null, null, List.of()), CLERK);
        pump(centerLink, "lviv", regionLink);
        List<ExchangeMessage> again = read(pump(regionLink, "ucc", centerLink));
        assertEquals(1, again.size(), "only the event: " + again);
        // Nor when another appeal names one of them.
        register(List.of(scan));
        assertEquals(1, pump(regionLink, "ucc", centerLink).size());
    }

    @Test
    @DisplayName("A batch resent after a crash before shipped() stores each document once (the same message ids)")
    void resentBatchStoresOnce() throws Exception {
        Attachment scan = regionDocs.add("скан.pdf", "%PDF-1.4 синтетичний скан");
        register(List.of(scan));
        List<Outgoing> batch = regionLink.outgoing("ucc", 100);
        for (Outgoing o : batch) {
            assertEquals(Outcome.APPLIED, centerLink.receive(o.xml(), "lviv"));
        }
        List<Outgoing> again = regionLink.outgoing("ucc", 100);
        assertEquals(batch, again, "the same documents with the same message ids");
        for (Outgoing o : again) {
            assertEquals(Outcome.DUPLICATE, centerLink.receive(o.xml(), "lviv"));
        }
        regionLink.shipped("ucc", again);
        assertEquals(2, centerStore.stats("lviv").received());
        assertTrue(regionLink.outgoing("ucc", 100).isEmpty());
    }

    @Test
    @DisplayName("An answer's document given at the center reaches the region before the request, and is not sent back")
    void answerDocumentGoesToTheRegionFirst() throws Exception {
        Appeal a = register(List.of());
        pump(regionLink, "ucc", centerLink);
        center.act(a.id(), action(AppealAction.FORWARD, "minsoc", null, null, List.of()), CLERK);
        pump(centerLink, "lviv", regionLink);
        pump(regionLink, "ucc", centerLink);
        center.act(a.id(), action(AppealAction.ACCEPT, null, null, null, List.of()), CLERK);
        pump(centerLink, "lviv", regionLink);
        pump(regionLink, "ucc", centerLink);

        Attachment answer = centerDocs.add("відповідь.pdf", "%PDF-1.4 синтетична відповідь міністерства");
        center.act(a.id(), action(AppealAction.ANSWER, null, AnswerResult.EXPLAINED, "Роз'яснено", List.of(answer)),
                CLERK);
        List<ExchangeMessage> sent = read(pump(centerLink, "lviv", regionLink));
        assertEquals(2, sent.size(), sent.toString());
        assertEquals(answer.sha256(), assertInstanceOf(DocumentContentMessage.class, sent.get(0)).sha256(),
                "the file first: the owner needs it before it answers");
        assertInstanceOf(ChangeRequestMessage.class, sent.get(1));
        assertArrayEquals(centerDocs.files.get(answer.sha256()), regionDocs.files.get(answer.sha256()));
        Appeal atRegion = regionStore.get(a.id()).orElseThrow();
        assertEquals(AppealStatus.ANSWERED, atRegion.status());
        assertEquals(List.of(answer), atRegion.processing().answerDocuments());

        List<ExchangeMessage> back = read(pump(regionLink, "ucc", centerLink));
        assertEquals(1, back.size(), "the ANSWERED event, without the file the center sent: " + back);
        assertEquals(AppealStatus.ANSWERED, centerStore.get(a.id()).orElseThrow().status());
    }

    private DocumentContentMessage content(String source, String appealId, byte[] bytes, String sha) {
        return new DocumentContentMessage(new Header(java.util.UUID.randomUUID().toString(), source, 1,
                Instant.now()), appealId, "x.pdf", "application/pdf", bytes.length, sha, bytes);
    }

    @Test
    @DisplayName("Content that does not hash to its sha256 is refused with the reason and not stored")
    void tamperedContentIsRefused() throws Exception {
        Attachment scan = regionDocs.add("скан.pdf", "%PDF-1.4 синтетичний скан");
        Appeal a = register(List.of(scan));
        List<Outgoing> batch = regionLink.outgoing("ucc", 100);
        assertEquals(Outcome.APPLIED, centerLink.receive(batch.get(0).xml(), "lviv"));
        byte[] forged = "%PDF-1.4 підмінений".getBytes(StandardCharsets.UTF_8);
        String xml = ExchangeCodec.write(content("lviv", a.id(), forged, scan.sha256()));
        RejectedMessageException e = assertThrows(RejectedMessageException.class, () -> centerLink.receive(xml, "lviv"));
        assertTrue(e.getMessage().contains("does not match its sha256"), e.getMessage());
        assertTrue(centerDocs.files.isEmpty(), "nothing stored");
        assertEquals(0, centerDocs.puts);
    }

    @Test
    @DisplayName("The center takes a document only from the region that owns the appeal, and only one the appeal names")
    void centerChecksTheOwner() throws Exception {
        Attachment scan = regionDocs.add("скан.pdf", "%PDF-1.4 синтетичний скан");
        Appeal a = register(List.of(scan));
        centerLink.receive(regionLink.outgoing("ucc", 100).get(0).xml(), "lviv");
        byte[] bytes = regionDocs.files.get(scan.sha256());

        String fromKyiv = ExchangeCodec.write(content("kyiv-city", a.id(), bytes, scan.sha256()));
        RejectedMessageException e = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive(fromKyiv, "kyiv-city"));
        assertTrue(e.getMessage().contains("owned by node lviv, not by kyiv-city"), e.getMessage());

        byte[] other = "%PDF-1.4 інший".getBytes(StandardCharsets.UTF_8);
        String unnamed = ExchangeCodec.write(content("lviv", a.id(), other, sha256(other)));
        e = assertThrows(RejectedMessageException.class, () -> centerLink.receive(unnamed, "lviv"));
        assertTrue(e.getMessage().contains("does not name this document"), e.getMessage());

        String unknown = ExchangeCodec.write(content("lviv", java.util.UUID.randomUUID().toString(), bytes,
                scan.sha256()));
        e = assertThrows(RejectedMessageException.class, () -> centerLink.receive(unknown, "lviv"));
        assertTrue(e.getMessage().contains("not known at ucc"), e.getMessage());

        // A forged source is refused before anything else (the link's rule for every message).
        String forged = ExchangeCodec.write(content("lviv", a.id(), bytes, scan.sha256()));
        e = assertThrows(RejectedMessageException.class, () -> centerLink.receive(forged, "kyiv-city"));
        assertTrue(e.getMessage().contains("came over the link from kyiv-city"), e.getMessage());
        assertTrue(centerDocs.files.isEmpty());
    }

    @Test
    @DisplayName("A region takes documents only from the center, and only of its own appeals")
    void regionTakesOnlyFromTheCenter() throws Exception {
        Appeal a = register(List.of());
        byte[] bytes = "%PDF-1.4 синтетичний".getBytes(StandardCharsets.UTF_8);
        String fromKyiv = ExchangeCodec.write(content("kyiv-city", a.id(), bytes, sha256(bytes)));
        RejectedMessageException e = assertThrows(RejectedMessageException.class,
                () -> regionLink.receive(fromKyiv, "kyiv-city"));
        assertTrue(e.getMessage().contains("only from the center (ucc)"), e.getMessage());
        String notOurs = ExchangeCodec.write(content("ucc", java.util.UUID.randomUUID().toString(), bytes,
                sha256(bytes)));
        e = assertThrows(RejectedMessageException.class, () -> regionLink.receive(notOurs, "ucc"));
        assertTrue(e.getMessage().contains("does not own the appeal"), e.getMessage());
        String fine = ExchangeCodec.write(content("ucc", a.id(), bytes, sha256(bytes)));
        assertEquals(Outcome.APPLIED, regionLink.receive(fine, "ucc"));
        assertEquals(Outcome.DUPLICATE, regionLink.receive(fine, "ucc"));
        assertArrayEquals(bytes, regionDocs.files.get(sha256(bytes)));
    }

    @Test
    @DisplayName("Without a document store nothing is shipped, and a received document is refused with the reason")
    void withoutADocumentStore() throws Exception {
        Attachment scan = regionDocs.add("скан.pdf", "%PDF-1.4 синтетичний скан");
        Appeal a = register(List.of(scan));
        regionLink.documents = null;
        assertEquals(1, regionLink.outgoing("ucc", 100).size(), "the event alone");
        regionLink.documents = regionDocs;
        List<Outgoing> batch = regionLink.outgoing("ucc", 100);
        assertEquals(2, batch.size());
        centerLink.documents = null;
        assertEquals(Outcome.APPLIED, centerLink.receive(batch.get(0).xml(), "lviv"));
        RejectedMessageException e = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive(batch.get(1).xml(), "lviv"));
        assertTrue(e.getMessage().contains("has no document store"), e.getMessage());
        assertFalse(e.getMessage().contains("скан"), "no file name in the reason: " + e.getMessage());
        assertTrue(e.getMessage().contains(a.id()), e.getMessage());
    }
}
