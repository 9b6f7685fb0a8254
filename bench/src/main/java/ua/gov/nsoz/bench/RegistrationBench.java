package ua.gov.nsoz.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.apache.derby.jdbc.EmbeddedDataSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;

/**
 * Durable appeal registrations per second: one node of the real distribution over REST, against
 * embedded Derby committing the same rows through plain JDBC (the store's own {@link JdbcAppealStore}
 * and Liquibase changelog), in the same run, on the same machine. Also the node's cold start and
 * idle RSS. See {@code docs/benchmarks.md}.
 *
 * <p>System properties (all optional): {@code bench.root} (repository root, default the working
 * directory); {@code bench.tarball} (the distribution); {@code bench.seconds} (measured seconds per
 * step, 20); {@code bench.warmup} (5); {@code bench.firstWarmup} (warm-up of each side's first step,
 * 90: under load the node's C2 compiler stays busy for 60-90 s after boot); {@code bench.concurrency}
 * ("8,16,32"); {@code bench.settle} (idle seconds before RSS, 10); {@code bench.center} (a center node
 * id: the node then queues every event for it in the outbox, as a regional node does, and raw Derby
 * writes the same outbox row; default none, the distribution's default configuration);
 * {@code bench.profile} (true: the node runs with a flight recording and the last seconds of its last
 * REST step are saved to bench/target/node-profile.jfr; a separate run, its numbers are perturbed);
 * {@code bench.keepNode} (leave bench/target/node for inspection); {@code bench.campaign} (issue #12: that many
 * appeals of one identical text from distinct applicants, registered over the last 29 days, are stored into the
 * node's own database before it starts; then the node alone is measured, varied texts against the campaign's text
 * from new applicants, in alternation, and raw Derby is not run; default 0, the bench above); {@code bench.rounds}
 * (campaign mode: rounds of the two workloads per concurrency, in the order varied, campaign, campaign, varied, ...;
 * default 2).
 */
public final class RegistrationBench {

    static final int HTTP_PORT = 28181;
    static final int SSH_PORT = 28101;
    static final int RMI_REGISTRY_PORT = 28099;
    static final int RMI_SERVER_PORT = 28444;
    /** The node's embedded Artemis acceptor (system property nsoz.broker.port, default 61616). */
    static final int BROKER_PORT = 28616;
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private final Path root;
    private final Path benchDir;
    private final Path target;
    private final Path nodeDir;
    private final Path tarball;
    private final int seconds;
    private final int warmup;
    private final int firstWarmup;
    private final int settle;
    private final int[] concurrencies;
    private final boolean profile;
    private final String center;
    /** bench.campaign: appeals of one text preloaded into the node's store; 0: the default bench. */
    private final int campaign;
    /** bench.rounds: campaign mode's rounds of the two workloads per concurrency. */
    private final int rounds;
    private final String api = "http://127.0.0.1:" + HTTP_PORT + "/api/v1";
    /** The bench's user of the node's realm (plain HTTP: the bare distribution, not a node-configs node). */
    static final String BENCH_USER = "bench";
    static final String BENCH_PASSWORD = "bench-Secret-1";
    static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString((BENCH_USER + ":" + BENCH_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private volatile long nodePid = -1;
    private volatile boolean nodeRunning;
    private final List<String> notes = new ArrayList<>();
    private double idleCpuPct;
    /** Held so that the level sticks: Liquibase logs every changeset at INFO through java.util.logging. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    private RegistrationBench() {
        root = Paths.get(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        benchDir = root.resolve("bench");
        target = benchDir.resolve("target");
        nodeDir = target.resolve("node");
        tarball = Paths.get(System.getProperty("bench.tarball",
                root.resolve("karaf-assembly/target/nsoz-karaf-assembly-0.1.0-SNAPSHOT.tar.gz").toString()));
        seconds = Integer.getInteger("bench.seconds", 20);
        warmup = Integer.getInteger("bench.warmup", 5);
        firstWarmup = Math.max(warmup, Integer.getInteger("bench.firstWarmup", 90));
        settle = Integer.getInteger("bench.settle", 10);
        concurrencies = Stream.of(System.getProperty("bench.concurrency", "8,16,32").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        profile = Boolean.getBoolean("bench.profile");
        center = System.getProperty("bench.center", "").trim();
        campaign = Integer.getInteger("bench.campaign", 0);
        rounds = Math.max(1, Integer.getInteger("bench.rounds", 2));
    }

    public static void main(String[] args) throws Exception {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        if (args.length > 0 && args[0].equals("--sample")) {
            byte[] b = Synthetic.requestJson(123);
            System.out.println(new String(b, StandardCharsets.UTF_8) + "\n(" + b.length + " bytes)");
            return;
        }
        new RegistrationBench().run();
    }

    // ------------------------------------------------------------------------------------------
    // The run
    // ------------------------------------------------------------------------------------------

    private void run() throws Exception {
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        log("Load average before: " + loadBefore + " (nproc " + Runtime.getRuntime().availableProcessors() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopNodeQuietly, "stop-node"));

        List<Step> steps = new ArrayList<>();
        campaignSteps.clear();
        long coldStartMs;
        long rssKb;
        long hwmKb;
        RawDerby raw = null;
        try {
            unpack();
            configure();
            if (campaign > 0) {
                preloadCampaign();
            }
            coldStartMs = start();
            log("Cold start: " + coldStartMs + " ms (pid " + nodePid + ")");
            log("Idle settle " + settle + " s ...");
            long idleCpu0 = procCpuNs(nodePid);
            long idleWall0 = System.nanoTime();
            Thread.sleep(settle * 1000L);
            idleCpuPct = 100.0 * (procCpuNs(nodePid) - idleCpu0) / (System.nanoTime() - idleWall0);
            rssKb = procStatusKb(nodePid, "VmRSS");
            hwmKb = procStatusKb(nodePid, "VmHWM");
            log("Idle RSS: " + rssKb / 1024 + " MB (peak so far " + hwmKb / 1024 + " MB); idle CPU "
                    + String.format(Locale.ROOT, "%.1f", idleCpuPct) + " % of one core");

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            if (campaign > 0) {
                campaignSteps.addAll(runCampaign(client));
                verifyNodeCount(client, steps);
                verifyClassification(client);
            } else {
                raw = new RawDerby(target.resolve("raw"));
                boolean first = true;
                for (int c : concurrencies) {
                    int warm = first ? firstWarmup : warmup;
                    first = false;
                    // Node and raw Derby alternate per concurrency, so that a change in the machine's
                    // background load during the run touches both sides alike.
                    Result rest = restStep(client, c, warm, profile && c == concurrencies[concurrencies.length - 1]);
                    log(rest.describe("node REST"));
                    Result db = raw.step(c, warm);
                    log(db.describe("raw Derby"));
                    steps.add(new Step(c, rest, db));
                }
                verifyNodeCount(client, steps);
                raw.verifyCount();
            }
        } finally {
            stopNodeQuietly();
            if (raw != null) {
                raw.close();
            }
        }
        String loadAfter = loadAverage();
        log("Load average after: " + loadAfter);
        String report = campaign > 0
                ? campaignReport(started, loadBefore, loadAfter, coldStartMs, rssKb, hwmKb)
                : report(started, loadBefore, loadAfter, coldStartMs, rssKb, hwmKb, steps);
        Path results = benchDir.resolve("results");
        Files.createDirectories(results);
        Path file = results.resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
                .withZone(ZoneOffset.UTC).format(started) + ".md");
        Files.writeString(file, report);
        System.out.println();
        System.out.println(report);
        log("Written to " + root.relativize(file));
        if (!Boolean.getBoolean("bench.keepNode")) {
            deleteTree(nodeDir);
        }
        System.exit(0);
    }

    private static void log(String s) {
        System.out.println("[bench " + DateTimeFormatter.ISO_LOCAL_TIME.format(java.time.LocalTime.now()
                .truncatedTo(ChronoUnit.SECONDS)) + "] " + s);
    }

    // ------------------------------------------------------------------------------------------
    // The node: unpack, configure, start, measure, stop
    // ------------------------------------------------------------------------------------------

    private void unpack() throws Exception {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("No distribution at " + tarball + ": build it first (bench/run.sh does)");
        }
        if (portInUse(HTTP_PORT)) {
            throw new IllegalStateException("Port " + HTTP_PORT + " is in use: is an earlier bench node still running?");
        }
        // The tarball may be rebuilt under us by someone else's build: retry a failed unpack.
        for (int attempt = 1;; attempt++) {
            deleteTree(nodeDir);
            Files.createDirectories(nodeDir);
            int rc = exec(List.of("tar", "-xzf", tarball.toString(), "--strip-components=1", "-C", nodeDir.toString()),
                    null);
            if (rc == 0 && Files.isExecutable(nodeDir.resolve("bin/start"))) {
                break;
            }
            if (attempt == 3) {
                throw new IllegalStateException("Cannot unpack " + tarball + " (tar exit " + rc + ")");
            }
            log("Unpack failed (tar exit " + rc + "); the tarball may be being rebuilt; retrying in 15 s");
            Thread.sleep(15_000);
        }
        log("Unpacked " + root.relativize(tarball) + " (" + Files.size(tarball) / (1024 * 1024) + " MB) into "
                + root.relativize(nodeDir));
    }

    private void configure() throws IOException {
        Path etc = nodeDir.resolve("etc");
        setProperty(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(HTTP_PORT));
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(SSH_PORT));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort",
                String.valueOf(RMI_REGISTRY_PORT));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(RMI_SERVER_PORT));
        // Every call needs a user of the realm (docs/security.md): the bench's own, an operator who also reads all.
        setProperty(etc.resolve("users.properties"), BENCH_USER, BENCH_PASSWORD + ",nsoz-operator,nsoz-analyst");
        // Keep off the default broker port, which other nodes and tests on this machine use.
        setProperty(etc.resolve("custom.system.properties"), "nsoz.broker.port", String.valueOf(BROKER_PORT));
    }

    /** Replaces {@code key = value} in a .cfg file, or appends it (creating the file if needed). */
    static void setProperty(Path file, String key, String value) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1))
                : new ArrayList<>();
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
    }

    private long start() throws Exception {
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(api + "/node")).timeout(Duration.ofSeconds(2)).GET().build();
        long t0 = System.nanoTime();
        nodeRunning = true;
        java.util.Map<String, String> env = new java.util.HashMap<>();
        if (!center.isEmpty()) {
            env.put("NSOZ_CENTER", center);
        }
        if (profile) {
            String extra = System.getenv("EXTRA_JAVA_OPTS");
            env.put("EXTRA_JAVA_OPTS", (extra == null ? "" : extra + " ")
                    + "-XX:StartFlightRecording=name=bench,settings=profile,disk=true,maxage=15m");
        }
        int rc = exec(List.of(nodeDir.resolve("bin/start").toString()), target.resolve("node-start.log"), env);
        if (rc != 0) {
            throw new IllegalStateException("bin/start exited with " + rc + "; see bench/target/node-start.log");
        }
        long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            if (nodePid < 0) {
                nodePid = findPid();
            }
            try {
                HttpResponse<Void> r = probe.send(get, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    for (int i = 0; nodePid < 0 && i < 50; i++) {
                        Thread.sleep(100);
                        nodePid = findPid();
                    }
                    if (nodePid < 0) {
                        throw new IllegalStateException("The node answers but its java process was not found");
                    }
                    return ms;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The node did not answer GET /api/v1/node within 180 s; see "
                        + root.relativize(nodeDir.resolve("data/log/karaf.log")));
            }
            Thread.sleep(100);
        }
    }

    /** The Karaf JVM: its pid file, else the java process whose command line names this instance. */
    private long findPid() {
        for (Path f : List.of(nodeDir.resolve("karaf.pid"), nodeDir.resolve("data/karaf.pid"))) {
            try {
                if (Files.isRegularFile(f)) {
                    String s = Files.readString(f).trim();
                    if (!s.isEmpty()) {
                        long pid = Long.parseLong(s);
                        if (Files.exists(Paths.get("/proc/" + pid))) {
                            return pid;
                        }
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not yet written
            }
        }
        try {
            Process p = new ProcessBuilder("pgrep", "-f", nodeDir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\\s+")) {
                if (line.isBlank()) {
                    continue;
                }
                long pid = Long.parseLong(line.trim());
                Path comm = Paths.get("/proc/" + pid + "/comm");
                if (Files.exists(comm) && Files.readString(comm).trim().equals("java")) {
                    return pid;
                }
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            // fall through
        }
        return -1;
    }

    private synchronized void stopNodeQuietly() {
        if (!nodeRunning) {
            return;
        }
        try {
            log("Stopping the node ...");
            long t0 = System.nanoTime();
            exec(List.of(nodeDir.resolve("bin/stop").toString()), target.resolve("node-stop.log"));
            long pid = nodePid >= 0 ? nodePid : findPid();
            if (pid >= 0) {
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isPresent() && !waitExit(h.get(), 60)) {
                    log("Node did not stop in 60 s: SIGTERM to " + pid);
                    h.get().destroy();
                    if (!waitExit(h.get(), 20)) {
                        log("SIGKILL to " + pid);
                        h.get().destroyForcibly();
                        waitExit(h.get(), 10);
                    }
                }
            }
            log("Node stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        } catch (Exception e) {
            log("Stopping the node failed: " + e);
            if (nodePid >= 0) {
                ProcessHandle.of(nodePid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            nodeRunning = false;
        }
    }

    private static boolean waitExit(ProcessHandle h, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (h.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // REST load
    // ------------------------------------------------------------------------------------------

    private final AtomicLong restSerial = new AtomicLong();
    /** The campaign's next participant over REST: after the preloaded ones. */
    private final AtomicLong campaignSerial = new AtomicLong();
    private long rest201Total;
    /** Campaign mode: the classification of every 201 answer of the campaign's steps (warm-up included). */
    private final AtomicLong campaignMass = new AtomicLong();
    private final AtomicLong campaignNotMass = new AtomicLong();
    private final ConcurrentLinkedQueue<String> campaignNotMassSamples = new ConcurrentLinkedQueue<>();
    /** The id of one appeal registered by each workload over REST, read back after the run. */
    private volatile String campaignAppealId;
    private volatile String variedAppealId;

    /** What the REST clients send. */
    enum Workload {
        /** A distinct text from a distinct applicant each time: the default load. */
        VARIED("varied"),
        /** The campaign's one text, each time from a new applicant (bench.campaign). */
        CAMPAIGN("campaign");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLASSIFICATION = Pattern.compile("\"classification\"\\s*:\\s*\"([A-Z_]+)\"");

    private Result restStep(HttpClient client, int threads, int warm, boolean jfr) throws Exception {
        return restStep(client, threads, warm, jfr, Workload.VARIED);
    }

    private Result restStep(HttpClient client, int threads, int warm, boolean jfr, Workload workload) throws Exception {
        Phase phase = new Phase(threads, warm, seconds);
        URI appealsUri = URI.create(api + "/appeals");
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        AtomicLong all201 = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker w = phase.worker(t);
            Thread th = new Thread(() -> {
                phase.awaitStart();
                while (true) {
                    byte[] body = workload == Workload.CAMPAIGN
                            ? Synthetic.campaignRequestJson(campaignSerial.incrementAndGet())
                            : Synthetic.requestJson(restSerial.incrementAndGet());
                    HttpRequest req = HttpRequest.newBuilder(appealsUri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .header("Accept", "application/json").header("Authorization", AUTHORIZATION)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    long s = System.nanoTime();
                    if (s >= phase.end) {
                        break;
                    }
                    boolean ok;
                    try {
                        HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        ok = r.statusCode() == 201;
                        if (ok) {
                            all201.incrementAndGet();
                            if (campaign > 0) {
                                checkAnswer(workload, r.body());
                            }
                        } else {
                            sample(errorSamples, r.statusCode() + " "
                                    + new String(r.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " "));
                        }
                    } catch (IOException | RuntimeException e) {
                        ok = false;
                        sample(errorSamples, e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                    w.record(s, System.nanoTime(), ok);
                }
            }, "rest-" + workload.label + "-" + threads + "-" + t);
            workers.add(th);
            th.start();
        }
        CpuSample[] measured = phase.run(nodePid, () -> { });
        if (jfr) {
            dumpJfr(seconds);
        }
        for (Thread th : workers) {
            th.join();
        }
        rest201Total += all201.get();
        Result r = phase.result(measured[0], measured[1]);
        r.errorSamples.addAll(errorSamples);
        return r;
    }

    /**
     * Campaign mode: counts the classification a campaign registration got (it must be MASS) and keeps the id of one
     * appeal of each workload to read back after the run. A regex over the answer: cheap next to the request.
     */
    private void checkAnswer(Workload workload, byte[] answer) {
        if (workload == Workload.VARIED && variedAppealId != null) {
            return;
        }
        String s = new String(answer, StandardCharsets.UTF_8);
        if (workload == Workload.CAMPAIGN) {
            Matcher c = CLASSIFICATION.matcher(s);
            String cls = c.find() ? c.group(1) : "none";
            if (cls.equals("MASS")) {
                campaignMass.incrementAndGet();
            } else {
                campaignNotMass.incrementAndGet();
                sample(campaignNotMassSamples, cls);
            }
            if (campaignAppealId == null) {
                Matcher m = ID.matcher(s);
                if (m.find()) {
                    campaignAppealId = m.group(1);
                }
            }
        } else if (variedAppealId == null) {
            Matcher m = ID.matcher(s);
            if (m.find()) {
                variedAppealId = m.group(1);
            }
        }
    }

    /**
     * Saves the last seconds of the node's flight recording. The recording runs from the node's start
     * (bench.profile adds -XX:StartFlightRecording to EXTRA_JAVA_OPTS): starting JFR on a warm node
     * retransforms JDK I/O classes and throws away compiled code, and the node then crawls for a minute.
     */
    private void dumpJfr(int lastSeconds) {
        Path jfr = target.resolve("node-profile.jfr");
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            int rc = exec(List.of(jcmd.toString(), String.valueOf(nodePid), "JFR.dump", "name=bench",
                    "maxage=" + lastSeconds + "s", "filename=" + jfr), target.resolve("jfr.log"));
            log("JFR of the node's last " + lastSeconds + " s dumped (rc " + rc + ") -> " + root.relativize(jfr));
            notes.add("Profiling run: the node ran with a flight recording from its start (" + root.relativize(jfr)
                    + "; summarise with bench/jfr-breakdown.py); its numbers are not the reference ones.");
        } catch (Exception e) {
            log("JFR dump failed: " + e);
        }
    }

    private void verifyNodeCount(HttpClient client, List<Step> steps) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(api + "/appeals?limit=1"))
                .header("Authorization", AUTHORIZATION).GET().build();
        HttpResponse<String> r = client.send(get, HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (r.statusCode() == 200 && m.find()) {
            long total = Long.parseLong(m.group(1));
            long expected = rest201Total + preloaded;
            String line = "Node store holds " + total + " appeals; the bench got " + rest201Total
                    + " answers 201 (warm-up included)" + (preloaded > 0 ? " and preloaded " + preloaded : "")
                    + (total == expected ? ": they match." : ": MISMATCH.");
            log(line);
            notes.add(line);
        } else {
            notes.add("Could not count the node's appeals: HTTP " + r.statusCode());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Campaign mode (bench.campaign, issue #12): a campaign of one text already in the node's store,
    // then varied texts and the campaign's text from new applicants, in alternation, over REST
    // ------------------------------------------------------------------------------------------

    /** The distribution's node id and registration code (etc/ua.gov.nsoz.node.cfg: nodeId local, code LOC). */
    static final String NODE_ID = "local";
    static final String NODE_CODE = "LOC";
    /** The same text from this many applicants within 30 days is a mass appeal (core's Relations.MASS_APPLICANTS). */
    static final int MASS_APPLICANTS = 5;
    /** The preload commits every this many appeals (one log flush each), not every appeal: minutes become seconds. */
    static final int PRELOAD_BATCH = 1000;

    private long preloaded;
    private final List<CampaignStep> campaignSteps = new ArrayList<>();

    record CampaignStep(int threads, int round, Workload workload, Result result) {
    }

    /**
     * Stores {@code bench.campaign} appeals of {@link Synthetic#CAMPAIGN_TEXT}, participant 1, 2, 3, ... (each a
     * distinct applicant), registered evenly over the 29 days before now, into the node's own database (the
     * distribution's DataSource: {@code jdbc:derby:${karaf.data}/nsoz/derby}, etc/org.ops4j.datasource-nsoz.cfg)
     * before the node starts: the schema from the store's changelog (the node's own store jar, so its Liquibase finds
     * every changeset applied), each appeal through {@link JdbcAppealStore#register} (the node's numbering, LOC-year-n,
     * and its event), the first four PRIMARY and the rest MASS, as the node classifies them. No due date (the deadline
     * watch leaves them alone) and no outbox rows. The database is shut down before the node boots it.
     */
    private void preloadCampaign() throws Exception {
        Path db = nodeDir.resolve("data").resolve("nsoz").resolve("derby");
        if (Files.exists(db)) {
            throw new IllegalStateException("The node already has a database at " + db);
        }
        Files.createDirectories(db.getParent());
        System.setProperty("derby.stream.error.file", target.resolve("campaign-derby.log").toString());
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(db.toString());
        ds.setCreateDatabase("create");
        long t0 = System.nanoTime();
        migrateSchema(ds);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long spanMs = Duration.ofDays(29).toMillis();
        Instant from = now.minusMillis(spanMs);
        Processing mass = Processing.NONE.toBuilder().classification(Classification.MASS).build();
        try (Connection real = ds.getConnection()) {
            real.setAutoCommit(false);
            int[] pending = {0};
            // The store's transactions on one connection; its commit is the batch's, every PRELOAD_BATCH appeals (a
            // rollback undoes the batch and the store throws: the preload fails, and the count below checks it).
            InvocationHandler ch = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "close":
                        return null;
                    case "commit":
                        if (++pending[0] >= PRELOAD_BATCH) {
                            real.commit();
                            pending[0] = 0;
                        }
                        return null;
                    default:
                        break;
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            Connection batched = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, ch);
            DataSource one = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            return batched;
                        }
                        try {
                            return method.invoke(ds, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            JdbcAppealStore store = new JdbcAppealStore(one);
            for (long i = 1; i <= campaign; i++) {
                long n = i;
                Instant at = from.plusMillis(spanMs * (n - 1) / campaign);
                int year = at.atZone(KYIV).getYear();
                String id = Synthetic.newId();
                String eventId = Synthetic.newId();
                Processing processing = n >= MASS_APPLICANTS ? mass : Processing.NONE;
                store.register(year, sequence -> {
                    Appeal appeal = new Appeal(id, String.format("%s-%d-%06d", NODE_CODE, year, sequence), NODE_ID,
                            null, Synthetic.kind(n), Channel.WEB, Synthetic.campaignApplicant(n),
                            Synthetic.CAMPAIGN_TEXT, Synthetic.TOPIC, Synthetic.ADDRESSEE, false, null, false, null,
                            List.of(), Set.of(), AppealStatus.REGISTERED, 1, at, at, at, processing);
                    try {
                        return new AppealStore.Registration(appeal, new AppealEvent(eventId, id, 1, "REGISTERED", at,
                                NODE_ID, BENCH_USER, json.writeValueAsString(appeal)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, List.of());
                if (n % 20_000 == 0) {
                    log("Campaign preload: " + n + " of " + campaign + " appeals stored");
                }
            }
            real.commit();
            try (Statement st = real.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(registered_at), MAX(registered_at) FROM appeal")) {
                rs.next();
                preloaded = rs.getLong(1);
                log("Campaign preload: the node's database holds " + preloaded + " appeals of one text, registered "
                        + Instant.ofEpochMilli(rs.getLong(2)) + " .. " + Instant.ofEpochMilli(rs.getLong(3)));
            }
            real.commit();
        } finally {
            try {
                EmbeddedDataSource shutdown = new EmbeddedDataSource();
                shutdown.setDatabaseName(db.toString());
                shutdown.setShutdownDatabase("shutdown");
                shutdown.getConnection().close();
            } catch (SQLException e) {
                // 08006: the expected answer to a database shutdown
            }
        }
        if (preloaded != campaign) {
            throw new IllegalStateException("Campaign preload stored " + preloaded + " appeals, not " + campaign);
        }
        campaignSerial.set(campaign);
        String line = "Campaign preload: " + campaign + " appeals of one text from " + campaign
                + " distinct applicants, registered over the 29 days before the run, stored into the node's database"
                + " (bench/target/node/data/nsoz/derby) through JdbcAppealStore.register with the store's changelog in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) + " s, before the node started";
        log(line);
        notes.add(line);
    }

    /**
     * Per concurrency, {@code rounds} rounds of the two workloads on the running node, in the order varied, campaign,
     * campaign, varied, ... (a drift of the machine's load over the run falls on both alike). The first step of each
     * workload warms up {@code firstWarmup} seconds.
     */
    private List<CampaignStep> runCampaign(HttpClient client) throws Exception {
        List<CampaignStep> out = new ArrayList<>();
        Set<Workload> warmed = java.util.EnumSet.noneOf(Workload.class);
        for (int c : concurrencies) {
            for (int round = 1; round <= rounds; round++) {
                List<Workload> order = round % 2 == 1 ? List.of(Workload.VARIED, Workload.CAMPAIGN)
                        : List.of(Workload.CAMPAIGN, Workload.VARIED);
                for (Workload w : order) {
                    int warm = warmed.add(w) ? firstWarmup : warmup;
                    long before = campaignSerial.get();
                    Result r = restStep(client, c, warm, false, w);
                    log(r.describe(w.label) + (w == Workload.CAMPAIGN
                            ? "  campaign now " + (campaignSerial.get()) + " sent (" + before + " before the step)" : ""));
                    out.add(new CampaignStep(c, round, w, r));
                }
            }
        }
        return out;
    }

    /**
     * Reads one appeal of each workload back over REST: the campaign's must be MASS, the varied one PRIMARY; and
     * reports how the node classified every campaign registration it answered.
     */
    private void verifyClassification(HttpClient client) throws Exception {
        long mass = campaignMass.get();
        long other = campaignNotMass.get();
        String counted = "Campaign registrations over REST: " + (mass + other) + " answers 201 (warm-up included), "
                + mass + " classified MASS" + (other == 0 ? "" : ", " + other + " NOT MASS: " + campaignNotMassSamples);
        log(counted);
        notes.add(counted);
        for (String[] probe : new String[][] {{campaignAppealId, "MASS", "campaign"}, {variedAppealId, "PRIMARY", "varied"}}) {
            if (probe[0] == null) {
                notes.add("No " + probe[2] + " appeal to read back");
                continue;
            }
            HttpRequest get = HttpRequest.newBuilder(URI.create(api + "/appeals/" + probe[0]))
                    .header("Authorization", AUTHORIZATION).header("Accept", "application/json").GET().build();
            HttpResponse<String> r = client.send(get, HttpResponse.BodyHandlers.ofString());
            Matcher m = CLASSIFICATION.matcher(r.body());
            String got = r.statusCode() == 200 && m.find() ? m.group(1) : "HTTP " + r.statusCode();
            Matcher num = Pattern.compile("\"registrationNumber\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            String line = "Read back one " + probe[2] + " appeal (GET /api/v1/appeals/" + probe[0] + ", "
                    + (num.find() ? num.group(1) : "?") + "): classification " + got
                    + (got.equals(probe[1]) ? ", as expected." : ", expected " + probe[1] + ": WRONG.");
            log(line);
            notes.add(line);
        }
    }

    /** Schema from the store's changelog, by reflection (the node's own store jar may predate a public Migrations). */
    static void migrateSchema(DataSource dataSource) throws Exception {
        java.lang.reflect.Method m = Migrations.class.getDeclaredMethod("migrate", DataSource.class);
        m.setAccessible(true);
        try {
            m.invoke(null, dataSource);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Raw embedded Derby: the same store code, a reused connection per thread, one commit per appeal
    // ------------------------------------------------------------------------------------------

    private final class RawDerby implements AutoCloseable {
        private final EmbeddedDataSource ds;
        private final JdbcAppealStore store;
        private final ThreadLocal<Connection> perThread = new ThreadLocal<>();
        private final List<Connection> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        private final AtomicLong serial = new AtomicLong(1_000_000_000L);
        private long committed;

        RawDerby(Path dir) throws Exception {
            deleteTree(dir);
            Files.createDirectories(dir);
            System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
            ds = new EmbeddedDataSource();
            ds.setDatabaseName(dir.resolve("derby").toString());
            ds.setCreateDatabase("create");
            long t0 = System.nanoTime();
            migrate(ds);
            log("Raw Derby at " + root.relativize(dir) + ": schema migrated in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            store = new JdbcAppealStore(threadConnections());
        }

        /**
         * Migrations.migrate by reflection: the store jar on the classpath is the node's own (taken from
         * the distribution by run.sh), which may predate the class being public.
         */
        private void migrate(DataSource dataSource) throws Exception {
            migrateSchema(dataSource);
        }

        /** A DataSource whose every getConnection() on a thread is that thread's one connection. */
        private DataSource threadConnections() {
            InvocationHandler dsHandler = (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                    return borrowed();
                }
                try {
                    return method.invoke(ds, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    dsHandler);
        }

        private Connection borrowed() throws SQLException {
            Connection c = perThread.get();
            if (c == null) {
                c = ds.getConnection();
                perThread.set(c);
                opened.add(c);
            }
            Connection real = c;
            InvocationHandler h = (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                    return null; // back to the "pool": the thread keeps it
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    h);
        }

        Result step(int threads, int warm) throws Exception {
            Phase phase = new Phase(threads, warm, seconds);
            ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
            AtomicLong ok = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Worker w = phase.worker(t);
                Thread th = new Thread(() -> {
                    phase.awaitStart();
                    while (true) {
                        long s = System.nanoTime();
                        if (s >= phase.end) {
                            break;
                        }
                        boolean done;
                        try {
                            registerOne(serial.incrementAndGet());
                            ok.incrementAndGet();
                            done = true;
                        } catch (RuntimeException | LinkageError e) {
                            // LinkageError: the store jar does not match the API this bench was built with.
                            done = false;
                            sample(errorSamples, e + (e.getCause() == null ? "" : " / " + e.getCause()));
                        }
                        w.record(s, System.nanoTime(), done);
                    }
                }, "raw-" + threads + "-" + t);
                workers.add(th);
                th.start();
            }
            CpuSample[] measured = phase.run(-1, () -> { });
            for (Thread th : workers) {
                th.join();
            }
            committed += ok.get();
            Result r = phase.result(measured[0], measured[1]);
            r.errorSamples.addAll(errorSamples);
            return r;
        }

        /**
         * What AppealServiceImpl.register does after validation: the number taken, the appeal and its event (the
         * appeal as JSON) built from it and stored, in one transaction ({@code AppealStore.register}).
         */
        private void registerOne(long n) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            int year = now.atZone(KYIV).getYear();
            String id = Synthetic.newId();
            String eventId = Synthetic.newId();
            store.register(year, sequence -> {
                String number = String.format("%s-%d-%06d", "BEN", year, sequence);
                Appeal appeal = new Appeal(id, number, "bench", "80", Synthetic.kind(n), Channel.WEB,
                        Synthetic.applicant(n), Synthetic.text(n), Synthetic.TOPIC, Synthetic.ADDRESSEE, false, null,
                        false, null, List.of(), Set.of(), AppealStatus.REGISTERED, 1, now, now, now);
                String payload;
                try {
                    payload = json.writeValueAsString(appeal);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return new AppealStore.Registration(appeal,
                        new AppealEvent(eventId, id, 1, "REGISTERED", now, "bench", "rest", payload));
            }, center.isEmpty() ? List.of() : List.of(center));
        }

        void verifyCount() throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM appeal")) {
                rs.next();
                long total = rs.getLong(1);
                String line = "Raw Derby holds " + total + " appeals; " + committed + " inserts returned (warm-up included)"
                        + (total == committed ? ": they match." : ": MISMATCH.");
                log(line);
                notes.add(line);
            }
        }

        @Override
        public void close() {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // ignore
                }
            }
            try {
                EmbeddedDataSource shutdown = new EmbeddedDataSource();
                shutdown.setDatabaseName(ds.getDatabaseName());
                shutdown.setShutdownDatabase("shutdown");
                shutdown.getConnection().close();
            } catch (SQLException e) {
                // 08006: the expected answer to a database shutdown
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // A closed-loop phase: warm-up, then a measured window; histograms per thread, merged
    // ------------------------------------------------------------------------------------------

    private static final class Worker {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long ok;
        long errors;
        long errorsInWarmup;
        final Phase phase;

        Worker(Phase phase) {
            this.phase = phase;
        }

        void record(long startNs, long endNs, boolean success) {
            // Count what completes inside the measured window and started in it.
            if (startNs >= phase.measureStart && endNs <= phase.end) {
                if (success) {
                    ok++;
                    latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(endNs - startNs)));
                } else {
                    errors++;
                }
            } else if (!success && startNs < phase.measureStart) {
                errorsInWarmup++;
            }
        }
    }

    private static final class Phase {
        final int threads;
        final int warmupSeconds;
        final int seconds;
        final CountDownLatch go = new CountDownLatch(1);
        final List<Worker> workers = new ArrayList<>();
        volatile long measureStart = Long.MAX_VALUE;
        volatile long end = Long.MAX_VALUE;

        Phase(int threads, int warmupSeconds, int seconds) {
            this.threads = threads;
            this.warmupSeconds = warmupSeconds;
            this.seconds = seconds;
        }

        synchronized Worker worker(int i) {
            Worker w = new Worker(this);
            workers.add(w);
            return w;
        }

        void awaitStart() {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Runs warm-up and measurement; returns the CPU samples at the start and end of measurement. */
        CpuSample[] run(long pid, Runnable atMeasureStart) throws InterruptedException {
            long now = System.nanoTime();
            measureStart = now + TimeUnit.SECONDS.toNanos(warmupSeconds);
            end = measureStart + TimeUnit.SECONDS.toNanos(seconds);
            go.countDown();
            sleepUntil(measureStart);
            CpuSample a = new CpuSample(pid);
            atMeasureStart.run();
            sleepUntil(end);
            CpuSample b = new CpuSample(pid);
            return new CpuSample[] {a, b};
        }

        Result result(CpuSample a, CpuSample b) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long ok = 0;
            long errors = 0;
            long warmupErrors = 0;
            for (Worker w : workers) {
                h.add(w.latency);
                ok += w.ok;
                errors += w.errors;
                warmupErrors += w.errorsInWarmup;
            }
            Result r = new Result(threads, seconds, ok, errors, h, a, b);
            r.warmupErrors = warmupErrors;
            return r;
        }

        private static void sleepUntil(long t) throws InterruptedException {
            long d;
            while ((d = t - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(d, 200_000_000L));
            }
        }
    }

    /** CPU time of the node, of this JVM and of the whole machine, at one instant. */
    private static final class CpuSample {
        final long wallNs = System.nanoTime();
        final long nodeCpuNs;
        final long selfCpuNs;
        final long machineBusyTicks;
        final long machineTotalTicks;
        final double load1;

        CpuSample(long pid) {
            nodeCpuNs = pid > 0 ? procCpuNs(pid) : 0;
            selfCpuNs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long[] m = machineTicks();
            machineBusyTicks = m[0];
            machineTotalTicks = m[1];
            double l;
            try {
                l = Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).split("\\s+")[0]);
            } catch (IOException | RuntimeException e) {
                l = -1;
            }
            load1 = l;
        }
    }

    static final long CLK_TCK = 100; // USER_HZ on Linux

    static long procCpuNs(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            // after the command: state(0) ... utime is field 14 overall -> index 11 here, stime index 12
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLK_TCK);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Paths.get("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    static final class Result {
        final int threads;
        final int seconds;
        final long ok;
        final long errors;
        final Histogram h;
        final double elapsedS;
        final double nodeCpuS;
        final double selfCpuS;
        final double machineBusyPct;
        final double otherCores;
        final double load1;
        final List<String> errorSamples = new ArrayList<>();
        long warmupErrors;

        Result(int threads, int seconds, long ok, long errors, Histogram h, CpuSample a, CpuSample b) {
            this.threads = threads;
            this.seconds = seconds;
            this.ok = ok;
            this.errors = errors;
            this.h = h;
            elapsedS = (b.wallNs - a.wallNs) / 1e9;
            nodeCpuS = (b.nodeCpuNs - a.nodeCpuNs) / 1e9;
            selfCpuS = (b.selfCpuNs - a.selfCpuNs) / 1e9;
            long total = b.machineTotalTicks - a.machineTotalTicks;
            machineBusyPct = total <= 0 ? -1 : 100.0 * (b.machineBusyTicks - a.machineBusyTicks) / total;
            // CPU used by every other process (other engineers' builds and tests), in cores.
            double busyCores = machineBusyPct / 100.0 * Runtime.getRuntime().availableProcessors();
            otherCores = Math.max(0, busyCores - (nodeCpuS + selfCpuS) / elapsedS);
            load1 = b.load1;
        }

        double rate() {
            return ok / elapsedS;
        }

        double ms(double percentile) {
            return h.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return h.getMaxValue() / 1000.0;
        }

        /** CPU milliseconds per registration. */
        double perOp(double cpuS) {
            return ok == 0 ? 0 : cpuS * 1000.0 / ok;
        }

        String describe(String what) {
            return String.format(Locale.ROOT,
                    "%-9s c=%-2d %7.0f reg/s  p50 %6.2f  p90 %6.2f  p99 %7.2f  max %7.1f ms  ok %d  errors %d (warm-up %d)  "
                            + "cpu/reg node %.3f ms, bench %.3f ms  machine busy %.0f%% (others %.2f cores)  load1 %.2f%s",
                    what, threads, rate(), ms(50), ms(90), ms(99), maxMs(), ok, errors, warmupErrors, perOp(nodeCpuS), perOp(selfCpuS),
                    machineBusyPct, otherCores, load1, errorSamples.isEmpty() ? "" : "  first errors: " + errorSamples);
        }
    }

    record Step(int threads, Result rest, Result raw) {
    }

    // ------------------------------------------------------------------------------------------
    // The report
    // ------------------------------------------------------------------------------------------

    private String report(Instant started, String loadBefore, String loadAfter, long coldStartMs, long rssKb,
            long hwmKb, List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Registration benchmark, ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(
                ChronoUnit.SECONDS))).append("\n\n");
        sb.append("Closed loop, ").append(warmup).append(" s warm-up (").append(firstWarmup)
                .append(" s before each side's first step) + ").append(seconds)
                .append(" s measured per step; node REST and raw Derby alternate per concurrency.\n\n");
        sb.append("| concurrency | node REST reg/s | p50 ms | p99 ms | raw Derby reg/s | node/raw % |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Step s : steps) {
            sb.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.0f | %.0f %% |%n", s.threads(),
                    s.rest().rate(), s.rest().ms(50), s.rest().ms(99), s.raw().rate(),
                    100.0 * s.rest().rate() / s.raw().rate()));
        }
        sb.append("\nCPU per registration (ms), which the CPU used by other processes disturbs far less than the "
                + "rates: the node, the load generator's HTTP client, and raw Derby (registration code and Derby, "
                + "in the bench JVM). On a CPU-bound machine the node could reach at most raw / (node + client) of "
                + "raw Derby's rate with the client on the same cores, raw / node with the client elsewhere:\n\n");
        sb.append("| concurrency | node | client | raw Derby | raw / (node + client) | raw / node |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Step s : steps) {
            double node = s.rest().perOp(s.rest().nodeCpuS);
            double client = s.rest().perOp(s.rest().selfCpuS);
            double raw = s.raw().perOp(s.raw().selfCpuS);
            sb.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.0f %% | %.0f %% |%n", s.threads(), node,
                    client, raw, 100 * raw / (node + client), 100 * raw / node));
        }
        sb.append("\nDetails (latency in ms; CPU in ms per registration over the measured window; "
                + "\"bench\" is the load generator's JVM, which also hosts raw Derby; machine busy is all CPUs, "
                + "every process; \"others\" is the CPU of every other process on the machine, in cores):\n\n");
        sb.append("| side | c | reg/s | p50 | p90 | p99 | max | errors | node CPU/reg | bench CPU/reg "
                + "| machine busy | others | load1 at end |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Step s : steps) {
            for (Result r : List.of(s.rest(), s.raw())) {
                boolean isRest = r == s.rest();
                sb.append(String.format(Locale.ROOT,
                        "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %s | %.3f | %.0f %% | %.2f | %.2f |%n",
                        isRest ? "node REST" : "raw Derby", r.threads, r.rate(), r.ms(50), r.ms(90), r.ms(99),
                        r.maxMs(), r.errors, isRest ? String.format(Locale.ROOT, "%.3f", r.perOp(r.nodeCpuS)) : "-",
                        r.perOp(r.selfCpuS), r.machineBusyPct, r.otherCores, r.load1));
            }
        }
        appendFooter(sb, loadBefore, loadAfter, coldStartMs, rssKb, hwmKb);
        for (Step s : steps) {
            for (Result r : List.of(s.rest(), s.raw())) {
                if (!r.errorSamples.isEmpty()) {
                    sb.append("- ").append(r == s.rest() ? "Node REST" : "Raw Derby").append(" errors at c=")
                            .append(r.threads).append(" (").append(r.errors).append(" measured, ").append(r.warmupErrors)
                            .append(" in warm-up); first ones: ").append(r.errorSamples).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** What both reports end with: the node's start and memory, the machine, the distribution, the load, the notes. */
    private void appendFooter(StringBuilder sb, String loadBefore, String loadAfter, long coldStartMs, long rssKb,
            long hwmKb) {
        sb.append("\n- Node cold start (bin/start until GET /api/v1/node answers 200): **")
                .append(String.format(Locale.ROOT, "%.1f s", coldStartMs / 1000.0)).append("**\n");
        sb.append("- Node idle RSS after ").append(settle).append(" s settle: **").append(rssKb / 1024)
                .append(" MB** (VmHWM, peak so far: ").append(hwmKb / 1024).append(" MB); node CPU while idle: ")
                .append(String.format(Locale.ROOT, "%.1f %% of one core", idleCpuPct)).append("\n");
        sb.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (")
                .append(cpuModel()).append("), ").append(memTotal()).append(", ").append(osName()).append("\n");
        sb.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (bench and node alike)\n");
        sb.append("- Node configuration: the distribution's defaults").append(center.isEmpty()
                ? " (no center: a registration writes the appeal and its event, no outbox row; so does raw Derby)\n"
                : "; NSOZ_CENTER=" + center + " (a registration also queues an outbox row; so does raw Derby)\n");
        sb.append("- Distribution: ").append(System.getProperty("bench.distribution", tarball.toString()));
        try {
            // run.sh copies the tarball keeping its time: this is when the distribution that ran was built.
            sb.append(", built ").append(DateTimeFormatter.ISO_INSTANT.format(Files.getLastModifiedTime(tarball)
                    .toInstant().truncatedTo(ChronoUnit.SECONDS)));
        } catch (IOException e) {
            // gone since
        }
        sb.append(campaign > 0 ? "; the campaign's preload ran the store classes from " : "; raw Derby ran the store classes from ").append(root.relativize(Paths.get(
                JdbcAppealStore.class.getProtectionDomain().getCodeSource().getLocation().getPath())))
                .append(" (the node's own jar when started by bench/run.sh)\n");
        sb.append("- Load average before: ").append(loadBefore).append("; after: ").append(loadAfter).append("\n");
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
    }

    /**
     * Campaign mode's report: each step, then per concurrency each workload over all its steps (registrations over
     * measured seconds; latency from the merged histograms) and the campaign's rate as a share of the varied one.
     */
    private String campaignReport(Instant started, String loadBefore, String loadAfter, long coldStartMs, long rssKb,
            long hwmKb) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Registration benchmark, campaign of identical texts (issue #12), ")
                .append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(ChronoUnit.SECONDS))).append("\n\n");
        sb.append("One node over REST, ").append(preloaded).append(" appeals of one text from distinct applicants in its "
                + "store before it started (the last 29 days). Two workloads in alternation on it: **varied** (a distinct "
                + "text from a distinct applicant each time, the default bench's load) and **campaign** (the campaign's "
                + "text, each time from a new applicant: MASS). Closed loop, ").append(warmup).append(" s warm-up (")
                .append(firstWarmup).append(" s before each workload's first step) + ").append(seconds)
                .append(" s measured per step, ").append(rounds).append(" round(s) per concurrency in the order varied, "
                        + "campaign, campaign, varied, ...; raw Derby not run.\n\n");
        sb.append("| concurrency | varied reg/s | p50 ms | p99 ms | campaign reg/s | p50 ms | p99 ms | campaign/varied "
                + "| node CPU ms/reg varied / campaign |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int c : concurrencies) {
            Merged v = merged(c, Workload.VARIED);
            Merged k = merged(c, Workload.CAMPAIGN);
            sb.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | **%.0f %%** | %.3f / %.3f |%n",
                    c, v.rate(), v.ms(50), v.ms(99), k.rate(), k.ms(50), k.ms(99), 100.0 * k.rate() / v.rate(),
                    v.cpuPerOp(), k.cpuPerOp()));
        }
        sb.append("\nEach step (latency in ms; CPU in ms per registration over the measured window; \"client\" is the "
                + "load generator's JVM; machine busy is all CPUs, every process; \"others\" is the CPU of every other "
                + "process on the machine, in cores):\n\n");
        sb.append("| c | round | workload | reg/s | p50 | p90 | p99 | max | errors | node CPU/reg | client CPU/reg "
                + "| machine busy | others | load1 at end |\n");
        sb.append("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (CampaignStep st : campaignSteps) {
            Result r = st.result();
            sb.append(String.format(Locale.ROOT,
                    "| %d | %d | %s | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %.3f | %.3f | %.0f %% | %.2f | %.2f |%n",
                    st.threads(), st.round(), st.workload().label, r.rate(), r.ms(50), r.ms(90), r.ms(99), r.maxMs(),
                    r.errors, r.perOp(r.nodeCpuS), r.perOp(r.selfCpuS), r.machineBusyPct, r.otherCores, r.load1));
        }
        appendFooter(sb, loadBefore, loadAfter, coldStartMs, rssKb, hwmKb);
        for (CampaignStep st : campaignSteps) {
            Result r = st.result();
            if (!r.errorSamples.isEmpty()) {
                sb.append("- ").append(st.workload().label).append(" errors at c=").append(r.threads).append(" round ")
                        .append(st.round()).append(" (").append(r.errors).append(" measured, ").append(r.warmupErrors)
                        .append(" in warm-up); first ones: ").append(r.errorSamples).append('\n');
            }
        }
        return sb.toString();
    }

    /** One workload's steps at one concurrency, taken together. */
    record Merged(long ok, double elapsedS, double nodeCpuS, Histogram h) {
        double rate() {
            return elapsedS <= 0 ? 0 : ok / elapsedS;
        }

        double ms(double percentile) {
            return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
        }

        double cpuPerOp() {
            return ok == 0 ? 0 : nodeCpuS * 1000.0 / ok;
        }
    }

    private Merged merged(int threads, Workload w) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long ok = 0;
        double elapsed = 0;
        double cpu = 0;
        for (CampaignStep st : campaignSteps) {
            if (st.threads() == threads && st.workload() == w) {
                h.add(st.result().h);
                ok += st.result().ok;
                elapsed += st.result().elapsedS;
                cpu += st.result().nodeCpuS;
            }
        }
        return new Merged(ok, elapsed, cpu, h);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB RAM").orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static long procStatusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    private int exec(List<String> command, Path output) throws IOException, InterruptedException {
        return exec(command, output, java.util.Map.of());
    }

    private int exec(List<String> command, Path output, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().putAll(env);
        if (System.getenv("JAVA_HOME") == null) {
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        if (output == null) {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        }
        return pb.start().waitFor();
    }

    /** Keeps a few distinct, shortened error messages. */
    static void sample(ConcurrentLinkedQueue<String> samples, String message) {
        String m = message.length() > 240 ? message.substring(0, 240) + "…" : message;
        if (samples.size() < 3 && !samples.contains(m)) {
            samples.add(m);
        }
    }

    private static boolean portInUse(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Synthetic but valid appeals: Ukrainian text, distinct per request, ~600-700 bytes of JSON. */
    static final class Synthetic {
        static final String TOPIC = "Житлово-комунальне господарство";
        static final String ADDRESSEE = "Київська міська державна адміністрація";
        private static final String[] STREETS = {"вул. Хрещатик", "просп. Перемоги", "вул. Січових Стрільців",
            "бульв. Лесі Українки", "вул. Володимирська"};
        private static final String[] ISSUES = {
            "Прошу вжити заходів щодо відновлення гарячого водопостачання в будинку, яке відсутнє вже понад тиждень.",
            "Прошу перевірити правильність нарахування плати за опалення за минулий місяць і зробити перерахунок.",
            "Прошу відремонтувати дах під'їзду, через який під час дощу протікає вода на сходову клітку.",
            "Прошу встановити освітлення у дворі будинку, бо ввечері мешканцям небезпечно повертатися додому."};
        private static final AppealKind[] KINDS = AppealKind.values();
        private static final SecureRandom RANDOM = new SecureRandom();

        static AppealKind kind(long n) {
            return KINDS[(int) (n % KINDS.length)];
        }

        static String name(long n) {
            return "Тестовий Заявник " + n;
        }

        static String address(long n) {
            return "м. Київ, " + STREETS[(int) (n % STREETS.length)] + ", " + (1 + n % 120) + ", кв. " + (1 + n % 300);
        }

        static String email(long n) {
            return "zayavnyk" + n + "@example.com";
        }

        static String phone(long n) {
            return String.format(Locale.ROOT, "+380 44 %03d %04d", n % 1000, n % 10000);
        }

        static String text(long n) {
            return ISSUES[(int) (n % ISSUES.length)] + " Звернення № " + n
                    + ". Мешканці неодноразово зверталися до керуючої компанії, але відповіді не отримали.";
        }

        static Applicant applicant(long n) {
            return new Applicant(ApplicantType.CITIZEN, name(n), address(n), email(n), phone(n));
        }

        /** The POST body; built by hand (no characters here need JSON escaping). */
        static byte[] requestJson(long n) {
            return requestJson(n, name(n), text(n));
        }

        /** The POST body of appeal n with this applicant's name and this text (neither needs JSON escaping). */
        static byte[] requestJson(long n, String fullName, String text) {
            String s = "{\"kind\":\"" + kind(n) + "\",\"channel\":\"WEB\","
                    + "\"applicant\":{\"type\":\"CITIZEN\",\"fullName\":\"" + fullName + "\",\"address\":\"" + address(n)
                    + "\",\"email\":\"" + email(n) + "\",\"phone\":\"" + phone(n) + "\"},"
                    + "\"text\":\"" + text + "\",\"topic\":\"" + TOPIC + "\",\"addressee\":\"" + ADDRESSEE + "\"}";
            return s.getBytes(StandardCharsets.UTF_8);
        }

        /**
         * A campaign (issue #12): one text that every participant sends, each participant a distinct applicant, so
         * that from the fifth on the node classifies it MASS (the same text from five applicants within 30 days),
         * never DUPLICATE or REPEATED (no applicant sent anything before). Participant n is "Учасник Кампанії n",
         * a name the varied load's "Тестовий Заявник n" never takes.
         */
        static final String CAMPAIGN_TEXT = "Просимо зберегти сквер на розі вулиць Садової та Липової, де планують "
                + "будівництво торговельного центру, і облаштувати в ньому дитячий майданчик та освітлення. "
                + "Сквер є єдиним місцем відпочинку для мешканців мікрорайону.";

        static String campaignName(long n) {
            return "Учасник Кампанії " + n;
        }

        static byte[] campaignRequestJson(long n) {
            return requestJson(n, campaignName(n), CAMPAIGN_TEXT);
        }

        static Applicant campaignApplicant(long n) {
            return new Applicant(ApplicantType.CITIZEN, campaignName(n), address(n), email(n), phone(n));
        }

        /** Time-ordered UUID v7, as the node's Ids does. */
        static String newId() {
            long randA = RANDOM.nextLong();
            long randB = RANDOM.nextLong();
            long msb = (System.currentTimeMillis() << 16) | 0x7000L | (randA & 0x0FFFL);
            long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        }
    }
}
