package ua.gov.nsoz.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;

@DisplayName("SqlDialect: what differs between Derby and PostgreSQL, on this run's engine")
class SqlDialectTest {

    static TestDatabase db;

    @BeforeAll
    static void create() throws SQLException {
        db = TestDatabases.create(Path.of("target/test-dbs"), "dialect");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k VARCHAR(10) NOT NULL, CONSTRAINT pk_t PRIMARY KEY (k))");
        }
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    @DisplayName("The engine is learned from the connection's metadata")
    void detected() throws SQLException {
        assertEquals(TestDatabases.engine(), SqlDialect.of(db.dataSource()));
        assertEquals(SqlDialect.DERBY, SqlDialect.ofProduct("Apache Derby"));
        assertEquals(SqlDialect.POSTGRESQL, SqlDialect.ofProduct("PostgreSQL"));
        assertThrows(SQLException.class, () -> SqlDialect.ofProduct("MySQL"));
    }

    @Test
    @DisplayName("SQLStates: duplicate key on both; retryable per engine, also when chained or wrapped")
    void states() {
        SQLException dup = new SQLException("dup", "23505");
        assertTrue(SqlDialect.isDuplicateKey(new StoreException("x", dup)));
        SQLException outer = new SQLException("batch", "XXXXX");
        outer.setNextException(dup);
        assertTrue(SqlDialect.isDuplicateKey(outer));
        assertFalse(SqlDialect.isDuplicateKey(new SQLException("other", "23503")));
        assertTrue(SqlDialect.POSTGRESQL.isRetryable(new SQLException("deadlock", "40P01")));
        assertFalse(SqlDialect.DERBY.isRetryable(new SQLException("deadlock", "40P01")));
        assertTrue(SqlDialect.DERBY.isRetryable(new SQLException("lock timeout", "40XL1")));
        assertFalse(SqlDialect.POSTGRESQL.isRetryable(new SQLException("lock timeout", "40XL1")));
        assertTrue(SqlDialect.isRetryableOnAny(new StoreException("x", new SQLException("lock", "55P03"))));
    }

    @Test
    @DisplayName("A duplicate key inside a transaction is reported and the transaction goes on (a savepoint on"
            + " PostgreSQL)")
    void duplicateInTransaction() throws SQLException {
        SqlDialect d = db.dialect();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k) VALUES (?)")) {
                ps.setString(1, "a");
                assertEquals(1, d.insertUnlessDuplicate(c, ps));
                ps.setString(1, "a");
                assertEquals(-1, d.insertUnlessDuplicate(c, ps));
                ps.setString(1, "b");
                assertEquals(1, d.insertUnlessDuplicate(c, ps));
            }
            c.commit();
        }
        assertEquals(2, db.count("SELECT COUNT(*) FROM t WHERE k IN ('a', 'b')"));
    }

    @Test
    @DisplayName("Long text: written and read back whole, and null")
    void text() throws SQLException {
        SqlDialect d = db.dialect();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE long_text (id INT NOT NULL, body " + (d == SqlDialect.DERBY ? "CLOB" : "TEXT")
                    + ", CONSTRAINT pk_long_text PRIMARY KEY (id))");
            String text = "Ї".repeat(100_000);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO long_text (id, body) VALUES (?, ?)")) {
                ps.setInt(1, 1);
                d.setText(ps, 2, text);
                ps.executeUpdate();
                ps.setInt(1, 2);
                d.setText(ps, 2, null);
                ps.executeUpdate();
            }
            try (var rs = s.executeQuery("SELECT id, body FROM long_text ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(text, d.text(rs, "body"));
                assertTrue(rs.next());
                assertEquals(null, d.text(rs, 2));
            }
        }
    }

    @Test
    @DisplayName("Row limits and pages in the one syntax both engines take")
    void limits() throws SQLException {
        SqlDialect d = db.dialect();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String k : new String[] {"p1", "p2", "p3", "p4"}) {
                s.executeUpdate("INSERT INTO t (k) VALUES ('" + k + "')");
            }
            try (var rs = s.executeQuery("SELECT k FROM t WHERE k LIKE 'p%' ORDER BY k" + d.limit(2))) {
                assertTrue(rs.next());
                assertEquals("p1", rs.getString(1));
                assertTrue(rs.next());
                assertFalse(rs.next());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT k FROM t WHERE k LIKE 'p%' ORDER BY k" + d.page())) {
                ps.setInt(1, 2);
                ps.setInt(2, 5);
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("p3", rs.getString(1));
                    assertTrue(rs.next());
                    assertEquals("p4", rs.getString(1));
                    assertFalse(rs.next());
                }
            }
        }
    }
}
