package ua.gov.nsoz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A replication benchmark's results: the report's lines, printed as they come and written at the end to
 * {@code bench/results/<name>-<UTC time>.md}, and what is read from the center's inbox after the run (lags, the
 * catch-up's rate) with the percentiles of a sorted list. Shared by {@link ReplicationBench} and
 * {@link NationalBench}, which measure the center's inbox the same way.
 */
final class Results {

    private final Path root;
    private final String name;
    private final List<String> lines = new ArrayList<>();

    /**
     * @param root the repository's root
     * @param name the result file's prefix
     */
    Results(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    /** A line of the report, printed now. */
    void line(String s) {
        lines.add(s);
        System.out.println(s);
    }

    /** A line of the report made with {@link String#format} (root locale), printed now. */
    void line(String format, Object... args) {
        line(String.format(Locale.ROOT, format, args));
    }

    /**
     * Writes {@code heading} and the report's lines to bench/results/NAME-yyyyMMdd-HHmmss.md (the run's start, UTC),
     * and prints them again with where they went.
     */
    void write(Instant started, String heading) throws IOException {
        String text = heading + String.join("\n", lines) + "\n";
        Path out = root.resolve("bench/results/" + name + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(started) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("\n" + text + "\nWritten to " + root.relativize(out));
    }

    /** The p-th percentile (nearest rank) of a sorted list, -1 for an empty one. */
    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** The largest of a sorted list, -1 for an empty one. */
    static long max(List<Long> sorted) {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
    }

    /** The catch-up as the center's inbox tells it: messages applied, over the first to the last commit. */
    record CatchUp(long messages, long millis) {
        double perSecond() {
            return messages * 1000.0 / millis;
        }
    }

    /**
     * The center's inbox in its embedded Derby, read after the run (the node stopped); closing it shuts Derby down.
     */
    static final class Inbox implements AutoCloseable {

        private final Connection connection;

        /** Opens the center's Derby in the launcher's instances; Derby's log goes to bench-derby.log there. */
        Inbox(Path instances) throws SQLException {
            System.setProperty("derby.stream.error.file", instances.resolve("bench-derby.log").toString());
            try {
                connection = DriverManager.getConnection("jdbc:derby:"
                        + instances.resolve(Nodes.CENTER + "/data/nsoz/derby"));
            } catch (SQLException e) {
                shutdown();
                throw e;
            }
        }

        /** For further queries. */
        Connection connection() {
            return connection;
        }

        /** The lags (applied_at - sent_at, ms), sorted, of the messages sent in [fromMillis, toMillis). */
        List<Long> lags(long fromMillis, long toMillis) throws SQLException {
            List<Long> lags = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT applied_at - sent_at FROM inbox "
                    + "WHERE sent_at >= ? AND sent_at < ? ORDER BY 1")) {
                ps.setLong(1, fromMillis);
                ps.setLong(2, toMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lags.add(rs.getLong(1));
                    }
                }
            }
            return lags;
        }

        /** The messages sent from {@code from} on, and the time from the first one's commit to the last one's. */
        CatchUp catchUp(Instant from) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*), MIN(applied_at), "
                    + "MAX(applied_at) FROM inbox WHERE sent_at >= ?")) {
                ps.setLong(1, from.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new CatchUp(rs.getLong(1), Math.max(1, rs.getLong(3) - rs.getLong(2)));
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } finally {
                shutdown();
            }
        }

        private static void shutdown() {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true");
            } catch (SQLException expected) {
                // Derby says "shut down" with an exception
            }
        }
    }
}
