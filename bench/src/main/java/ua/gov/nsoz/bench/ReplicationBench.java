package ua.gov.nsoz.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replication between nodes of the real distribution, started by the launcher ({@code ./nsoz}) as three
 * processes on this machine: the center {@code ucc} and the regions {@code kyiv-city} and {@code lviv}.
 *
 * <ol>
 * <li><b>Lag</b>: both regions register appeals over REST at a steady total rate ({@code bench.rate}, default
 * 500/s, half each) for {@code bench.seconds} (60) after a warm-up ({@code bench.warmup}, 20 s). The lag of a
 * message is the time from its commit at the region (the outbox row, carried in the exchange header) to its
 * commit at the center (the inbox row): read from the center's Derby after the run, p50/p90/p99/max.</li>
 * <li><b>Catch-up</b>: the center is stopped, both regions register {@code bench.backlog} (100,000) appeals
 * between them, which wait in the regions' brokers; the center is started, and the rate at which it applies
 * them is measured from its inbox (first to last commit) and from outside (start command to the last one).</li>
 * </ol>
 * Ports: the launcher's, shifted by {@code bench.offset} (default 30000). Instances: bench/target/replication.
 */
public final class ReplicationBench {

    private static final String[] REGIONS = {"kyiv-city", "lviv"};
    private static final Map<String, Integer> HTTP = Map.of("ucc", 8181, "kyiv-city", 8182, "lviv", 8183);

    private final Path root = Paths.get(System.getProperty("bench.root", ".")).toAbsolutePath();
    private final Path instances = root.resolve("bench/target/replication");
    private final int offset = Integer.getInteger("bench.offset", 30000);
    private final int rate = Integer.getInteger("bench.rate", 500);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 20);
    private final int backlog = Integer.getInteger("bench.backlog", 100_000);
    private volatile HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong serial = new AtomicLong(5_000_000_000L);
    private final List<String> report = new ArrayList<>();

    private ReplicationBench() {
    }

    /**
     * @param args none
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        new ReplicationBench().run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        RegistrationBench.deleteTree(instances);
        Files.createDirectories(instances);
        try {
            for (String node : new String[] {"ucc", "kyiv-city", "lviv"}) {
                launcher("start", node);
            }
            line("## Replication lag, region → center");
            steady(warmup, "warm-up");
            Instant from = Instant.now();
            long sent = steady(seconds, "measured");
            Instant to = Instant.now();
            Map<String, Long> expected = registeredPerRegion();
            Instant caughtUp = waitForCenter(expected, Duration.ofMinutes(30));
            double took = Duration.between(from, to).toMillis() / 1000.0;
            line(String.format(Locale.ROOT, "- offered %d appeals at %d/s in total (%d/s per region, for %d s); "
                    + "registered in %.1f s (%.0f/s achieved%s); the center had all of them %d ms after the last was "
                    + "registered", sent, rate, rate / REGIONS.length, seconds, took, sent / took,
                    sent / took < rate * 0.95 ? ": the machine could not take the offered rate" : "",
                    Duration.between(to, caughtUp).toMillis()));

            line("");
            line("## Catch-up after a partition (center stopped)");
            launcher("stop", "ucc");
            Instant backlogFrom = Instant.now();
            long queued = closedLoop(backlog, 16);
            Duration registering = Duration.between(backlogFrom, Instant.now());
            waitForRegionsShipped(Duration.ofMinutes(10));
            expected = registeredPerRegion();
            line(String.format(Locale.ROOT, "- %d appeals registered at the two regions in %.1f s (%.0f/s) while the "
                    + "center was down; all of them on the regions' brokers", queued, registering.toMillis() / 1000.0,
                    queued * 1000.0 / registering.toMillis()));
            Instant startCmd = Instant.now();
            launcher("start", "ucc");
            Instant ready = Instant.now();
            Instant done = waitForCenter(expected, Duration.ofMinutes(30));
            line(String.format(Locale.ROOT, "- center start command → ready %.1f s; → last appeal applied %.1f s",
                    Duration.between(startCmd, ready).toMillis() / 1000.0,
                    Duration.between(startCmd, done).toMillis() / 1000.0));
            launcher("stop", "ucc");
            analyse(from, to, backlogFrom);
        } finally {
            launcher("stop", null);
        }
        String text = "# Replication benchmark " + DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS)) + "\n\n" + String.join("\n", report) + "\n";
        Path out = root.resolve("bench/results/replication-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(started) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("\n" + text + "\nWritten to " + root.relativize(out));
    }

    private void line(String s) {
        report.add(s);
        System.out.println(s);
    }

    private String api(String node) {
        return "https://localhost:" + (HTTP.get(node) + offset) + "/api/v1";
    }

    /** The bench's user at every node (NSOZ_EXTRA_USERS_FILE): registers, and reads the link (docs/security.md). */
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-Secret-1";
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** HTTPS trusting the demo's CA, which the launcher makes at the first node's start (so: made on first use). */
    private HttpClient http() {
        if (http == null) {
            try (var in = Files.newInputStream(instances.resolve(".link-tls/ca.pem"))) {
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(in));
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory
                        .getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(ctx).build();
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Cannot trust the demo's CA in " + instances, e);
            }
        }
        return http;
    }

    /** Registers at {@code rate} per second in total, half at each region, for the given seconds (open loop). */
    private long steady(int secs, String what) throws Exception {
        long total = (long) rate * secs;
        AtomicLong ticket = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long t0 = System.nanoTime();
        double interval = 1e9 / rate;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            Thread t = new Thread(() -> {
                for (long i; (i = ticket.getAndIncrement()) < total;) {
                    long due = t0 + (long) (i * interval);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (!register(REGIONS[(int) (i % REGIONS.length)])) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "[%s] %d registrations in %.1f s (%.0f/s), %d failed%n", what, total, took,
                total / took, errors.get());
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " registrations failed");
        }
        return total;
    }

    /** Registers {@code count} appeals as fast as {@code threads} clients can, spread over the regions. */
    private long closedLoop(long count, int threads) throws Exception {
        AtomicLong ticket = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> list = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                for (long i; (i = ticket.getAndIncrement()) < count;) {
                    if (!register(REGIONS[(int) (i % REGIONS.length)])) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            list.add(t);
        }
        for (Thread t : list) {
            t.join();
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " registrations failed");
        }
        return count;
    }

    private boolean register(String region) {
        long n = serial.getAndIncrement();
        HttpRequest req = HttpRequest.newBuilder(URI.create(api(region) + "/appeals"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RegistrationBench.Synthetic.requestJson(n))).build();
        try {
            return http().send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode sync(String node) throws IOException, InterruptedException {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(api(node) + "/sync"))
                .header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /sync at " + node + ": HTTP " + r.statusCode());
        }
        return json.readTree(r.body());
    }

    private static JsonNode link(JsonNode sync, String peer) {
        for (JsonNode l : sync.get("links")) {
            if (peer.equals(l.get("peer").asText())) {
                return l;
            }
        }
        return null;
    }

    /** What each region has put in its outbox for the center (shipped + waiting). */
    private Map<String, Long> registeredPerRegion() throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (String region : REGIONS) {
            JsonNode l = link(sync(region), "ucc");
            out.put(region, l == null ? 0 : l.get("shipped").asLong() + l.get("backlog").asLong());
        }
        return out;
    }

    private void waitForRegionsShipped(Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            long waiting = 0;
            for (String region : REGIONS) {
                JsonNode l = link(sync(region), "ucc");
                waiting += l == null ? 0 : l.get("backlog").asLong();
            }
            if (waiting == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(waiting + " messages still in the regions' outboxes after " + limit);
            }
            Thread.sleep(250);
        }
    }

    /** Waits until the center has received from each region what it sent; returns when that was seen. */
    private Instant waitForCenter(Map<String, Long> expected, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        long last = -1;
        while (true) {
            JsonNode s = sync("ucc");
            long missing = 0;
            for (String region : REGIONS) {
                JsonNode l = link(s, region);
                long got = l == null ? 0 : l.get("received").asLong();
                missing += Math.max(0, expected.get(region) - got);
            }
            if (missing == 0) {
                return Instant.now();
            }
            if (missing != last) {
                System.out.printf("[center] %d messages still to come%n", missing);
                last = missing;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(missing + " messages did not reach the center within " + limit);
            }
            Thread.sleep(200);
        }
    }

    /** Reads the center's inbox (the node is stopped): lag per message and the catch-up rate. */
    private void analyse(Instant from, Instant to, Instant backlogFrom) throws SQLException {
        Path db = instances.resolve("ucc/data/nsoz/derby");
        System.setProperty("derby.stream.error.file", instances.resolve("bench-derby.log").toString());
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db)) {
            List<Long> lags = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT applied_at - sent_at FROM inbox WHERE sent_at >= ? "
                    + "AND sent_at < ? ORDER BY 1")) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lags.add(rs.getLong(1));
                    }
                }
            }
            line("");
            line("## From the center's inbox");
            line(String.format(Locale.ROOT, "- lag (commit at the region → commit at the center) of the %d messages "
                    + "of the measured phase: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", lags.size(), pct(lags, 50),
                    pct(lags, 90),
                    pct(lags, 99), lags.isEmpty() ? -1 : lags.get(lags.size() - 1)));
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(applied_at), MAX(applied_at) FROM inbox "
                    + "WHERE sent_at >= ?")) {
                ps.setLong(1, backlogFrom.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    long ms = Math.max(1, rs.getLong(3) - rs.getLong(2));
                    line(String.format(Locale.ROOT, "- catch-up: %d messages applied in %.1f s from the first to the "
                            + "last: %.0f appeals/s", n, ms / 1000.0, n * 1000.0 / ms));
                }
            }
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true");
            } catch (SQLException expected) {
                // Derby says "shut down" with an exception
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private void launcher(String command, String node) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("nsoz").toString(), command));
        if (node != null) {
            cmd.add(node);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO();
        pb.environment().put("NSOZ_INSTANCES", instances.toString());
        pb.environment().put("NSOZ_PORT_OFFSET", Integer.toString(offset));
        pb.environment().put("NSOZ_NO_BUILD", "1");
        Path users = instances.resolve("bench-users.properties");
        Files.writeString(users, USER + " = " + PASSWORD + ",nsoz-operator,nsoz-supervisor,nsoz-analyst\n");
        pb.environment().put("NSOZ_EXTRA_USERS_FILE", users.toString());
        int rc = pb.start().waitFor();
        if (rc != 0 && !"stop".equals(command)) {
            throw new IllegalStateException("./nsoz " + command + " " + node + " exited with " + rc);
        }
    }
}
