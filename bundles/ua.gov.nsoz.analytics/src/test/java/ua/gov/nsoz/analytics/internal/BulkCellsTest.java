package ua.gov.nsoz.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.store.testing.TestDatabases;

/** The bulk rebuild of the aggregates against the incremental path, on random facts. */
@DisplayName("BulkCells: the bulk rebuild equals the incremental aggregates (Derby, and PostgreSQL)")
class BulkCellsTest {

    @TempDir
    static Path home;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    /** A fresh database of this run's engine (nsoz.test.db: Derby, or PostgreSQL: the COPY path of the rebuild). */
    DataSource open(String name) {
        DataSource ds = TestDatabases.create(home, name).dataSource();
        StatisticsImpl.migrate(ds);
        return ds;
    }

    @Test
    @DisplayName("2,000 random facts over four months, added and corrected incrementally, then rebuilt: same rows")
    void bulkEqualsIncremental() throws SQLException {
        DataSource ds = open("random");
        Random r = new Random(14);
        Map<String, Fact> current = new HashMap<>();
        List<Fact> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            all.add(randomFact(r, "id-" + i));
        }
        // Incrementally: in batches, as the poller does; some facts changed afterwards (old taken away, new added).
        for (int from = 0; from < all.size(); from += 250) {
            apply(ds, current, all.subList(from, from + 250));
        }
        List<Fact> changed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            changed.add(randomFact(r, "id-" + r.nextInt(2000)));
        }
        apply(ds, current, changed.stream().collect(java.util.stream.Collectors.toMap(Fact::appealId, f -> f,
                (a, b) -> b)).values());
        List<String> incremental = snapshot(ds);
        assertTrue(incremental.size() > 10_000, "many cells: " + incremental.size());

        assertEquals(2000, StatisticsImpl.rebuildCells(ds));
        assertEquals(incremental, snapshot(ds), "the bulk rebuild gives exactly the incremental rows");
        assertEquals(2000, StatisticsImpl.rebuildCells(ds), "a second rebuild replaces, not adds");
        assertEquals(incremental, snapshot(ds));
    }

    @Test
    @DisplayName("No facts: the aggregates are emptied")
    void emptyFacts() throws SQLException {
        DataSource ds = open("empty");
        Map<String, Fact> current = new HashMap<>();
        apply(ds, current, List.of(randomFact(new Random(1), "x")));
        assertTrue(snapshot(ds).size() > 1);
        try (Connection c = ds.getConnection()) {
            Tables.deleteFacts(c, List.of("x"));
        }
        assertEquals(0, StatisticsImpl.rebuildCells(ds));
        assertEquals(List.of(), snapshot(ds));
    }

    /** The poller's way: old contributions out, new in, facts replaced, deltas applied, in one transaction. */
    static void apply(DataSource ds, Map<String, Fact> current, java.util.Collection<Fact> facts)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            Map<List<Object>, Agg> deltas = new HashMap<>();
            List<String> replaced = new ArrayList<>();
            for (Fact f : facts) {
                Fact before = current.put(f.appealId(), f);
                if (before != null) {
                    Tables.contribute(before, -1, deltas);
                    replaced.add(f.appealId());
                }
                Tables.contribute(f, 1, deltas);
            }
            Tables.deleteFacts(c, replaced);
            Tables.insertFacts(c, facts);
            Tables.apply(c, deltas);
            c.commit();
        }
    }

    /** A fact with every kind of value: no body, no rating, unanswered, values with a comma and a quote. */
    static Fact randomFact(Random r, String id) {
        int received = (int) LocalDate.parse("2025-12-20").toEpochDay() + r.nextInt(100);
        String region = pick(r, "UA-01", "UA-14", "UA-80", "ucc");
        String topic = pick(r, "008", "008.01", "011", "-", "x,\"y\"");
        String section = topic.startsWith("008") ? "008" : topic;
        boolean answered = r.nextInt(3) > 0;
        boolean notConsidered = !answered && r.nextInt(5) == 0;
        int days = r.nextInt(10) == 0 ? r.nextInt(200) : r.nextInt(40);
        int due = received + 30;
        String timeliness = answered ? (received + days <= due ? Fact.ANSWERED_ON_TIME : Fact.ANSWERED_LATE)
                : notConsidered ? Fact.CLOSED_UNANSWERED : pick(r, Fact.OVERDUE, Fact.OPEN_ON_TIME);
        boolean redirected = r.nextInt(6) == 0;
        return new Fact(id, received, region, "node-" + region, pick(r, "MOZ", "MINSOC", "-", "A \"B\", C"), topic,
                section, pick(r, "PROPOSAL", "COMPLAINT"), pick(r, "WEB", "PHONE", "POST"),
                pick(r, "CITIZEN", "-"), pick(r, "-", "7.1"), answered ? "ANSWERED" : "ACCEPTED",
                answered ? "EXPLAINED" : "NONE", timeliness, r.nextInt(20) == 0 ? null : due,
                answered ? received + days : null, answered ? days : null, r.nextInt(8) == 0, redirected,
                redirected && r.nextBoolean(), notConsidered, r.nextInt(9) == 0,
                answered && r.nextBoolean() ? 1 + r.nextInt(5) : null);
    }

    static String pick(Random r, String... values) {
        return values[r.nextInt(values.length)];
    }

    static List<String> snapshot(DataSource ds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("an_cell", "an_series", "an_open")) {
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
        return rows;
    }
}
