package ua.gov.nsoz.analytics.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The bulk rebuild of the aggregates ({@code an_cell}, {@code an_series}, {@code an_open}) from {@code an_fact}
 * alone, fast enough for 10,000,000 facts: the facts are read month by month (an index range scan on the day
 * received), each month is aggregated in memory with primitive keys (dimension values coded as ints), and its rows
 * are written to CSV files; the files are then loaded by {@code SYSCS_UTIL.SYSCS_IMPORT_DATA} in replace mode, which
 * empties each table and fills it by Derby's bulk insert (indexes built by one sort instead of row by row); on
 * PostgreSQL by TRUNCATE and COPY in one transaction ({@link PostgresCopy}).
 *
 * <p>The rows are those {@link Tables#contribute} gives (the incremental path): same keys, same counts, the same
 * histogram text ("days:count" ascending), rows with nothing received absent. A test compares the two.
 */
final class BulkCells {

    private static final Logger LOG = LoggerFactory.getLogger(BulkCells.class);
    private static final Dimension[] DIMS = Dimension.values();
    /** Cell dimension codes: 0 is "no dimension", d.ordinal() + 1 a dimension. */
    private static final int NDIM = DIMS.length + 1;
    private static final String[] SCOPE_KINDS = {"A", "N", "B"};
    private static final int VALUE_BITS = 24;
    private static final long VALUE_MASK = (1L << VALUE_BITS) - 1;

    private final Path dir;
    /** Codes of the dimension values, one dictionary for all dimensions (and the scopes' node and body). */
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private long facts;

    private BulkCells(Path dir) {
        this.dir = dir;
        code(Tables.ALL_SCOPE);
        code(Tables.NO_DIM);
    }

    /**
     * Empties the aggregates and computes them again from the facts.
     *
     * @param c a connection (its auto-commit is used as is for the imports)
     * @return how many facts were counted
     */
    static long rebuild(Connection c) throws SQLException {
        Path dir;
        try {
            dir = Files.createTempDirectory("nsoz-an-rebuild");
        } catch (IOException e) {
            throw new SQLException("Cannot create a temporary directory for the rebuild", e);
        }
        try {
            long t0 = System.nanoTime();
            BulkCells b = new BulkCells(dir);
            b.aggregate(c);
            long t1 = System.nanoTime();
            importCsv(c, "AN_CELL", "SCOPE_KIND,SCOPE_VALUE,DIM,GRAIN,PERIOD,DIM_VALUE,"
                    + Agg.COLUMNS.toUpperCase().replace(" ", "") + ",HIST", dir.resolve("cell.csv"));
            importCsv(c, "AN_SERIES", "DAY,REGION,TOPIC,RECEIVED", dir.resolve("series.csv"));
            importCsv(c, "AN_OPEN", "MONTH,REGION,SECTION,ANSWERED_MONTH,RECEIVED,ON_TIME", dir.resolve("open.csv"));
            LOG.info("Analytics cells rebuilt from {} facts: aggregated in {} ms, imported in {} ms", b.facts,
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            return b.facts;
        } finally {
            for (String f : new String[] {"cell.csv", "series.csv", "open.csv"}) {
                try {
                    Files.deleteIfExists(dir.resolve(f));
                } catch (IOException e) {
                    // left in the temporary directory
                }
            }
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // left in the temporary directory
            }
        }
    }

    private static void importCsv(Connection c, String table, String columns, Path csv) throws SQLException {
        if (SqlDialect.of(c) == SqlDialect.POSTGRESQL) {
            PostgresCopy.replace(c, table.toLowerCase(Locale.ROOT), columns.toLowerCase(Locale.ROOT), csv);
            return;
        }
        try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, ?, NULL, ?, ',', '\"', "
                + "'UTF-8', 1)")) {
            cs.setString(1, table);
            cs.setString(2, columns);
            cs.setString(3, csv.toAbsolutePath().toString());
            cs.execute();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private int code(String v) {
        Integer n = codes.get(v);
        if (n == null) {
            n = values.size();
            if (n > VALUE_MASK) {
                throw new IllegalStateException("Too many distinct dimension values for the bulk rebuild");
            }
            codes.put(v, n);
            values.add(v);
        }
        return n;
    }

    private void aggregate(Connection c) throws SQLException {
        int min;
        int max;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(received_day), MAX(received_day) FROM an_fact")) {
            rs.next();
            min = rs.getInt(1);
            if (rs.wasNull()) {
                min = 0;
                max = -1;
            } else {
                max = rs.getInt(2);
            }
        }
        try (BufferedWriter cells = Files.newBufferedWriter(dir.resolve("cell.csv"), StandardCharsets.UTF_8);
                BufferedWriter series = Files.newBufferedWriter(dir.resolve("series.csv"), StandardCharsets.UTF_8);
                BufferedWriter open = Files.newBufferedWriter(dir.resolve("open.csv"), StandardCharsets.UTF_8);
                PreparedStatement ps = c.prepareStatement("SELECT received_day, region, node, body, topic, section, "
                        + "kind, channel, applicant_type, category, status, outcome, timeliness, answered_day, "
                        + "days_to_answer, extended, redirected, redirected_in_term, not_considered, repeated, rating "
                        + "FROM an_fact --DERBY-PROPERTIES index=IX_AN_FACT_DAY\n"
                        + "WHERE received_day BETWEEN ? AND ?")) {
            ps.setFetchSize(1000);
            for (int month = min <= max ? Tables.monthStart(min) : 1; month <= max; ) {
                int next = (int) java.time.LocalDate.ofEpochDay(month).plusMonths(1).toEpochDay();
                Month m = new Month(month);
                ps.setInt(1, month);
                ps.setInt(2, next - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        m.add(rs);
                        facts++;
                    }
                }
                m.write(cells, series, open);
                month = next;
            }
        } catch (IOException e) {
            throw new SQLException("Cannot write the rebuild's files", e);
        }
    }

    /** The aggregates of the facts received in one month. */
    private final class Month {
        final int month;
        final LongMap cells = new LongMap();
        final Map<Long, long[]> series = new HashMap<>();
        final Map<List<Integer>, long[]> open = new HashMap<>();
        final int[] v = new int[NDIM];

        Month(int month) {
            this.month = month;
        }

        void add(ResultSet rs) throws SQLException {
            int day = rs.getInt(1);
            // region, node, body, topic, section, kind, channel, applicant type, category, status, outcome, timeliness
            for (Dimension d : DIMS) {
                v[d.ordinal() + 1] = code(rs.getString(column(d)));
            }
            int answeredDay = rs.getInt(14);
            boolean answered = !rs.wasNull();
            int days = rs.getInt(15);
            boolean hasDays = !rs.wasNull();
            boolean extended = rs.getInt(16) != 0;
            boolean redirected = rs.getInt(17) != 0;
            boolean inTerm = rs.getInt(18) != 0;
            boolean notConsidered = rs.getInt(19) != 0;
            boolean repeated = rs.getInt(20) != 0;
            int rating = rs.getInt(21);
            boolean rated = !rs.wasNull();
            String timeliness = values.get(v[Dimension.TIMELINESS.ordinal() + 1]);
            boolean onTime = Fact.ANSWERED_ON_TIME.equals(timeliness);
            boolean overdue = Fact.OVERDUE.equals(timeliness);
            int node = v[Dimension.NODE.ordinal() + 1];
            int body = v[Dimension.BODY.ordinal() + 1];
            boolean hasBody = !Fact.NONE.equals(values.get(body));
            for (int grain = 0; grain < 2; grain++) {
                int offset = grain == 0 ? day - month : 0;
                for (int scope = 0; scope < 3; scope++) {
                    int scopeValue = scope == 0 ? 0 : scope == 1 ? node : body;
                    if (scope == 2 && !hasBody) {
                        continue;
                    }
                    for (int dim = 0; dim < NDIM; dim++) {
                        long key = ((((((long) scope << VALUE_BITS | scopeValue) << 4 | dim) << 1 | grain) << 5
                                | offset) << VALUE_BITS) | (dim == 0 ? 1 : v[dim]);
                        Cell cell = cells.get(key);
                        cell.c[Agg.RECEIVED]++;
                        if (answered) {
                            cell.c[Agg.ANSWERED]++;
                        }
                        if (onTime) {
                            cell.c[Agg.ON_TIME]++;
                        }
                        if (overdue) {
                            cell.c[Agg.OVERDUE]++;
                        }
                        if (extended) {
                            cell.c[Agg.EXTENDED]++;
                        }
                        if (redirected) {
                            cell.c[Agg.REDIRECTED]++;
                        }
                        if (inTerm) {
                            cell.c[Agg.REDIRECTED_IN_TERM]++;
                        }
                        if (notConsidered) {
                            cell.c[Agg.NOT_CONSIDERED]++;
                        }
                        if (repeated) {
                            cell.c[Agg.REPEATED]++;
                        }
                        if (rated) {
                            cell.c[Agg.RATINGS]++;
                            cell.c[Agg.RATING_SUM] += rating;
                        }
                        if (hasDays) {
                            cell.addDays(days);
                        }
                    }
                }
            }
            int region = v[Dimension.REGION.ordinal() + 1];
            series.computeIfAbsent((long) (day - month) << 48 | (long) region << VALUE_BITS
                    | v[Dimension.TOPIC.ordinal() + 1], k -> new long[1])[0]++;
            long[] o = open.computeIfAbsent(List.of(region, v[Dimension.SECTION.ordinal() + 1],
                    answered ? Tables.monthStart(answeredDay) : -1), k -> new long[2]);
            o[0]++;
            if (onTime) {
                o[1]++;
            }
        }

        void write(BufferedWriter cellOut, BufferedWriter seriesOut, BufferedWriter openOut) throws IOException {
            StringBuilder b = new StringBuilder(256);
            for (int i = 0; i < cells.keys.length; i++) {
                Cell cell = cells.cells[i];
                if (cell == null) {
                    continue;
                }
                long key = cells.keys[i];
                int value = (int) (key & VALUE_MASK);
                int offset = (int) (key >>> VALUE_BITS & 31);
                int grain = (int) (key >>> (VALUE_BITS + 5) & 1);
                int dim = (int) (key >>> (VALUE_BITS + 6) & 15);
                int scopeValue = (int) (key >>> (VALUE_BITS + 10) & VALUE_MASK);
                int scope = (int) (key >>> (2 * VALUE_BITS + 10));
                b.setLength(0);
                quote(b, SCOPE_KINDS[scope]).append(',');
                quote(b, values.get(scopeValue)).append(',');
                quote(b, dim == 0 ? Tables.NO_DIM : DIMS[dim - 1].name()).append(',');
                quote(b, grain == 0 ? "D" : "M").append(',');
                b.append(month + offset).append(',');
                quote(b, values.get(value));
                for (long n : cell.c) {
                    b.append(',').append(n);
                }
                b.append(",\"");
                boolean first = true;
                if (cell.negative != null) {
                    for (Map.Entry<Integer, Long> e : cell.negative.entrySet()) {
                        if (!first) {
                            b.append(' ');
                        }
                        first = false;
                        b.append(e.getKey()).append(':').append(e.getValue());
                    }
                }
                for (int d = 0; d < cell.hist.length; d++) {
                    if (cell.hist[d] != 0) {
                        if (!first) {
                            b.append(' ');
                        }
                        first = false;
                        b.append(d).append(':').append(cell.hist[d]);
                    }
                }
                b.append("\"\n");
                cellOut.append(b);
            }
            for (Map.Entry<Long, long[]> e : series.entrySet()) {
                long k = e.getKey();
                b.setLength(0);
                b.append(month + (int) (k >>> 48)).append(',');
                quote(b, values.get((int) (k >>> VALUE_BITS & VALUE_MASK))).append(',');
                quote(b, values.get((int) (k & VALUE_MASK))).append(',').append(e.getValue()[0]).append('\n');
                seriesOut.append(b);
            }
            for (Map.Entry<List<Integer>, long[]> e : open.entrySet()) {
                List<Integer> k = e.getKey();
                b.setLength(0);
                b.append(month).append(',');
                quote(b, values.get(k.get(0))).append(',');
                quote(b, values.get(k.get(1))).append(',').append(k.get(2)).append(',').append(e.getValue()[0])
                        .append(',').append(e.getValue()[1]).append('\n');
                openOut.append(b);
            }
        }
    }

    /** @return the column of a dimension in the rebuild's SELECT */
    private static int column(Dimension d) {
        return switch (d) {
            case REGION -> 2;
            case NODE -> 3;
            case BODY -> 4;
            case TOPIC -> 5;
            case SECTION -> 6;
            case KIND -> 7;
            case CHANNEL -> 8;
            case APPLICANT_TYPE -> 9;
            case CATEGORY -> 10;
            case STATUS -> 11;
            case OUTCOME -> 12;
            case TIMELINESS -> 13;
        };
    }

    /** Appends a CSV string as Derby's import reads it: in double quotes, a quote doubled. */
    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                b.append('"');
            }
            b.append(ch);
        }
        return b.append('"');
    }

    /** A cell's counts and days-to-answer histogram (index: days). */
    static final class Cell {
        final long[] c = new long[Agg.SIZE];
        long[] hist = new long[0];
        /** Negative days (none come from {@link Fact#of}, but a fact row could hold one). */
        java.util.TreeMap<Integer, Long> negative;

        void addDays(int days) {
            if (days < 0) {
                if (negative == null) {
                    negative = new java.util.TreeMap<>();
                }
                negative.merge(days, 1L, Long::sum);
                return;
            }
            if (days >= hist.length) {
                hist = Arrays.copyOf(hist, Math.max(days + 1, Math.min(hist.length * 2, days + 64)));
            }
            hist[days]++;
        }
    }

    /** Cells by key: open addressing, linear probing. */
    static final class LongMap {
        long[] keys = new long[1 << 14];
        Cell[] cells = new Cell[1 << 14];
        int size;

        Cell get(long key) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (true) {
                Cell cell = cells[i];
                if (cell == null) {
                    cell = new Cell();
                    keys[i] = key;
                    cells[i] = cell;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return cell;
                }
                if (keys[i] == key) {
                    return cell;
                }
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            Cell[] oldCells = cells;
            keys = new long[oldKeys.length * 2];
            cells = new Cell[oldCells.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldCells[j] != null) {
                    int i = mix(oldKeys[j]) & mask;
                    while (cells[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    cells[i] = oldCells[j];
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
