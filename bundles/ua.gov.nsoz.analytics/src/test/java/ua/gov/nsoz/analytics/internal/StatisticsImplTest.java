package ua.gov.nsoz.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.OpenDataSet;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.SeriesPoint;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.internal.JdbcStore;

/** The analysis over the real store on embedded Derby, fed by the real event log. */
@DisplayName("StatisticsImpl on embedded Derby")
class StatisticsImplTest {

    @TempDir
    static Path home;

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final LocalDate MAR1 = LocalDate.parse("2026-03-01");
    static final LocalDate MAR31 = LocalDate.parse("2026-03-31");

    Path path;
    EmbeddedDataSource ds;
    JdbcStore store;
    StatisticsImpl stats;
    final AtomicReference<Instant> now = new AtomicReference<>(at("2026-03-20"));
    final Map<String, LocalDate> dueOnceClosed = new HashMap<>();
    int numbers;

    /** Ids of the fixture. */
    Appeal a1;
    Appeal a2;
    Appeal a3;
    Appeal a4;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        path = home.resolve("an-" + UUID.randomUUID());
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        store = new JdbcStore(ds);
        stats = newStats();
    }

    StatisticsImpl newStats() {
        Clock clock = new Clock() {
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
                return now.get();
            }
        };
        return new StatisticsImpl(ds, store, store, new Reference(), a -> dueOnceClosed.get(a.id()), clock);
    }

    @AfterEach
    void shutdown() {
        stats.stop();
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true"));
        assertEquals("08006", e.getSQLState(), e::getMessage);
    }

    static Instant at(String day) {
        return LocalDate.parse(day).atTime(10, 0).atZone(KYIV).toInstant();
    }

    /** Registers an appeal through the store (version 1, REGISTERED event). */
    Appeal register(String day, String node, String region, String topic, LocalDate due) {
        Appeal a = new Appeal(UUID.randomUUID().toString(), String.format("LV-2026-%06d", ++numbers), node, region,
                AppealKind.COMPLAINT, Channel.WEB, new Applicant(ApplicantType.CITIZEN, "Синтетичний Заявник", null,
                        null, null, "7.1"), "Синтетичний текст.", topic, null, false, null, false, null, List.of(),
                Set.of(), AppealStatus.REGISTERED, 1, at(day), at(day), at(day),
                Processing.NONE.toBuilder().dueDate(due).build());
        store.insert(a, event(a, "REGISTERED"));
        return a;
    }

    Appeal change(Appeal a, String type, AppealStatus status, String day, Processing p) {
        Appeal next = a.next(a.topic(), status, at(day), p);
        assertEquals(AppealStore.UpdateResult.UPDATED, store.update(next, event(next, type), List.of(), null));
        return next;
    }

    static AppealEvent event(Appeal a, String type) {
        return new AppealEvent(UUID.randomUUID().toString(), a.id(), a.version(), type, a.updatedAt(), a.node(),
                "tester", "{}");
    }

    Appeal forward(Appeal a, String body, String day) {
        return change(a, "FORWARDED", AppealStatus.FORWARDED, day, a.processing().toBuilder().body(body, at(day))
                .build());
    }

    /** Answers: the due date is cleared as the core does, the one it had is what the due-date function gives. */
    Appeal answer(Appeal a, String day) {
        dueOnceClosed.put(a.id(), a.processing().dueDate());
        return change(a, "ANSWERED", AppealStatus.ANSWERED, day, a.processing().toBuilder()
                .answer(AnswerResult.SATISFIED, "Відповідь.", List.of(), at(day)).dueDate(null).build());
    }

    Appeal rate(Appeal a, int rating, String day) {
        return change(a, "RATED", AppealStatus.CLOSED, day, a.processing().toBuilder().rating(rating).build());
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    /**
     * March 2026 (today 20 March): a1 MOZ answered in 10 days on time, rated 5; a2 MOZ answered late in 12 days; a3
     * MINSOC open past its due date; a4 MINSOC open, extended; a5 not considered and repeated, no body; a6 at kyiv-city,
     * redirected in 2 days to MOZ, answered in 14 days, rated 3. February: a7 MOZ answered in 2 days.
     */
    void fixture() {
        a1 = rate(answer(forward(register("2026-03-02", "lviv", "UA-46", "008.01", d("2026-04-02")), "MOZ",
                "2026-03-03"), "2026-03-12"), 5, "2026-03-13");
        a2 = answer(forward(register("2026-03-03", "lviv", "UA-46", "008.01", d("2026-03-10")), "MOZ", "2026-03-03"),
                "2026-03-15");
        a3 = forward(register("2026-03-04", "lviv", "UA-46", "011", d("2026-03-18")), "MINSOC", "2026-03-04");
        Appeal r4 = forward(register("2026-03-05", "lviv", "UA-46", "011", d("2026-04-05")), "MINSOC", "2026-03-05");
        a4 = change(r4, "EXTENDED", AppealStatus.EXTENDED, "2026-03-06",
                r4.processing().toBuilder().extensionDays(10).build());
        Appeal r5 = register("2026-03-06", "lviv", "UA-46", "011", d("2026-04-06"));
        change(r5, "NOT_CONSIDERED", AppealStatus.NOT_CONSIDERED, "2026-03-07", r5.processing().toBuilder()
                .classification(Classification.REPEATED).ground(NotConsideredGround.ANONYMOUS).dueDate(null).build());
        Appeal r6 = forward(register("2026-03-06", "kyiv-city", "UA-30", "008.01", d("2026-04-06")), "MINSOC",
                "2026-03-06");
        Appeal r6b = change(r6, "REDIRECTED", AppealStatus.REDIRECTED, "2026-03-08",
                r6.processing().toBuilder().body("MOZ", at("2026-03-08")).build());
        rate(answer(r6b, "2026-03-20"), 3, "2026-03-20");
        answer(forward(register("2026-02-10", "lviv", "UA-46", "008.02", d("2026-03-12")), "MOZ", "2026-02-10"),
                "2026-02-12");
    }

    StatsRow total(LocalDate from, LocalDate to, Scope scope) {
        StatsResult r = stats.query(new StatsQuery(from, to, Granularity.ALL, null, scope));
        assertEquals(1, r.rows().size());
        return r.rows().get(0);
    }

    static Map<String, StatsRow> byKey(StatsResult r) {
        Map<String, StatsRow> m = new HashMap<>();
        r.rows().forEach(row -> m.put(row.key(), row));
        return m;
    }

    @Test
    @DisplayName("Totals over a month: every count, median and p90 of days, mean rating, the previous period beside")
    void totals() {
        fixture();
        assertEquals(7, stats.pollOnce());
        StatsRow r = total(MAR1, MAR31, Scope.ALL);
        assertEquals(6, r.value(Measure.RECEIVED));
        assertEquals(3, r.value(Measure.ANSWERED));
        assertEquals(2, r.value(Measure.ANSWERED_ON_TIME));
        assertEquals(1, r.value(Measure.OVERDUE));
        assertEquals(1, r.value(Measure.EXTENDED));
        assertEquals(1, r.value(Measure.REDIRECTED));
        assertEquals(1, r.value(Measure.REDIRECTED_IN_TERM));
        assertEquals(1, r.value(Measure.NOT_CONSIDERED));
        assertEquals(1, r.value(Measure.REPEATED));
        assertEquals(12, r.value(Measure.MEDIAN_DAYS), "days 10, 12, 14");
        assertEquals(14, r.value(Measure.P90_DAYS));
        assertEquals(2, r.value(Measure.RATINGS));
        assertEquals(4.0, r.value(Measure.MEAN_RATING));
        assertEquals(1.0, r.previous().get(Measure.RECEIVED), "a7 in February");
        assertEquals(2.0, r.previous().get(Measure.MEDIAN_DAYS));
        assertNull(r.previous().get(Measure.MEAN_RATING), "nothing rated in February");
        assertNull(r.key());
    }

    @Test
    @DisplayName("Grouped by body, timeliness, section and outcome, with Ukrainian labels")
    void grouped() {
        fixture();
        stats.pollOnce();
        Map<String, StatsRow> body = byKey(stats.query(new StatsQuery(MAR1, MAR31, Granularity.ALL, Dimension.BODY,
                Scope.ALL)));
        assertEquals(3, body.get("MOZ").value(Measure.RECEIVED));
        assertEquals("Міністерство охорони здоров'я", body.get("MOZ").label());
        assertEquals(2, body.get("MINSOC").value(Measure.RECEIVED));
        assertEquals(1, body.get("-").value(Measure.RECEIVED));
        assertEquals(1.0, body.get("MOZ").previous().get(Measure.RECEIVED));
        Map<String, StatsRow> t = byKey(stats.query(new StatsQuery(MAR1, MAR31, Granularity.ALL,
                Dimension.TIMELINESS, Scope.ALL)));
        assertEquals(2, t.get("ANSWERED_ON_TIME").value(Measure.RECEIVED));
        assertEquals(1, t.get("ANSWERED_LATE").value(Measure.RECEIVED));
        assertEquals(1, t.get("OVERDUE").value(Measure.RECEIVED));
        assertEquals(1, t.get("OPEN_ON_TIME").value(Measure.RECEIVED));
        assertEquals(1, t.get("CLOSED_UNANSWERED").value(Measure.RECEIVED));
        assertEquals("Прострочено", t.get("OVERDUE").label());
        Map<String, StatsRow> s = byKey(stats.query(new StatsQuery(MAR1, MAR31, Granularity.ALL, Dimension.SECTION,
                Scope.ALL)));
        assertEquals(3, s.get("008").value(Measure.RECEIVED), "008.01 counts under its heading 008");
        assertEquals("Охорона здоров'я", s.get("008").label());
        Map<String, StatsRow> o = byKey(stats.query(new StatsQuery(MAR1, MAR31, Granularity.ALL, Dimension.OUTCOME,
                Scope.ALL)));
        assertEquals(3, o.get("SATISFIED").value(Measure.RECEIVED));
        assertEquals(1, o.get("NOT_CONSIDERED_ANONYMOUS").value(Measure.RECEIVED));
        assertEquals("Задоволено", o.get("SATISFIED").label());
    }

    @Test
    @DisplayName("Scope: a node's appeals, a body's appeals")
    void scopes() {
        fixture();
        stats.pollOnce();
        assertEquals(1, total(MAR1, MAR31, Scope.node("kyiv-city")).value(Measure.RECEIVED));
        assertEquals(5, total(MAR1, MAR31, Scope.node("lviv")).value(Measure.RECEIVED));
        StatsRow minsoc = total(MAR1, MAR31, Scope.body("MINSOC"));
        assertEquals(2, minsoc.value(Measure.RECEIVED));
        assertEquals(1, minsoc.value(Measure.OVERDUE));
        assertEquals(0, total(MAR1, MAR31, Scope.body("NOBODY")).value(Measure.RECEIVED));
    }

    @Test
    @DisplayName("Weeks start on Monday (the first bucket at the period's start); months use month cells and edges")
    void buckets() {
        fixture();
        stats.pollOnce();
        StatsResult w = stats.query(new StatsQuery(MAR1, MAR31, Granularity.WEEK, null, Scope.ALL));
        List<LocalDate> starts = w.rows().stream().map(StatsRow::periodStart).toList();
        assertEquals(List.of(d("2026-03-01"), d("2026-03-02"), d("2026-03-09"), d("2026-03-16"), d("2026-03-23"),
                d("2026-03-30")), starts);
        assertEquals(6, w.rows().get(2 - 1).value(Measure.RECEIVED), "2–6 March: all six");
        StatsResult m = stats.query(new StatsQuery(d("2026-02-05"), MAR31, Granularity.MONTH, null, Scope.ALL));
        assertEquals(List.of(d("2026-02-05"), MAR1), m.rows().stream().map(StatsRow::periodStart).toList());
        assertEquals(1, m.rows().get(0).value(Measure.RECEIVED));
        assertEquals(6, m.rows().get(1).value(Measure.RECEIVED));
        StatsResult days = stats.query(new StatsQuery(d("2026-03-06"), d("2026-03-06"), Granularity.DAY,
                Dimension.REGION, Scope.ALL));
        assertEquals(Set.of("UA-46", "UA-30"), byKey(days).keySet());
    }

    @Test
    @DisplayName("Scorecards: ranked by the share on time, overdue now, previous rank; one card for a body scope")
    void scorecards() {
        fixture();
        stats.pollOnce();
        List<Scorecard> cards = stats.scorecards(MAR1, MAR31, Scope.ALL);
        assertEquals(List.of("MOZ", "MINSOC"), cards.stream().map(Scorecard::body).toList());
        Scorecard moz = cards.get(0);
        assertEquals(1, moz.rank());
        assertEquals(1, moz.previousRank());
        assertEquals(12.0, moz.values().get(Measure.MEDIAN_DAYS), "days 10, 12, 14: nearest rank of 3 is the 2nd");
        assertEquals(2.0, moz.previous().get(Measure.MEDIAN_DAYS));
        Scorecard minsoc = cards.get(1);
        assertEquals(2, minsoc.rank());
        assertEquals(1, minsoc.overdueNow());
        assertNull(minsoc.previousRank());
        List<Scorecard> one = stats.scorecards(MAR1, MAR31, Scope.body("MINSOC"));
        assertEquals(1, one.size());
        assertEquals(2, one.get(0).rank(), "its rank among all bodies");
    }

    @Test
    @DisplayName("Changes flow in incrementally and equal a rebuild; recomputing unchanged appeals changes nothing")
    void incrementalEqualsRebuild() throws SQLException {
        fixture();
        stats.pollOnce();
        answer(a3, "2026-03-20");
        stats.pollOnce();
        StatsRow r = total(MAR1, MAR31, Scope.ALL);
        assertEquals(4, r.value(Measure.ANSWERED));
        assertEquals(0, r.value(Measure.OVERDUE));
        List<String> before = snapshot();
        List<String> ids = new ArrayList<>();
        for (List<String> page = store.appealIds(null, 100); !page.isEmpty(); page = List.of()) {
            ids.addAll(page);
        }
        stats.recompute(ids, null, stats.today());
        assertEquals(before, snapshot(), "recomputing unchanged appeals changes nothing");
        assertEquals(7, stats.rebuild());
        assertEquals(before, snapshot(), "the rebuild gives the same cells");
        assertEquals(store.lastSeq(), stats.savedCursor());
    }

    @Test
    @DisplayName("At midnight an open appeal past its due date becomes overdue without an event")
    void overdueAtMidnight() {
        fixture();
        stats.pollOnce();
        assertEquals(1, total(MAR1, MAR31, Scope.ALL).value(Measure.OVERDUE));
        now.set(at("2026-04-06"));
        assertEquals(0, stats.pollOnce(), "no event");
        assertEquals(2, total(MAR1, MAR31, Scope.ALL).value(Measure.OVERDUE), "a4 was due 5 April");
        assertEquals(2, stats.scorecards(MAR1, MAR31, Scope.ALL).get(1).overdueNow());
    }

    @Test
    @DisplayName("Daily series per day, region and topic; open data suppresses cells under 5 and repeats itself")
    void seriesAndOpenData() {
        fixture();
        for (int i = 0; i < 5; i++) {
            answer(register("2026-01-1" + i, "lviv", "UA-46", "008.01", d("2026-02-10")), "2026-01-20");
        }
        register("2026-01-12", "kyiv-city", "UA-30", "008.02", d("2026-02-12"));
        stats.pollOnce();
        List<SeriesPoint> s = stats.dailySeries(d("2026-03-06"), d("2026-03-06"));
        assertEquals(List.of(new SeriesPoint(d("2026-03-06"), "UA-30", "008.01", 1),
                new SeriesPoint(d("2026-03-06"), "UA-46", "011", 1)), s);
        OpenDataSet jan = stats.openData(d("2026-01-01"), d("2026-01-31"));
        assertEquals(2, jan.rows().size());
        OpenDataSet.Row kyiv = jan.rows().get(0);
        assertEquals("UA-30", kyiv.region());
        assertNull(kyiv.received(), "1 appeal: suppressed");
        OpenDataSet.Row lviv = jan.rows().get(1);
        assertEquals(new OpenDataSet.Row(d("2026-01-01"), "UA-46", "008", 5L, 5L, 5L), lviv);
        OpenDataSet mar = stats.openData(MAR1, MAR31);
        assertTrue(mar.rows().stream().allMatch(r -> r.received() == null), "every March cell is under 5");
        assertEquals(jan, stats.openData(d("2026-01-01"), d("2026-01-31")));
        assertThrows(IllegalArgumentException.class, () -> stats.openData(d("2026-01-02"), d("2026-01-31")));
    }

    @Test
    @DisplayName("A bad question is refused with a bilingual message")
    void badQuestions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stats.query(new StatsQuery(d("2010-01-01"), d("2026-01-01"), Granularity.YEAR, null, null)));
        assertTrue(e.getMessage().contains("довший за 10 років") && e.getMessage().contains("longer than 10 years"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> stats.dailySeries(d("2010-01-01"), d("2026-01-01")));
    }

    @Test
    @DisplayName("The background thread counts a new appeal; a restart resumes from the saved cursor")
    void backgroundAndRestart() throws InterruptedException {
        stats.start();
        register("2026-03-10", "lviv", "UA-46", "011", d("2026-04-10"));
        // Waits for the condition; the deadline only keeps a broken poller from hanging the build (no speed claim).
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (total(MAR1, MAR31, Scope.ALL).value(Measure.RECEIVED) < 1) {
            assertTrue(System.nanoTime() < giveUp, "the background thread never counted the new appeal");
            Thread.sleep(50); // poll a condition with a deadline
        }
        stats.stop();
        register("2026-03-11", "lviv", "UA-46", "011", d("2026-04-11"));
        stats = newStats();
        assertEquals(1, stats.pollOnce(), "only the appeal registered while stopped");
        assertEquals(2, total(MAR1, MAR31, Scope.ALL).value(Measure.RECEIVED));
    }

    List<String> snapshot() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("an_cell", "an_series", "an_open", "an_fact")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder(t);
                        for (int i = 1; i <= n; i++) {
                            b.append('|').append(rs.getString(i));
                        }
                        rows.add(b.toString());
                    }
                }
            }
        }
        rows.sort(null);
        assertFalse(rows.isEmpty());
        return rows;
    }

    /** A little reference data: two bodies, the headings 008 and 011 and a sub-topic. */
    static final class Reference implements ReferenceData {
        @Override
        public String version() {
            return "test";
        }

        @Override
        public List<Body> bodies() {
            return List.of(new Body("MOZ", null, "Міністерство охорони здоров'я", "Ministry of Health", null, null,
                    null, null, null), new Body("MINSOC", null, "Міністерство соціальної політики",
                            "Ministry of Social Policy", null, null, null, null, null));
        }

        @Override
        public Optional<Body> body(String code) {
            return bodies().stream().filter(b -> b.code().equals(code)).findFirst();
        }

        @Override
        public List<Topic> topics() {
            return List.of(new Topic("008", "Охорона здоров'я", "Health", null),
                    new Topic("008.01", "Медична допомога", "Medical care", "008"),
                    new Topic("011", "Соціальний захист", "Social protection", null));
        }

        @Override
        public Optional<Topic> topic(String code) {
            return topics().stream().filter(t -> t.code().equals(code)).findFirst();
        }

        @Override
        public List<ApplicantCategory> categories() {
            return List.of(new ApplicantCategory("7.1", "Учасник бойових дій", "Combatant", true));
        }

        @Override
        public List<RoutingRule> rules() {
            return List.of();
        }
    }
}
