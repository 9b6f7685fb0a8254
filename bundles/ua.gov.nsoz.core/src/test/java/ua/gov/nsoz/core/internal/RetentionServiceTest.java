package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
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
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.Retention.Report;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.ReplicationStore.OutboxEntry;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.JdbcAuditLog;
import ua.gov.nsoz.store.internal.Migrations;

/**
 * Retention through the service, against the real store on embedded Derby with appeals made by the appeal service
 * itself (so the event payloads are the real ones): what a dry run and a run do, the period and its checks, the audit
 * log, and that the history and the deadline of an anonymized appeal read as before.
 */
@DisplayName("RetentionService: anonymization of closed appeals past the period")
class RetentionServiceTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Kept so that the level set on it is not lost to garbage collection. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static final Instant T0 = Instant.parse("2026-03-10T09:15:30.123Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    /** Personal data and texts that must be gone from an anonymized appeal, wherever they were. */
    static final List<String> SECRETS = List.of("Шевченко", "Хрещатик", "taras@example.ua", "123-45-67",
            "дах протікає", "скан заяви", "Дах полагоджено", "акт Шевченку");
    static final Actor OPERATOR = Actor.of("operator");
    static final Actor CLERK = Actor.of("clerk-minsoc");
    static final Actor HEAD = new Actor("head-minsoc", Set.of(Actor.HEAD_OF_BODY));
    static final String EXTENSION_REASON = "Потрібна перевірка на місці";
    /** The applicant's reason for a shortened term (Art. 20): their own words. */
    static final String SHORTENED_REASON = "Виїжджаю на лікування 20.03, прошу відповісти раніше";

    Path path;
    EmbeddedDataSource ds;
    JdbcAppealStore store;
    JdbcAuditLog audit;
    AppealServiceImplTest.TestClock clock;
    AppealServiceImpl appeals;
    RetentionService retention;

    Appeal closedOld;
    Appeal firstContactOld;
    Appeal openOld;
    Appeal closedRecent;

    @BeforeAll
    static void quiet() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    @BeforeEach
    void appeals() throws Exception {
        path = home.resolve("retention-" + DATABASES.incrementAndGet());
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> Migrations.migrate(ds));
        store = new JdbcAppealStore(ds);
        audit = new JdbcAuditLog(ds);
        clock = new AppealServiceImplTest.TestClock(T0);
        // Lviv ships every event to the center: the outbox holds them all.
        appeals = new AppealServiceImpl(store, AppealServiceImplTest.LVIV, clock);
        retention = new RetentionService(store, AppealServiceImplTest.LVIV, audit, clock, RetentionService.DEFAULT_DAYS);

        closedOld = considered();
        firstContactOld = answeredAtFirstContact();
        openOld = appeals.register(newAppeal(), "operator");
        openOld = act(openOld, new ActionRequest(AppealAction.FORWARD, null, "minsoc", null, null, null, null, null,
                null, null, null), OPERATOR);
        clock.now = T0.plus(Duration.ofDays(1000));
        closedRecent = answeredAtFirstContact();
        // Five years and a day after T0: the cutoff falls the day after the old appeals closed.
        clock.now = T0.plus(Duration.ofDays(RetentionService.DEFAULT_DAYS + 1));
    }

    @AfterEach
    void shutdown() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true"));
        assertEquals("08006", e.getSQLState(), e::getMessage);
    }

    static NewAppeal newAppeal() {
        return new NewAppeal(AppealKind.COMPLAINT, Channel.POST, new Applicant(ApplicantType.CITIZEN,
                "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 1", "taras@example.ua", "+380 44 123-45-67"),
                "Скарга на ЖЕК: дах протікає вже третій місяць.", "ЖКГ", "Київська міська державна адміністрація",
                false, null, false, true, null, List.of(new Attachment("скан заяви.pdf", "application/pdf", 123_456, SHA),
                        new Attachment("фото даху.jpg", "image/jpeg", 99, null)));
    }

    Appeal act(Appeal a, ActionRequest request, Actor actor) {
        clock.now = clock.now.plusSeconds(60);
        return appeals.act(a.id(), request, actor).appeal();
    }

    /** Registered, forwarded, accepted, extended by the head, answered with a document, rated: CLOSED. */
    Appeal considered() {
        Appeal a = appeals.register(newAppeal(), "operator");
        a = act(a, new ActionRequest(AppealAction.FORWARD, null, "minsoc", null, null, null, null, null, null, null,
                null), OPERATOR);
        a = act(a, ActionRequest.of(AppealAction.ACCEPT, "Прийнято"), CLERK);
        a = act(a, new ActionRequest(AppealAction.EXTEND, EXTENSION_REASON, null, null, null, null, null, null, 10,
                null, null), HEAD);
        a = act(a, new ActionRequest(AppealAction.ANSWER, null, null, null, null, null, AnswerResult.SATISFIED,
                "Дах полагоджено 12 травня.", null, null,
                List.of(new Attachment("акт Шевченку.pdf", "application/pdf", 2048, SHA))), CLERK);
        a = act(a, new ActionRequest(AppealAction.RATE, "Дякую", null, null, null, null, null, null, null, 5, null),
                Actor.of("applicant"));
        assertEquals(AppealStatus.CLOSED, a.status());
        return a;
    }

    Appeal answeredAtFirstContact() {
        Appeal a = appeals.register(newAppeal(), "operator");
        return act(a, new ActionRequest(AppealAction.ANSWER_AT_FIRST_CONTACT, null, null, null, null, null, null,
                "Дах полагоджено, роз'яснено телефоном.", null, null, null), OPERATOR);
    }

    /** What can be read of an appeal: the record, the history with its comments, the deadline. */
    Map<String, Object> readable(Appeal a) {
        Map<String, Object> out = new LinkedHashMap<>();
        Appeal now = store.get(a.id()).orElseThrow();
        out.put("record", now);
        out.put("events", store.events(a.id()));
        out.put("deadline", appeals.deadline(now));
        return out;
    }

    /** The history as a user sees it (REST /history, nsoz:appeal-show): no payload, but its comment. */
    List<String> history(Appeal a) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (AppealEvent e : appeals.history(a.id())) {
            JsonNode comment = json.readTree(e.payload()).get("comment");
            out.add(e.version() + " " + e.type() + " " + e.occurredAt() + " " + e.node() + " " + e.actor() + " "
                    + (comment == null ? "-" : comment.asText()));
        }
        return out;
    }

    String everythingStored(Appeal a) {
        return readable(a).toString();
    }

    List<AuditEntry> auditEntries() {
        return audit.search(new AuditQuery(null, null, null, null, null, 0, 1000)).items();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("A dry run lists the closed appeals past the period and changes nothing")
    void dryRun() {
        List<Appeal> all = List.of(closedOld, firstContactOld, openOld, closedRecent);
        List<Map<String, Object>> before = all.stream().map(this::readable).toList();

        Report report = retention.run(true, null, "admin");

        assertTrue(report.dryRun());
        assertEquals(RetentionService.DEFAULT_DAYS, report.retentionDays());
        assertEquals(clock.now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .minus(Duration.ofDays(RetentionService.DEFAULT_DAYS)), report.cutoff());
        assertEquals(2, report.count());
        assertEquals(List.of(closedOld.registrationNumber(), firstContactOld.registrationNumber()),
                report.registrationNumbers());
        assertEquals(before, all.stream().map(this::readable).toList());
        assertEquals(List.of(), auditEntries(), "a dry run is not audited: it touched nobody's data");
        assertEquals(report, retention.run(true, null, "admin"), "and the next one finds the same");
    }

    @Test
    @DisplayName("A run anonymizes only the closed appeals past the period, each one audited; a second run finds none")
    void run() {
        Map<String, Object> openBefore = readable(openOld);
        Map<String, Object> recentBefore = readable(closedRecent);

        Report report = retention.run(false, null, "admin");

        assertFalse(report.dryRun());
        assertEquals(2, report.count());
        assertEquals(List.of(closedOld.registrationNumber(), firstContactOld.registrationNumber()),
                report.registrationNumbers());
        for (Appeal a : List.of(closedOld, firstContactOld)) {
            String stored = everythingStored(a);
            for (String secret : SECRETS) {
                assertFalse(stored.contains(secret), secret + " is still in " + a.registrationNumber());
            }
            Appeal back = store.get(a.id()).orElseThrow();
            assertEquals(new Applicant(ApplicantType.CITIZEN, null, null, null, null), back.applicant());
            assertEquals(AppealStore.ANONYMIZED_TEXT, back.text());
            assertEquals(AppealStore.ANONYMIZED_TEXT, back.processing().answer());
            assertEquals(List.of("document-1", "document-2"),
                    back.attachments().stream().map(Attachment::fileName).toList());
            assertEquals(a.status(), back.status());
            assertEquals(a.version(), back.version());
            assertEquals(a.updatedAt(), back.updatedAt());
        }
        assertEquals(openBefore, readable(openOld), "open: its term runs");
        assertEquals(recentBefore, readable(closedRecent), "closed within the period");
        assertTrue(everythingStored(closedRecent).contains("Шевченко"));

        List<AuditEntry> entries = auditEntries();
        assertEquals(2, entries.size());
        for (AuditEntry e : entries) {
            assertEquals(AuditAction.ANONYMIZE, e.action());
            assertEquals("admin", e.actor());
            assertEquals("retention", e.what());
            assertEquals("node", e.origin());
            assertEquals("lviv", e.node());
        }
        assertEquals(Set.of(closedOld.id(), firstContactOld.id()),
                Set.copyOf(entries.stream().map(AuditEntry::appealId).toList()));
        assertEquals(OptionalLong.empty(), audit.verify());

        Report again = retention.run(false, null, "admin");
        assertEquals(0, again.count());
        assertEquals(List.of(), again.registrationNumbers());
        assertEquals(2, auditEntries().size());
        assertEquals(0, retention.run(true, null, "admin").count());
    }

    @Test
    @DisplayName("The history (with its comments) and the deadline (with its extension) of an anonymized appeal are "
            + "unchanged")
    void historyAndDeadlineUnchanged() throws Exception {
        List<String> history = history(closedOld);
        ua.gov.nsoz.api.Deadline deadline = appeals.deadline(store.get(closedOld.id()).orElseThrow());
        assertEquals(10, deadline.extensionDays());
        assertTrue(deadline.explanation().toString().contains(EXTENSION_REASON), deadline.explanation().toString());
        assertTrue(history.toString().contains("Дякую"));

        retention.run(false, null, "admin");

        assertEquals(history, history(closedOld));
        assertEquals(deadline, appeals.deadline(store.get(closedOld.id()).orElseThrow()));
        assertEquals(deadline, appeals.deadline(closedOld.id()).orElseThrow());
    }

    @Test
    @DisplayName("Each payload still reads as the appeal it was, now the same as the anonymized record")
    void payloadsReadAsTheRecord() throws Exception {
        retention.run(false, null, "admin");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<AppealEvent> events = store.events(closedOld.id());
        Appeal last = json.readValue(events.get(events.size() - 1).payload(), Appeal.class);
        assertEquals(store.get(closedOld.id()).orElseThrow(), last);
        for (AppealEvent e : events) {
            Appeal then = json.readValue(e.payload(), Appeal.class);
            assertEquals(e.version(), then.version());
            assertEquals(AppealStore.ANONYMIZED_TEXT, then.text());
            assertEquals(new Applicant(ApplicantType.CITIZEN, null, null, null, null), then.applicant());
        }
    }

    @Test
    @DisplayName("Art. 17, 20: the applicant's reason for a shortened term goes from the record, from every payload "
            + "and as the comment of TERM_SHORTENED; category, priority, the shortened days and the contested decision "
            + "stay")
    void lawTermsFields() throws Exception {
        appeals.reference(LawTermsServiceTest.reference());
        clock.now = T0;
        NewAppeal in = newAppeal();
        ContestedDecision contested = new ContestedDecision(LocalDate.parse("2026-02-20"),
                LocalDate.parse("2026-03-01"));
        Appeal a = appeals.register(new NewAppeal(in.kind(), in.channel(), in.applicant().withCategory("7.1"),
                in.text(), in.topic(), in.addressee(), in.collective(), in.coSigners(), in.confidential(), in.signed(),
                in.receivedAt(), in.attachments(), contested), "operator");
        assertTrue(a.processing().priority(), "7.1 has statutory benefits");
        a = act(a, new ActionRequest(AppealAction.SHORTEN, SHORTENED_REASON, null, null, null, null, null, null, 10,
                null, null), OPERATOR);
        a = act(a, ActionRequest.of(AppealAction.NOTE, "Заявника повідомлено телефоном"), OPERATOR);
        a = act(a, new ActionRequest(AppealAction.ANSWER_AT_FIRST_CONTACT, null, null, null, null, null, null,
                "Роз'яснено.", null, null, null), OPERATOR);
        assertTrue(everythingStored(a).contains(SHORTENED_REASON));
        clock.now = T0.plus(Duration.ofDays(RetentionService.DEFAULT_DAYS + 1));
        List<CategoryCount> counts = appeals.categoryCounts(LocalDate.parse("2031-03-12"));

        assertEquals(3, retention.run(false, null, "admin").count());

        assertFalse(everythingStored(a).contains("лікування"), everythingStored(a));
        Appeal back = store.get(a.id()).orElseThrow();
        assertEquals(new Applicant(ApplicantType.CITIZEN, null, null, null, null, "7.1"), back.applicant());
        assertEquals(contested, back.contested());
        assertTrue(back.processing().priority());
        assertEquals(10, back.processing().shortenedDays());
        assertNull(back.processing().shortenedReason());
        assertEquals(counts, appeals.categoryCounts(LocalDate.parse("2031-03-12")), "statistics per category stay");

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<AppealEvent> events = store.events(a.id());
        assertEquals(back, json.readValue(events.get(events.size() - 1).payload(), Appeal.class),
                "the last payload still reads as the record");
        Map<String, String> comments = new LinkedHashMap<>();
        for (AppealEvent e : events) {
            JsonNode payload = json.readTree(e.payload());
            assertFalse(payload.path("processing").hasNonNull("shortenedReason"), e.type() + ": " + e.payload());
            assertEquals("7.1", payload.path("applicant").path("category").asText(), e.type());
            assertEquals("2026-02-20", payload.path("contested").path("decidedOn").asText(), e.type());
            comments.put(e.type(), payload.path("comment").asText("-"));
        }
        assertEquals(Map.of("REGISTERED", "-", "TERM_SHORTENED", AppealStore.ANONYMIZED_TEXT, "NOTE",
                "Заявника повідомлено телефоном", "ANSWERED_AT_FIRST_CONTACT", "-"), comments,
                "the reason's event keeps its place in the history; other comments stay");
        ua.gov.nsoz.api.Deadline deadline = appeals.deadline(back);
        assertEquals(ua.gov.nsoz.api.DeadlineKind.SHORTENED, deadline.kind());
        assertEquals(10, deadline.termDays());
        assertTrue(deadline.explanation().toString().contains("обґрунтування заявника: —"),
                deadline.explanation().toString());
    }

    @Test
    @DisplayName("The outbox is left alone: every queued event still goes, carrying the anonymized record")
    void outboxLeftAlone() {
        List<OutboxEntry> before = store.pending("ucc", 1000);
        retention.run(false, null, "admin");
        List<OutboxEntry> after = store.pending("ucc", 1000);
        assertEquals(before.stream().map(OutboxEntry::messageId).toList(),
                after.stream().map(OutboxEntry::messageId).toList());
        String shipped = after.stream().filter(o -> closedOld.id().equals(o.appealId()))
                .map(o -> o.event().payload()).toList().toString();
        assertFalse(shipped.contains("Шевченко"), shipped);
        assertTrue(shipped.contains(EXTENSION_REASON), shipped);
    }

    @Test
    @DisplayName("Statistics stay: counts by status, kind and region are the same after a run")
    void statisticsStay() {
        Map<String, Long> before = counts();
        assertEquals(2, retention.run(false, null, "admin").count());
        assertEquals(before, counts());
    }

    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (AppealStatus s : AppealStatus.values()) {
            out.put(s.name(), appeals.search(new AppealQuery(s, null, null, null, null, null, null, 0, 1)).total());
        }
        for (AppealKind k : AppealKind.values()) {
            out.put(k.name(), appeals.search(new AppealQuery(null, k, null, null, null, null, null, 0, 1)).total());
        }
        out.put("UA-46", appeals.search(new AppealQuery(null, null, null, "UA-46", null, null, null, 0, 1)).total());
        out.put("minsoc", appeals.search(new AppealQuery(null, null, null, null, null, null, null, 0, 1, "minsoc"))
                .total());
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The period")
    class Period {

        @Test
        @DisplayName("A period given for one run replaces the configured one: here it also takes the recent appeal")
        void givenPeriod() {
            Report report = retention.run(true, 800, "admin");
            assertEquals(800, report.retentionDays());
            assertEquals(3, report.count());
            assertEquals(RetentionService.DEFAULT_DAYS, retention.retentionDays(), "the configuration stays");
        }

        @Test
        @DisplayName("Fewer than 30 days is refused, naming the field, in Ukrainian and English; nothing changes")
        void tooShort() {
            Map<String, Object> before = readable(closedRecent);
            for (boolean dryRun : new boolean[] {true, false}) {
                ValidationException e = assertThrows(ValidationException.class,
                        () -> retention.run(dryRun, 29, "admin"));
                FieldError error = e.errors().get(0);
                assertEquals("retentionDays", error.field());
                assertTrue(error.message().contains("не менше 30 днів") && error.message().contains("at least 30 days"),
                        error.message());
            }
            assertThrows(ValidationException.class, () -> retention.run(false, -5, "admin"));
            assertEquals(30, retention.run(true, 30, "admin").retentionDays());
            assertEquals(before, readable(closedRecent));
            assertEquals(List.of(), auditEntries());
        }

        @Test
        @DisplayName("A configured period under 30 days refuses runs that take it, and says where it comes from")
        void tooShortConfigured() {
            RetentionService misconfigured = new RetentionService(store, AppealServiceImplTest.LVIV, audit, clock, 7);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> misconfigured.run(false, null, "admin"));
            assertTrue(e.errors().get(0).message().contains("ua.gov.nsoz.retention"), e.errors().get(0).message());
            assertEquals(2, misconfigured.run(true, 1826, "admin").count(), "a valid period given still runs");
            assertEquals(2, store.pastRetention(T0.plus(Duration.ofDays(1)), 0).total(), "nothing changed");
        }

        @Test
        @DisplayName("A new configuration applies to the next run")
        void modified() {
            retention.modified(config(3650));
            assertEquals(3650, retention.retentionDays());
            assertEquals(0, retention.run(true, null, "admin").count());
        }

        RetentionConfig config(int days) {
            return new RetentionConfig() {
                @Override
                public int retentionDays() {
                    return days;
                }

                @Override
                public Class<? extends Annotation> annotationType() {
                    return RetentionConfig.class;
                }
            };
        }
    }

    @Nested
    @DisplayName("Without an audit log, and without an actor")
    class WithoutAuditOrActor {

        @Test
        @DisplayName("With no audit log service the run still anonymizes")
        void noAuditLog() {
            RetentionService bare = new RetentionService(store, AppealServiceImplTest.LVIV, null, clock,
                    RetentionService.DEFAULT_DAYS);
            assertEquals(2, bare.run(false, null, "admin").count());
            assertEquals(List.of(), auditEntries());
            assertEquals(AppealStore.ANONYMIZED_TEXT, store.get(closedOld.id()).orElseThrow().text());
        }

        @Test
        @DisplayName("A run that names nobody is audited as 'retention'")
        void noActor() {
            retention.run(false, null, " ");
            assertEquals(Set.of("retention"), Set.copyOf(auditEntries().stream().map(AuditEntry::actor).toList()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("One payload")
    class Payload {

        @Test
        @DisplayName("Personal fields and texts go; comment, request id, processing and the rest stay")
        void fields() throws Exception {
            String before = "{\"id\":\"x\",\"applicant\":{\"type\":\"ORGANISATION\",\"fullName\":\"ТОВ Ромашка\","
                    + "\"address\":\"Львів\",\"email\":\"a@b.ua\",\"phone\":\"1\"},\"text\":\"Текст\",\"topic\":\"ЖКГ\","
                    + "\"attachments\":[{\"fileName\":\"a.pdf\",\"mediaType\":\"application/pdf\",\"sizeBytes\":5}],"
                    + "\"processing\":{\"extensionDays\":10,\"answer\":\"Відповідь\",\"answerDocuments\":"
                    + "[{\"fileName\":\"b.pdf\",\"sha256\":\"abc\"},{\"fileName\":\"c.pdf\"}]},\"comment\":\"Причина\","
                    + "\"requestId\":\"r1\"}";
            JsonNode after = new ObjectMapper().readTree(RetentionService.anonymizedPayload(before));
            JsonNode expected = new ObjectMapper().readTree("{\"id\":\"x\",\"applicant\":{\"type\":\"ORGANISATION\"},"
                    + "\"text\":\"" + AppealStore.ANONYMIZED_TEXT + "\",\"topic\":\"ЖКГ\",\"attachments\":[{\"fileName\":"
                    + "\"document-1\",\"mediaType\":\"application/pdf\",\"sizeBytes\":5}],\"processing\":"
                    + "{\"extensionDays\":10,\"answer\":\"" + AppealStore.ANONYMIZED_TEXT + "\",\"answerDocuments\":"
                    + "[{\"fileName\":\"document-1\",\"sha256\":\"abc\"},{\"fileName\":\"document-2\"}]},"
                    + "\"comment\":\"Причина\",\"requestId\":\"r1\"}");
            assertEquals(expected, after);
        }

        @Test
        @DisplayName("Absent and null fields stay absent and null; a payload that is not an object stays as it is")
        void absent() throws Exception {
            String sparse = "{\"applicant\":null,\"text\":null,\"processing\":{\"answer\":null}}";
            assertEquals(new ObjectMapper().readTree(sparse),
                    new ObjectMapper().readTree(RetentionService.anonymizedPayload(sparse)));
            assertEquals("null", RetentionService.anonymizedPayload("null"));
        }

        @Test
        @DisplayName("A payload that is not JSON is refused (the batch is then not anonymized)")
        void notJson() {
            assertThrows(IllegalStateException.class, () -> RetentionService.anonymizedPayload("Шевченко {"));
        }

        @Test
        @DisplayName("TERM_SHORTENED: the applicant's reason goes from processing and from the comment that recorded "
                + "it; the category, priority, the days, the restored term and the contested decision stay")
        void shortenedReason() throws Exception {
            String before = "{\"applicant\":{\"type\":\"CITIZEN\",\"fullName\":\"Тестенко\","
                    + "\"category\":\"7.1\"},\"contested\":{\"decidedOn\":\"2026-02-20\",\"learnedOn\":null},"
                    + "\"processing\":{\"priority\":true,\"shortenedDays\":10,"
                    + "\"shortenedReason\":\"Виїжджаю на лікування\",\"termRestored\":true},"
                    + "\"comment\":\"Виїжджаю на лікування \",\"requestId\":\"r1\"}";
            JsonNode after = new ObjectMapper().readTree(RetentionService.anonymizedPayload(before));
            JsonNode expected = new ObjectMapper().readTree("{\"applicant\":{\"type\":\"CITIZEN\","
                    + "\"category\":\"7.1\"},\"contested\":{\"decidedOn\":\"2026-02-20\",\"learnedOn\":null},"
                    + "\"processing\":{\"priority\":true,\"shortenedDays\":10,\"termRestored\":true},"
                    + "\"comment\":\"" + AppealStore.ANONYMIZED_TEXT + "\",\"requestId\":\"r1\"}");
            assertEquals(expected, after);
        }

        @Test
        @DisplayName("A later event: the reason goes from processing, the event's own comment stays; a null reason "
                + "stays null")
        void laterEvent() throws Exception {
            String note = "{\"processing\":{\"shortenedDays\":10,\"shortenedReason\":\"Виїжджаю\"},"
                    + "\"comment\":\"Заявника повідомлено\"}";
            assertEquals(new ObjectMapper().readTree("{\"processing\":{\"shortenedDays\":10},"
                    + "\"comment\":\"Заявника повідомлено\"}"),
                    new ObjectMapper().readTree(RetentionService.anonymizedPayload(note)));
            String none = "{\"processing\":{\"shortenedDays\":null,\"shortenedReason\":null},"
                    + "\"comment\":\"x\"}";
            assertEquals(new ObjectMapper().readTree(none),
                    new ObjectMapper().readTree(RetentionService.anonymizedPayload(none)));
        }
    }
}
