package ua.gov.nsoz.store.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import ua.gov.nsoz.store.SqlDialect;

/**
 * Fresh databases for tests, of the engine the system property {@code nsoz.test.db} names: {@code derby} (the
 * default: an embedded database in a directory) or {@code postgresql} (a new database in the real server this JVM
 * starts once, {@link PostgresServer}). Without PostgreSQL binaries a test that asks for a PostgreSQL database is
 * skipped with the reason, unless the environment variable {@code NSOZ_TEST_POSTGRES=required} (CI) makes that a
 * failure. The store module's build runs its suite once per engine; other modules may use this support (the store's
 * test-jar).
 */
public final class TestDatabases {

    /** The system property that chooses the engine. */
    public static final String PROPERTY = "nsoz.test.db";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    /** The engine of this test run. */
    public static SqlDialect engine() {
        String e = System.getProperty(PROPERTY, "derby").trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "", "derby" -> SqlDialect.DERBY;
            case "postgresql", "postgres", "pg" -> SqlDialect.POSTGRESQL;
            default -> throw new IllegalArgumentException(PROPERTY + " = " + e + ": derby or postgresql");
        };
    }

    /** Whether PostgreSQL must be there (CI): {@code NSOZ_TEST_POSTGRES=required}. */
    public static boolean postgresRequired() {
        return "required".equalsIgnoreCase(System.getenv("NSOZ_TEST_POSTGRES"));
    }

    /**
     * A new empty database of this run's engine.
     *
     * @param home a directory for Derby's files (e.g. a JUnit {@code @TempDir} or {@code target/...}); PostgreSQL's
     *        database lives in the server
     * @param name a short name for it (letters, digits), made unique here
     */
    public static TestDatabase create(Path home, String name) {
        return create(engine(), home, name);
    }

    /** A new empty database of the given engine (a test that must run on one engine). */
    public static TestDatabase create(SqlDialect engine, Path home, String name) {
        String unique = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + COUNTER.incrementAndGet();
        if (engine == SqlDialect.DERBY) {
            return new Derby(home.resolve(unique));
        }
        PostgresServer server = postgres();
        String db = "t_" + ProcessHandle.current().pid() + "_" + unique;
        if (db.length() > 63) {
            db = db.substring(0, 50) + "_" + COUNTER.get();
        }
        server.createDatabase(db);
        return new Postgres(server, db);
    }

    /** The PostgreSQL server, or the test is skipped (failed under NSOZ_TEST_POSTGRES=required) if there is none. */
    public static PostgresServer postgres() {
        try {
            return PostgresServer.get();
        } catch (IllegalStateException e) {
            if (postgresRequired()) {
                throw new AssertionError("NSOZ_TEST_POSTGRES=required, but " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL run skipped: " + e.getMessage());
            throw e;
        }
    }

    /** One test database. */
    public interface TestDatabase extends AutoCloseable {

        /** A DataSource of it (Derby: each getConnection opens one; PostgreSQL: a small pool, as a node has). */
        DataSource dataSource();

        /** A new DataSource of the same database, as a restarted node would open it (Derby: after a shutdown). */
        DataSource reopen();

        SqlDialect dialect();

        /** A count (or any single long) by a query with parameters. */
        default long count(String sql, Object... args) {
            try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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

        /**
         * Stops the database as a stopped or crashed node would: every open connection and its transaction is lost
         * (Derby: the database shut down; PostgreSQL: the server ends the connections to it). {@link #reopen} after.
         */
        void stop();

        /** Shuts the database down (Derby) or drops it (PostgreSQL). */
        @Override
        void close();
    }

    private static final class Derby implements TestDatabase {
        private final Path path;
        private EmbeddedDataSource ds;

        Derby(Path path) {
            this.path = path;
            if (System.getProperty("derby.stream.error.file") == null) {
                // Derby's own log beside the databases, not in the module folder
                System.setProperty("derby.stream.error.file", path.getParent().resolve("derby.log").toString());
            }
            try {
                // fresh: a database left by an earlier run of the same test is deleted first
                if (Files.exists(path)) {
                    try (var files = Files.walk(path)) {
                        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(f);
                        }
                    }
                }
                Files.createDirectories(path.getParent());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            this.ds = open();
        }

        private EmbeddedDataSource open() {
            EmbeddedDataSource d = new EmbeddedDataSource();
            d.setDatabaseName(path.toString());
            d.setCreateDatabase("create");
            return d;
        }

        @Override
        public DataSource dataSource() {
            return ds;
        }

        @Override
        public DataSource reopen() {
            close();
            ds = open();
            return ds;
        }

        @Override
        public SqlDialect dialect() {
            return SqlDialect.DERBY;
        }

        @Override
        public void stop() {
            close();
        }

        @Override
        public void close() {
            try {
                DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true").close();
            } catch (SQLException e) {
                // 08006: shut down normally; XJ004: never booted
                if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                    throw new IllegalStateException("Derby shutdown of " + path, e);
                }
            }
        }

        @Override
        public String toString() {
            return "derby:" + path;
        }
    }

    private static final class Postgres implements TestDatabase {
        private final PostgresServer server;
        private final String name;
        private PooledDataSource ds;

        Postgres(PostgresServer server, String name) {
            this.server = server;
            this.name = name;
            this.ds = open();
        }

        private PooledDataSource open() {
            PGSimpleDataSource d = new PGSimpleDataSource();
            d.setUrl(server.url(name));
            d.setUser(PostgresServer.USER);
            return new PooledDataSource(d);
        }

        @Override
        public DataSource dataSource() {
            return ds;
        }

        @Override
        public DataSource reopen() {
            ds.closeIdle();
            ds = open();
            return ds;
        }

        @Override
        public SqlDialect dialect() {
            return SqlDialect.POSTGRESQL;
        }

        @Override
        public void stop() {
            server.terminateConnections(name);
            ds.closeIdle();
        }

        @Override
        public void close() {
            ds.closeIdle();
            server.dropDatabase(name);
        }

        @Override
        public String toString() {
            return "postgresql:" + name;
        }
    }
}
