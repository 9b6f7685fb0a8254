package ua.gov.nsoz.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.derby.jdbc.EmbeddedDataSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.core.internal.AppealServiceImpl;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;
import ua.gov.nsoz.sync.ExchangeGateway.Incoming;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;
import ua.gov.nsoz.sync.ExchangeGateway.Received;
import ua.gov.nsoz.sync.internal.ExchangeGatewayImpl;

/**
 * Catch-up at the center, in one process (issue 11, section 3): what {@code receiveAll} of the center's gateway
 * applies per second from a backlog of one region, with nothing else on the machine — no broker, no Karaf.
 *
 * <ol>
 * <li><b>generate</b> (only if {@code bench/target/apply/docs-<n>.bin.gz} is missing): a region {@code lviv} with
 * its own embedded Derby registers {@code bench.warmupDocs + bench.count} appeals through the real
 * {@code AppealServiceImpl}; its gateway's {@code outgoing("ucc", 500)} gives the exchange documents exactly as
 * the link would send them; they are kept in that file, so later runs apply the same documents.</li>
 * <li><b>apply</b>: a new center {@code ucc} (embedded Derby, migrated, {@code JdbcAppealStore},
 * {@code ExchangeGatewayImpl}) receives them in batches of {@code bench.batch} (500, the link's batch) as
 * {@code Incoming(xml, "lviv")}: first {@code bench.warmupDocs} untimed (JIT), then {@code bench.count} timed,
 * on {@code bench.threads} threads (1; 2 = two receivers taking disjoint batches). Every result must be
 * APPLIED, and the center must hold every appeal after the run.</li>
 * </ol>
 * {@code -Dbench.jfr=true} records the timed phase to {@code bench/target/apply/apply.jfr} (JFR profile settings);
 * {@code bench/jfr-top.py} summarises it.
 */
public final class ApplyBench {

    record Node(String nodeId, String code, String name, NodeRole role, String region, String centerNodeId,
            String softwareVersion, Instant startedAt) implements NodeIdentity {
    }

    static final Node LVIV = new Node("lviv", "LV", "Львів", NodeRole.REGIONAL, "UA-46", "ucc", "bench",
            Instant.now());
    static final Node UCC = new Node("ucc", "UCC", "Центр", NodeRole.CENTRAL, null, null, "bench", Instant.now());

    /** Held, so that the level set on it stays (the logging framework keeps loggers weakly). */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    private final Path dir = Paths.get(System.getProperty("bench.root", ".")).toAbsolutePath()
            .resolve("bench/target/apply");
    private final int count = Integer.getInteger("bench.count", 100_000);
    private final int warmupDocs = Integer.getInteger("bench.warmupDocs", 20_000);
    private final int batch = Integer.getInteger("bench.batch", 500);
    private final int threads = Integer.getInteger("bench.threads", 1);
    private final boolean jfr = Boolean.getBoolean("bench.jfr");

    private ApplyBench() {
    }

    /**
     * @param args {@code generate} (make the documents only) or nothing (make them if missing, then apply)
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        ApplyBench bench = new ApplyBench();
        Files.createDirectories(bench.dir);
        System.setProperty("derby.stream.error.file", bench.dir.resolve("derby.log").toString());
        Path docs = bench.dir.resolve("docs-" + (bench.warmupDocs + bench.count) + ".bin.gz");
        if (!Files.exists(docs)) {
            bench.generate(docs);
        }
        if (args.length > 0 && "generate".equals(args[0])) {
            return;
        }
        bench.apply(docs);
        System.exit(0);
    }

    private static EmbeddedDataSource db(Path path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Migrations.migrate(ds);
        return ds;
    }

    private static void shutdown(Path path) {
        try {
            DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true");
        } catch (SQLException expected) {
            // 08006: shut down normally
        }
    }

    /** Registers the appeals at a region and writes the documents its gateway would send to the center. */
    private void generate(Path docs) throws IOException {
        int total = warmupDocs + count;
        Path regionDb = dir.resolve("lviv");
        RegistrationBench.deleteTree(regionDb);
        JdbcAppealStore regionStore = new JdbcAppealStore(db(regionDb));
        AppealServiceImpl region = new AppealServiceImpl(regionStore, LVIV);
        ExchangeGatewayImpl link = new ExchangeGatewayImpl(regionStore, LVIV, region);
        long t0 = System.nanoTime();
        Path tmp = docs.resolveSibling(docs.getFileName() + ".tmp");
        int written = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16), 1 << 16))) {
            for (int n = 0; n < total; n++) {
                Appeal a = region.register(new NewAppeal(RegistrationBench.Synthetic.kind(n), Channel.WEB,
                        RegistrationBench.Synthetic.applicant(n), RegistrationBench.Synthetic.text(n),
                        RegistrationBench.Synthetic.TOPIC, RegistrationBench.Synthetic.ADDRESSEE, false, null, false,
                        null, null, List.of(), null), "operator");
                if (a == null) {
                    throw new IllegalStateException("not registered: " + n);
                }
                if ((n + 1) % batch == 0 || n + 1 == total) {
                    written += drain(link, out);
                }
            }
            written += drain(link, out);
        }
        if (written != total) {
            throw new IllegalStateException("The region shipped " + written + " documents for " + total + " appeals");
        }
        Files.move(tmp, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        shutdown(regionDb);
        System.out.printf(Locale.ROOT, "generated %,d documents at the region in %.1f s: %s%n", total,
                (System.nanoTime() - t0) / 1e9, docs);
    }

    private int drain(ExchangeGatewayImpl link, DataOutputStream out) throws IOException {
        int n = 0;
        for (List<Outgoing> o = link.outgoing("ucc", batch); !o.isEmpty(); o = link.outgoing("ucc", batch)) {
            for (Outgoing d : o) {
                byte[] b = d.xml().getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            link.shipped("ucc", o);
            n += o.size();
        }
        return n;
    }

    private static List<String> read(Path docs) throws IOException {
        List<String> all = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(docs), 1 << 16), 1 << 16))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                byte[] b = new byte[len];
                in.readFully(b);
                all.add(new String(b, StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    private void apply(Path docs) throws Exception {
        List<String> all = read(docs);
        long bytes = all.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        List<List<Incoming>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += batch) {
            batches.add(all.subList(i, Math.min(all.size(), i + batch)).stream().map(x -> new Incoming(x, "lviv"))
                    .toList());
        }
        all = null;
        Path centerDb = dir.resolve("ucc");
        RegistrationBench.deleteTree(centerDb);
        JdbcAppealStore centerStore = new JdbcAppealStore(db(centerDb));
        ExchangeGatewayImpl center = new ExchangeGatewayImpl(centerStore, UCC,
                new AppealServiceImpl(centerStore, UCC));
        int warmBatches = warmupDocs / batch;
        System.out.printf(Locale.ROOT, "%,d documents (%.0f bytes each on average), batches of %d; warm-up %,d, "
                + "timed %,d on %d thread(s)%n", warmupDocs + count, (double) bytes / (warmupDocs + count), batch,
                warmupDocs, count, threads);
        long w0 = System.nanoTime();
        for (int b = 0; b < warmBatches; b++) {
            check(center.receiveAll(batches.get(b)));
        }
        double warmSeconds = (System.nanoTime() - w0) / 1e9;
        System.out.printf(Locale.ROOT, "warm-up (cold JVM, first %,d): %.1f s, %,.0f appeals/s%n", warmupDocs,
                warmSeconds, warmupDocs / warmSeconds);

        Recording recording = null;
        if (jfr) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setDestination(dir.resolve("apply.jfr"));
            recording.start();
        }
        AtomicInteger next = new AtomicInteger(warmBatches);
        List<List<Incoming>> timed = batches;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int b = next.getAndIncrement(); b < timed.size(); b = next.getAndIncrement()) {
                        check(center.receiveAll(timed.get(b)));
                        if ((b + 1 - warmBatches) % (20_000 / batch) == 0) {
                            double s = (System.nanoTime() - t0) / 1e9;
                            System.out.printf(Locale.ROOT, "  %,7d applied, %5.1f s, %,.0f/s so far%n",
                                    (b + 1 - warmBatches) * batch, s, (b + 1 - warmBatches) * batch / s);
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "receiver-" + t);
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            th.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("A receiver failed", failure[0]);
        }
        int timedDocs = (batches.size() - warmBatches) * batch;
        timedDocs = Math.min(timedDocs, count);
        long held;
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + centerDb);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM appeal")) {
            rs.next();
            held = rs.getLong(1);
        }
        if (held != warmupDocs + count) {
            throw new IllegalStateException("The center holds " + held + " appeals, not " + (warmupDocs + count));
        }
        System.out.printf(Locale.ROOT, "RESULT: %,d appeals applied at the center in %.2f s: %,.0f appeals/s "
                + "(warm, %d thread(s), batches of %d); CPU of the process %.1f s = %.0f µs per appeal "
                + "(%.2f cores busy); machine load average %.1f; the center holds %,d%n", timedDocs, seconds,
                timedDocs / seconds, threads, batch, cpuSeconds, cpuSeconds * 1e6 / timedDocs, cpuSeconds / seconds,
                os.getSystemLoadAverage(), held);
        if (recording != null) {
            System.out.println("JFR: " + dir.resolve("apply.jfr") + " (bench/jfr-top.py " + dir.resolve("apply.jfr")
                    + ")");
        }
        shutdown(centerDb);
    }

    private static void check(List<Received> results) {
        for (Received r : results) {
            if (r.rejected() != null) {
                throw new IllegalStateException("Rejected: " + r.rejected().getMessage(), r.rejected());
            }
            if (r.outcome() != ua.gov.nsoz.sync.ExchangeGateway.Outcome.APPLIED) {
                throw new IllegalStateException("Not applied: " + r.outcome());
            }
        }
    }
}
