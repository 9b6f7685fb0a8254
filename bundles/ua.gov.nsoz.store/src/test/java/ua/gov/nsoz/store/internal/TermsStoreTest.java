package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.T;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.TARAS;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.doc;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.event;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.everyField;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.insert;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.newId;
import static ua.gov.nsoz.store.internal.ProcessingStoreTest.numbers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.CategoryCount;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore.UpdateResult;
import ua.gov.nsoz.store.ReplicationStore.ApplyResult;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.ReplicationStore.Replica;

/**
 * The terms of the Law (changeset nsoz:10-terms, issue #13) against a real embedded Derby migrated by Liquibase: the
 * applicant's category, priority, the shortened and restored terms and the contested decision through every write
 * path; a body's inbox ordered priority first, then the nearest last day (Art. 20); the open appeals the due-date
 * recomputation pages through and its write without an event; the counts per applicant category.
 */
@DisplayName("JdbcAppealStore: the terms of the Law on embedded Derby")
class TermsStoreTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final String REASON = "Прошу розглянути до 1 квітня: операція призначена на 2 квітня, довідка додається.";
    static final ContestedDecision CONTESTED = new ContestedDecision(LocalDate.parse("2025-12-01"),
            LocalDate.parse("2026-02-20"));

    List<TestDatabase> opened;
    DataSource ds;
    JdbcAppealStore store;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        opened = new ArrayList<>();
        ds = database();
        store = new JdbcAppealStore(ds);
    }

    @AfterEach
    void shutdown() {
        for (TestDatabase d : opened) {
            d.close();
        }
    }

    /** A new database with the production schema. */
    DataSource database() {
        TestDatabase d = TestDatabases.create(home, "terms-" + DATABASES.incrementAndGet());
        opened.add(d);
        DataSource db = d.dataSource();
        JdbcAppealStoreTest.migrate(db);
        return db;
    }

    /** Every field of issue #13 set, on top of every other field of the processing state. */
    static Processing everyTermsField() {
        return everyField().toBuilder().priority(true).shortened(7, REASON).termRestored(true).build();
    }

    static Appeal appeal(String id, String number, String node, Applicant applicant, AppealStatus status,
            Instant registeredAt, Processing p, ContestedDecision contested) {
        return new Appeal(id, number, node, "UA-46", AppealKind.COMPLAINT, Channel.POST, applicant,
                "Скарга на рішення селищної ради.", "ЖКГ", "Львівська обласна державна адміністрація", false, null,
                false, true, List.of(doc("скан скарги.pdf"), new Attachment("фото.jpg", null, 0, null)),
                EnumSet.of(LegalMark.LATE_COMPLAINT, LegalMark.UNSIGNED), status, 1, registeredAt.minusSeconds(60),
                registeredAt, registeredAt, p, contested);
    }

    /** An appeal with every new field set. */
    static Appeal everything(String number) {
        return appeal(newId(), number, "lviv", TARAS.withCategory("7.1"), AppealStatus.REGISTERED, T,
                everyTermsField(), CONTESTED);
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

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The new fields through every write")
    class RoundTrips {

        @Test
        @DisplayName("Art. 17, 20: category, contested decision, LATE_COMPLAINT, priority, shortened and restored term "
                + "survive insert -> get, find and search")
        void insertThenGet() {
            Appeal a = everything("LV-2026-001001");
            insert(store, a);
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(a, back);
            assertEquals("7.1", back.applicant().category());
            assertEquals(CONTESTED, back.contested());
            assertTrue(back.marks().contains(LegalMark.LATE_COMPLAINT));
            assertEquals(everyTermsField(), back.processing());
            assertEquals(a, store.findByRegistrationNumber("LV-2026-001001").orElseThrow());
            Appeal found = store.search(AppealQuery.all()).items().get(0);
            assertEquals(a.applicant(), found.applicant());
            assertEquals(a.contested(), found.contested());
            assertEquals(a.marks(), found.marks());
            assertEquals(everyTermsField().toBuilder().answer(everyField().result(), everyField().answer(), List.of(),
                    everyField().answeredAt()).build(), found.processing(), "search reads no documents");
        }

        @Test
        @DisplayName("Each new field alone, and all of them unset, come back as written")
        void eachAlone() {
            List<Appeal> written = List.of(
                    appeal(newId(), "LV-2026-001011", "lviv", TARAS.withCategory("10.2"), AppealStatus.REGISTERED, T,
                            Processing.NONE, null),
                    appeal(newId(), "LV-2026-001012", "lviv", new Applicant(null, null, null, null, null, "3.4"),
                            AppealStatus.REGISTERED, T, Processing.NONE, null),
                    appeal(newId(), "LV-2026-001013", "lviv", null, AppealStatus.REGISTERED, T, Processing.NONE,
                            new ContestedDecision(LocalDate.parse("2025-06-30"), null)),
                    appeal(newId(), "LV-2026-001014", "lviv", TARAS, AppealStatus.REGISTERED, T, Processing.NONE,
                            new ContestedDecision(null, LocalDate.parse("2026-01-31"))),
                    appeal(newId(), "LV-2026-001015", "lviv", TARAS, AppealStatus.REGISTERED, T,
                            Processing.NONE.toBuilder().priority(true).build(), null),
                    appeal(newId(), "LV-2026-001016", "lviv", TARAS, AppealStatus.REGISTERED, T,
                            Processing.NONE.toBuilder().shortened(3, null).build(), null),
                    appeal(newId(), "LV-2026-001017", "lviv", TARAS, AppealStatus.REGISTERED, T,
                            Processing.NONE.toBuilder().shortened(null, "Без строку").build(), null),
                    appeal(newId(), "LV-2026-001018", "lviv", TARAS, AppealStatus.REGISTERED, T,
                            Processing.NONE.toBuilder().termRestored(true).build(), null),
                    appeal(newId(), "LV-2026-001019", "lviv", TARAS, AppealStatus.REGISTERED, T, Processing.NONE,
                            null));
            for (Appeal a : written) {
                insert(store, a);
            }
            for (Appeal a : written) {
                assertEquals(a, store.get(a.id()).orElseThrow(), a.registrationNumber());
            }
        }

        @Test
        @DisplayName("The longest reason for a shortened term fits its column (4,000 characters)")
        void longestReason() {
            Appeal a = everything("LV-2026-001021");
            Appeal longest = a.withProcessing(a.processing().toBuilder().shortened(1, "ґ".repeat(4_000)).build());
            insert(store, longest);
            assertEquals(longest, store.get(a.id()).orElseThrow());
        }

        @Test
        @DisplayName("A row without the new columns, as changeset 10 leaves the earlier ones, reads as not priority, "
                + "not shortened, not restored, no category and no contested decision")
        void rowBeforeTheChangeset() throws SQLException {
            String id = newId();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO appeal (id, "
                    + "reg_number, node_id, region, kind, channel, status, version, applicant_type, applicant_name, "
                    + "confidential, collective, body, marks, received_at, registered_at, updated_at) "
                    + "VALUES (?, 'LV-2025-000001', 'lviv', 'UA-46', 'PROPOSAL', 'PHONE', 'REGISTERED', 1, 'CITIZEN', "
                    + "'Тарас', FALSE, FALSE, 'Пропозиція.', '', 0, 0, 0)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            Appeal back = store.get(id).orElseThrow();
            assertEquals(Processing.NONE, back.processing());
            assertNull(back.contested());
            assertEquals(new Applicant(ApplicantType.CITIZEN, "Тарас", null, null, null), back.applicant());
        }

        @Test
        @DisplayName("Every new field of the processing state survives update -> get, and is cleared by an update; "
                + "the category and the contested decision stay")
        void updateThenGet() {
            Appeal a = appeal(newId(), "LV-2026-001031", "lviv", TARAS.withCategory("7.1"), AppealStatus.REGISTERED, T,
                    Processing.NONE, CONTESTED);
            insert(store, a);
            Appeal v2 = a.next(a.topic(), AppealStatus.IN_PROGRESS, T.plusSeconds(60), everyTermsField());
            assertEquals(UpdateResult.UPDATED, store.update(v2, event(v2, "TERM_SHORTENED"), List.of(), null));
            assertEquals(v2, store.get(a.id()).orElseThrow());

            Appeal v3 = v2.next(v2.topic(), AppealStatus.IN_PROGRESS, T.plusSeconds(120), Processing.NONE);
            assertEquals(UpdateResult.UPDATED, store.update(v3, event(v3, "NOTE"), List.of(), null));
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(v3, back, "back to nothing: every column cleared");
            assertEquals("7.1", back.applicant().category());
            assertEquals(CONTESTED, back.contested());

            Appeal stale = v2.next(v2.topic(), AppealStatus.ACCEPTED, T.plusSeconds(180), everyTermsField());
            assertEquals(UpdateResult.CONFLICT, store.update(stale, event(stale, "ACCEPTED"), List.of(), null));
            assertEquals(v3, store.get(a.id()).orElseThrow());
        }

        @Test
        @DisplayName("A replica keeps every new field, first registered and then replaced by a newer version")
        void replica() {
            Appeal a = appeal(newId(), "KV-2026-001041", "kyiv-city", TARAS.withCategory("7.1"),
                    AppealStatus.REGISTERED, T, Processing.NONE.toBuilder().priority(true).build(), CONTESTED);
            Appeal v2 = a.next(a.topic(), AppealStatus.IN_PROGRESS, T.plusSeconds(60), everyTermsField());
            assertEquals(List.of(ApplyResult.APPLIED), store.applyReplicas(List.of(
                    new Replica(new Inbound(newId(), "kyiv-city", 1), a, event(a, "REGISTERED")))));
            assertEquals(a, store.get(a.id()).orElseThrow());
            assertEquals(ApplyResult.APPLIED, store.applyReplica(newId(), "kyiv-city", 2, v2,
                    event(v2, "TERM_SHORTENED")));
            assertEquals(v2, store.get(a.id()).orElseThrow());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("A body's inbox (Art. 20)")
    class Inbox {

        Processing with(String body, boolean priority, String dueDate) {
            return Processing.NONE.toBuilder().body(body, T).priority(priority)
                    .dueDate(dueDate == null ? null : LocalDate.parse(dueDate)).build();
        }

        void add(String number, int hour, Processing p) {
            insert(store, appeal(newId(), number, "lviv", TARAS, AppealStatus.ACCEPTED, T.plus(Duration.ofHours(hour)),
                    p, null));
        }

        @BeforeEach
        void seed() {
            add("A", 1, with("minsoc", false, "2026-04-10"));
            add("B", 2, with("minsoc", true, "2026-04-20"));
            add("C", 3, with("minsoc", true, "2026-04-05"));
            add("D", 4, with("minsoc", false, "2026-04-01"));
            add("E", 5, with("minsoc", false, null));
            add("F", 6, with("minsoc", true, null));
            add("G", 7, with("minsoc", false, "2026-04-10"));
            add("K", 8, with("kmda", true, "2026-03-01"));
        }

        AppealQuery inbox(String body, int offset, int limit) {
            return new AppealQuery(null, null, null, null, null, null, null, offset, limit, body);
        }

        @Test
        @DisplayName("Priority applicants first, then the nearest last day, no last day after the others, then newest")
        void priorityThenDueDate() {
            Page<Appeal> page = store.search(inbox("minsoc", 0, 20));
            assertEquals(List.of("C", "B", "F", "D", "G", "A", "E"), numbers(page.items()));
            assertEquals(7, page.total());
            assertEquals(List.of("K"), numbers(store.search(inbox("kmda", 0, 20)).items()));
        }

        @Test
        @DisplayName("Pages of an inbox walk the same order")
        void paged() {
            assertEquals(List.of("F", "D", "G"), numbers(store.search(inbox("minsoc", 2, 3)).items()));
            List<String> walked = new ArrayList<>();
            for (int offset = 0; offset < 7; offset += 2) {
                walked.addAll(numbers(store.search(inbox("minsoc", offset, 2)).items()));
            }
            assertEquals(List.of("C", "B", "F", "D", "G", "A", "E"), walked);
        }

        @Test
        @DisplayName("A search without a body keeps its order: newest first")
        void withoutBodyNewestFirst() {
            assertEquals(List.of("K", "G", "F", "E", "D", "C", "B", "A"),
                    numbers(store.search(AppealQuery.all()).items()));
            assertEquals(List.of("K", "G", "F", "E", "D", "C", "B", "A"), numbers(store.search(
                    new AppealQuery(AppealStatus.ACCEPTED, null, null, "UA-46", null, null, null, 0, 20)).items()));
            assertEquals(List.of("K", "G", "F", "E", "D", "C", "B", "A"),
                    numbers(store.search(AppealQuery.all().withNode("lviv")).items()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The due-date recomputation")
    class Recomputation {

        static String id(int n) {
            return String.format("00000000-0000-7000-8000-%012d", n);
        }

        @Test
        @DisplayName("openAppeals pages through the open appeals in id order, owned and replicated, and skips the "
                + "closed ones")
        void openAppealsPaging() {
            AppealStatus[] statuses = {AppealStatus.ANSWERED, AppealStatus.REGISTERED, AppealStatus.CLOSED,
                AppealStatus.FORWARDED, AppealStatus.ACCEPTED, AppealStatus.NOT_CONSIDERED, AppealStatus.IN_PROGRESS,
                AppealStatus.ANSWERED_AT_FIRST_CONTACT, AppealStatus.EXTENDED, AppealStatus.REDIRECTED};
            // Inserted in another order than their ids: the page follows the ids.
            for (int n : new int[] {7, 2, 9, 4, 1, 10, 5, 3, 8, 6}) {
                Processing p = n == 5 ? everyTermsField() : Processing.NONE.toBuilder()
                        .dueDate(LocalDate.parse("2026-04-01").plusDays(n)).build();
                insert(store, appeal(id(n), "N-" + n, n % 2 == 0 ? "lviv" : "kyiv-city", TARAS.withCategory("7.1"),
                        statuses[n - 1], T.plusSeconds(n), p, CONTESTED));
            }
            List<String> open = List.of(id(2), id(4), id(5), id(7), id(9), id(10));

            List<Appeal> walked = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String after = null;
            List<Appeal> page;
            do {
                page = store.openAppeals(after, 4);
                sizes.add(page.size());
                walked.addAll(page);
                after = page.isEmpty() ? after : page.get(page.size() - 1).id();
            } while (!page.isEmpty());
            assertEquals(List.of(4, 2, 0), sizes);
            assertEquals(open, walked.stream().map(Appeal::id).toList());
            for (Appeal a : walked) {
                assertEquals(store.get(a.id()).orElseThrow(), a, "a full record, attachments and documents too");
            }
            assertEquals(List.of(id(5), id(7)), store.openAppeals(id(4), 2).stream().map(Appeal::id).toList());
            assertEquals(List.of(id(2)), store.openAppeals(id(1), 1).stream().map(Appeal::id).toList(),
                    "after a closed one");
            assertEquals(List.of(), store.openAppeals(id(10), 10));
            assertEquals(List.of(), store.openAppeals(null, 0));
        }

        @Test
        @DisplayName("setDueDate writes the due date of the version it was computed from, and nothing else")
        void setDueDate() {
            Appeal a = everything("LV-2026-001101");
            store.insert(a, event(a, "REGISTERED"), List.of("ucc"));
            Appeal v2 = a.next(a.topic(), AppealStatus.ACCEPTED, T.plusSeconds(60), a.processing().toBuilder()
                    .dueDate(LocalDate.parse("2026-04-16")).build());
            assertEquals(UpdateResult.UPDATED, store.update(v2, event(v2, "ACCEPTED"), List.of("ucc"), null));
            List<AppealEvent> events = store.events(a.id());
            long outbox = count("SELECT COUNT(*) FROM outbox");
            assertEquals(2, outbox);

            LocalDate moved = LocalDate.parse("2026-04-17");
            assertTrue(store.setDueDate(a.id(), 2, moved));
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(v2.withProcessing(v2.processing().toBuilder().dueDate(moved).build()), back,
                    "the same version, the same update time, only the due date moved");
            assertEquals(events, store.events(a.id()), "no event");
            assertEquals(outbox, count("SELECT COUNT(*) FROM outbox"), "nothing for other nodes");

            assertFalse(store.setDueDate(a.id(), 1, LocalDate.parse("2026-05-01")), "a stale version");
            assertFalse(store.setDueDate(a.id(), 3, LocalDate.parse("2026-05-01")), "a version not there yet");
            assertFalse(store.setDueDate(newId(), 1, LocalDate.parse("2026-05-01")), "no such appeal");
            assertEquals(back, store.get(a.id()).orElseThrow());
            assertEquals(events, store.events(a.id()));
            assertEquals(outbox, count("SELECT COUNT(*) FROM outbox"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Counts per applicant category (Art. 20)")
    class Categories {

        int seq;

        void add(String category, boolean noApplicant, AppealStatus status, String dueDate) {
            Applicant applicant = noApplicant ? null : TARAS.withCategory(category);
            insert(store, appeal(newId(), "LV-2026-00130" + seq++, "lviv", applicant, status, T,
                    Processing.NONE.toBuilder()
                            .dueDate(dueDate == null ? null : LocalDate.parse(dueDate)).build(), null));
        }

        @Test
        @DisplayName("All, open and overdue per category; codes ascending, no category last")
        void counts() {
            assertEquals(List.of(), store.categoryCounts(LocalDate.parse("2026-04-15")), "no appeals, no rows");
            add("7.1", false, AppealStatus.ACCEPTED, "2026-04-10");
            add("7.1", false, AppealStatus.REGISTERED, "2026-04-15");
            add("7.1", false, AppealStatus.CLOSED, "2026-04-01");
            add("10.2", false, AppealStatus.FORWARDED, null);
            add("10.2", false, AppealStatus.ANSWERED, "2026-04-01");
            add("3.4", false, AppealStatus.EXTENDED, "2026-04-14");
            add("3.4", false, AppealStatus.IN_PROGRESS, "2026-04-14");
            add("3.4", false, AppealStatus.NOT_CONSIDERED, "2026-04-01");
            add(null, false, AppealStatus.REDIRECTED, "2026-04-01");
            add(null, true, AppealStatus.REGISTERED, "2026-05-01");
            add(null, false, AppealStatus.ANSWERED_AT_FIRST_CONTACT, null);

            assertEquals(List.of(new CategoryCount("10.2", 2, 1, 0), new CategoryCount("3.4", 3, 2, 2),
                    new CategoryCount("7.1", 3, 2, 1), new CategoryCount(null, 3, 2, 1)),
                    store.categoryCounts(LocalDate.parse("2026-04-15")),
                    "due today is not overdue; a closed appeal past its day is not overdue; an appeal without an "
                            + "applicant has no category");
            assertEquals(List.of(new CategoryCount("10.2", 2, 1, 0), new CategoryCount("3.4", 3, 2, 0),
                    new CategoryCount("7.1", 3, 2, 0), new CategoryCount(null, 3, 2, 0)),
                    store.categoryCounts(LocalDate.parse("2026-03-01")), "nothing overdue yet");
            assertEquals(List.of(new CategoryCount("10.2", 2, 1, 0), new CategoryCount("3.4", 3, 2, 2),
                    new CategoryCount("7.1", 3, 2, 2), new CategoryCount(null, 3, 2, 2)),
                    store.categoryCounts(LocalDate.parse("2026-06-01")));
        }
    }

    @Test
    @DisplayName("Art. 17: the LATE_COMPLAINT mark is stored with the others and read back")
    void lateComplaintMark() {
        Set<LegalMark> all = EnumSet.allOf(LegalMark.class);
        assertEquals("ANONYMOUS,UNSIGNED,NO_CONTACT_FOR_REPLY,LATE_COMPLAINT", AppealColumns.encodeMarks(all));
        Appeal a = everything("LV-2026-001201");
        Appeal withAll = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), all, a.status(), a.version(), a.receivedAt(), a.registeredAt(),
                a.updatedAt(), a.processing(), a.contested());
        insert(store, withAll);
        assertEquals(all, store.get(a.id()).orElseThrow().marks());
    }
}
