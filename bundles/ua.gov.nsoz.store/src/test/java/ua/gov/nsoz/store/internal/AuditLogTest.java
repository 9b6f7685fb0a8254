package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditQuery;

/**
 * The audit log of personal data (changeset nsoz:8) on a real database (Derby, PostgreSQL) migrated by Liquibase: search, the
 * database's refusal of UPDATE and DELETE, and the hash chain.
 */
@DisplayName("JdbcAuditLog: the append-only audit log (Derby, PostgreSQL: nsoz.test.db)")
class AuditLogTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final Instant T = Instant.parse("2026-05-04T09:00:00Z");

    TestDatabase db;
    DataSource ds;
    JdbcAuditLog log;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        db = TestDatabases.create(home, "audit-" + DATABASES.incrementAndGet());
        ds = db.dataSource();
        JdbcAppealStoreTest.migrate(ds);
        log = new JdbcAuditLog(ds);
    }

    @AfterEach
    void shutdown() {
        db.close();
    }

    static AuditEntry entry(int minute, String actor, AuditAction action, String appealId) {
        return new AuditEntry(0, T.plusSeconds(60L * minute), actor, "nsoz-clerk,nsoz-operator", action, appealId,
                "GET /appeals/{id}", "rest 10.0.0.5", "lviv");
    }

    static AuditQuery query(String actor, String appealId, AuditAction action, Instant from, Instant to, int offset,
            int limit) {
        return new AuditQuery(actor, appealId, action, from, to, offset, limit);
    }

    static AuditQuery all() {
        return query(null, null, null, null, null, 0, 1000);
    }

    List<Long> seqs(Page<AuditEntry> page) {
        return page.items().stream().map(AuditEntry::seq).toList();
    }

    List<Instant> times(Page<AuditEntry> page) {
        return page.items().stream().map(AuditEntry::at).toList();
    }

    void sql(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Record and search")
    class Search {

        /** Seven entries: two users, three appeals and one search over many, five actions, one a minute. */
        @BeforeEach
        void fill() {
            log.record(entry(0, "olena", AuditAction.CREATE, "A1"));
            log.record(entry(1, "olena", AuditAction.READ, "A1"));
            log.record(entry(2, "petro", AuditAction.READ, "A2"));
            log.record(entry(3, "petro", AuditAction.SEARCH, null));
            log.record(entry(4, "olena", AuditAction.CHANGE, "A2"));
            log.record(entry(5, "retention", AuditAction.ANONYMIZE, "A3"));
            log.record(entry(6, "petro", AuditAction.DENIED, "A3"));
        }

        @Test
        @DisplayName("An entry reads back as recorded, with its seq assigned")
        void roundTrip() {
            AuditEntry e = log.search(query(null, null, AuditAction.SEARCH, null, null, 0, 10)).items().get(0);
            assertEquals(new AuditEntry(e.seq(), T.plusSeconds(180), "petro", "nsoz-clerk,nsoz-operator",
                    AuditAction.SEARCH, null, "GET /appeals/{id}", "rest 10.0.0.5", "lviv"), e);
            assertTrue(e.seq() > 0);
        }

        @Test
        @DisplayName("Everything, newest first, with the total")
        void everythingNewestFirst() {
            Page<AuditEntry> page = log.search(all());
            assertEquals(7, page.total());
            assertEquals(List.of(6, 5, 4, 3, 2, 1, 0).stream().map(m -> T.plusSeconds(60L * m)).toList(), times(page));
        }

        @Test
        @DisplayName("Newest by the time of the entry, not by the order it was recorded in")
        void newestByTime() {
            log.record(entry(-10, "late", AuditAction.READ, "A9"));
            Page<AuditEntry> page = log.search(all());
            assertEquals("late", page.items().get(page.items().size() - 1).actor());
            assertEquals("petro", page.items().get(0).actor());
        }

        @Test
        @DisplayName("By user")
        void byUser() {
            Page<AuditEntry> page = log.search(query("olena", null, null, null, null, 0, 10));
            assertEquals(3, page.total());
            assertEquals(List.of(AuditAction.CHANGE, AuditAction.READ, AuditAction.CREATE),
                    page.items().stream().map(AuditEntry::action).toList());
            assertEquals(0, log.search(query("nobody", null, null, null, null, 0, 10)).total());
        }

        @Test
        @DisplayName("By appeal")
        void byAppeal() {
            Page<AuditEntry> page = log.search(query(null, "A2", null, null, null, 0, 10));
            assertEquals(2, page.total());
            assertEquals(List.of("olena", "petro"), page.items().stream().map(AuditEntry::actor).toList());
        }

        @Test
        @DisplayName("By action")
        void byAction() {
            Page<AuditEntry> page = log.search(query(null, null, AuditAction.READ, null, null, 0, 10));
            assertEquals(List.of("A2", "A1"), page.items().stream().map(AuditEntry::appealId).toList());
            assertEquals(1, log.search(query(null, null, AuditAction.ANONYMIZE, null, null, 0, 10)).total());
            assertEquals(0, log.search(query(null, null, AuditAction.EXPORT, null, null, 0, 10)).total());
        }

        @Test
        @DisplayName("By period: from is inclusive, to exclusive")
        void byPeriod() {
            Page<AuditEntry> page = log.search(query(null, null, null, T.plusSeconds(120), T.plusSeconds(300), 0, 10));
            assertEquals(List.of(T.plusSeconds(240), T.plusSeconds(180), T.plusSeconds(120)), times(page));
            assertEquals(5, log.search(query(null, null, null, T.plusSeconds(120), null, 0, 10)).total());
            assertEquals(2, log.search(query(null, null, null, null, T.plusSeconds(120), 0, 10)).total());
        }

        @Test
        @DisplayName("The criteria combine")
        void combined() {
            Page<AuditEntry> page = log.search(query("petro", "A3", AuditAction.DENIED, T, T.plusSeconds(3600), 0, 10));
            assertEquals(1, page.total());
            assertEquals(0, log.search(query("petro", "A3", AuditAction.READ, null, null, 0, 10)).total());
        }

        @Test
        @DisplayName("Pages: the total counts every match, the pages follow one another without gaps or repeats")
        void paging() {
            Page<AuditEntry> first = log.search(query(null, null, null, null, null, 0, 3));
            Page<AuditEntry> second = log.search(query(null, null, null, null, null, 3, 3));
            Page<AuditEntry> third = log.search(query(null, null, null, null, null, 6, 3));
            Page<AuditEntry> past = log.search(query(null, null, null, null, null, 7, 3));
            assertEquals(List.of(7L, 7L, 7L, 7L), List.of(first.total(), second.total(), third.total(), past.total()));
            List<Long> paged = new ArrayList<>();
            paged.addAll(seqs(first));
            paged.addAll(seqs(second));
            paged.addAll(seqs(third));
            assertEquals(seqs(log.search(all())), paged);
            assertEquals(List.of(3, 3, 1, 0), List.of(first.items().size(), second.items().size(),
                    third.items().size(), past.items().size()));
            Page<AuditEntry> olena = log.search(query("olena", null, null, null, null, 1, 1));
            assertEquals(3, olena.total());
            assertEquals(AuditAction.READ, olena.items().get(0).action());
        }

        @Test
        @DisplayName("A wrong page or period is refused, naming every field")
        void refused() {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> log.search(query(null, null, null, T, T, -1, 0)));
            assertEquals(List.of("offset", "limit", "to"), e.errors().stream().map(FieldError::field).toList());
            assertThrows(ValidationException.class, () -> log.search(query(null, null, null, null, null, 0, 1001)));
            assertEquals(7, log.search(query(null, null, null, null, null, 0, 1000)).total());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Append-only in the database")
    class AppendOnly {

        @BeforeEach
        void fill() {
            for (int i = 0; i < 3; i++) {
                log.record(entry(i, "olena", AuditAction.READ, "A" + i));
            }
        }

        void assertRefused(String sql, String state) throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
                assertEquals(state, e.getSQLState(), e::getMessage);
                if ("23513".equals(state)) {
                    assertTrue(e.getMessage().contains("AUDIT_LOG_IS_APPEND_ONLY"), e.getMessage());
                }
            }
            assertEquals(3, count("SELECT COUNT(*) FROM audit_log"));
            assertEquals(3, count("SELECT COUNT(*) FROM audit_log WHERE actor = 'olena' AND what = 'GET /appeals/{id}'"));
            assertEquals(0, count("SELECT COUNT(*) FROM audit_log_guard"));
            assertEquals(OptionalLong.empty(), log.verify());
        }

        @Test
        @DisplayName("UPDATE of one row, of every row and of no row is refused")
        void update() throws SQLException {
            assertRefused("UPDATE audit_log SET what = 'nothing' WHERE appeal_id = 'A1'", "23513");
            assertRefused("UPDATE audit_log SET actor = 'someone'", "23513");
            assertRefused("UPDATE audit_log SET actor = 'someone' WHERE 1 = 0", "23513");
        }

        @Test
        @DisplayName("DELETE of one row or of every row, and TRUNCATE TABLE, are refused")
        void delete() throws SQLException {
            assertRefused("DELETE FROM audit_log WHERE appeal_id = 'A1'", "23513");
            assertRefused("DELETE FROM audit_log", "23513");
            // Derby refuses TRUNCATE of a table with a DELETE trigger; PostgreSQL's trigger refuses it as the others
            assertRefused("TRUNCATE TABLE audit_log", db.dialect() == SqlDialect.DERBY ? "XCL49" : "23513");
        }

        @Test
        @DisplayName("The refusal undoes the statement only: the transaction it ran in goes on and commits (on"
                + " PostgreSQL, which aborts the transaction, from a savepoint: SqlDialect.tolerating)")
        void statementOnly() throws SQLException {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    assertThrows(SQLException.class,
                            () -> db.dialect().tolerating(c, () -> s.executeUpdate("DELETE FROM audit_log")));
                    s.executeUpdate("INSERT INTO node_secret (name, secret) VALUES ('x', 'y')");
                }
                c.commit();
            }
            assertEquals(1, count("SELECT COUNT(*) FROM node_secret WHERE name = 'x'"));
            assertEquals(3, count("SELECT COUNT(*) FROM audit_log"));
        }

        @Test
        @DisplayName("Appending still works after refusals")
        void insertStillWorks() throws SQLException {
            assertRefused("DELETE FROM audit_log", "23513");
            log.record(entry(9, "petro", AuditAction.READ, "A9"));
            assertEquals(4, log.search(all()).total());
            assertEquals(OptionalLong.empty(), log.verify());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The hash chain")
    class Chain {

        List<Long> recordSome(int n) {
            for (int i = 0; i < n; i++) {
                log.record(entry(i, i % 2 == 0 ? "olena" : "petro", AuditAction.READ, "A" + i));
            }
            return log.search(all()).items().stream().map(AuditEntry::seq).sorted().toList();
        }

        @Test
        @DisplayName("An empty log and a written one verify")
        void holds() throws SQLException {
            assertEquals(OptionalLong.empty(), log.verify());
            recordSome(5);
            assertEquals(OptionalLong.empty(), log.verify());
            assertEquals(JdbcAuditLog.GENESIS, firstPrevHash());
            assertEquals(4, count("SELECT COUNT(*) FROM audit_log a JOIN audit_log b ON b.prev_hash = a.hash"),
                    "each entry but the first links to another");
        }

        String firstPrevHash() throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT prev_hash FROM audit_log ORDER BY seq FETCH FIRST 1 ROW ONLY")) {
                rs.next();
                return rs.getString(1);
            }
        }

        /** DROP TRIGGER as each engine says it (PostgreSQL names the table). */
        String dropTrigger(String name) {
            return "DROP TRIGGER " + name + (db.dialect() == SqlDialect.POSTGRESQL ? " ON audit_log" : "");
        }

        @Test
        @DisplayName("A row edited behind the trigger's back breaks the chain at that row")
        void editedRow() throws SQLException {
            List<Long> seqs = recordSome(5);
            sql(dropTrigger("audit_log_no_update"));
            sql("UPDATE audit_log SET actor = 'someone' WHERE seq = " + seqs.get(2));
            assertEquals(OptionalLong.of(seqs.get(2)), log.verify());
        }

        @Test
        @DisplayName("A row edited with its hash made anew breaks the chain at the next row")
        void editedRowAndHash() throws SQLException {
            List<Long> seqs = recordSome(5);
            sql(dropTrigger("audit_log_no_update"));
            sql("UPDATE audit_log SET actor = 'someone' WHERE seq = " + seqs.get(1));
            JdbcAuditLog.Row edited;
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT seq, occurred_at, actor, roles, action, appeal_id, what, "
                            + "origin, node, prev_hash, hash FROM audit_log WHERE seq = " + seqs.get(1))) {
                rs.next();
                edited = JdbcAuditLog.read(rs);
            }
            sql("UPDATE audit_log SET hash = '" + JdbcAuditLog.hash(edited.prevHash(), edited) + "' WHERE seq = "
                    + seqs.get(1));
            assertEquals(OptionalLong.of(seqs.get(2)), log.verify(), "the next row still names the old hash");
        }

        @Test
        @DisplayName("A row removed from the middle breaks the chain at the row after it")
        void removedRow() throws SQLException {
            List<Long> seqs = recordSome(5);
            sql(dropTrigger("audit_log_no_delete"));
            sql("DELETE FROM audit_log WHERE seq = " + seqs.get(1));
            assertEquals(OptionalLong.of(seqs.get(2)), log.verify());
        }

        @Test
        @DisplayName("A row slipped in with a made-up hash breaks the chain")
        void insertedRow() throws SQLException {
            recordSome(3);
            sql("INSERT INTO audit_log (occurred_at, actor, roles, action, what, origin, prev_hash, hash) VALUES "
                    + "(0, 'x', '', 'READ', 'x', 'x', '" + "1".repeat(64) + "', '" + "2".repeat(64) + "')");
            long inserted = count("SELECT MAX(seq) FROM audit_log");
            assertEquals(OptionalLong.of(inserted), log.verify());
        }

        @Test
        @DisplayName("Two entries cannot name the same predecessor: the chain cannot fork")
        void noFork() throws SQLException {
            recordSome(1);
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_log (occurred_at, actor, roles, action, what, origin, prev_hash, hash) "
                            + "VALUES (0, 'x', '', 'READ', 'x', 'x', ?, ?)")) {
                ps.setString(1, JdbcAuditLog.GENESIS);
                ps.setString(2, "3".repeat(64));
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("23505", e.getSQLState());
            }
        }

        @Test
        @DisplayName("Long values are cut to their columns; the chain covers what is stored")
        void longValues() {
            String what = "w".repeat(600);
            log.record(new AuditEntry(0, T, "a".repeat(150), "r", AuditAction.EXPORT, null, what, "shell", null));
            AuditEntry back = log.search(all()).items().get(0);
            assertEquals(500, back.what().length());
            assertTrue(back.what().endsWith("…"));
            assertEquals(100, back.actor().length());
            assertEquals(null, back.node());
            assertEquals(OptionalLong.empty(), log.verify());
        }

        @Test
        @DisplayName("The chain goes on across a restart (a new instance on the same database)")
        void acrossRestart() {
            recordSome(2);
            JdbcAuditLog again = new JdbcAuditLog(ds);
            again.record(entry(10, "olena", AuditAction.READ, "A10"));
            assertEquals(3, again.search(all()).total());
            assertEquals(OptionalLong.empty(), again.verify());
        }

        @Test
        @DisplayName("Entries recorded from many threads at once keep one valid chain")
        void concurrent() throws Exception {
            int threads = 8;
            int each = 40;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String actor = "user-" + t;
                    // Two instances, as a reactivated component would make: they share the chain's lock.
                    JdbcAuditLog writer = t % 2 == 0 ? log : new JdbcAuditLog(ds);
                    done.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < each; i++) {
                            writer.record(entry(i, actor, AuditAction.READ, "A" + i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * each, log.search(all()).total());
            for (int t = 0; t < threads; t++) {
                assertEquals(each, log.search(query("user-" + t, null, null, null, null, 0, 1)).total());
            }
            assertEquals(OptionalLong.empty(), log.verify());
            Set<String> hashes = new HashSet<>();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT hash FROM audit_log")) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            assertEquals(threads * each, hashes.size());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("The whole store built from a DataSource gives the audit log and its chain over the same database")
    void wholeStore() {
        JdbcStore store = new JdbcStore(ds);
        store.record(entry(0, "olena", AuditAction.READ, "A1"));
        assertEquals(1, store.search(all()).total());
        assertEquals(1, log.search(all()).total());
        assertEquals(OptionalLong.empty(), store.verify());
    }
}
