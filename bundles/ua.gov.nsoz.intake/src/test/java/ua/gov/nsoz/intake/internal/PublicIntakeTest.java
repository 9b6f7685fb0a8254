package ua.gov.nsoz.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.core.internal.AppealServiceImpl;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.intake.Challenge;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.intake.PublicSubmission;
import ua.gov.nsoz.intake.Receipt;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.JdbcAuditLog;
import ua.gov.nsoz.store.internal.Migrations;

/**
 * The public intake on a real embedded Derby (the store's tables and the intake's own, migrated by Liquibase) with
 * the real appeal service: proof of work, limits, idempotency, consent, documents, audit.
 */
@DisplayName("PublicIntakeComponent: proof of work, limits, idempotency, consent and audit on real Derby")
class PublicIntakeTest {

    record Node(String nodeId, String code, String name, NodeRole role, String region, String centerNodeId,
            String softwareVersion, Instant startedAt) implements NodeIdentity {
    }

    static final Node LVIV = new Node("lviv", "LV", "Львів", NodeRole.REGIONAL, "UA-46", null, "1", Instant.now());
    static final Origin WEB = new Origin("198.51.100.7", "JUnit", Origin.Via.PORTAL);
    static final int BITS = 8;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-06-02T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void plus(Duration d) {
            now = now.plus(d);
        }
    }

    /** Documents in memory, as the store keeps them: by SHA-256. */
    static final class MemoryDocuments implements DocumentStore {
        final Map<String, StoredDocument> docs = new ConcurrentHashMap<>();

        StoredDocument add(String sha) {
            StoredDocument d = new StoredDocument(sha, "application/pdf", 1234, Instant.EPOCH);
            docs.put(sha, d);
            return d;
        }

        @Override
        public StoredDocument put(InputStream content, String fileName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredDocument> find(String sha256) {
            return Optional.ofNullable(docs.get(sha256));
        }

        @Override
        public InputStream open(String sha256) {
            if (!docs.containsKey(sha256)) {
                throw new NoSuchElementException(sha256);
            }
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public DocumentLimits limits() {
            return new DocumentLimits(10_000_000, 3, List.of("application/pdf"));
        }
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    String dbName;
    EmbeddedDataSource ds;
    JdbcAppealStore store;
    AppealServiceImpl appeals;
    JdbcAuditLog audit;
    TestClock clock;
    MemoryDocuments documents;
    PublicIntakeComponent intake;

    /** The configuration: the defaults, but for what a test names. */
    static IntakeConfig config(Map<String, Object> values) {
        return (IntakeConfig) Proxy.newProxyInstance(IntakeConfig.class.getClassLoader(),
                new Class<?>[] {IntakeConfig.class}, (p, m, args) -> {
                    if (m.getName().equals("annotationType")) {
                        return IntakeConfig.class;
                    }
                    Object v = values.get(m.getName());
                    return v != null ? v : m.getDefaultValue();
                });
    }

    static IntakeConfig config() {
        return config(Map.of("difficultyBits", BITS));
    }

    @BeforeEach
    void open() {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        dbName = "memory:intake-" + DATABASES.incrementAndGet();
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(dbName);
        ds.setCreateDatabase("create");
        Migrations.migrate(ds);
        store = new JdbcAppealStore(ds);
        appeals = new AppealServiceImpl(store, LVIV);
        audit = new JdbcAuditLog(ds);
        clock = new TestClock();
        documents = new MemoryDocuments();
        intake = intake(config());
    }

    PublicIntakeComponent intake(IntakeConfig c) {
        PublicIntakeComponent i = new PublicIntakeComponent(ds, store, appeals, audit, LVIV, c, oldSecretFile(),
                clock);
        i.documents(documents);
        return i;
    }

    /** Where an older version of the intake kept this node's secret. */
    Path oldSecretFile() {
        return dir.resolve("nsoz/intake-secret");
    }

    /** The secret in the database, as it is (the test fails if there is none yet). */
    String storedSecret() {
        return new JdbcAppealStore(ds).secret(NodeSecret.NAME, () -> {
            throw new AssertionError("no proof-of-work secret in the database");
        });
    }

    @AfterEach
    void drop() {
        try {
            DriverManager.getConnection("jdbc:derby:" + dbName + ";drop=true");
        } catch (SQLException expected) {
            // 08006: dropped
        }
    }

    /** A synthetic citizen's submission with a solved challenge. */
    PublicSubmission submission(String email, String key) {
        return submission(intake, WEB, "Синтетичний Заявник", email, "Прошу полагодити ліхтар у дворі.", key, true,
                List.of());
    }

    static PublicSubmission submission(PublicIntakeComponent intake, Origin origin, String name, String email,
            String text, String key, boolean consent, List<Attachment> docs) {
        Challenge c = intake.challenge(origin);
        return new PublicSubmission(AppealKind.PROPOSAL, name, name == null ? null : "м. Львів, вул. Тестова, 1",
                email, null, text, null, false, null, consent, docs, c.token(),
                ProofOfWork.solve(c.token(), c.difficultyBits()), key);
    }

    static PublicSubmission withProof(PublicSubmission s, String token, String nonce) {
        return new PublicSubmission(s.kind(), s.fullName(), s.address(), s.email(), s.phone(), s.text(), s.topic(),
                s.collective(), s.coSigners(), s.consent(), s.documents(), token, nonce, s.idempotencyKey());
    }

    static PublicSubmission withText(PublicSubmission s, String text) {
        return new PublicSubmission(s.kind(), s.fullName(), s.address(), s.email(), s.phone(), text, s.topic(),
                s.collective(), s.coSigners(), s.consent(), s.documents(), s.challengeToken(), s.nonce(),
                s.idempotencyKey());
    }

    long registered() {
        return appeals.search(new AppealQuery(null, null, null, null, null, null, null, 0, 1)).total();
    }

    List<AuditEntry> auditEntries() {
        return audit.search(new AuditQuery(null, null, null, null, null, 0, 1000)).items();
    }

    static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Nested
    @DisplayName("Registration")
    class Registration {

        @Test
        @DisplayName("A solved challenge registers a citizen's web appeal, with its number and access code, audited "
                + "with the door and the address and no personal data")
        void registers() {
            Receipt r = intake.submit(submission("a1@example.org", "key-1"), WEB);
            Appeal a = r.appeal();
            assertFalse(r.repeated());
            assertTrue(a.registrationNumber().startsWith("LV-2026-"), a.registrationNumber());
            assertEquals(appeals.accessCode(a).orElseThrow(), r.accessCode());
            assertEquals(Channel.WEB, a.channel());
            assertEquals(ApplicantType.CITIZEN, a.applicant().type());
            assertTrue(appeals.publicStatus(a.registrationNumber(), r.accessCode()).isPresent());
            List<AuditEntry> log = auditEntries();
            assertEquals(1, log.size());
            AuditEntry e = log.get(0);
            assertEquals(AuditAction.CREATE, e.action());
            assertEquals(a.id(), e.appealId());
            assertEquals("rest 198.51.100.7", e.origin());
            assertTrue(e.what().contains("PORTAL"), e.what());
            assertFalse(e.toString().contains("Синтетичний") || e.toString().contains("a1@example.org"),
                    e.toString());
        }

        @Test
        @DisplayName("An anonymous appeal without an e-mail is registered all the same, with the Law's marks (Art. 7, 8)")
        void anonymousIsRegistered() {
            Receipt r = intake.submit(submission(intake, WEB, null, null, "Анонімна синтетична заява.", null, true,
                    List.of()), WEB);
            assertTrue(r.appeal().marks().contains(LegalMark.ANONYMOUS), r.appeal().marks().toString());
            assertTrue(r.appeal().marks().contains(LegalMark.NO_CONTACT_FOR_REPLY), r.appeal().marks().toString());
            assertNotNull(r.accessCode());
        }

        @Test
        @DisplayName("Open311 registers through the web channel too, and the audit log names its door")
        void open311() {
            Origin o = new Origin("203.0.113.9", null, Origin.Via.OPEN311);
            Receipt r = intake.submit(submission(intake, o, "Синтетичний Заявник", "o@example.org", "Яма на дорозі.",
                    null, true, List.of()), o);
            assertEquals(Channel.WEB, r.appeal().channel());
            AuditEntry e = auditEntries().get(0);
            assertEquals("open311 203.0.113.9", e.origin());
            assertTrue(e.what().contains("OPEN311"), e.what());
        }

        @Test
        @DisplayName("Without consent nothing is registered: 'consent' named, in Ukrainian and English")
        void consentRequired() {
            PublicSubmission s = submission(intake, WEB, "Синтетичний Заявник", "c@example.org", "Текст.", null, false,
                    List.of());
            ValidationException e = assertThrows(ValidationException.class, () -> intake.submit(s, WEB));
            assertEquals(List.of("consent"), fields(e));
            assertTrue(e.errors().get(0).message().contains("Потрібна згода") && e.errors().get(0).message()
                    .contains("Consent"), e.errors().get(0).message());
            assertEquals(0, registered());
        }

        @Test
        @DisplayName("Text longer than 32,000 characters, or none, is refused naming 'text'")
        void textLimits() {
            PublicSubmission s = submission("t@example.org", null);
            assertEquals(List.of("text"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withText(s, "ж".repeat(32_001)), WEB))));
            assertEquals(List.of("text"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withText(s, "  "), WEB))));
            assertEquals(0, registered());
            // the same challenge still works once the text is right: refusals do not use it up
            assertNotNull(intake.submit(withText(s, "ж".repeat(32_000)), WEB).appeal());
        }

        @Test
        @DisplayName("The appeal service's refusals name the public form's fields (an e-mail that is not one)")
        void serviceErrorsNameFormFields() {
            PublicSubmission s = submission(intake, WEB, "Синтетичний Заявник", "not-an-email", "Текст.", null, true,
                    List.of());
            assertEquals(List.of("email"), fields(assertThrows(ValidationException.class, () -> intake.submit(s, WEB))));
            assertEquals(0, registered());
        }
    }

    @Nested
    @DisplayName("Proof of work")
    class Work {

        @Test
        @DisplayName("A wrong nonce is refused naming 'nonce'; an altered or foreign token naming 'challengeToken'")
        void wrongNonceAndToken() {
            PublicSubmission s = submission("w@example.org", null);
            String wrong = s.nonce();
            // a nonce that does not solve it: try the next ones until one fails (most do at 8 bits)
            for (long n = Long.parseLong(s.nonce()) + 1;; n++) {
                if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(s.challengeToken() + ":" + n)) < BITS) {
                    wrong = Long.toString(n);
                    break;
                }
            }
            String bad = wrong;
            assertEquals(List.of("nonce"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withProof(s, s.challengeToken(), bad), WEB))));
            assertEquals(List.of("nonce"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withProof(s, s.challengeToken(), "-1"), WEB))));
            String token = s.challengeToken();
            String altered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
            assertEquals(List.of("challengeToken"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withProof(s, altered, s.nonce()), WEB))));
            // a token another node signed (another secret)
            ProofOfWork other = new ProofOfWork(new byte[32], BITS, Duration.ofMinutes(10), clock);
            Challenge foreign = other.issue();
            assertEquals(List.of("challengeToken"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withProof(s, foreign.token(), ProofOfWork.solve(foreign.token(), BITS)),
                            WEB))));
            assertEquals(0, registered());
        }

        @Test
        @DisplayName("A token is good once: the second submission with it is refused")
        void tokenOnce() {
            PublicSubmission s = submission("once@example.org", null);
            intake.submit(s, WEB);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> intake.submit(withText(s, "Інший текст."), WEB));
            assertEquals(List.of("challengeToken"), fields(e));
            assertEquals(1, registered());
        }

        @Test
        @DisplayName("An expired token is refused")
        void expired() {
            PublicSubmission s = submission("exp@example.org", null);
            clock.plus(Duration.ofMinutes(10).plusSeconds(1));
            assertEquals(List.of("challengeToken"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(s, WEB))));
        }

        @Test
        @DisplayName("The challenge asks the configured bits (16 by default) and expires after its time to live")
        void challengeShape() {
            PublicIntakeComponent defaults = intake(config(Map.of()));
            Challenge c = defaults.challenge(WEB);
            assertEquals(16, c.difficultyBits());
            assertEquals(clock.now.plus(Duration.ofMinutes(10)), c.expiresAt());
            String nonce = ProofOfWork.solve(c.token(), 16);
            assertTrue(ProofOfWork.leadingZeroBits(ProofOfWork.sha256(c.token() + ":" + nonce)) >= 16);
        }

        @Test
        @DisplayName("Leading zero bits are counted bit by bit")
        void zeroBits() {
            assertEquals(0, ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80}));
            assertEquals(7, ProofOfWork.leadingZeroBits(new byte[] {1, 0}));
            assertEquals(8, ProofOfWork.leadingZeroBits(new byte[] {0, (byte) 0xff}));
            assertEquals(13, ProofOfWork.leadingZeroBits(new byte[] {0, 4}));
            assertEquals(16, ProofOfWork.leadingZeroBits(new byte[] {0, 0}));
        }

        @Test
        @DisplayName("The secret is made once in the database and kept: a token from before a restart stays valid; no "
                + "file is written")
        void secretKept() {
            PublicSubmission s = submission("restart@example.org", null);
            String before = storedSecret();
            assertEquals(32, Base64.getDecoder().decode(before).length);
            assertFalse(Files.exists(oldSecretFile()));
            PublicIntakeComponent restarted = new PublicIntakeComponent(ds, new JdbcAppealStore(ds), appeals, audit,
                    LVIV, config(), oldSecretFile(), clock);
            assertEquals(before, storedSecret());
            assertNotNull(restarted.submit(s, WEB).appeal());
        }
    }

    @Nested
    @DisplayName("One secret for the nodes of a center (one database)")
    class SharedSecret {

        /** The center's other node: its own store, appeal service and old file, the same database. */
        PublicIntakeComponent otherNode(Path oldFile) {
            JdbcAppealStore otherStore = new JdbcAppealStore(ds);
            PublicIntakeComponent other = new PublicIntakeComponent(ds, otherStore, new AppealServiceImpl(otherStore,
                    LVIV), audit, LVIV, config(), oldFile, clock);
            other.documents(documents);
            return other;
        }

        @Test
        @DisplayName("A challenge taken from one node and solved is accepted by the other, and used up at both")
        void challengeAtOneSubmitAtOther() {
            PublicIntakeComponent b = otherNode(dir.resolve("b/nsoz/intake-secret"));
            PublicSubmission fromA = submission(intake, WEB, "Синтетичний Заявник", "ab@example.org", "Текст А.", null,
                    true, List.of());
            Receipt r = b.submit(fromA, WEB);
            assertFalse(r.repeated());
            PublicSubmission fromB = submission(b, WEB, "Синтетичний Заявник", "ba@example.org", "Текст Б.", null,
                    true, List.of());
            assertNotNull(intake.submit(fromB, WEB).appeal());
            assertEquals(2, registered());
            // the token, once: what B took is refused at A
            assertEquals(List.of("challengeToken"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(withText(fromA, "Інший текст."), WEB))));
            assertFalse(Files.exists(dir.resolve("b/nsoz/intake-secret")));
        }

        @Test
        @DisplayName("An older version's secret file is taken into the database on the first start: a token signed "
                + "with it stays valid, at this node and at the other")
        void oldFileMoved() throws Exception {
            drop();
            byte[] old = new byte[32];
            for (int i = 0; i < old.length; i++) {
                old[i] = (byte) (i * 7 + 1);
            }
            String oldValue = Base64.getEncoder().encodeToString(old);
            Files.createDirectories(oldSecretFile().getParent());
            Files.writeString(oldSecretFile(), oldValue + "\n");
            // two challenges the older version gave out before the upgrade
            ProofOfWork olderVersion = new ProofOfWork(old, BITS, Duration.ofMinutes(10), clock);
            Challenge first = olderVersion.issue();
            Challenge second = olderVersion.issue();
            open(); // the first start of this version on this database
            assertEquals(oldValue, storedSecret());
            assertEquals(oldValue + "\n", Files.readString(oldSecretFile()), "the file is not written");
            PublicSubmission s = submission("moved@example.org", null);
            assertNotNull(intake.submit(withProof(s, first.token(), ProofOfWork.solve(first.token(), BITS)), WEB)
                    .appeal());
            // the other node had a file of its own: the database's secret is the one both use
            Path otherFile = dir.resolve("b/nsoz/intake-secret");
            Files.createDirectories(otherFile.getParent());
            Files.writeString(otherFile, Base64.getEncoder().encodeToString(new byte[32]));
            PublicIntakeComponent b = otherNode(otherFile);
            assertNotNull(b.submit(withProof(withText(s, "Текст 2."), second.token(), ProofOfWork.solve(second.token(),
                    BITS)), WEB).appeal());
            assertEquals(oldValue, storedSecret());
            assertEquals(2, registered());
        }

        @Test
        @DisplayName("A secret file that is not one (not Base64) is passed over: a new secret is made in the database")
        void brokenOldFile() throws Exception {
            drop();
            Files.createDirectories(oldSecretFile().getParent());
            Files.writeString(oldSecretFile(), "not a secret!");
            open();
            assertEquals(32, Base64.getDecoder().decode(storedSecret()).length);
            assertNotNull(intake.submit(submission("broken@example.org", null), WEB).appeal());
        }
    }

    @Nested
    @DisplayName("Limits")
    class Limits {

        @Test
        @DisplayName("Five submissions per address in 10 minutes, then 429 with the time to wait, audited; open again "
                + "once the window passes")
        void perAddress() {
            for (int i = 0; i < 5; i++) {
                intake.submit(submission("addr" + i + "@example.org", null), WEB);
            }
            PublicSubmission sixth = submission("addr5@example.org", null);
            TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class, () -> intake.submit(sixth, WEB));
            assertTrue(e.retryAfter().compareTo(Duration.ZERO) > 0
                    && e.retryAfter().compareTo(Duration.ofMinutes(10)) <= 0, e.retryAfter().toString());
            assertEquals(5, registered());
            assertTrue(auditEntries().stream().anyMatch(a -> a.action() == AuditAction.DENIED
                    && a.appealId() == null && a.origin().equals("rest 198.51.100.7")
                    && a.what().contains("client address")), auditEntries().toString());
            // another address is not affected
            Origin other = new Origin("198.51.100.8", null, Origin.Via.PORTAL);
            intake.submit(submission(intake, other, "Синтетичний Заявник", "x@example.org", "Текст.", null, true,
                    List.of()), other);
            clock.plus(e.retryAfter());
            assertNotNull(intake.submit(submission("addr6@example.org", null), WEB).appeal());
        }

        @Test
        @DisplayName("A changed configuration applies to the same component (no new service): a wider limit at once")
        void modified() {
            for (int i = 0; i < 5; i++) {
                intake.submit(submission("mod" + i + "@example.org", null), WEB);
            }
            assertThrows(TooManyAttemptsException.class, () -> intake.submit(submission("mod5@example.org", null),
                    WEB));
            intake.modified(config(Map.of("difficultyBits", BITS, "submissionsPerAddressPer10Minutes", 7)));
            for (int i = 5; i < 12; i++) {
                intake.submit(submission("mod" + i + "@example.org", null), WEB);
            }
            assertThrows(TooManyAttemptsException.class, () -> intake.submit(submission("mod12@example.org", null),
                    WEB));
            assertEquals(12, registered());
        }

        @Test
        @DisplayName("Thirty submissions per address a day")
        void perAddressPerDay() {
            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    intake.submit(submission("day" + i + "@example.org", null), WEB);
                    accepted++;
                } catch (TooManyAttemptsException e) {
                    if (e.retryAfter().compareTo(Duration.ofMinutes(10)) > 0) {
                        break; // the day's limit: open again only when the first of the day leaves the window
                    }
                    clock.plus(e.retryAfter()); // the 10 minutes' limit
                }
            }
            assertEquals(30, accepted);
            assertEquals(30, registered());
        }

        @Test
        @DisplayName("Three submissions per e-mail an hour, whatever the address, the e-mail's case aside")
        void perEmail() {
            for (int i = 0; i < 3; i++) {
                Origin o = new Origin("192.0.2." + i, null, Origin.Via.PORTAL);
                intake.submit(submission(intake, o, "Синтетичний Заявник", i == 1 ? "Same@Example.org"
                        : "same@example.org", "Текст " + i, null, true, List.of()), o);
            }
            Origin o = new Origin("192.0.2.99", null, Origin.Via.PORTAL);
            PublicSubmission fourth = submission(intake, o, "Синтетичний Заявник", "same@example.org", "Текст.", null,
                    true, List.of());
            TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class, () -> intake.submit(fourth, o));
            assertTrue(e.retryAfter().compareTo(Duration.ofHours(1)) <= 0);
            assertTrue(auditEntries().stream().anyMatch(a -> a.action() == AuditAction.DENIED
                    && a.what().contains("e-mail")));
            // the address's permit was given back: another e-mail from it goes through
            assertNotNull(intake.submit(submission(intake, o, "Синтетичний Заявник", "other@example.org", "Текст.",
                    null, true, List.of()), o).appeal());
        }

        @Test
        @DisplayName("Limits come from the configuration")
        void configured() {
            PublicIntakeComponent strict = intake(config(Map.of("difficultyBits", BITS,
                    "submissionsPerAddressPer10Minutes", 1)));
            strict.submit(submission(strict, WEB, null, null, "Текст.", null, true, List.of()), WEB);
            PublicSubmission second = submission(strict, WEB, null, null, "Текст 2.", null, true, List.of());
            assertThrows(TooManyAttemptsException.class, () -> strict.submit(second, WEB));
        }

        @Test
        @DisplayName("Challenges per address are limited too (30 in 10 minutes)")
        void challenges() {
            for (int i = 0; i < 30; i++) {
                intake.challenge(WEB);
            }
            TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class, () -> intake.challenge(WEB));
            assertTrue(e.retryAfter().getSeconds() >= 1);
            assertNotNull(intake.challenge(new Origin("198.51.100.200", null, Origin.Via.PORTAL)));
        }

        @Test
        @DisplayName("A refused submission does not use up a permit")
        void refusalsAreFree() {
            for (int i = 0; i < 8; i++) {
                PublicSubmission s = submission(intake, WEB, null, null, "Текст.", null, false, List.of());
                assertThrows(ValidationException.class, () -> intake.submit(s, WEB));
            }
            for (int i = 0; i < 5; i++) {
                intake.submit(submission("free" + i + "@example.org", null), WEB);
            }
            assertEquals(5, registered());
        }
    }

    @Nested
    @DisplayName("Idempotency")
    class Idempotency {

        @Test
        @DisplayName("A resend with the same key gets the first registration, marked repeated, and costs no permit")
        void resend() {
            PublicSubmission s = submission("idem@example.org", "3f1c-key");
            Receipt first = intake.submit(s, WEB);
            for (int i = 0; i < 10; i++) {
                Receipt again = intake.submit(s, WEB);
                assertTrue(again.repeated());
                assertEquals(first.appeal().registrationNumber(), again.appeal().registrationNumber());
                assertEquals(first.accessCode(), again.accessCode());
            }
            // even with a new proof of work
            Receipt fresh = intake.submit(withProof(s, null, null).challengeToken() == null
                    ? submission("idem@example.org", "3f1c-key") : s, WEB);
            assertTrue(fresh.repeated());
            assertEquals(1, registered());
            assertEquals(1, auditEntries().size());
        }

        @Test
        @DisplayName("The same key with another submission is refused naming the key")
        void otherBody() {
            PublicSubmission s = submission("idem2@example.org", "k-2");
            intake.submit(s, WEB);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> intake.submit(withText(submission("idem2@example.org", "k-2"), "Інший текст."), WEB));
            assertEquals(List.of("Idempotency-Key"), fields(e));
            assertEquals(1, registered());
        }

        @Test
        @DisplayName("A key longer than 100 characters is refused")
        void keyLength() {
            PublicSubmission s = submission("long@example.org", "k".repeat(101));
            assertEquals(List.of("Idempotency-Key"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(s, WEB))));
        }

        @Test
        @DisplayName("A key whose first submission was refused is free for the corrected one")
        void refusedFirst() {
            PublicSubmission s = submission(intake, WEB, "Синтетичний Заявник", "not-an-email", "Текст.", "k-3", true,
                    List.of());
            assertThrows(ValidationException.class, () -> intake.submit(s, WEB));
            PublicSubmission fixed = submission(intake, WEB, "Синтетичний Заявник", "fixed@example.org", "Текст.",
                    "k-3", true, List.of());
            assertFalse(intake.submit(fixed, WEB).repeated());
        }

        @Test
        @DisplayName("Eight concurrent resends (a double click) give one registration, every one the same number")
        void concurrent() throws Exception {
            PublicSubmission s = submission("dbl@example.org", "dbl-click");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Receipt>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit((Callable<Receipt>) () -> {
                        go.await();
                        return intake.submit(s, WEB);
                    }));
                }
                go.countDown();
                Map<String, Integer> numbers = new HashMap<>();
                int firsts = 0;
                for (Future<Receipt> f : answers) {
                    Receipt r = f.get(60, TimeUnit.SECONDS);
                    numbers.merge(r.appeal().registrationNumber(), 1, Integer::sum);
                    firsts += r.repeated() ? 0 : 1;
                }
                assertEquals(1, numbers.size(), numbers.toString());
                assertEquals(1, firsts);
                assertEquals(1, registered());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("Documents")
    class Documents {

        static final String SHA = "ab".repeat(32);

        @Test
        @DisplayName("A document this node holds is attached as stored (type and size from the store, the citizen's "
                + "name); an unknown one is refused naming it")
        void knownAndUnknown() {
            documents.add(SHA);
            Receipt r = intake.submit(submission(intake, WEB, "Синтетичний Заявник", "d@example.org", "З документом.",
                    null, true, List.of(new Attachment("akt.pdf", "text/html", 1, SHA.toUpperCase()))), WEB);
            assertEquals(List.of(new Attachment("akt.pdf", "application/pdf", 1234, SHA)), r.appeal().attachments());
            PublicSubmission unknown = submission(intake, WEB, "Синтетичний Заявник", "d@example.org", "Текст.", null,
                    true, List.of(new Attachment("a.pdf", null, 0, SHA), new Attachment("b.pdf", null, 0,
                            "cd".repeat(32))));
            assertEquals(List.of("documents[1].sha256"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(unknown, WEB))));
        }

        @Test
        @DisplayName("More documents than the store allows per appeal are refused")
        void tooMany() {
            documents.add(SHA);
            Attachment a = new Attachment("a.pdf", null, 0, SHA);
            PublicSubmission s = submission(intake, WEB, null, null, "Текст.", null, true, List.of(a, a, a, a));
            assertEquals(List.of("documents"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(s, WEB))));
        }

        @Test
        @DisplayName("Without a document store a submission with documents is refused, one without is registered")
        void noStore() {
            intake.documents(null);
            PublicSubmission s = submission(intake, WEB, null, null, "Текст.", null, true,
                    List.of(new Attachment("a.pdf", null, 0, SHA)));
            assertEquals(List.of("documents"), fields(assertThrows(ValidationException.class,
                    () -> intake.submit(s, WEB))));
            assertNotEquals(null, intake.submit(submission("nodocs@example.org", null), WEB).appeal());
        }
    }

    @Nested
    @DisplayName("Limiter")
    class LimiterRules {

        @Test
        @DisplayName("Every rule of every key at once, or none; a released permit is free again")
        void allOrNone() {
            long[] now = {0};
            Limiter l = new Limiter(List.of(new Limiter.Rule(Duration.ofSeconds(10), 2)), () -> now[0]);
            assertTrue(l.acquire("a", "b").isEmpty());
            assertTrue(l.acquire("a").isEmpty());
            assertEquals(Optional.of(Duration.ofSeconds(10)), l.acquire("a", "c"));
            assertTrue(l.acquire("c").isEmpty(), "c was not charged by the refused acquire");
            l.release("a");
            assertTrue(l.acquire("a").isEmpty());
            now[0] = 10_000;
            assertTrue(l.acquire("a").isEmpty());
        }
    }
}
