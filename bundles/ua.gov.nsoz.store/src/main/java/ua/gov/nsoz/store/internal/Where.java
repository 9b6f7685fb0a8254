package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The WHERE clause of a filtered search and its parameters, built one optional filter at a time (a filter whose value
 * is null is left out), and the page of a search: its count and the rows of one page. The appeal search and the audit
 * log's search build theirs with it. Values are bound as they are given: a {@code Long} as a BIGINT, an
 * {@code Integer} as an INTEGER, anything else as a string.
 */
final class Where {

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder(" WHERE 1=1");
    private final List<Object> args = new ArrayList<>();

    /** {@code AND column = ?}, if the value is not null. */
    Where equal(String column, Object value) {
        return value == null ? this : and(column + " = ?", value);
    }

    /** {@code AND column >= ?}, if the value is not null. */
    Where atLeast(String column, Object value) {
        return value == null ? this : and(column + " >= ?", value);
    }

    /** {@code AND column < ?}, if the value is not null. */
    Where below(String column, Object value) {
        return value == null ? this : and(column + " < ?", value);
    }

    /**
     * {@code AND condition}, as it is.
     *
     * @param condition SQL with one {@code ?} per parameter
     * @param params its parameters, in order
     */
    Where and(String condition, Object... params) {
        return and(condition, List.of(params));
    }

    /** As {@link #and(String, Object...)}, with the parameters in a list. */
    Where and(String condition, List<?> params) {
        sql.append(" AND ").append(condition);
        args.addAll(params);
        return this;
    }

    /** @return the clause, with a leading space */
    String sql() {
        return sql.toString();
    }

    /**
     * Binds the clause's parameters from index 1.
     *
     * @return the next free parameter index
     */
    int bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            if (v instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) v);
            }
        }
        return args.size() + 1;
    }

    /** @return {@code SELECT COUNT(*) FROM table} with this clause */
    long count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + sql)) {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * One page of a search: the count of every match, and the rows of the page in the order given (read only if the
     * page is not past the end).
     *
     * @param columns what to select
     * @param table where from
     * @param orderBy the order (without ORDER BY)
     * @param offset how many matches to skip
     * @param limit how many at most (0: only count)
     */
    <T> Page<T> page(Connection c, SqlDialect dialect, String columns, String table, String orderBy, int offset,
            int limit, RowReader<T> reader) throws SQLException {
        long total = count(c, table);
        List<T> items = new ArrayList<>();
        if (total > offset && limit > 0) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + sql + " ORDER BY "
                    + orderBy + dialect.page())) {
                int i = bind(ps);
                ps.setInt(i, offset);
                ps.setInt(i + 1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(reader.read(rs));
                    }
                }
            }
        }
        return new Page<>(items, total, offset, limit);
    }
}
