package ua.gov.nsoz.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
    private final Nodes nodes = new Nodes(root, instances, offset, Duration.ofSeconds(10), Map.of());
    private final Results report = new Results(root, "replication");
    private final AtomicLong serial = new AtomicLong(5_000_000_000L);

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
                nodes.launcher("start", node);
            }
            report.line("## Replication lag, region → center");
            steady(warmup, "warm-up");
            Instant from = Instant.now();
            long sent = steady(seconds, "measured");
            Instant to = Instant.now();
            Map<String, Long> expected = registeredPerRegion();
            Instant caughtUp = nodes.waitForCenter(expected, Duration.ofMinutes(30));
            double took = Duration.between(from, to).toMillis() / 1000.0;
            report.line("- offered %d appeals at %d/s in total (%d/s per region, for %d s); "
                    + "registered in %.1f s (%.0f/s achieved%s); the center had all of them %d ms after the last was "
                    + "registered", sent, rate, rate / REGIONS.length, seconds, took, sent / took,
                    sent / took < rate * 0.95 ? ": the machine could not take the offered rate" : "",
                    Duration.between(to, caughtUp).toMillis());

            report.line("");
            report.line("## Catch-up after a partition (center stopped)");
            nodes.launcher("stop", "ucc");
            Instant backlogFrom = Instant.now();
            long queued = closedLoop(backlog, 16);
            Duration registering = Duration.between(backlogFrom, Instant.now());
            waitForRegionsShipped(Duration.ofMinutes(10));
            expected = registeredPerRegion();
            report.line("- %d appeals registered at the two regions in %.1f s (%.0f/s) while the "
                    + "center was down; all of them on the regions' brokers", queued, registering.toMillis() / 1000.0,
                    queued * 1000.0 / registering.toMillis());
            Instant startCmd = Instant.now();
            nodes.launcher("start", "ucc");
            Instant ready = Instant.now();
            Instant done = nodes.waitForCenter(expected, Duration.ofMinutes(30));
            report.line("- center start command → ready %.1f s; → last appeal applied %.1f s",
                    Duration.between(startCmd, ready).toMillis() / 1000.0,
                    Duration.between(startCmd, done).toMillis() / 1000.0);
            nodes.launcher("stop", "ucc");
            analyse(from, to, backlogFrom);
        } finally {
            nodes.launcher("stop", null);
        }
        report.write(started, "# Replication benchmark " + DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS)) + "\n\n");
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
        HttpRequest req = HttpRequest.newBuilder(URI.create(nodes.api(HTTP.get(region)) + "/appeals"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .header("Authorization", Nodes.AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RegistrationBench.Synthetic.requestJson(n))).build();
        try {
            return nodes.http().send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode sync(String node) throws IOException, InterruptedException {
        return nodes.sync(node, HTTP.get(node));
    }

    /** What each region has put in its outbox for the center (shipped + waiting). */
    private Map<String, Long> registeredPerRegion() throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (String region : REGIONS) {
            JsonNode l = Nodes.link(sync(region), "ucc");
            out.put(region, l == null ? 0 : l.get("shipped").asLong() + l.get("backlog").asLong());
        }
        return out;
    }

    private void waitForRegionsShipped(Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            long waiting = 0;
            for (String region : REGIONS) {
                JsonNode l = Nodes.link(sync(region), "ucc");
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

    /** Reads the center's inbox (the node is stopped): lag per message and the catch-up rate. */
    private void analyse(Instant from, Instant to, Instant backlogFrom) throws SQLException {
        try (Results.Inbox inbox = new Results.Inbox(instances)) {
            List<Long> lags = inbox.lags(from.toEpochMilli(), to.toEpochMilli());
            report.line("");
            report.line("## From the center's inbox");
            report.line("- lag (commit at the region → commit at the center) of the %d messages "
                    + "of the measured phase: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", lags.size(),
                    Results.pct(lags, 50), Results.pct(lags, 90), Results.pct(lags, 99), Results.max(lags));
            Results.CatchUp catchUp = inbox.catchUp(backlogFrom);
            report.line("- catch-up: %d messages applied in %.1f s from the first to the "
                    + "last: %.0f appeals/s", catchUp.messages(), catchUp.millis() / 1000.0, catchUp.perSecond());
        }
    }
}
