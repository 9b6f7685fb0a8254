package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.StoreException;

/**
 * The node's database as every part of the store uses it: the DataSource, the dialect of its engine (learned from the
 * first connection's metadata) and the two ways to run work on it, a read on one connection and a transaction that is
 * run again when the engine rolled it back under contention. Thread-safe; one per DataSource is enough, more are
 * harmless.
 */
public final class Database {

    /** Attempts of a transaction that the engine rolled back on a lock timeout or deadlock. */
    static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private volatile SqlDialect dialect;

    /**
     * @param dataSource where the tables live; the schema must be migrated already
     */
    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the DataSource */
    DataSource dataSource() {
        return dataSource;
    }

    /** @return the engine's dialect (learned once, from a connection) */
    SqlDialect dialect() {
        SqlDialect d = dialect;
        if (d == null) {
            d = SqlDialect.of(dataSource);
            dialect = d;
        }
        return d;
    }

    /**
     * @return a new connection in auto-commit mode, the caller's to close
     * @throws SQLException if none can be opened
     */
    Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        if (dialect == null) {
            try {
                dialect = SqlDialect.of(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs reads on one connection in auto-commit mode.
     *
     * @param failure what the {@link StoreException} says if it fails
     */
    <T> T read(String failure, Work<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }

    /**
     * Runs the work in one transaction. The engine may roll a short transaction back under contention (a lock
     * timeout, a deadlock: {@link SqlDialect#isRetryable}): the whole unit is undone, so it is simply run again, a
     * few times, with a short pause.
     *
     * @param failure what the {@link StoreException} says if it fails
     */
    <T> T inTransaction(String failure, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = connect()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isRetryable(e)) {
                    try {
                        Thread.sleep(5L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new StoreException(failure, e);
                    }
                    continue;
                }
                throw new StoreException(failure, e);
            }
        }
    }

    /** Whether the engine undid the whole transaction under contention, so that it may be run again. */
    boolean isRetryable(SQLException e) {
        SqlDialect d = dialect;
        return d == null ? SqlDialect.isRetryableOnAny(e) : d.isRetryable(e);
    }
}
