package ua.gov.nsoz.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What differs between the database engines a node may run on (issue 17): embedded Apache Derby (the default) and
 * PostgreSQL (chosen by the node's datasource configuration, docs/postgresql.md). Every SQL statement that is not the
 * same on both goes through here, so the rest of the code stays in the SQL both engines speak.
 *
 * <p>What is the same on both and needs nothing: {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY} and
 * {@code FETCH FIRST n ROWS ONLY} (standard SQL, both accept it; {@link #limit} and {@link #page} write it once),
 * {@code GENERATED ALWAYS AS IDENTITY} columns, the unique-violation SQLState {@code 23505}, {@code TRUNCATE TABLE},
 * {@code SELECT ... FOR UPDATE}. CLOB columns are {@code text} on PostgreSQL (a domain {@code clob} made by the
 * store's changelog): read and write them with {@link #text}/{@link #setText} (getString/setString, which both
 * drivers accept for their long text types; never {@code getClob}: PostgreSQL's driver reads a large object then).
 *
 * <p>What differs: the SQLStates of a transaction the engine rolled back under contention ({@link #isRetryable});
 * what a failed statement does to its transaction: Derby undoes the statement and the transaction goes on,
 * PostgreSQL aborts the whole transaction, so a statement whose failure is expected and handled (a duplicate key)
 * runs inside a savepoint there ({@link #tolerating}); bulk loading (Derby's {@code SYSCS_UTIL} import procedures,
 * PostgreSQL's {@code COPY}); the names in the catalog (Derby folds unquoted names to upper case, PostgreSQL to
 * lower case: {@link #catalogName}).
 */
public enum SqlDialect {

    /** Apache Derby, embedded (the default of every node). */
    DERBY(Set.of("40001", "40XL1", "40XL2")),

    /** PostgreSQL 12 or later (the driver org.postgresql, "PostgreSQL JDBC Driver"). */
    POSTGRESQL(Set.of("40001", "40P01", "55P03"));

    /** Unique (or primary key) constraint violated: the same SQLState on both engines. */
    public static final String DUPLICATE_KEY = "23505";

    private final Set<String> retryable;

    SqlDialect(Set<String> retryable) {
        this.retryable = retryable;
    }

    /**
     * The dialect of a connection, from its metadata's product name.
     *
     * @throws SQLException if the metadata cannot be read or the product is neither Derby nor PostgreSQL
     */
    public static SqlDialect of(Connection connection) throws SQLException {
        return ofProduct(connection.getMetaData().getDatabaseProductName());
    }

    /** The dialect of a DataSource (opens and closes one connection). */
    public static SqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the store to learn its database engine", e);
        }
    }

    /** The dialect of a product name as JDBC metadata gives it ("Apache Derby", "PostgreSQL"). */
    public static SqlDialect ofProduct(String product) throws SQLException {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("derby")) {
            return DERBY;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new SQLException("Unsupported database engine: " + product + " (NSOZ runs on Apache Derby or PostgreSQL)");
    }

    /** A short name for status output and logs: {@code derby} or {@code postgresql}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The clause that keeps the first {@code n} rows, to append after ORDER BY (with a leading space). */
    public String limit(int n) {
        return " FETCH FIRST " + Math.max(1, n) + " ROWS ONLY";
    }

    /** The paging clause with two parameters, offset then count, to append after ORDER BY (leading space). */
    public String page() {
        return " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /** Whether the exception (or one chained to it) is a duplicate key. */
    public static boolean isDuplicateKey(Throwable e) {
        return hasState(e, Set.of(DUPLICATE_KEY));
    }

    /**
     * Whether the engine rolled the transaction back under contention (lock timeout, deadlock, serialization
     * failure), so that running the whole unit again is the answer.
     */
    public boolean isRetryable(Throwable e) {
        return hasState(e, retryable) || e instanceof java.sql.SQLTransientException
                || e instanceof java.sql.SQLTransactionRollbackException;
    }

    /** Whether any engine's retryable state is in the chain: for code that has no connection at hand. */
    public static boolean isRetryableOnAny(Throwable e) {
        for (SqlDialect d : values()) {
            if (d.isRetryable(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasState(Throwable e, Set<String> states) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if (n.getSQLState() != null && states.contains(n.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A long text (a CLOB on Derby, text on PostgreSQL). */
    public String text(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    /** A long text by column index. */
    public String text(ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    /** Sets a long text parameter (null allowed). */
    public void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, this == DERBY ? java.sql.Types.CLOB : java.sql.Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** A table's or column's name as the catalog (DatabaseMetaData) holds an unquoted name. */
    public String catalogName(String unquoted) {
        return this == DERBY ? unquoted.toUpperCase(Locale.ROOT) : unquoted.toLowerCase(Locale.ROOT);
    }

    /** A statement whose failure the caller expects and handles. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a statement in a transaction so that, if it fails, the transaction can go on: on PostgreSQL (which aborts
     * the whole transaction on any error) inside a savepoint, rolled back to on failure; on Derby (which undoes only
     * the failed statement) as it is. The exception is rethrown for the caller to judge (e.g. a duplicate key). In
     * auto-commit mode the call just runs.
     */
    public <T> T tolerating(Connection c, SqlCall<T> call) throws SQLException {
        if (this == DERBY || c.getAutoCommit()) {
            return call.run();
        }
        Savepoint sp = c.setSavepoint();
        try {
            T result = call.run();
            c.releaseSavepoint(sp);
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback(sp);
            throw e;
        }
    }

    /**
     * Executes an insert that may hit a duplicate key: the count of rows inserted, or -1 on a duplicate key (the
     * transaction goes on, on both engines). Any other failure is thrown.
     */
    public int insertUnlessDuplicate(Connection c, PreparedStatement insert) throws SQLException {
        try {
            return tolerating(c, insert::executeUpdate);
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return -1;
            }
            throw e;
        }
    }
}
