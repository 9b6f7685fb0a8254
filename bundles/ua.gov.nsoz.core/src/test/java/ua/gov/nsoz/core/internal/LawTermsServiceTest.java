package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.CategoryCount;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.api.DueDateChange;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;

/**
 * The terms of the Law at the appeal service, on a real Derby store: the applicant's category and priority at intake
 * (Art. 20), a late complaint marked, not refused (Art. 7, 17), the shortened term and the restored term through
 * actions, and the recomputation of the due dates of appeals stored under the previous rule set (30 days).
 */
@DisplayName("AppealServiceImpl: the Law's terms, priority applicants, late complaints, recomputation")
class LawTermsServiceTest {

    static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");
    static final AtomicInteger DATABASES = new AtomicInteger();
    /** The day the appeals are registered: 01.08.2025 (they were received earlier, in 2025). */
    static final Instant NOW = Instant.parse("2025-08-01T09:00:00Z");
    static final Actor OPERATOR = Actor.of("operator");
    static final Actor CLERK = Actor.of("clerk");

    @TempDir
    static Path home;

    EmbeddedDataSource ds;
    Path path;
    JdbcAppealStore store;
    AppealServiceImplTest.TestClock clock;
    AppealServiceImpl v1;
    AppealServiceImpl v2;

    @BeforeAll
    static void quiet() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    static TermRules v1Rules() {
        try (InputStream in = LawTermsServiceTest.class.getResourceAsStream("/ua/gov/nsoz/core/terms/terms-v1.json")) {
            return TermRules.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reference data with three categories, 7.1 and 7.5 with statutory benefits. */
    static ReferenceData reference() {
        List<ApplicantCategory> categories = List.of(new ApplicantCategory("7.1", "Учасник війни", "War participant", true),
                new ApplicantCategory("7.2", "Дитина війни", "Child of war", false),
                new ApplicantCategory("7.5", "Особа з інвалідністю", "Person with a disability", true));
        return (ReferenceData) Proxy.newProxyInstance(ReferenceData.class.getClassLoader(),
                new Class<?>[] {ReferenceData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("categories")) {
                        return categories;
                    }
                    if (method.getName().equals("body") || method.getName().equals("topic")) {
                        return java.util.Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @BeforeEach
    void store() throws Exception {
        path = home.resolve("terms-" + DATABASES.incrementAndGet());
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> Migrations.migrate(ds));
        store = new JdbcAppealStore(ds);
        clock = new AppealServiceImplTest.TestClock(NOW);
        WorkingCalendar calendar = new WorkingCalendar(Set.of());
        v1 = new AppealServiceImpl(store, AppealServiceImplTest.LVIV, clock, new DeadlineRules(calendar, v1Rules()));
        v2 = new AppealServiceImpl(store, AppealServiceImplTest.LVIV, clock, new DeadlineRules(calendar));
        v2.reference(reference());
    }

    @AfterEach
    void shutdown() {
        try {
            DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby answers a shutdown with an exception.
        }
    }

    static Instant kyiv(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static NewAppeal appeal(AppealKind kind, String receivedAt, String category, ContestedDecision contested) {
        return new NewAppeal(kind, Channel.PHONE, new Applicant(ApplicantType.CITIZEN, "Тестенко Марія",
                "м. Львів, вул. Синтетична, 1", null, "+380 32 000 00 00", category), "Синтетичне звернення.", null,
                null, false, null, false, null, kyiv(receivedAt), List.of(), contested);
    }

    @Test
    @DisplayName("Art. 20: a category with statutory benefits makes the appeal a priority one; the category is kept")
    void priorityAtIntake() {
        Appeal veteran = v2.register(appeal(AppealKind.APPLICATION, "2025-07-31T10:00", "7.1", null), "operator");
        Appeal child = v2.register(appeal(AppealKind.APPLICATION, "2025-07-31T10:00", "7.2", null), "operator");
        Appeal none = v2.register(appeal(AppealKind.APPLICATION, "2025-07-31T10:00", null, null), "operator");
        assertTrue(veteran.processing().priority());
        assertFalse(child.processing().priority());
        assertFalse(none.processing().priority());
        assertEquals("7.1", store.get(veteran.id()).orElseThrow().applicant().category());
        assertTrue(store.get(veteran.id()).orElseThrow().processing().priority());
        List<CategoryCount> counts = v2.categoryCounts(LocalDate.parse("2025-08-01"));
        assertEquals(List.of(new CategoryCount("7.1", 1, 1, 0), new CategoryCount("7.2", 1, 1, 0),
                new CategoryCount(null, 1, 1, 0)), counts);
    }

    @Test
    @DisplayName("Art. 20: a category not in the reference data is a 400 naming applicant.category")
    void unknownCategory() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> v2.register(appeal(AppealKind.APPLICATION, "2025-07-31T10:00", "9.99", null), "operator"));
        assertEquals("applicant.category", e.errors().get(0).field());
        assertEquals(0, store.search(new AppealQuery(null, null, null, null, null, null, null, 0, 10)).total());
    }

    @Test
    @DisplayName("Art. 7, 17: a late complaint is registered and marked, not refused; the body may restore its term")
    void lateComplaint() {
        // Received 10.03.2025; decided 07.03.2024: the year ended 07.03.2025.
        Appeal late = v2.register(appeal(AppealKind.COMPLAINT, "2025-03-10T10:00", null,
                new ContestedDecision(LocalDate.parse("2024-03-07"), null)), "operator");
        assertEquals(Set.of(LegalMark.LATE_COMPLAINT), late.marks());
        assertEquals(LocalDate.parse("2024-03-07"), store.get(late.id()).orElseThrow().contested().decidedOn());
        Appeal timely = v2.register(appeal(AppealKind.COMPLAINT, "2025-03-10T10:00", null,
                new ContestedDecision(LocalDate.parse("2024-03-08"), LocalDate.parse("2025-02-10"))), "operator");
        assertEquals(Set.of(), timely.marks(), "08.03.2025 was a Saturday: the term ended Monday 10.03");
        // The timely one cannot be refused as late, nor its term restored.
        assertThrows(ValidationException.class, () -> v2.act(timely.id(), new ActionRequest(AppealAction.NOT_CONSIDER,
                null, null, null, null, NotConsideredGround.LATE_COMPLAINT, null, null, null, null, null), OPERATOR));
        assertThrows(ValidationException.class, () -> v2.act(timely.id(),
                ActionRequest.of(AppealAction.RESTORE_TERM, "Поважна причина"), CLERK));
        // The late one: restored for a good reason, then it cannot be refused on that ground any more.
        Appeal restored = v2.act(late.id(), ActionRequest.of(AppealAction.RESTORE_TERM, "Заявник був на лікуванні"),
                CLERK).appeal();
        assertTrue(restored.processing().termRestored());
        ValidationException e = assertThrows(ValidationException.class, () -> v2.act(late.id(),
                new ActionRequest(AppealAction.NOT_CONSIDER, null, null, null, null, NotConsideredGround.LATE_COMPLAINT,
                        null, null, null, null, null), OPERATOR));
        assertEquals("ground", e.errors().get(0).field());
    }

    @Test
    @DisplayName("Art. 17: the contested decision is for complaints, and its dates cannot follow the receipt")
    void contestedChecked() {
        ValidationException notComplaint = assertThrows(ValidationException.class, () -> v2.register(
                appeal(AppealKind.PROPOSAL, "2025-03-10T10:00", null,
                        new ContestedDecision(LocalDate.parse("2025-01-10"), null)), "operator"));
        assertEquals("contestedDecision", notComplaint.errors().get(0).field());
        ValidationException future = assertThrows(ValidationException.class, () -> v2.register(
                appeal(AppealKind.COMPLAINT, "2025-03-10T10:00", null,
                        new ContestedDecision(LocalDate.parse("2025-03-11"), LocalDate.parse("2025-03-01"))), "operator"));
        assertEquals(List.of("contestedDecision.decidedOn", "contestedDecision.learnedOn"),
                future.errors().stream().map(f -> f.field()).toList());
    }

    @Test
    @DisplayName("Art. 20: a shortened term is recorded with its reason and explained; the due date follows it")
    void shortened() {
        Appeal a = v2.register(appeal(AppealKind.APPLICATION, "2025-07-31T10:00", null, null), "operator");
        assertEquals(LocalDate.parse("2025-09-01"), a.processing().dueDate(), "31.08.2025 is a Sunday");
        Appeal s = v2.act(a.id(), new ActionRequest(AppealAction.SHORTEN, "Виїжджаю на лікування 20.08", null, null,
                null, null, null, null, 10, null, null), OPERATOR).appeal();
        assertEquals(10, s.processing().shortenedDays());
        assertEquals("Виїжджаю на лікування 20.08", s.processing().shortenedReason());
        assertEquals(LocalDate.parse("2025-08-11"), s.processing().dueDate(), "10.08 is a Sunday");
        Deadline d = v2.deadline(s);
        assertEquals(DeadlineKind.SHORTENED, d.kind());
        assertTrue(d.explanation().get(1).contains("Виїжджаю на лікування 20.08"), d.explanation().toString());
        assertEquals("ua-law-393-civil-code/2", d.ruleSet());
    }

    @Test
    @DisplayName("Recomputation: appeals stored under '30 days' get the Law's month; a dry run changes nothing; only "
            + "open appeals; nothing else changes")
    void recompute() {
        Appeal jan31 = v1.register(appeal(AppealKind.APPLICATION, "2025-01-31T10:00", null, null), "operator");
        Appeal apr30 = v1.register(appeal(AppealKind.APPLICATION, "2025-04-30T10:00", null, null), "operator");
        Appeal jul15 = v1.register(appeal(AppealKind.APPLICATION, "2025-07-15T10:00", null, null), "operator");
        Appeal answered = v1.register(appeal(AppealKind.APPLICATION, "2025-01-31T10:00", null, null), "operator");
        answered = v1.act(answered.id(), new ActionRequest(AppealAction.ANSWER_AT_FIRST_CONTACT, null, null, null,
                null, null, null, "Роз'яснено", null, null, null), OPERATOR).appeal();
        assertEquals(LocalDate.parse("2025-03-03"), jan31.processing().dueDate(), "v1: 30 days -> 02.03 Sun -> 03.03");
        assertEquals(LocalDate.parse("2025-08-14"), jul15.processing().dueDate(), "v1: 30 days");
        int events = store.events(jan31.id()).size();
        int outbox = store.pending("ucc", 1000).size();

        List<DueDateChange> dry = v2.recomputeDueDates(false);
        assertEquals(List.of(new DueDateChange(jan31.id(), jan31.registrationNumber(), LocalDate.parse("2025-03-03"),
                LocalDate.parse("2025-02-28"), false), new DueDateChange(jul15.id(), jul15.registrationNumber(),
                LocalDate.parse("2025-08-14"), LocalDate.parse("2025-08-15"), false)), dry);
        assertEquals(LocalDate.parse("2025-03-03"), store.get(jan31.id()).orElseThrow().processing().dueDate());

        List<DueDateChange> applied = v2.recomputeDueDates(true);
        assertEquals(2, applied.size());
        assertTrue(applied.stream().allMatch(DueDateChange::applied));
        Appeal after = store.get(jan31.id()).orElseThrow();
        assertEquals(LocalDate.parse("2025-02-28"), after.processing().dueDate());
        assertEquals(jan31.withProcessing(jan31.processing().toBuilder().dueDate(LocalDate.parse("2025-02-28")).build()),
                after, "only the due date changed: same version, status, times");
        assertEquals(apr30, store.get(apr30.id()).orElseThrow(), "30.04 + a month = 30.05 = 30.04 + 30 days");
        assertNull(store.get(answered.id()).orElseThrow().processing().dueDate());
        assertEquals(events, store.events(jan31.id()).size(), "no event written");
        assertEquals(outbox, store.pending("ucc", 1000).size(), "nothing queued for the center");
        assertEquals(List.of(), v2.recomputeDueDates(true), "once recomputed, nothing moves");
    }
}
