package ua.gov.nsoz.analytics.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.StatsQuery;

/**
 * The benchmark's loader: writes N synthetic facts (27 regions, 48 topics under 12 headings, 17 bodies, two years,
 * seeded, in the order of the day received) as a CSV in {@link Tables#FACT_COLUMNS} order, imports it with
 * {@code SYSCS_UTIL.SYSCS_IMPORT_TABLE} into {@code an_fact}, and rebuilds the cells
 * ({@link StatisticsImpl#rebuildCells}); then, in another JVM, times the benchmark's queries. Run by
 * {@code bench/analytics.sh} (see docs/benchmarks.md, "Analysis at 10,000,000 appeals"), or from the module after
 * {@code mvn test-compile}:
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/an.cp
 * java -cp target/classes:target/test-classes:$(cat /tmp/an.cp) ua.gov.nsoz.analytics.internal.BulkFacts load 1000000 /tmp/an-bench
 * java -cp target/classes:target/test-classes:$(cat /tmp/an.cp) ua.gov.nsoz.analytics.internal.BulkFacts query /tmp/an-bench 20 5
 * </pre>
 */
public final class BulkFacts {

    static final LocalDate FIRST = LocalDate.parse("2024-07-01");
    static final int DAYS = 730;

    private BulkFacts() {
    }

    /** Writes {@code n} facts to a CSV. */
    static void writeCsv(Path csv, long n, long seed) throws IOException {
        Random r = new Random(seed);
        String[] bodies = {"MOZ", "MINSOC", "MON", "MVS", "MINFIN", "MINREGION", "MINJUST", "MINAGRO", "MINECO",
            "MINENERGO", "MININFRA", "MINOBORONY", "MINVETERANIV", "MINKULT", "MINDIGIT", "DPS", "PFU"};
        String[] kinds = {"PROPOSAL", "APPLICATION", "COMPLAINT"};
        String[] channels = {"PHONE", "WEB", "PORTAL", "EMAIL", "POST", "IN_PERSON"};
        String[] types = {"CITIZEN", "ENTERPRISE", "INSTITUTION", "ORGANISATION"};
        long today = FIRST.toEpochDay() + DAYS;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                int day = (int) (FIRST.toEpochDay() + i * DAYS / n);
                String region = String.format("UA-%02d", 1 + r.nextInt(27));
                int heading = 1 + r.nextInt(12);
                String section = String.format("%03d", heading);
                String topic = r.nextInt(3) == 0 ? section : section + String.format(".%02d", 1 + r.nextInt(3));
                String body = r.nextInt(10) == 0 ? "-" : bodies[r.nextInt(bodies.length)];
                int due = day + 30;
                boolean notConsidered = r.nextInt(50) == 0;
                int days = Math.min(90, (int) Math.abs(r.nextGaussian() * 12 + 14));
                boolean answered = !notConsidered && (day + days < today) && r.nextInt(20) != 0;
                Integer answeredDay = answered ? day + days : null;
                String timeliness = answered ? (answeredDay <= due ? "ANSWERED_ON_TIME" : "ANSWERED_LATE")
                        : notConsidered ? "CLOSED_UNANSWERED" : due < today ? "OVERDUE" : "OPEN_ON_TIME";
                String status = answered ? "ANSWERED" : notConsidered ? "NOT_CONSIDERED" : "ACCEPTED";
                String outcome = answered ? "EXPLAINED" : notConsidered ? "NOT_CONSIDERED_ANONYMOUS" : "NONE";
                boolean redirected = r.nextInt(15) == 0;
                Integer rating = answered && r.nextInt(4) == 0 ? 1 + r.nextInt(5) : null;
                w.write(String.join(",", UUID.randomUUID().toString(), Integer.toString(day), region,
                        "node-" + region, body, topic, section, kinds[r.nextInt(3)], channels[r.nextInt(6)],
                        types[r.nextInt(4)], r.nextInt(5) == 0 ? "7.1" : "-", status, outcome, timeliness,
                        Integer.toString(due), answered ? answeredDay.toString() : "",
                        answered ? Integer.toString(days) : "", r.nextInt(30) == 0 ? "1" : "0", redirected ? "1" : "0",
                        redirected && r.nextBoolean() ? "1" : "0", notConsidered ? "1" : "0",
                        r.nextInt(25) == 0 ? "1" : "0", rating == null ? "" : rating.toString()));
                w.newLine();
            }
        }
    }

    /** Imports the CSV into {@code an_fact} (replacing its rows). */
    static void importCsv(DataSource ds, Path csv) throws SQLException {
        try (Connection c = ds.getConnection();
                CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_TABLE(NULL, 'AN_FACT', ?, ',', "
                        + "'\"', 'UTF-8', 1)")) {
            cs.setString(1, csv.toAbsolutePath().toString());
            cs.execute();
        }
    }

    /**
     * {@code load N DIR}: a fresh database in DIR/db, N facts generated, imported, the cells rebuilt; prints the
     * times and the database's size. {@code query DIR ROUNDS WARMUP}: opens the database and runs every benchmark
     * query once cold (a fresh JVM and a freshly booted database), WARMUP times more unmeasured (the JIT), then
     * ROUNDS times measured (warm); prints a table.
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "load" -> load(Long.parseLong(args[1]), Path.of(args[2]));
            case "query" -> query(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20,
                    args.length > 3 ? Integer.parseInt(args[3]) : 5);
            default -> {
                System.err.println("usage: BulkFacts load N DIR | BulkFacts query DIR [ROUNDS [WARMUP]]");
                System.exit(2);
            }
        }
    }

    static EmbeddedDataSource dataSource(Path dir, boolean create) {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        if (create) {
            ds.setCreateDatabase("create");
        }
        return ds;
    }

    static void load(long n, Path dir) throws Exception {
        if (Files.exists(dir.resolve("db"))) {
            throw new IllegalStateException(dir.resolve("db") + " exists: remove it first");
        }
        Files.createDirectories(dir);
        EmbeddedDataSource ds = dataSource(dir, true);
        StatisticsImpl.migrate(ds);
        Path csv = dir.resolve("facts.csv");
        long t0 = System.nanoTime();
        writeCsv(csv, n, 14);
        long t1 = System.nanoTime();
        long csvBytes = Files.size(csv);
        importCsv(ds, csv);
        long t2 = System.nanoTime();
        Files.delete(csv);
        long counted = StatisticsImpl.rebuildCells(ds);
        long t3 = System.nanoTime();
        long[] rows = new long[4];
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            String[] tables = {"an_fact", "an_cell", "an_series", "an_open"};
            for (int i = 0; i < tables.length; i++) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + tables[i])) {
                    rs.next();
                    rows[i] = rs.getLong(1);
                }
            }
        }
        shutdown(dir);
        System.out.printf("| step | time | |%n|---|---:|---|%n");
        System.out.printf("| generate the CSV | %.1f s | %,d facts, %,d MB |%n", s(t0, t1), n, csvBytes >> 20);
        System.out.printf("| SYSCS_IMPORT_TABLE into an_fact | %.1f s | %,d rows |%n", s(t1, t2), rows[0]);
        System.out.printf("| rebuildCells | %.1f s | %,d facts counted; an_cell %,d, an_series %,d, an_open %,d rows |%n",
                s(t2, t3), counted, rows[1], rows[2], rows[3]);
        System.out.printf("| database size | | %,d MB |%n", size(dir.resolve("db")) >> 20);
    }

    record Timed(String name, java.util.concurrent.Callable<Integer> run) {
    }

    static void query(Path dir, int measured, int warmup) throws Exception {
        int rounds = 1 + warmup + measured;
        long boot = System.nanoTime();
        EmbeddedDataSource ds = dataSource(dir, false);
        StatisticsImpl stats = new StatisticsImpl(ds, null, null, null, a -> null, java.time.Clock.systemUTC());
        long booted = System.nanoTime();
        LocalDate to = FIRST.plusDays(DAYS - 1);
        LocalDate year = FIRST.plusDays(365);
        LocalDate quarter = LocalDate.of(to.getYear(), (to.getMonthValue() - 1) / 3 * 3 + 1, 1);
        LocalDate days90 = to.minusDays(89);
        List<Timed> queries = List.of(
                new Timed("year by month (totals)", () -> stats.query(new StatsQuery(year, to, Granularity.MONTH,
                        null, Scope.ALL)).rows().size()),
                new Timed("year by region", () -> stats.query(new StatsQuery(year, to, Granularity.ALL,
                        Dimension.REGION, Scope.ALL)).rows().size()),
                new Timed("quarter by topic", () -> stats.query(new StatsQuery(quarter, to, Granularity.ALL,
                        Dimension.TOPIC, Scope.ALL)).rows().size()),
                new Timed("year by week x timeliness", () -> stats.query(new StatsQuery(year, to, Granularity.WEEK,
                        Dimension.TIMELINESS, Scope.ALL)).rows().size()),
                new Timed("90 days by day x section", () -> stats.query(new StatsQuery(days90, to, Granularity.DAY,
                        Dimension.SECTION, Scope.ALL)).rows().size()),
                new Timed("body MOZ, year by channel", () -> stats.query(new StatsQuery(year, to, Granularity.ALL,
                        Dimension.CHANNEL, Scope.body("MOZ"))).rows().size()),
                new Timed("node node-UA-14, year by kind", () -> stats.query(new StatsQuery(year, to,
                        Granularity.ALL, Dimension.KIND, Scope.node("node-UA-14"))).rows().size()),
                new Timed("scorecards of all bodies, year", () -> stats.scorecards(year, to, Scope.ALL).size()),
                new Timed("open data, year", () -> stats.openData(year, to).rows().size()),
                new Timed("daily series, 90 days", () -> stats.dailySeries(days90, to).size()));
        double[][] ms = new double[queries.size()][rounds];
        int[] rows = new int[queries.size()];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < queries.size(); i++) {
                long t = System.nanoTime();
                rows[i] = queries.get(i).run().call();
                ms[i][r] = (System.nanoTime() - t) / 1e6;
            }
        }
        System.out.printf("Database opened (Derby boot, schema check) in %.0f ms; each query run once cold, %d times "
                + "to warm up (not counted), %d times measured (warm).%n%n", (booted - boot) / 1e6, warmup, measured);
        System.out.printf("| query | rows | cold ms | warm p50 ms | warm p90 ms | warm max ms |%n"
                + "|---|---:|---:|---:|---:|---:|%n");
        for (int i = 0; i < queries.size(); i++) {
            double[] warm = java.util.Arrays.copyOfRange(ms[i], 1 + warmup, rounds);
            java.util.Arrays.sort(warm);
            System.out.printf("| %s | %,d | %.1f | %s | %s | %s |%n", queries.get(i).name(), rows[i], ms[i][0],
                    quantile(warm, 0.5), quantile(warm, 0.9), quantile(warm, 1));
        }
        shutdown(dir);
    }

    /** @return the nearest-rank quantile of sorted times, formatted */
    static String quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int rank = (int) Math.max(1, Math.ceil(q * sorted.length));
        return String.format("%.1f", sorted[rank - 1]);
    }

    static void shutdown(Path dir) {
        try {
            java.sql.DriverManager.getConnection("jdbc:derby:" + dir.resolve("db") + ";shutdown=true").close();
        } catch (SQLException e) {
            // 08006: the database was shut down, as asked
        }
    }

    static long size(Path p) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double s(long a, long b) {
        return (b - a) / 1e9;
    }

}
