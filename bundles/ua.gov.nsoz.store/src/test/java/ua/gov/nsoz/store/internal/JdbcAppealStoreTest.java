package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.StoreException;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;

/** The JDBC store against a real database of this run's engine (Derby, PostgreSQL), migrated as in production. */
@DisplayName("JdbcAppealStore (Derby, PostgreSQL: nsoz.test.db)")
class JdbcAppealStoreTest {

    /** Holds every database of this class and Derby's own log, so nothing lands in the module folder. */
    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Kept so that the level set on it is not lost to garbage collection. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @BeforeAll
    static void derbyOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    @AfterAll
    static void stopDerby() {
        if (DATABASES.get() == 0 || TestDatabases.engine() != SqlDialect.DERBY) {
            return;
        }
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:derby:;shutdown=true"));
        // XJ015: the embedded engine shut down normally.
        assertEquals("XJ015", e.getSQLState(), e::getMessage);
    }

    /** One database of this run's engine (nsoz.test.db: Derby, PostgreSQL) with its migrated schema. */
    static final class Db {
        final TestDatabase test;
        final DataSource ds;

        private Db(TestDatabase test, DataSource ds) {
            this.test = test;
            this.ds = ds;
            migrate(ds);
        }

        static Db create() {
            TestDatabase t = TestDatabases.create(home, "nsoz-" + DATABASES.incrementAndGet());
            return new Db(t, t.dataSource());
        }

        /** A fresh database whose Derby files go under the given folder. */
        static Db create(Path folder, String name) {
            TestDatabase t = TestDatabases.create(folder, name);
            return new Db(t, t.dataSource());
        }

        /** Opens the same database anew, as a restarted node would. */
        Db reopen() {
            return new Db(test, test.reopen());
        }

        long count(String sql, Object... args) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new AssertionError(sql, e);
            }
        }

        /** Derby: shuts the database down (a reopen boots it again); PostgreSQL: the server keeps it till the end. */
        void shutdown() {
            if (test.dialect() == SqlDialect.DERBY) {
                test.close();
            }
        }
    }

    /** Runs the production migration, with Liquibase's console output sent to its (quietened) logger. */
    static void migrate(DataSource ds) {
        try {
            Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> Migrations.migrate(ds));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static Appeal full(String id, String number) {
        return new Appeal(id, number, "lviv", "UA-46", AppealKind.COMPLAINT, Channel.POST,
                new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 1",
                        "taras@example.ua", "+380 44 123-45-67"),
                "Скарга на бездіяльність ЖЕКу: «дах» протікає, 'лапки' і \"подвійні\" теж.", "ЖКГ",
                "Київська міська державна адміністрація", true, 12, true, false,
                List.of(new Attachment("скан заяви.pdf", "application/pdf", 123_456, SHA),
                        new Attachment("фото.jpg", null, 0, null),
                        new Attachment("лист.docx", "application/msword", Long.MAX_VALUE, SHA.replace('9', 'a'))),
                EnumSet.of(LegalMark.UNSIGNED, LegalMark.NO_CONTACT_FOR_REPLY), AppealStatus.REGISTERED, 1,
                T.minusMillis(86_400_123), T.plusMillis(1), T.plusMillis(2));
    }

    static Appeal minimal(String id, String number) {
        return new Appeal(id, number, "central", null, AppealKind.PROPOSAL, Channel.PHONE, null, "Пропозиція.", null,
                null, false, null, false, null, List.of(), Set.of(), AppealStatus.REGISTERED, 1, T, T, T);
    }

    static AppealEvent registered(Appeal a) {
        return new AppealEvent(newId(), a.id(), 1, "REGISTERED", a.registeredAt(), a.node(), "operator1",
                "{\"registrationNumber\":\"" + a.registrationNumber() + "\",\"text\":\"Український текст\"}");
    }

    @Nested
    @DisplayName("Writes and reads, a fresh database per test")
    class Writes {

        Db db;
        JdbcAppealStore store;

        @BeforeEach
        void open() {
            db = Db.create();
            store = new JdbcAppealStore(db.ds);
        }

        @AfterEach
        void close() {
            db.shutdown();
        }

        @Test
        @DisplayName("Every field of an appeal survives the round trip: applicant, attachments in order, marks, flags, times")
        void roundTripFull() {
            Appeal a = full(newId(), "LV-2026-000001");
            AppealEvent e = registered(a);
            store.insert(a, e);
            assertEquals(Optional.of(a), store.get(a.id()));
            assertEquals(Optional.of(a), store.findByRegistrationNumber("LV-2026-000001"));
            assertEquals(List.of(e), store.events(a.id()));
        }

        @Test
        @DisplayName("Absent values come back absent: no applicant, region, topic, addressee, co-signers, signature, marks")
        void roundTripNulls() {
            Appeal a = minimal(newId(), "KC-2026-000001");
            AppealEvent e = new AppealEvent(newId(), a.id(), 1, "REGISTERED", T, "central", null, null);
            store.insert(a, e);
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(a, back);
            assertNull(back.applicant());
            assertNull(back.signed());
            assertNull(back.coSigners());
            assertEquals(Set.of(), back.marks());
            assertEquals(List.of(e), store.events(a.id()));
        }

        static Stream<Arguments> applicants() {
            return Stream.of(
                    arguments(new Applicant(ApplicantType.ORGANISATION, null, null, null, null)),
                    arguments(new Applicant(null, "Без типу", null, null, null)),
                    arguments(new Applicant(ApplicantType.LOCAL_SELF_GOVERNMENT, null, "Житомир", null, null)),
                    arguments(new Applicant(ApplicantType.INDIVIDUAL_ENTREPRENEUR, null, null, null, "0441234567")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("applicants")
        @DisplayName("Art. 8: a partly known applicant comes back as given, not as an unknown one")
        void partialApplicants(Applicant applicant) {
            Appeal m = minimal(newId(), "KC-2026-000007");
            Appeal a = new Appeal(m.id(), m.registrationNumber(), m.node(), m.region(), m.kind(), m.channel(), applicant,
                    m.text(), m.topic(), m.addressee(), false, null, false, true, List.of(), EnumSet.of(LegalMark.ANONYMOUS),
                    m.status(), 1, T, T, T);
            store.insert(a, registered(a));
            assertEquals(Optional.of(a), store.get(a.id()));
        }

        @Test
        @DisplayName("The longest values intake accepts fit the columns (text 32,000, name 300, address 500, e-mail 254, phone 32)")
        void longestValuesFit() {
            Appeal f = full(newId(), "LV-2026-000002");
            Applicant ap = new Applicant(ApplicantType.CITIZEN, "Ї".repeat(300), "є".repeat(500),
                    "a".repeat(64) + "@" + "d".repeat(186) + ".ua", "+" + "0".repeat(31));
            assertEquals(254, ap.email().length());
            Appeal a = new Appeal(f.id(), f.registrationNumber(), f.node(), f.region(), f.kind(), f.channel(), ap,
                    "ґ".repeat(32_000), "т".repeat(300), "а".repeat(300), f.collective(), f.coSigners(),
                    f.confidential(), f.signed(), List.of(new Attachment("ф".repeat(255), "x/" + "y".repeat(125), 1, SHA)),
                    EnumSet.allOf(LegalMark.class), f.status(), f.version(), f.receivedAt(), f.registeredAt(),
                    f.updatedAt());
            store.insert(a, registered(a));
            assertEquals(Optional.of(a), store.get(a.id()));
        }

        @Test
        @DisplayName("Unknown ids and numbers find nothing")
        void notFound() {
            Appeal a = minimal(newId(), "KC-2026-000001");
            store.insert(a, registered(a));
            assertEquals(Optional.empty(), store.get(newId()));
            assertEquals(Optional.empty(), store.findByRegistrationNumber("KC-2026-000002"));
            assertEquals(List.of(), store.events(newId()));
        }

        @Test
        @DisplayName("Instruction 348: a duplicate registration number is rejected and nothing of the second appeal is written")
        void duplicateRegistrationNumber() {
            Appeal first = full(newId(), "LV-2026-000001");
            store.insert(first, registered(first));
            Appeal second = full(newId(), "LV-2026-000001");
            AppealEvent secondEvent = registered(second);

            assertThrows(StoreException.class, () -> store.insert(second, secondEvent));

            assertEquals(Optional.empty(), store.get(second.id()));
            assertEquals(List.of(), store.events(second.id()));
            assertEquals(Optional.of(first), store.findByRegistrationNumber("LV-2026-000001"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM appeal"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM appeal_event"));
            assertEquals(0, db.count("SELECT COUNT(*) FROM appeal_attachment WHERE appeal_id = ?", second.id()));
            assertEquals(3, db.count("SELECT COUNT(*) FROM appeal_attachment"));
        }

        @Test
        @DisplayName("One transaction: when the event cannot be written, the appeal row and its attachments are rolled back")
        void failingEventRollsBackAppeal() {
            Appeal first = full(newId(), "LV-2026-000001");
            AppealEvent firstEvent = registered(first);
            store.insert(first, firstEvent);
            // A new appeal whose event reuses an event id: the appeal and attachment inserts succeed, the event fails.
            Appeal second = full(newId(), "LV-2026-000002");
            AppealEvent clash = new AppealEvent(firstEvent.eventId(), second.id(), 1, "REGISTERED", T, "lviv", "op", "{}");

            assertThrows(StoreException.class, () -> store.insert(second, clash));

            assertEquals(Optional.empty(), store.get(second.id()));
            assertEquals(Optional.empty(), store.findByRegistrationNumber("LV-2026-000002"));
            assertEquals(0, db.count("SELECT COUNT(*) FROM appeal_attachment WHERE appeal_id = ?", second.id()));
            assertEquals(1, db.count("SELECT COUNT(*) FROM appeal"));
            assertEquals(1, db.count("SELECT COUNT(*) FROM appeal_event"));

            // The store is still usable afterwards, and the rolled-back number can be written.
            Appeal third = full(newId(), "LV-2026-000002");
            store.insert(third, registered(third));
            assertEquals(Optional.of(third), store.findByRegistrationNumber("LV-2026-000002"));
        }

        @Test
        @DisplayName("Migrations run twice are idempotent and keep the data")
        void migrationsIdempotent() {
            Appeal a = full(newId(), "LV-2026-000001");
            store.insert(a, registered(a));
            long changesets = db.count("SELECT COUNT(*) FROM databasechangelog");

            assertDoesNotThrow(() -> migrate(db.ds));
            assertDoesNotThrow(() -> migrate(db.ds));

            long declared;
            try (var in = JdbcAppealStore.class.getClassLoader().getResourceAsStream(Migrations.CHANGELOG)) {
                declared = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .filter(l -> l.startsWith("--changeset "))
                        // a changeset for other engines only (dbms:postgresql) does not run on Derby, and back
                        .filter(l -> !l.contains(" dbms:") || l.matches(".* dbms:\\S*" + db.test.dialect().id() + ".*"))
                        .count();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertEquals(declared, changesets, "every changeset of the changelog ran once");
            assertEquals(changesets, db.count("SELECT COUNT(*) FROM databasechangelog"));
            assertEquals(0, db.count("SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE"));
            assertEquals(Optional.of(a), new JdbcAppealStore(db.ds).get(a.id()));
        }

        @Test
        @DisplayName("A restarted node keeps its appeals and continues its registration numbers with no gap and no repeat")
        void survivesRestart() {
            Appeal a = full(newId(), "LV-2026-000001");
            store.insert(a, registered(a));
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = store.nextRegistrationSequence(2026);
            }
            db.shutdown();

            db = db.reopen();
            JdbcAppealStore restarted = new JdbcAppealStore(db.ds);
            assertEquals(Optional.of(a), restarted.get(a.id()));
            // Consecutive across the restart: no block of numbers reserved and dropped (issue #12).
            assertEquals(last + 1, restarted.nextRegistrationSequence(2026));
        }

        @Test
        @DisplayName("Each year's sequence starts at 1 and runs independently of the other years")
        void sequencesPerYear() {
            assertEquals(1, store.nextRegistrationSequence(2026));
            assertEquals(2, store.nextRegistrationSequence(2026));
            assertEquals(3, store.nextRegistrationSequence(2026));
            assertEquals(1, store.nextRegistrationSequence(2027));
            assertEquals(4, store.nextRegistrationSequence(2026));
            assertEquals(2, store.nextRegistrationSequence(2027));
            assertEquals(1, store.nextRegistrationSequence(2025));
            // Another store over the same database (the component re-activated) continues where the first
            // stopped: no gap, no repeat (issue #12).
            JdbcAppealStore again = new JdbcAppealStore(db.ds);
            assertEquals(5, again.nextRegistrationSequence(2026));
            assertEquals(3, again.nextRegistrationSequence(2027));
        }

        @Test
        @DisplayName("Concurrent callers (8 threads x 200) on a new year's sequence get distinct numbers 1 to 1600")
        void concurrentSequence() throws Exception {
            List<List<Long>> perThread = allocateConcurrently(8, 200, t -> store, 2026);
            assertDistinctAndIncreasing(perThread, 1, 1600);
        }

        @Test
        @DisplayName("Two store instances racing to create a new year's sequence both succeed and never share a number")
        void concurrentSequenceCreation() throws Exception {
            JdbcAppealStore other = new JdbcAppealStore(db.ds);
            List<List<Long>> perThread = allocateConcurrently(8, 200, t -> t % 2 == 0 ? store : other, 2031);
            assertDistinctAndIncreasing(perThread, 1, 1600);
        }

        @Test
        @DisplayName("Concurrent callers (8 threads x 200) on a year's sequence in use get distinct, increasing numbers")
        void concurrentSequenceInUse() throws Exception {
            assertEquals(1, store.nextRegistrationSequence(2026));
            List<List<Long>> perThread = allocateConcurrently(8, 200, t -> store, 2026);
            assertDistinctAndIncreasing(perThread, 2, 1601);
        }

        private List<List<Long>> allocateConcurrently(int threads, int each, IntFunction<JdbcAppealStore> storeOf,
                int year) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<Long>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    JdbcAppealStore s = storeOf.apply(t);
                    futures.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        List<Long> mine = new ArrayList<>(each);
                        for (int i = 0; i < each; i++) {
                            mine.add(s.nextRegistrationSequence(year));
                        }
                        return mine;
                    }));
                }
                ready.await();
                go.countDown();
                List<List<Long>> results = new ArrayList<>();
                for (Future<List<Long>> f : futures) {
                    // A guard against a hang, not a timing assertion.
                    results.add(f.get(5, TimeUnit.MINUTES));
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        }

        private void assertDistinctAndIncreasing(List<List<Long>> perThread, long first, long last) {
            Set<Long> all = new HashSet<>();
            for (List<Long> mine : perThread) {
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i) > mine.get(i - 1), "not increasing for one caller: " + mine);
                }
                all.addAll(mine);
            }
            assertEquals(last - first + 1, all.size(), "a number was handed out twice");
            assertEquals(LongStream.rangeClosed(first, last).boxed().collect(Collectors.toSet()), all);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("Search, over one seeded database")
    class Search {

        Db db;
        JdbcAppealStore store;
        final List<Appeal> seeded = new ArrayList<>();

        private void add(int n, AppealStatus status, AppealKind kind, Channel channel, String region,
                Instant registeredAt, String body, String topic) {
            Appeal a = new Appeal(String.format("00000000-0000-7000-8000-%012d", n), "S-" + n, n == 4 ? "ucc" : "lviv",
                    region, kind,
                    channel, new Applicant(ApplicantType.CITIZEN, "Заявник " + n, "Адреса " + n, null, null), body, topic,
                    null, false, null, false, null, n == 1 ? List.of(new Attachment("a.pdf", null, 1, null)) : List.of(),
                    Set.of(), status, 1, registeredAt, registeredAt, registeredAt);
            seeded.add(a);
            store.insert(a, registered(a));
        }

        static Instant h(int hours) {
            return T.plus(Duration.ofHours(hours));
        }

        @BeforeAll
        void seed() {
            db = Db.create();
            store = new JdbcAppealStore(db.ds);
            add(1, AppealStatus.REGISTERED, AppealKind.COMPLAINT, Channel.WEB, "UA-46", h(1),
                    "Протікає ДАХ будинку на вул. Зеленій", "Житлово-комунальне господарство");
            add(2, AppealStatus.REGISTERED, AppealKind.APPLICATION, Channel.PHONE, "UA-46", h(2),
                    "Прошу встановити лавку у сквері", "Благоустрій");
            add(3, AppealStatus.FORWARDED, AppealKind.COMPLAINT, Channel.EMAIL, "UA-32", h(3),
                    "Знижка 50% на проїзд не діє", "Транспорт");
            add(4, AppealStatus.ANSWERED, AppealKind.PROPOSAL, Channel.PORTAL, "UA-32", h(4),
                    "Пропоную назвати сквер іменем героя", "Топоніміка");
            add(5, AppealStatus.REGISTERED, AppealKind.PROPOSAL, Channel.POST, "UA-46", h(5),
                    "Файл звіт_2025.pdf не відкривається", "Ґанок і дах");
            add(6, AppealStatus.NOT_CONSIDERED, AppealKind.COMPLAINT, Channel.IN_PERSON, null, h(6),
                    "Скарга на рішення від 5 травня про закриття ЇДАЛЬНІ", null);
            add(7, AppealStatus.REGISTERED, AppealKind.APPLICATION, Channel.WEB, "UA-46", h(7),
                    "Шлях C:\\temp\\file не знайдено", "Інформаційні технології");
            add(8, AppealStatus.REGISTERED, AppealKind.COMPLAINT, Channel.WEB, "UA-46", T.plus(Duration.ofDays(40)),
                    "Ґанок школи зруйновано", "Освіта");
            add(9, AppealStatus.REGISTERED, AppealKind.COMPLAINT, Channel.WEB, "UA-46",
                    Instant.parse("2025-12-31T23:00:00Z"), "Дах протікає знову", "ЖКГ");
            add(10, AppealStatus.REGISTERED, AppealKind.APPLICATION, Channel.WEB, "UA-46", h(8),
                    "Немає 50 відсотків знижки, код abc123", null);
        }

        @AfterAll
        void close() {
            db.shutdown();
        }

        static AppealQuery q(AppealStatus status, AppealKind kind, Channel channel, String region, Instant from,
                Instant to, String text) {
            return new AppealQuery(status, kind, channel, region, from, to, text, 0, AppealQuery.MAX_LIMIT);
        }

        static AppealQuery text(String text) {
            return q(null, null, null, null, null, null, text);
        }

        Stream<Arguments> filters() {
            return Stream.of(
                    arguments("everything, newest first", AppealQuery.all(), List.of(8, 10, 7, 6, 5, 4, 3, 2, 1, 9)),
                    arguments("status REGISTERED", q(AppealStatus.REGISTERED, null, null, null, null, null, null),
                            List.of(8, 10, 7, 5, 2, 1, 9)),
                    arguments("status FORWARDED", q(AppealStatus.FORWARDED, null, null, null, null, null, null),
                            List.of(3)),
                    arguments("Art. 8, 17: status NOT_CONSIDERED stays registered and found",
                            q(AppealStatus.NOT_CONSIDERED, null, null, null, null, null, null), List.of(6)),
                    arguments("status CLOSED: none", q(AppealStatus.CLOSED, null, null, null, null, null, null),
                            List.of()),
                    arguments("Art. 3: kind COMPLAINT", q(null, AppealKind.COMPLAINT, null, null, null, null, null),
                            List.of(8, 6, 3, 1, 9)),
                    arguments("Art. 3: kind PROPOSAL", q(null, AppealKind.PROPOSAL, null, null, null, null, null),
                            List.of(5, 4)),
                    arguments("Art. 5: channel WEB", q(null, null, Channel.WEB, null, null, null, null),
                            List.of(8, 10, 7, 1, 9)),
                    arguments("Art. 5: channel POST", q(null, null, Channel.POST, null, null, null, null), List.of(5)),
                    arguments("region UA-32", q(null, null, null, "UA-32", null, null, null), List.of(4, 3)),
                    arguments("region UA-46", q(null, null, null, "UA-46", null, null, null),
                            List.of(8, 10, 7, 5, 2, 1, 9)),
                    arguments("region UA-99: none", q(null, null, null, "UA-99", null, null, null), List.of()),
                    arguments("from inclusive, to exclusive", q(null, null, null, null, h(3), h(6), null),
                            List.of(5, 4, 3)),
                    arguments("March 2026", q(null, null, null, null, T, Instant.parse("2026-04-01T00:00:00Z"), null),
                            List.of(10, 7, 6, 5, 4, 3, 2, 1)),
                    arguments("only to: before 2026", q(null, null, null, null, null, T, null), List.of(9)),
                    arguments("only from: April on", q(null, null, null, null, Instant.parse("2026-04-01T00:00:00Z"),
                            null, null), List.of(8)),
                    arguments("status + kind + region",
                            q(AppealStatus.REGISTERED, AppealKind.COMPLAINT, null, "UA-46", null, null, null),
                            List.of(8, 1, 9)),
                    arguments("kind + channel + period",
                            q(null, AppealKind.APPLICATION, Channel.WEB, null, T, h(8), null), List.of(7)),
                    arguments("Ukrainian text, lower case finds upper", text("дах"), List.of(5, 1, 9)),
                    arguments("Ukrainian text, upper case finds lower", text("ДАХ"), List.of(5, 1, 9)),
                    arguments("letter Ґ in either case", text("ґанок"), List.of(8, 5)),
                    arguments("letter ґ in either case", text("ҐАНОК"), List.of(8, 5)),
                    arguments("letter І in either case", text("ІНФОРМАЦІЙНІ"), List.of(7)),
                    arguments("letter Ї in either case", text("їдальні"), List.of(6)),
                    arguments("text in the topic", text("житлово-комунальне"), List.of(1)),
                    arguments("surrounding blanks ignored", text("  сквер  "), List.of(4, 2)),
                    arguments("blank text is no filter", text("   "), List.of(8, 10, 7, 6, 5, 4, 3, 2, 1, 9)),
                    arguments("'%' taken literally", text("%"), List.of(3)),
                    arguments("'50%' taken literally", text("50%"), List.of(3)),
                    arguments("'50' without '%'", text("50"), List.of(10, 3)),
                    arguments("'%дах' is not a wildcard", text("%дах"), List.of()),
                    arguments("'_' taken literally", text("_"), List.of(5)),
                    arguments("'звіт_2025' found", text("звіт_2025"), List.of(5)),
                    arguments("'a_c' does not match 'abc'", text("a_c"), List.of()),
                    arguments("'ABC' case-insensitive in Latin too", text("ABC"), List.of(10)),
                    arguments("backslash taken literally", text("\\"), List.of(7)),
                    arguments("'c:\\temp' found", text("c:\\temp"), List.of(7)),
                    arguments("text + status", new AppealQuery(AppealStatus.REGISTERED, null, null, null, null, null,
                            "дах", 0, 20), List.of(5, 1, 9)),
                    arguments("text matching nothing", text("пошук, якого немає"), List.of()),
                    arguments("an operator's scope: registered at ucc", AppealQuery.all().withNode("ucc"), List.of(4)),
                    arguments("registered at lviv, REGISTERED", q(AppealStatus.REGISTERED, null, null, null, null, null,
                            null).withNode("lviv"), List.of(8, 10, 7, 5, 2, 1, 9)),
                    arguments("registered at a node with none", AppealQuery.all().withNode("kyiv-city"), List.of()));
        }

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("filters")
        @DisplayName("Filters by status, kind, channel, region, period and text, each alone and together")
        void filters(String label, AppealQuery query, List<Integer> expected) {
            Page<Appeal> page = store.search(query);
            assertEquals(expected, numbers(page));
            assertEquals(expected.size(), page.total());
            assertEquals(query.offset(), page.offset());
            assertEquals(query.limit(), page.limit());
        }

        Stream<Arguments> pages() {
            return Stream.of(
                    arguments(null, 0, 3, List.of(8, 10, 7), 10),
                    arguments(null, 3, 3, List.of(6, 5, 4), 10),
                    arguments(null, 6, 3, List.of(3, 2, 1), 10),
                    arguments(null, 9, 3, List.of(9), 10),
                    arguments(null, 10, 3, List.of(), 10),
                    arguments(null, 500, 20, List.of(), 10),
                    arguments(null, 0, 1, List.of(8), 10),
                    arguments(null, 0, 500, List.of(8, 10, 7, 6, 5, 4, 3, 2, 1, 9), 10),
                    arguments(AppealStatus.REGISTERED, 0, 2, List.of(8, 10), 7),
                    arguments(AppealStatus.REGISTERED, 2, 2, List.of(7, 5), 7),
                    arguments(AppealStatus.REGISTERED, 6, 2, List.of(9), 7),
                    arguments(AppealStatus.FORWARDED, 1, 2, List.of(), 1));
        }

        @ParameterizedTest(name = "status={0} offset={1} limit={2} -> {3} of {4}")
        @MethodSource("pages")
        @DisplayName("Paging returns the asked slice, newest first, and the total of all matches")
        void paging(AppealStatus status, int offset, int limit, List<Integer> expected, long total) {
            Page<Appeal> page = store.search(new AppealQuery(status, null, null, null, null, null, null, offset, limit));
            assertEquals(expected, numbers(page));
            assertEquals(total, page.total());
            assertEquals(offset, page.offset());
            assertEquals(limit, page.limit());
        }

        @Test
        @DisplayName("Pages walked one after another cover every match exactly once")
        void pagesCoverAll() {
            List<Integer> walked = new ArrayList<>();
            for (int offset = 0; offset < 10; offset += 4) {
                walked.addAll(numbers(store.search(new AppealQuery(null, null, null, null, null, null, null, offset, 4))));
            }
            assertEquals(List.of(8, 10, 7, 6, 5, 4, 3, 2, 1, 9), walked);
        }

        @Test
        @DisplayName("A search result carries every column of the appeal (attachments are read only by get)")
        void searchReadsAllColumns() {
            Appeal found = store.search(text("лавку")).items().get(0);
            assertEquals(seeded.get(1), found);
            Appeal withAttachment = store.search(text("Зеленій")).items().get(0);
            assertEquals(seeded.get(0).id(), withAttachment.id());
            assertEquals(seeded.get(0), store.get(withAttachment.id()).orElseThrow());
        }

        private List<Integer> numbers(Page<Appeal> page) {
            return page.items().stream().map(a -> Integer.parseInt(a.registrationNumber().substring(2))).toList();
        }
    }

    @Test
    @DisplayName("Legal marks are stored in a fixed order and read back as the same set")
    void marksEncoding() {
        assertEquals("", AppealColumns.encodeMarks(Set.of()));
        assertEquals("ANONYMOUS,UNSIGNED,NO_CONTACT_FOR_REPLY",
                AppealColumns.encodeMarks(Set.of(LegalMark.NO_CONTACT_FOR_REPLY, LegalMark.ANONYMOUS, LegalMark.UNSIGNED)));
        assertEquals("UNSIGNED,LATE_COMPLAINT",
                AppealColumns.encodeMarks(Set.of(LegalMark.LATE_COMPLAINT, LegalMark.UNSIGNED)));
        int n = LegalMark.values().length;
        for (int bits = 0; bits < 1 << n; bits++) {
            int b = bits;
            Set<LegalMark> marks = IntStream.range(0, n).filter(i -> (b & (1 << i)) != 0)
                    .mapToObj(i -> LegalMark.values()[i]).collect(Collectors.toCollection(() -> EnumSet.noneOf(LegalMark.class)));
            assertEquals(marks, AppealColumns.decodeMarks(AppealColumns.encodeMarks(marks)));
        }
        assertEquals(Set.of(), AppealColumns.decodeMarks(null));
    }
}
