package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore.UpdateResult;
import ua.gov.nsoz.store.ReplicationStore.ApplyResult;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.ReplicationStore.Replica;

/**
 * Where the consideration of an appeal stands (changeset nsoz:6), against a real embedded Derby migrated by
 * Liquibase: the processing state and the answer documents through every write path, a body's inbox, the lookups
 * behind repeated, duplicate and mass appeals (Law Art. 8, classifier of appeals), the deadline watch (Art. 20) and
 * the node's secret.
 */
@DisplayName("JdbcAppealStore: the processing state of appeals on embedded Derby")
class ProcessingStoreTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final Instant T = Instant.parse("2026-03-16T08:00:00Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Applicant TARAS = new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Григорович",
            "м. Київ, вул. Хрещатик, 1", "taras@example.ua", "+380 44 123-45-67");

    List<TestDatabase> opened;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void clear() {
        opened = new ArrayList<>();
    }

    @AfterEach
    void shutdown() {
        for (TestDatabase d : opened) {
            d.close();
        }
    }

    /** A new database with the production schema. */
    DataSource database() {
        TestDatabase d = TestDatabases.create(home, "processing-" + DATABASES.incrementAndGet());
        opened.add(d);
        DataSource ds = d.dataSource();
        JdbcAppealStoreTest.migrate(ds);
        return ds;
    }

    JdbcAppealStore newStore() {
        return new JdbcAppealStore(database());
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static Attachment doc(String name) {
        return new Attachment(name, "application/pdf", name.length() * 1000L, SHA);
    }

    /** Every field of the processing state set, none to its default. */
    static Processing everyField() {
        return new Processing(Classification.DUPLICATE, "LV-2026-000001", "minsoc", T.plusMillis(1_001), true, 12,
                LocalDate.parse("2026-04-27"), NotConsideredGround.LATE_COMPLAINT, AnswerResult.REFUSED,
                "Відмовлено: «причини» й порядок оскарження (ст. 15).", List.of(doc("відповідь.pdf"), doc("додаток.pdf")),
                T.plusMillis(2_002), 3, LocalDate.parse("2026-04-20"), T.plusMillis(3_003), SHA.replace('9', 'b'));
    }

    static Appeal appeal(String number, String node, String region, Applicant applicant, String text,
            AppealStatus status, Instant registeredAt, Processing p) {
        return new Appeal(newId(), number, node, region, AppealKind.COMPLAINT, Channel.POST, applicant, text, "ЖКГ",
                "Київська міська державна адміністрація", false, null, false, true,
                List.of(doc("скан заяви.pdf"), new Attachment("фото.jpg", null, 0, null)),
                Set.of(LegalMark.NO_CONTACT_FOR_REPLY), status, 1, registeredAt.minusSeconds(60), registeredAt,
                registeredAt, p);
    }

    static Appeal appeal(String number, Processing p) {
        return appeal(number, "lviv", "UA-46", TARAS, "Скарга на ЖЕК: дах протікає.", AppealStatus.REGISTERED, T, p);
    }

    static AppealEvent event(Appeal a, String type) {
        return new AppealEvent(newId(), a.id(), a.version(), type, a.updatedAt(), a.node(), "clerk",
                "{\"registrationNumber\":\"" + a.registrationNumber() + "\"}");
    }

    static void insert(JdbcAppealStore store, Appeal a) {
        store.insert(a, event(a, "REGISTERED"));
    }

    static List<String> numbers(List<Appeal> appeals) {
        return appeals.stream().map(Appeal::registrationNumber).toList();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The processing state through every write")
    class RoundTrips {

        JdbcAppealStore store;

        @BeforeEach
        void open() {
            store = newStore();
        }

        @Test
        @DisplayName("Art. 7, 8, 20: every field of the processing state survives insert -> get")
        void insertThenGet() {
            Appeal a = appeal("LV-2026-000010", everyField());
            insert(store, a);
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(a, back);
            assertEquals(everyField(), back.processing());
            assertEquals(a, store.findByRegistrationNumber("LV-2026-000010").orElseThrow());
        }

        @Test
        @DisplayName("Answer documents are kept apart from the appeal's own attachments")
        void answerDocumentsApart() {
            Appeal a = appeal("LV-2026-000011", everyField());
            insert(store, a);
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(List.of("скан заяви.pdf", "фото.jpg"), back.attachments().stream()
                    .map(Attachment::fileName).toList());
            assertEquals(List.of("відповідь.pdf", "додаток.pdf"), back.processing().answerDocuments().stream()
                    .map(Attachment::fileName).toList());
        }

        @Test
        @DisplayName("An appeal with no attachments of its own keeps its answer documents, and the other way round")
        void onlyOneKind() {
            Appeal withAnswerOnly = new Appeal(newId(), "LV-2026-000012", "lviv", "UA-46", AppealKind.PROPOSAL,
                    Channel.PHONE, null, "Пропозиція.", null, null, false, null, false, null, List.of(), Set.of(),
                    AppealStatus.ANSWERED, 1, T, T, T, everyField());
            insert(store, withAnswerOnly);
            assertEquals(withAnswerOnly, store.get(withAnswerOnly.id()).orElseThrow());
            Appeal withAttachmentsOnly = appeal("LV-2026-000013", Processing.NONE);
            insert(store, withAttachmentsOnly);
            assertEquals(withAttachmentsOnly, store.get(withAttachmentsOnly.id()).orElseThrow());
        }

        @Test
        @DisplayName("Every field survives update -> get; the answer documents are replaced, the attachments stay")
        void updateThenGet() {
            Appeal a = appeal("LV-2026-000014", Processing.NONE);
            insert(store, a);
            Appeal v2 = a.next("Благоустрій", AppealStatus.ANSWERED, T.plusSeconds(60), everyField());
            assertEquals(UpdateResult.UPDATED, store.update(v2, event(v2, "ANSWERED"), List.of(), null));
            assertEquals(v2, store.get(a.id()).orElseThrow());

            Processing fewer = everyField().toBuilder()
                    .answer(AnswerResult.SATISFIED, "Задоволено.", List.of(doc("нова відповідь.pdf")), T.plusSeconds(120))
                    .rating(5).build();
            Appeal v3 = v2.next(v2.topic(), AppealStatus.CLOSED, T.plusSeconds(120), fewer);
            assertEquals(UpdateResult.UPDATED, store.update(v3, event(v3, "RATED"), List.of(), null));
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(v3, back);
            assertEquals(List.of("нова відповідь.pdf"), back.processing().answerDocuments().stream()
                    .map(Attachment::fileName).toList());
            assertEquals(a.attachments(), back.attachments());

            Appeal v4 = v3.next(v3.topic(), AppealStatus.CLOSED, T.plusSeconds(180), Processing.NONE);
            assertEquals(UpdateResult.UPDATED, store.update(v4, event(v4, "NOTE"), List.of(), null));
            assertEquals(v4, store.get(a.id()).orElseThrow(), "back to nothing: every column cleared");
            assertEquals(List.of(1L, 2L, 3L, 4L), store.events(a.id()).stream().map(AppealEvent::version).toList());
        }

        @Test
        @DisplayName("An update from a stale version writes nothing of the processing state")
        void conflict() {
            Appeal a = appeal("LV-2026-000015", Processing.NONE);
            insert(store, a);
            Appeal v2 = a.next(a.topic(), AppealStatus.ANSWERED, T.plusSeconds(1), everyField());
            store.update(v2, event(v2, "ANSWERED"), List.of(), null);
            Appeal stale = a.next(a.topic(), AppealStatus.FORWARDED, T.plusSeconds(2),
                    Processing.NONE.toBuilder().body("kmda", T).build());
            assertEquals(UpdateResult.CONFLICT, store.update(stale, event(stale, "FORWARDED"), List.of(), null));
            assertEquals(v2, store.get(a.id()).orElseThrow());
        }

        @Test
        @DisplayName("A replica applied through applyReplicas keeps every field and the answer documents, version after version")
        void replicaKeepsProcessing() {
            JdbcAppealStore center = newStore();
            Appeal a = appeal("LV-2026-000016", Processing.NONE);
            Appeal v2 = a.next(a.topic(), AppealStatus.ANSWERED, T.plusSeconds(60), everyField());
            List<ApplyResult> results = center.applyReplicas(List.of(
                    new Replica(new Inbound(newId(), "lviv", 1), a, event(a, "REGISTERED")),
                    new Replica(new Inbound(newId(), "lviv", 2), v2, event(v2, "ANSWERED"))));
            assertEquals(List.of(ApplyResult.APPLIED, ApplyResult.APPLIED), results);
            assertEquals(v2, center.get(a.id()).orElseThrow());

            Processing rated = everyField().toBuilder().rating(1)
                    .answer(AnswerResult.EXPLAINED, "Роз'яснено.", List.of(), T.plusSeconds(90)).build();
            Appeal v3 = v2.next(v2.topic(), AppealStatus.CLOSED, T.plusSeconds(120), rated);
            assertEquals(ApplyResult.APPLIED, center.applyReplica(newId(), "lviv", 3, v3, event(v3, "RATED")));
            Appeal back = center.get(a.id()).orElseThrow();
            assertEquals(v3, back);
            assertEquals(List.of(), back.processing().answerDocuments());
            assertEquals(a.attachments(), back.attachments());

            // A late message of an older version changes nothing.
            assertEquals(ApplyResult.STALE, center.applyReplica(newId(), "lviv", 2, v2, event(v2, "ANSWERED_AGAIN")));
            assertEquals(v3, center.get(a.id()).orElseThrow());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Lookups of the processing state")
    class Lookups {

        JdbcAppealStore store;

        @BeforeEach
        void open() {
            store = newStore();
        }

        Processing body(String body) {
            return Processing.NONE.toBuilder().body(body, T).build();
        }

        @Test
        @DisplayName("A body's inbox: search by body finds only the appeals with that body")
        void searchByBody() {
            for (int i = 0; i < 3; i++) {
                insert(store, appeal("LV-2026-00010" + i, body("minsoc")));
            }
            insert(store, appeal("LV-2026-000110", body("kmda")));
            insert(store, appeal("LV-2026-000120", Processing.NONE));
            Page<Appeal> minsoc = store.search(new AppealQuery(null, null, null, null, null, null, null, 0, 20,
                    "minsoc"));
            assertEquals(3, minsoc.total());
            assertTrue(minsoc.items().stream().allMatch(a -> "minsoc".equals(a.processing().body())));
            Page<Appeal> kmda = store.search(new AppealQuery(null, null, null, null, null, null, null, 0, 20, "kmda"));
            assertEquals(List.of("LV-2026-000110"), numbers(kmda.items()));
            assertEquals(0, store.search(new AppealQuery(null, null, null, null, null, null, null, 0, 20, "nobody"))
                    .total());
            assertEquals(5, store.search(AppealQuery.all()).total(), "no body: every appeal");
            Page<Appeal> minsocAnswered = store.search(new AppealQuery(AppealStatus.ANSWERED, null, null, null, null,
                    null, null, 0, 20, "minsoc"));
            assertEquals(0, minsocAnswered.total(), "the body goes with the other filters");
        }

        static Stream<Arguments> sameApplicants() {
            return Stream.of(
                    arguments("the same name and address in other case, spacing and punctuation",
                            new Applicant(ApplicantType.CITIZEN, "  ШЕВЧЕНКО   тарас григорович ",
                                    "М.Київ вул.Хрещатик,1", null, null), true),
                    arguments("the same name and address with other contacts",
                            new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 1",
                                    "other@example.ua", "0500000000"), true),
                    arguments("another person at the same address",
                            new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Андрійович",
                                    "м. Київ, вул. Хрещатик, 1", null, null), false),
                    arguments("the same person at another address",
                            new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 2",
                                    null, null), false),
                    arguments("nobody", null, false));
        }

        @ParameterizedTest(name = "{0}: same = {2}")
        @MethodSource("sameApplicants")
        @DisplayName("Art. 8: the same applicant is found by name and address, ignoring case, spacing and punctuation")
        void sameApplicantByNameAndAddress(String label, Applicant other, boolean same) {
            Appeal first = appeal("LV-2026-000201", Processing.NONE);
            insert(store, first);
            Appeal next = appeal("LV-2026-000202", "lviv", "UA-46", other, "Ще одна скарга.", AppealStatus.REGISTERED,
                    T.plusSeconds(60), Processing.NONE);
            assertEquals(same ? List.of("LV-2026-000201") : List.of(), numbers(store.sameApplicant(next, 50)));
        }

        @Test
        @DisplayName("Art. 8: without a name and address the e-mail, else the phone, tells the applicant")
        void byEmailElsePhone() {
            Appeal email = appeal("LV-2026-000301", "lviv", "UA-46",
                    new Applicant(ApplicantType.CITIZEN, null, null, "Taras@Example.UA", null), "Текст.",
                    AppealStatus.REGISTERED, T, Processing.NONE);
            Appeal phone = appeal("LV-2026-000302", "lviv", "UA-46",
                    new Applicant(ApplicantType.CITIZEN, "Тарас", null, null, "+380 (44) 123-45-67"), "Текст.",
                    AppealStatus.REGISTERED, T, Processing.NONE);
            insert(store, email);
            insert(store, phone);
            Appeal emailAgain = appeal("LV-2026-000303", "lviv", "UA-46",
                    new Applicant(ApplicantType.CITIZEN, null, "", " taras@example.ua ", "111"), "Текст.",
                    AppealStatus.REGISTERED, T, Processing.NONE);
            Appeal phoneAgain = appeal("LV-2026-000304", "lviv", "UA-46",
                    new Applicant(null, null, null, null, "380441234567"), "Текст.", AppealStatus.REGISTERED, T,
                    Processing.NONE);
            assertEquals(List.of("LV-2026-000301"), numbers(store.sameApplicant(emailAgain, 50)));
            assertEquals(List.of("LV-2026-000302"), numbers(store.sameApplicant(phoneAgain, 50)));
        }

        @Test
        @DisplayName("Art. 8: the applicant's other appeals come newest first, at most as many as asked, never itself")
        void newestFirstLimited() {
            List<Appeal> mine = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Appeal a = appeal("LV-2026-00040" + i, "lviv", "UA-46", TARAS, "Скарга " + i, AppealStatus.REGISTERED,
                        T.plusSeconds(i * 60L), Processing.NONE);
                insert(store, a);
                mine.add(a);
            }
            insert(store, appeal("LV-2026-000499", "lviv", "UA-46",
                    new Applicant(ApplicantType.CITIZEN, "Інша Особа", "м. Київ", null, null), "Скарга",
                    AppealStatus.REGISTERED, T.plusSeconds(600), Processing.NONE));
            Appeal last = mine.get(4);
            assertEquals(List.of("LV-2026-000403", "LV-2026-000402", "LV-2026-000401", "LV-2026-000400"),
                    numbers(store.sameApplicant(last, 50)));
            assertEquals(List.of("LV-2026-000403", "LV-2026-000402"), numbers(store.sameApplicant(last, 2)));
        }

        @Test
        @DisplayName("Classifier: a mass appeal counts the distinct other applicants who sent the same text since a time")
        void otherApplicantsWithSameText() {
            String text = "Вимагаємо відновити рух тролейбуса № 5!";
            Instant since = T.minusSeconds(30L * 86_400);
            // Three other applicants, one of them twice; punctuation, case and spacing do not matter.
            insert(store, appeal("LV-2026-000501", "lviv", "UA-46", applicant("Перша Особа"), text,
                    AppealStatus.REGISTERED, T, Processing.NONE));
            insert(store, appeal("LV-2026-000502", "lviv", "UA-46", applicant("Друга Особа"),
                    "  вимагаємо ВІДНОВИТИ рух тролейбуса №5 ", AppealStatus.REGISTERED, T, Processing.NONE));
            insert(store, appeal("LV-2026-000503", "lviv", "UA-46", applicant("Друга Особа"), text + "!!",
                    AppealStatus.ANSWERED, T, Processing.NONE));
            insert(store, appeal("LV-2026-000504", "kyiv-city", "UA-80", applicant("Третя Особа"), text,
                    AppealStatus.REGISTERED, since, Processing.NONE));
            // Not counted: the applicant's own earlier appeal, one before the window, another text.
            insert(store, appeal("LV-2026-000505", "lviv", "UA-46", TARAS, text, AppealStatus.REGISTERED, T,
                    Processing.NONE));
            insert(store, appeal("LV-2026-000506", "lviv", "UA-46", applicant("Давня Особа"), text,
                    AppealStatus.REGISTERED, since.minusMillis(1), Processing.NONE));
            insert(store, appeal("LV-2026-000507", "lviv", "UA-46", applicant("Четверта Особа"),
                    "Вимагаємо відновити рух тролейбуса № 6!", AppealStatus.REGISTERED, T, Processing.NONE));
            Appeal incoming = appeal("LV-2026-000510", "lviv", "UA-46", TARAS, text, AppealStatus.REGISTERED,
                    T.plusSeconds(60), Processing.NONE);
            assertEquals(3, store.otherApplicantsWithSameText(incoming, since));
            // The early-stopping look-up says the same as the count, for every threshold.
            for (int others = 0; others <= 6; others++) {
                assertEquals(3 >= others, store.sameTextFromAtLeast(incoming, since, others), "at least " + others);
            }
            // Anonymous senders cannot be told apart: each of their appeals counts as one applicant.
            insert(store, appeal("LV-2026-000511", "lviv", "UA-46", null, text, AppealStatus.REGISTERED, T,
                    Processing.NONE));
            insert(store, appeal("LV-2026-000512", "lviv", "UA-46", null, text, AppealStatus.REGISTERED, T,
                    Processing.NONE));
            assertEquals(5, store.otherApplicantsWithSameText(incoming, since));
            assertTrue(store.sameTextFromAtLeast(incoming, since, 5));
            assertFalse(store.sameTextFromAtLeast(incoming, since, 6));
            insert(store, incoming);
            assertEquals(5, store.otherApplicantsWithSameText(incoming, since), "the appeal itself is not counted");
            assertFalse(store.sameTextFromAtLeast(incoming, since, 6), "the appeal itself is not counted");
            assertFalse(store.sameTextFromAtLeast(appeal("LV-2026-000513", "lviv", "UA-46", TARAS, "Інший текст зовсім",
                    AppealStatus.REGISTERED, T, Processing.NONE), since, 1), "another text");
        }

        Applicant applicant(String name) {
            return new Applicant(ApplicantType.CITIZEN, name, "м. Київ, вул. Тестова, 1", null, null);
        }

        Processing due(String date) {
            return Processing.NONE.toBuilder().dueDate(date == null ? null : LocalDate.parse(date)).build();
        }

        @Test
        @DisplayName("Art. 20: dueBy lists the node's open appeals due on or before a day that the watch has to act on, earliest first")
        void dueBy() {
            insert(store, appeal("LV-2026-000601", "lviv", "UA-46", TARAS, "А", AppealStatus.ACCEPTED, T,
                    due("2026-04-10")));
            insert(store, appeal("LV-2026-000602", "lviv", "UA-46", TARAS, "Б", AppealStatus.EXTENDED, T,
                    due("2026-04-05")));
            insert(store, appeal("LV-2026-000603", "lviv", "UA-46", TARAS, "В", AppealStatus.REGISTERED, T,
                    due("2026-04-15")));
            // Not listed: due later, answered, closed, not considered, another node's, no due date.
            insert(store, appeal("LV-2026-000604", "lviv", "UA-46", TARAS, "Г", AppealStatus.ACCEPTED, T,
                    due("2026-04-16")));
            insert(store, appeal("LV-2026-000605", "lviv", "UA-46", TARAS, "Ґ", AppealStatus.ANSWERED, T,
                    due("2026-04-01")));
            insert(store, appeal("LV-2026-000606", "lviv", "UA-46", TARAS, "Д", AppealStatus.CLOSED, T,
                    due("2026-04-01")));
            insert(store, appeal("LV-2026-000607", "lviv", "UA-46", TARAS, "Е", AppealStatus.NOT_CONSIDERED, T,
                    due("2026-04-01")));
            insert(store, appeal("KV-2026-000608", "kyiv-city", "UA-80", TARAS, "Є", AppealStatus.ACCEPTED, T,
                    due("2026-04-02")));
            insert(store, appeal("LV-2026-000609", "lviv", "UA-46", TARAS, "Ж", AppealStatus.REGISTERED, T,
                    due(null)));
            // Nothing left to do for the watch: reminded for its last day already; overdue and escalated already.
            insert(store, appeal("LV-2026-000610", "lviv", "UA-46", TARAS, "З", AppealStatus.ACCEPTED, T,
                    due("2026-04-06").toBuilder().remindedFor(LocalDate.parse("2026-04-06")).build()));
            insert(store, appeal("LV-2026-000611", "lviv", "UA-46", TARAS, "И", AppealStatus.ACCEPTED, T,
                    due("2026-03-20").toBuilder().escalatedAt(T).build()));
            // Overdue, reminded before, not escalated yet: listed (first, the earliest).
            insert(store, appeal("LV-2026-000612", "lviv", "UA-46", TARAS, "І", AppealStatus.ACCEPTED, T,
                    due("2026-03-25").toBuilder().remindedFor(LocalDate.parse("2026-03-25")).build()));
            LocalDate today = LocalDate.parse("2026-04-01");
            LocalDate lastDay = LocalDate.parse("2026-04-15");
            assertEquals(List.of("LV-2026-000612", "LV-2026-000602", "LV-2026-000601", "LV-2026-000603"),
                    numbers(store.dueBy("lviv", today, lastDay, 100)));
            assertEquals(List.of("LV-2026-000612"), numbers(store.dueBy("lviv", today, lastDay, 1)));
            assertEquals(List.of("KV-2026-000608"), numbers(store.dueBy("kyiv-city", today, lastDay, 100)));
            assertEquals(List.of("LV-2026-000612"), numbers(store.dueBy("lviv", today, LocalDate.parse("2026-04-04"),
                    100)));
        }

        @Test
        @DisplayName("Art. 20: overdue open appeals are counted per body and per region")
        void overdueCounts() {
            Processing minsocLate = Processing.NONE.toBuilder().body("minsoc", T).dueDate(LocalDate.parse("2026-04-10"))
                    .build();
            Processing kmdaLate = Processing.NONE.toBuilder().body("kmda", T).dueDate(LocalDate.parse("2026-04-14"))
                    .build();
            insert(store, appeal("LV-2026-000701", "lviv", "UA-46", TARAS, "А", AppealStatus.ACCEPTED, T, minsocLate));
            insert(store, appeal("LV-2026-000702", "lviv", "UA-46", TARAS, "Б", AppealStatus.EXTENDED, T, minsocLate));
            insert(store, appeal("KV-2026-000703", "kyiv-city", "UA-80", TARAS, "В", AppealStatus.IN_PROGRESS, T,
                    kmdaLate));
            insert(store, appeal("LV-2026-000704", "lviv", "UA-46", TARAS, "Г", AppealStatus.REGISTERED, T,
                    due("2026-04-01")));
            insert(store, appeal("UC-2026-000705", "ucc", null, TARAS, "Ґ", AppealStatus.FORWARDED, T, minsocLate));
            // Not overdue: due today, answered late, not considered.
            insert(store, appeal("LV-2026-000706", "lviv", "UA-46", TARAS, "Д", AppealStatus.ACCEPTED, T,
                    minsocLate.toBuilder().dueDate(LocalDate.parse("2026-04-15")).build()));
            insert(store, appeal("LV-2026-000707", "lviv", "UA-46", TARAS, "Е", AppealStatus.ANSWERED, T, minsocLate));
            insert(store, appeal("LV-2026-000708", "lviv", "UA-46", TARAS, "Є", AppealStatus.NOT_CONSIDERED, T,
                    kmdaLate));
            LocalDate today = LocalDate.parse("2026-04-15");
            assertEquals(Map.of("minsoc", 3L, "kmda", 1L, "", 1L), store.overdueCounts(true, today),
                    "an appeal not forwarded yet is counted under \"\"");
            assertEquals(Map.of("UA-46", 3L, "UA-80", 1L, "", 1L), store.overdueCounts(false, today));
            assertEquals(Map.of(), store.overdueCounts(true, LocalDate.parse("2026-04-01")));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The node's secret")
    class Secrets {

        @Test
        @DisplayName("A secret is made on first use, once, and read back the same ever after, also after a restart")
        void madeOnceAndStable() {
            DataSource ds = database();
            JdbcAppealStore store = new JdbcAppealStore(ds);
            AtomicInteger made = new AtomicInteger();
            String first = store.secret("access-code", () -> "key-" + made.incrementAndGet());
            assertEquals("key-1", first);
            assertEquals(first, store.secret("access-code", () -> "key-" + made.incrementAndGet()));
            assertEquals(first, new JdbcAppealStore(ds).secret("access-code", () -> {
                throw new AssertionError("made again");
            }), "another store over the same database, as after a restart");
            assertEquals(1, made.get());
            String other = store.secret("other", () -> "other-" + made.incrementAndGet());
            assertNotEquals(first, other);
            assertEquals(first, store.secret("access-code", () -> "key-" + made.incrementAndGet()));
        }

        @Test
        @DisplayName("Two first uses at the same time get the same secret")
        void concurrentFirstUse() throws Exception {
            JdbcAppealStore store = new JdbcAppealStore(database());
            CyclicBarrier bothLooked = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String value = "key-" + i;
                    results.add(pool.submit(() -> store.secret("access-code", () -> {
                        try {
                            // Both have looked and found nothing before either writes.
                            bothLooked.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return value;
                    })));
                }
                String a = results.get(0).get(30, TimeUnit.SECONDS);
                String b = results.get(1).get(30, TimeUnit.SECONDS);
                assertEquals(a, b);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
