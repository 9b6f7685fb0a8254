package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.AppealStore.AppealRef;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.ReplicationStore.Replica;

/**
 * Retention (changeset nsoz:8-retention) on a real embedded Derby: which appeals are past the period, what their
 * anonymization removes, and that it leaves everything statistics count.
 */
@DisplayName("JdbcAppealStore: retention's anonymization on embedded Derby")
class RetentionStoreTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final Instant OLD = Instant.parse("2026-03-16T08:00:00Z");
    static final Instant CUTOFF = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant RECENT = Instant.parse("2027-06-01T08:00:00Z");
    static final Instant NOW = Instant.parse("2032-01-01T00:00:00Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Applicant TARAS = new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Григорович",
            "м. Київ, вул. Хрещатик, 1", "taras@example.ua", "+380 44 123-45-67");
    static final String TEXT = "Скарга на ЖЕК: дах протікає над квартирою Шевченка.";
    static final String ANSWER = "Дах відремонтовано 12 травня; заявнику Шевченку Т. Г. надіслано акт.";

    TestDatabase db;
    DataSource ds;
    JdbcAppealStore store;
    int numbers;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        db = TestDatabases.create(home, "retention-" + DATABASES.incrementAndGet());
        ds = db.dataSource();
        JdbcAppealStoreTest.migrate(ds);
        store = new JdbcAppealStore(ds);
    }

    @AfterEach
    void shutdown() {
        db.close();
    }

    static Attachment doc(String name, String mediaType, long size) {
        return new Attachment(name, mediaType, size, SHA);
    }

    static Processing answered(String answer) {
        return new Processing(Classification.REPEATED, "LV-2025-000001", "minsoc", OLD.plusSeconds(60), false, 15,
                LocalDate.parse("2026-04-30"), null, AnswerResult.SATISFIED, answer,
                List.of(doc("Відповідь Шевченку.pdf", "application/pdf", 2048), doc("акт.jpg", "image/jpeg", 99)),
                OLD.plusSeconds(120), 4, null, null, SHA.replace('9', 'c'));
    }

    /** An appeal as registered and last changed at {@code at}, with two events whose payloads name the applicant. */
    Appeal add(AppealKind kind, String region, String topic, AppealStatus status, Instant at, Applicant applicant,
            Processing p) {
        return add(kind, region, topic, status, at, applicant, p, null);
    }

    /** The same, for a complaint that names the decision it contests. */
    Appeal add(AppealKind kind, String region, String topic, AppealStatus status, Instant at, Applicant applicant,
            Processing p, ContestedDecision contested) {
        String number = String.format("LV-2026-%06d", ++numbers);
        Appeal a = new Appeal(UUID.randomUUID().toString(), number, "lviv", region, kind, Channel.POST, applicant, TEXT,
                topic, "Київська міська державна адміністрація", false, null, false, true,
                List.of(doc("скан заяви Шевченка.pdf", "application/pdf", 123_456),
                        new Attachment("фото.jpg", null, 0, null)),
                Set.of(LegalMark.NO_CONTACT_FOR_REPLY), AppealStatus.REGISTERED, 1, at.minusSeconds(60), at, at,
                Processing.NONE, contested);
        store.insert(a, event(a, "REGISTERED", null));
        Appeal v2 = a.next(topic, status, at, p);
        assertEquals(AppealStore.UpdateResult.UPDATED, store.update(v2, event(v2, "ANSWERED", "Зателефонував заявник"),
                List.of(), null));
        return v2;
    }

    Appeal add(AppealStatus status, Instant at) {
        return add(AppealKind.COMPLAINT, "UA-46", "ЖКГ", status, at, TARAS, answered(ANSWER));
    }

    static AppealEvent event(Appeal a, String type, String comment) {
        String applicant = a.applicant() == null ? "null" : "{\"type\":\"CITIZEN\",\"fullName\":\""
                + a.applicant().fullName() + "\",\"email\":\"" + a.applicant().email() + "\"}";
        return new AppealEvent(UUID.randomUUID().toString(), a.id(), a.version(), type, a.updatedAt(), a.node(),
                "clerk", "{\"id\":\"" + a.id() + "\",\"applicant\":" + applicant + ",\"text\":\"" + a.text()
                        + "\",\"comment\":" + (comment == null ? "null" : "\"" + comment + "\"") + "}");
    }

    /** Stands for the core's rewriting of a payload: marks it, so the test sees which payloads went through it. */
    static final UnaryOperator<String> MARK = p -> "{\"rewritten\":" + p.length() + "}";

    List<String> payloads(String appealId) {
        return store.events(appealId).stream().map(AppealEvent::payload).toList();
    }

    String column(String column, String id) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM appeal WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Everything readable of these appeals: the records and their histories. */
    Map<String, Object> everything(List<Appeal> appeals) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Appeal a : appeals) {
            out.put(a.id(), store.get(a.id()).orElseThrow());
            out.put(a.id() + "/events", store.events(a.id()));
        }
        return out;
    }

    static List<String> numbers(List<AppealRef> refs) {
        return refs.stream().map(AppealRef::registrationNumber).toList();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("Candidates: closed, changed before the cutoff, not anonymized yet; oldest first; nothing changes")
    void candidates() {
        Appeal closedOld = add(AppealStatus.CLOSED, OLD.plusSeconds(10));
        Appeal answeredOlder = add(AppealStatus.ANSWERED, OLD);
        Appeal notConsidered = add(AppealStatus.NOT_CONSIDERED, OLD.plusSeconds(20));
        Appeal firstContact = add(AppealStatus.ANSWERED_AT_FIRST_CONTACT, OLD.plusSeconds(30));
        Appeal openOld = add(AppealStatus.IN_PROGRESS, OLD);
        Appeal redirectedOld = add(AppealStatus.REDIRECTED, OLD);
        Appeal closedRecent = add(AppealStatus.CLOSED, RECENT);
        Appeal closedAtCutoff = add(AppealStatus.CLOSED, CUTOFF);
        List<Appeal> all = List.of(closedOld, answeredOlder, notConsidered, firstContact, openOld, redirectedOld,
                closedRecent, closedAtCutoff);
        Map<String, Object> before = everything(all);

        Page<AppealRef> page = store.pastRetention(CUTOFF, 1000);
        assertEquals(4, page.total());
        assertEquals(List.of(answeredOlder.registrationNumber(), closedOld.registrationNumber(),
                notConsidered.registrationNumber(), firstContact.registrationNumber()), numbers(page.items()));
        assertEquals(answeredOlder.id(), page.items().get(0).id());
        assertEquals(List.of(answeredOlder.registrationNumber(), closedOld.registrationNumber()),
                numbers(store.pastRetention(CUTOFF, 2).items()));
        assertEquals(4, store.pastRetention(CUTOFF, 2).total());
        Page<AppealRef> countOnly = store.pastRetention(CUTOFF, 0);
        assertEquals(4, countOnly.total());
        assertEquals(List.of(), countOnly.items());
        assertEquals(0, store.pastRetention(OLD, 1000).total(), "an earlier cutoff");

        assertEquals(before, everything(all), "listing changes nothing");
    }

    @Test
    @DisplayName("Anonymization removes the applicant's data, the texts and the file names, and keeps the rest")
    void anonymizes() {
        Appeal a = add(AppealStatus.CLOSED, OLD);
        Appeal kept = add(AppealStatus.CLOSED, RECENT);
        Map<String, Object> keptBefore = everything(List.of(kept));
        List<String> payloadsBefore = payloads(a.id());
        Instant at = NOW.plusMillis(123);

        List<AppealRef> done = store.anonymizePastRetention(CUTOFF, at, 100, MARK);
        assertEquals(List.of(new AppealRef(a.id(), a.registrationNumber())), done);

        Appeal back = store.get(a.id()).orElseThrow();
        assertEquals(new Applicant(ApplicantType.CITIZEN, null, null, null, null), back.applicant(),
                "the applicant's type stays");
        assertEquals(AppealStore.ANONYMIZED_TEXT, back.text());
        assertEquals(AppealStore.ANONYMIZED_TEXT, back.processing().answer());
        assertEquals(List.of(new Attachment("document-1", "application/pdf", 123_456, SHA),
                new Attachment("document-2", null, 0, null)), back.attachments());
        assertEquals(List.of(new Attachment("document-1", "application/pdf", 2048, SHA),
                new Attachment("document-2", "image/jpeg", 99, SHA)), back.processing().answerDocuments());
        Appeal expected = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                back.applicant(), back.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(),
                a.confidential(), a.signed(), back.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(),
                a.registeredAt(), a.updatedAt(), a.processing().toBuilder()
                        .answer(a.processing().result(), AppealStore.ANONYMIZED_TEXT,
                                back.processing().answerDocuments(), a.processing().answeredAt())
                        .build());
        assertEquals(expected, back, "everything else, version and dates included, as it was");
        assertNull(column("applicant_key", a.id()));
        assertNull(column("text_fp", a.id()));
        assertEquals(String.valueOf(at.toEpochMilli()), column("anonymized_at", a.id()));

        assertEquals(payloadsBefore.stream().map(MARK).toList(), payloads(a.id()), "every payload rewritten");
        assertEquals(List.of(1L, 2L), store.events(a.id()).stream().map(AppealEvent::version).toList());
        assertEquals(keptBefore, everything(List.of(kept)), "an appeal inside the period is not touched");
        assertEquals(null, column("anonymized_at", kept.id()));
        assertTrue(column("text_fp", kept.id()) != null && column("applicant_key", kept.id()) != null);
    }

    @Test
    @DisplayName("Issue #13: the reason for a shortened term goes; category, priority, the shortened and restored term "
            + "and the contested decision's dates stay")
    void termsFields() {
        ContestedDecision contested = new ContestedDecision(LocalDate.parse("2025-12-01"),
                LocalDate.parse("2026-02-20"));
        Processing p = answered(ANSWER).toBuilder().priority(true)
                .shortened(7, "Операція Шевченка призначена на 2 квітня").termRestored(true).build();
        Appeal a = add(AppealKind.COMPLAINT, "UA-46", "ЖКГ", AppealStatus.CLOSED, OLD, TARAS.withCategory("7.1"), p,
                contested);
        Appeal kept = add(AppealKind.COMPLAINT, "UA-46", "ЖКГ", AppealStatus.CLOSED, RECENT,
                TARAS.withCategory("7.1"), p, contested);
        List<ua.gov.nsoz.api.CategoryCount> counts = store.categoryCounts(LocalDate.parse("2026-04-15"));

        assertEquals(1, store.anonymizePastRetention(CUTOFF, NOW, 10, MARK).size());
        Appeal back = store.get(a.id()).orElseThrow();
        assertNull(back.processing().shortenedReason());
        assertNull(column("shortened_reason", a.id()));
        assertEquals(new Applicant(ApplicantType.CITIZEN, null, null, null, null, "7.1"), back.applicant(),
                "the applicant's type and category stay");
        assertEquals(contested, back.contested());
        assertEquals(p.toBuilder().shortened(7, null).answer(p.result(), AppealStore.ANONYMIZED_TEXT,
                back.processing().answerDocuments(), p.answeredAt()).build(), back.processing());
        assertEquals(counts, store.categoryCounts(LocalDate.parse("2026-04-15")), "statistics count them still");
        assertEquals(p.shortenedReason(), store.get(kept.id()).orElseThrow().processing().shortenedReason(),
                "an appeal inside the period keeps its reason");
    }

    @Test
    @DisplayName("Issue 16: the calls that became an anonymized appeal lose the caller's number and their recording")
    void calls() throws SQLException {
        Appeal a = add(AppealStatus.CLOSED, OLD);
        Appeal kept = add(AppealStatus.CLOSED, RECENT);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // the calls bundle's table (its changelog calls:1-call-record), the columns anonymization touches
            st.executeUpdate("CREATE TABLE call_record (id VARCHAR(40) NOT NULL PRIMARY KEY, caller_number "
                    + "VARCHAR(40), caller_digits VARCHAR(40), appeal_id VARCHAR(40), recording_sha256 CHAR(64))");
            st.executeUpdate("INSERT INTO call_record VALUES ('c1', '+380 44 123-45-67', '380441234567', '" + a.id()
                    + "', '" + SHA + "'), ('c2', '+380 44 765-43-21', '380447654321', '" + kept.id() + "', '" + SHA
                    + "')");
        }
        store.anonymizePastRetention(CUTOFF, NOW, 100, MARK);
        assertEquals(Arrays.asList(null, null, null), call("c1"), "the anonymized appeal's call");
        assertEquals(List.of("+380 44 765-43-21", "380447654321", SHA), call("c2"), "a call of an appeal in the period");
    }

    private List<String> call(String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT caller_number, caller_digits, recording_sha256 FROM call_record WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), id);
                return Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    @Test
    @DisplayName("An anonymous appeal without an answer: nothing to remove there, no answer text made up")
    void anonymousWithoutAnswer() {
        Appeal a = add(AppealKind.PROPOSAL, "UA-46", null, AppealStatus.NOT_CONSIDERED, OLD, null,
                Processing.NONE.toBuilder().build());
        assertEquals(1, store.anonymizePastRetention(CUTOFF, NOW, 10, MARK).size());
        Appeal back = store.get(a.id()).orElseThrow();
        assertNull(back.applicant());
        assertNull(back.processing().answer());
        assertEquals(AppealStore.ANONYMIZED_TEXT, back.text());
    }

    @Test
    @DisplayName("Batches of the given size, one transaction each, until none is left; a second run finds none")
    void batches() {
        for (int i = 0; i < 5; i++) {
            add(AppealStatus.ANSWERED, OLD.plusSeconds(i));
        }
        Appeal open = add(AppealStatus.FORWARDED, OLD);
        List<Integer> sizes = new ArrayList<>();
        List<AppealRef> all = new ArrayList<>();
        List<AppealRef> batch;
        do {
            batch = store.anonymizePastRetention(CUTOFF, NOW, 2, MARK);
            sizes.add(batch.size());
            all.addAll(batch);
        } while (!batch.isEmpty());
        assertEquals(List.of(2, 2, 1, 0), sizes);
        assertEquals(List.of("LV-2026-000001", "LV-2026-000002", "LV-2026-000003", "LV-2026-000004",
                "LV-2026-000005"), numbers(all));
        assertEquals(0, store.pastRetention(CUTOFF, 1000).total());
        assertEquals(List.of(), store.anonymizePastRetention(CUTOFF, NOW, 100, MARK));
        assertEquals(TEXT, store.get(open.id()).orElseThrow().text(), "an open appeal keeps its text");
    }

    @Test
    @DisplayName("A payload that cannot be rewritten undoes the whole batch")
    void failureUndoesTheBatch() {
        Appeal first = add(AppealStatus.CLOSED, OLD);
        Appeal second = add(AppealStatus.CLOSED, OLD.plusSeconds(1));
        Map<String, Object> before = everything(List.of(first, second));
        AtomicInteger calls = new AtomicInteger();
        UnaryOperator<String> failsLater = p -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("cannot read the payload");
            }
            return MARK.apply(p);
        };
        assertThrows(IllegalStateException.class, () -> store.anonymizePastRetention(CUTOFF, NOW, 10, failsLater));
        assertEquals(before, everything(List.of(first, second)));
        assertEquals(2, store.pastRetention(CUTOFF, 10).total());
        assertThrows(IllegalStateException.class, () -> store.anonymizePastRetention(CUTOFF, NOW, 10, p -> null));
        assertEquals(before, everything(List.of(first, second)), "no payload left is refused too");
    }

    @Test
    @DisplayName("Statistics stay: counts by status, kind, region, topic, body, result, rating and dates are unchanged")
    void statisticsStay() {
        AppealStatus[] closed = {AppealStatus.CLOSED, AppealStatus.ANSWERED, AppealStatus.NOT_CONSIDERED};
        AppealKind[] kinds = AppealKind.values();
        String[] regions = {"UA-46", "UA-32", "UA-80"};
        String[] topics = {"ЖКГ", "Благоустрій", null};
        for (int i = 0; i < 18; i++) {
            Instant at = i % 3 == 0 ? RECENT : OLD.plusSeconds(i);
            AppealStatus status = i % 4 == 0 ? AppealStatus.IN_PROGRESS : closed[i % closed.length];
            add(kinds[i % kinds.length], regions[i % regions.length], topics[i % topics.length], status, at, TARAS,
                    answered(ANSWER));
        }
        Map<String, Long> before = statistics();
        assertTrue(store.pastRetention(CUTOFF, 0).total() > 5, "the test anonymizes a good part");
        while (!store.anonymizePastRetention(CUTOFF, NOW, 4, MARK).isEmpty()) {
            // every batch
        }
        assertEquals(0, store.pastRetention(CUTOFF, 0).total());
        assertEquals(before, statistics());
    }

    /** Counts per dimension, through the store's search and overdue counts and in plain SQL. */
    Map<String, Long> statistics() {
        Map<String, Long> out = new TreeMap<>();
        for (AppealStatus s : AppealStatus.values()) {
            out.put("status " + s, store.search(new AppealQuery(s, null, null, null, null, null, null, 0, 1)).total());
        }
        for (AppealKind k : AppealKind.values()) {
            out.put("kind " + k, store.search(new AppealQuery(null, k, null, null, null, null, null, 0, 1)).total());
        }
        for (String r : List.of("UA-46", "UA-32", "UA-80")) {
            out.put("region " + r, store.search(new AppealQuery(null, null, null, r, null, null, null, 0, 1)).total());
        }
        out.put("registered in 2026", store.search(new AppealQuery(null, null, null, null,
                OLD.minus(Duration.ofDays(1)), CUTOFF, null, 0, 1)).total());
        store.overdueCounts(false, LocalDate.parse("2040-01-01")).forEach((k, v) -> out.put("overdue in " + k, v));
        store.overdueCounts(true, LocalDate.parse("2040-01-01")).forEach((k, v) -> out.put("overdue at " + k, v));
        for (String dim : List.of("status", "kind", "channel", "region", "COALESCE(topic, '-')", "node_id",
                "classification", "COALESCE(body_id, '-')", "COALESCE(answer_result, '-')", "COALESCE(rating, -1)",
                "marks", "received_at", "registered_at", "updated_at", "COALESCE(answered_at, 0)", "due_day",
                "COALESCE(applicant_type, '-')", "extension_days")) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT " + dim + ", COUNT(*) FROM appeal GROUP BY " + dim);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(dim + " " + rs.getString(1), rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new AssertionError(dim, e);
            }
        }
        return out;
    }

    @Test
    @DisplayName("An anonymized appeal is no longer found as the same applicant's or as the same text")
    void noLongerFound() {
        Appeal old = add(AppealStatus.CLOSED, OLD);
        Appeal again = new Appeal(UUID.randomUUID().toString(), "LV-2032-000001", "lviv", "UA-46", AppealKind.COMPLAINT,
                Channel.POST, TARAS, TEXT, "ЖКГ", null, false, null, false, true, List.of(), Set.of(),
                AppealStatus.REGISTERED, 1, NOW, NOW, NOW);
        assertEquals(List.of(old.registrationNumber()),
                store.sameApplicant(again, 10).stream().map(Appeal::registrationNumber).toList());
        Appeal someoneElse = new Appeal(UUID.randomUUID().toString(), "LV-2032-000002", "lviv", "UA-46",
                AppealKind.COMPLAINT, Channel.POST, new Applicant(ApplicantType.CITIZEN, "Інша Особа", "Львів", null,
                        null), TEXT, "ЖКГ", null, false, null, false, true, List.of(), Set.of(),
                AppealStatus.REGISTERED, 1, NOW, NOW, NOW);
        assertEquals(1, store.otherApplicantsWithSameText(someoneElse, OLD.minusSeconds(3600)));

        store.anonymizePastRetention(CUTOFF, NOW, 10, MARK);
        assertEquals(List.of(), store.sameApplicant(again, 10));
        assertEquals(0, store.otherApplicantsWithSameText(someoneElse, OLD.minusSeconds(3600)));
    }

    @Test
    @DisplayName("A replica that arrives anonymized has no text fingerprint: anonymized appeals are no mass appeal")
    void anonymizedReplica() {
        Appeal a = new Appeal(UUID.randomUUID().toString(), "KV-2026-000001", "kyiv-city", "UA-30",
                AppealKind.COMPLAINT, Channel.POST, null, AppealStore.ANONYMIZED_TEXT, "ЖКГ", null, false, null, false,
                true, List.of(), Set.of(), AppealStatus.CLOSED, 3, OLD, OLD, OLD);
        store.applyReplicas(List.of(new Replica(new Inbound(UUID.randomUUID().toString(), "kyiv-city", 1), a,
                event(a, "RATED", null))));
        assertNull(column("text_fp", a.id()));
    }
}
