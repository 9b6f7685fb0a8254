package ua.gov.nsoz.analytics.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ua.gov.nsoz.analytics.Dimension;

/**
 * The analytics tables' SQL: facts, and the aggregates they feed. An appeal's contributions to the aggregates are
 * computed in one place ({@link #contribute}), for the incremental updates and the rebuild alike, so both give the
 * same cells.
 *
 * <p>Aggregate keys are lists: {@code [C, scopeKind, scopeValue, dim, grain, period, dimValue]} for {@code an_cell},
 * {@code [S, day, region, topic]} for {@code an_series}, {@code [O, month, region, section, answeredMonth]} for
 * {@code an_open}.
 */
final class Tables {

    static final String NO_DIM = "-";
    static final String ALL_SCOPE = "";
    static final String FACT_COLUMNS = "appeal_id, received_day, region, node, body, topic, section, kind, channel, "
            + "applicant_type, category, status, outcome, timeliness, due_day, answered_day, days_to_answer, extended, "
            + "redirected, redirected_in_term, not_considered, repeated, rating";
    private static final Dimension[] DIMS = Dimension.values();

    private Tables() {
    }

    static int monthStart(int epochDay) {
        return (int) LocalDate.ofEpochDay(epochDay).withDayOfMonth(1).toEpochDay();
    }

    /** Adds (sign 1) or takes away (sign -1) a fact's contributions to every aggregate. */
    static void contribute(Fact f, int sign, Map<List<Object>, Agg> into) {
        int day = f.receivedDay();
        int month = monthStart(day);
        for (int g = 0; g < 2; g++) {
            String grain = g == 0 ? "D" : "M";
            int period = g == 0 ? day : month;
            scope(f, sign, into, "A", ALL_SCOPE, grain, period);
            scope(f, sign, into, "N", f.node(), grain, period);
            if (!Fact.NONE.equals(f.body())) {
                scope(f, sign, into, "B", f.body(), grain, period);
            }
        }
        into.computeIfAbsent(List.of("S", day, f.region(), f.topic()), k -> new Agg()).c[Agg.RECEIVED] += sign;
        Agg open = into.computeIfAbsent(List.of("O", month, f.region(), f.section(),
                f.answered() ? monthStart(f.answeredDay()) : -1), k -> new Agg());
        open.c[Agg.RECEIVED] += sign;
        open.c[Agg.ON_TIME] += f.onTime() ? sign : 0;
    }

    private static void scope(Fact f, int sign, Map<List<Object>, Agg> into, String kind, String value, String grain,
            int period) {
        into.computeIfAbsent(List.of("C", kind, value, NO_DIM, grain, period, NO_DIM), k -> new Agg()).add(f, sign);
        for (Dimension d : DIMS) {
            into.computeIfAbsent(List.of("C", kind, value, d.name(), grain, period, f.value(d)), k -> new Agg())
                    .add(f, sign);
        }
    }

    /**
     * Adds deltas to the stored aggregates: a row whose count of received appeals falls to 0 is deleted, so that
     * the incremental tables equal the rebuilt ones.
     *
     * @return how many rows were written
     */
    static int apply(Connection c, Map<List<Object>, Agg> deltas) throws SQLException {
        int written = 0;
        try (Stmts s = new Stmts(c)) {
            for (Map.Entry<List<Object>, Agg> e : deltas.entrySet()) {
                if (e.getValue().isZero()) {
                    continue;
                }
                written++;
                List<Object> k = e.getKey();
                String t = (String) k.get(0);
                String where = switch (t) {
                    case "C" -> "scope_kind = ? AND scope_value = ? AND dim = ? AND grain = ? AND period = ? "
                            + "AND dim_value = ?";
                    case "S" -> "day = ? AND region = ? AND topic = ?";
                    default -> "month = ? AND region = ? AND section = ? AND answered_month = ?";
                };
                String table = table(t);
                String cols = cols(t);
                Agg now = new Agg();
                boolean exists;
                PreparedStatement sel = s.get("SELECT " + cols + " FROM " + table + " WHERE " + where);
                bindKey(sel, k, 1);
                try (ResultSet rs = sel.executeQuery()) {
                    exists = rs.next();
                    if (exists) {
                        read(rs, t, now);
                    }
                }
                now.add(e.getValue());
                if (now.c[Agg.RECEIVED] <= 0) {
                    if (exists) {
                        PreparedStatement del = s.get("DELETE FROM " + table + " WHERE " + where);
                        bindKey(del, k, 1);
                        del.executeUpdate();
                    }
                    continue;
                }
                if (exists) {
                    String set = String.join(" = ?, ", cols.split(", ")) + " = ?";
                    PreparedStatement up = s.get("UPDATE " + table + " SET " + set + " WHERE " + where);
                    int i = bindValues(up, t, now, 1);
                    bindKey(up, k, i);
                    up.executeUpdate();
                } else {
                    insert(s, k, now);
                }
            }
        }
        return written;
    }

    /** Inserts aggregates into empty tables (the rebuild); rows with nothing received are skipped. */
    static void insertAll(Connection c, Map<List<Object>, Agg> rows) throws SQLException {
        try (Stmts s = new Stmts(c)) {
            s.batch = true;
            for (Map.Entry<List<Object>, Agg> e : rows.entrySet()) {
                if (e.getValue().c[Agg.RECEIVED] > 0) {
                    insert(s, e.getKey(), e.getValue());
                }
            }
            s.flush();
        }
    }

    private static void insert(Stmts s, List<Object> k, Agg now) throws SQLException {
        String t = (String) k.get(0);
        String keyCols = switch (t) {
            case "C" -> "scope_kind, scope_value, dim, grain, period, dim_value";
            case "S" -> "day, region, topic";
            default -> "month, region, section, answered_month";
        };
        int n = k.size() - 1 + cols(t).split(", ").length;
        PreparedStatement ins = s.get("INSERT INTO " + table(t) + " (" + keyCols + ", " + cols(t) + ") VALUES ("
                + String.join(", ", Collections.nCopies(n, "?")) + ")");
        int i = bindKey(ins, k, 1);
        bindValues(ins, t, now, i);
        if (s.batch) {
            ins.addBatch();
            if (++s.pending >= 5_000) {
                s.flush();
            }
        } else {
            ins.executeUpdate();
        }
    }

    private static String table(String t) {
        return switch (t) {
            case "C" -> "an_cell";
            case "S" -> "an_series";
            default -> "an_open";
        };
    }

    private static String cols(String t) {
        return switch (t) {
            case "C" -> Agg.COLUMNS + ", hist";
            case "S" -> "received";
            default -> "received, on_time";
        };
    }

    private static void read(ResultSet rs, String t, Agg into) throws SQLException {
        switch (t) {
            case "C" -> {
                for (int i = 0; i < Agg.SIZE; i++) {
                    into.c[i] = rs.getLong(i + 1);
                }
                into.addHistText(rs.getString(Agg.SIZE + 1));
            }
            case "S" -> into.c[Agg.RECEIVED] = rs.getLong(1);
            default -> {
                into.c[Agg.RECEIVED] = rs.getLong(1);
                into.c[Agg.ON_TIME] = rs.getLong(2);
            }
        }
    }

    private static int bindValues(PreparedStatement ps, String t, Agg a, int from) throws SQLException {
        int i = from;
        switch (t) {
            case "C" -> {
                for (int j = 0; j < Agg.SIZE; j++) {
                    ps.setLong(i++, a.c[j]);
                }
                ps.setString(i++, a.histText());
            }
            case "S" -> ps.setLong(i++, a.c[Agg.RECEIVED]);
            default -> {
                ps.setLong(i++, a.c[Agg.RECEIVED]);
                ps.setLong(i++, a.c[Agg.ON_TIME]);
            }
        }
        return i;
    }

    private static int bindKey(PreparedStatement ps, List<Object> k, int from) throws SQLException {
        int i = from;
        for (int j = 1; j < k.size(); j++) {
            Object v = k.get(j);
            if (v instanceof Integer n) {
                ps.setInt(i++, n);
            } else {
                ps.setString(i++, (String) v);
            }
        }
        return i;
    }

    // --- facts ---

    static Map<String, Fact> readFacts(Connection c, Collection<String> ids) throws SQLException {
        Map<String, Fact> out = new HashMap<>();
        List<String> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += 500) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FACT_COLUMNS + " FROM an_fact WHERE appeal_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Fact f = fact(rs);
                        out.put(f.appealId(), f);
                    }
                }
            }
        }
        return out;
    }

    static Fact fact(ResultSet rs) throws SQLException {
        return new Fact(rs.getString(1).trim(), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), integer(rs, 15),
                integer(rs, 16), integer(rs, 17), rs.getInt(18) != 0, rs.getInt(19) != 0, rs.getInt(20) != 0,
                rs.getInt(21) != 0, rs.getInt(22) != 0, integer(rs, 23));
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    static void deleteFacts(Connection c, Collection<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM an_fact WHERE appeal_id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void insertFacts(Connection c, Collection<Fact> facts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO an_fact (" + FACT_COLUMNS + ") VALUES ("
                + String.join(",", Collections.nCopies(23, "?")) + ")")) {
            for (Fact f : facts) {
                Object[] v = {f.appealId(), f.receivedDay(), f.region(), f.node(), f.body(), f.topic(), f.section(),
                    f.kind(), f.channel(), f.applicantType(), f.category(), f.status(), f.outcome(), f.timeliness(),
                    f.dueDay(), f.answeredDay(), f.daysToAnswer(), flag(f.extended()), flag(f.redirected()),
                    flag(f.redirectedInTerm()), flag(f.notConsidered()), flag(f.repeated()), f.rating()};
                for (int i = 0; i < v.length; i++) {
                    if (v[i] == null) {
                        ps.setNull(i + 1, Types.INTEGER);
                    } else if (v[i] instanceof Integer n) {
                        ps.setInt(i + 1, n);
                    } else {
                        ps.setString(i + 1, (String) v[i]);
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Integer flag(boolean b) {
        return b ? 1 : 0;
    }

    static void truncate(Connection c, String... tables) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String t : tables) {
                s.executeUpdate("TRUNCATE TABLE " + t);
            }
        }
    }

    /** Prepared statements by SQL, for one unit of work. */
    private static final class Stmts implements AutoCloseable {
        private final Connection c;
        private final Map<String, PreparedStatement> bySql = new HashMap<>();
        boolean batch;
        int pending;

        Stmts(Connection c) {
            this.c = c;
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement ps = bySql.get(sql);
            if (ps == null) {
                ps = c.prepareStatement(sql);
                bySql.put(sql, ps);
            }
            return ps;
        }

        void flush() throws SQLException {
            for (PreparedStatement ps : bySql.values()) {
                ps.executeBatch();
            }
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : bySql.values()) {
                ps.close();
            }
        }
    }
}
