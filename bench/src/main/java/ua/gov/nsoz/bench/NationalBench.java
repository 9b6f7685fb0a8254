package ua.gov.nsoz.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.exchange.AppealEventMessage;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.Header;

/**
 * 27 regions at the center (issue 17): one real center node {@code ucc} of the distribution, started with the
 * launcher ({@code ./nsoz start ucc}, so it enrolls every region of {@code node-configs/regions.tsv}), and 27
 * simulated regions in this JVM. Each simulated region is one JMS connection to the center's {@code link} acceptor
 * over mutual TLS, as user {@code nsoz-link-<id>} with the password the launcher made for that region and a key
 * store signed by the demo's CA (made here with the JDK's keytool as the launcher makes a node's), and it sends to
 * {@code nsoz.in} what a region's bridge forwards: REGISTERED events of its own appeals as exchange documents written
 * by the exchange bundle's codec ({@link ExchangeCodec#write}), with the link's properties ({@code _AMQ_DUPL_ID},
 * {@code NsozMessageId}, {@code NsozOrigin}, {@code NsozTarget}). The region's own Karaf, store and broker are not
 * simulated: what is measured is the center.
 *
 * <ol>
 * <li><b>Lag at steady rates</b>: after a warm-up ({@code bench.warmup} s at {@code bench.warmupRate}/s), each rate
 * of {@code bench.rates} (total per second over all regions, spread evenly, open loop: each message has its due
 * time) for {@code bench.seconds} s; the bench then waits until the center has received everything
 * ({@code GET /api/v1/sync}, {@code received} per region) and notes how long that took after the phase's end. The lag
 * of a message is from its {@code createdAt} (set when the simulated region sends it: the region's commit) to its
 * commit at the center (the inbox row's {@code applied_at}), read from the center's Derby after the run.</li>
 * <li><b>Catch-up</b>: the center is stopped; every region makes {@code bench.backlog} (4,000) documents (the
 * appeals it registers meanwhile); the center is started and each region sends its backlog as soon as its login
 * succeeds (as a region's bridge does when the center is back), in JMS transactions of {@code bench.txSize}
 * (500). The rate is the messages over the first to last commit in the center's inbox; from outside, the time from
 * {@code ./nsoz start ucc} to the last one applied.</li>
 * </ol>
 * A phase is <b>steady</b> when the senders kept the offered rate (at least 95 %) and the center's lag p99 stayed
 * under {@code bench.steadyP99Millis} (2,000 ms): the highest such rate is reported. Ports: the launcher's shifted by
 * {@code bench.offset} (32000). Instances: bench/target/national (the center's made anew each run; the CA, key stores
 * and secrets kept). Results: bench/results/national-<time>.md.
 */
public final class NationalBench {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    /** One row of node-configs/regions.tsv. */
    record Region(int index, String id, String iso, String code) {
    }

    /** A measured phase: its window of creation times and what it offered and sent. */
    record Phase(String name, int rate, Instant from, Instant to, long sent, double seconds, long drainMillis) {
    }

    private final Path root = Paths.get(System.getProperty("bench.root", ".")).toAbsolutePath();
    private final Path instances = root.resolve("bench/target/national");
    private final int offset = Integer.getInteger("bench.offset", 32000);
    private final int[] rates = Arrays.stream(System.getProperty("bench.rates", "100,200,400,800").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmup = Integer.getInteger("bench.warmup", 60);
    private final int warmupRate = Integer.getInteger("bench.warmupRate", 100);
    private final int backlog = Integer.getInteger("bench.backlog", 4000);
    private final int txSize = Integer.getInteger("bench.txSize", 500);
    private final long steadyP99 = Long.getLong("bench.steadyP99Millis", 2000);
    private final List<Region> regions;
    /** A cold center on a loaded 2-core machine may take more than the launcher's default 300 s to start. */
    private final Nodes nodes = new Nodes(root, instances, offset, Duration.ofSeconds(20), Map.of(
            "NSOZ_START_TIMEOUT", System.getProperty("bench.startTimeout", "900"),
            "JAVA_MAX_MEM", System.getProperty("bench.centerHeap", "1536M")));
    private final Results report = new Results(root, "national");
    private final List<Phase> phases = new ArrayList<>();
    /** Per region: the next sequence number of its messages to the center, and of its registrations. */
    private final Map<String, AtomicLong> seq = new ConcurrentHashMap<>();
    private final Map<String, Long> sentTotal = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong(7_000_000_000L);
    private final int year = LocalDate.now(KYIV).getYear();
    private String tlsPassword;

    private NationalBench() throws IOException {
        List<Region> all = readRegions(root.resolve("node-configs/regions.tsv"));
        int count = Integer.getInteger("bench.regionCount", all.size());
        regions = all.subList(0, Math.min(count, all.size()));
        for (Region r : regions) {
            seq.put(r.id(), new AtomicLong(1));
            sentTotal.put(r.id(), 0L);
        }
    }

    /**
     * @param args none
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        new NationalBench().run();
        System.exit(0);
    }

    static List<Region> readRegions(Path table) throws IOException {
        List<Region> out = new ArrayList<>();
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Region(Integer.parseInt(f[0]), f[1], f[2], f[3]));
        }
        return out;
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        // A fresh center every run; the demo's CA, the regions' key stores and link secrets are kept between runs
        // (making 27 key stores with keytool takes minutes on a loaded machine).
        RegistrationBench.deleteTree(instances.resolve("ucc"));
        Files.createDirectories(instances);
        report.line("# 27 regions at the center " + DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(
                ChronoUnit.SECONDS)));
        report.line("");
        report.line("- %d simulated regions (node-configs/regions.tsv), one real center; %d cores,"
                + " load average at the start %.1f", regions.size(), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        try {
            nodes.launcher("start", "ucc");
            tlsPassword = Files.readString(instances.resolve(".link-tls/password")).trim();
            checkDocuments();
            keyStores();
            Map<String, Connection> links = connectAll(Duration.ofMinutes(2));
            try {
                report.line("");
                report.line("## Lag at steady national rates");
                steady(links, warmupRate, warmup, "warm-up", false);
                for (int rate : rates) {
                    steady(links, rate, seconds, rate + "/s", true);
                }
            } finally {
                closeAll(links);
            }
            catchUp();
            nodes.launcher("stop", "ucc");
            analyse();
        } finally {
            nodes.launcher("stop", null);
        }
        report.line("");
        report.line("- load average at the end %.1f; the whole run took %.1f min", loadAverage(),
                Duration.between(started, Instant.now()).toSeconds() / 60.0);
        report.write(started, "");
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // ------------------------------------------------------------------------------------------ the link

    /** A key store per region, signed by the demo's CA, as the launcher makes a node's (ensure_link_tls). */
    private void keyStores() throws Exception {
        Path tls = instances.resolve(".link-tls");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Region r : regions) {
            done.add(pool.submit(() -> {
                keyStore(tls, r.id());
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "[tls] %d key stores in %.1f s%n", regions.size(), (System.nanoTime() - t0) / 1e9);
    }

    private void keyStore(Path tls, String node) throws IOException, InterruptedException {
        Path store = tls.resolve(node + ".p12");
        if (Files.exists(store)) {
            return;
        }
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String san = "san=dns:localhost,ip:127.0.0.1";
        Path tmp = tls.resolve(node + ".p12.tmp");
        Path csr = tls.resolve(node + ".csr");
        Path pem = tls.resolve(node + ".pem");
        String pw = tlsPassword;
        keytool(keytool, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + node + ", OU=NSOZ", "-ext", san, "-validity", "825", "-keystore", tmp.toString(),
                "-storetype", "PKCS12", "-storepass", pw);
        keytool(keytool, "-certreq", "-alias", "node", "-keystore", tmp.toString(), "-storepass", pw, "-file",
                csr.toString());
        keytool(keytool, "-gencert", "-rfc", "-alias", "ca", "-keystore", tls.resolve("ca.p12").toString(),
                "-storepass", pw, "-infile", csr.toString(), "-outfile", pem.toString(), "-ext", san, "-ext",
                "ku:c=digitalSignature,keyAgreement", "-ext", "eku=serverAuth,clientAuth", "-validity", "825");
        keytool(keytool, "-importcert", "-noprompt", "-alias", "ca", "-file", tls.resolve("ca.pem").toString(),
                "-keystore", tmp.toString(), "-storepass", pw);
        keytool(keytool, "-importcert", "-alias", "node", "-file", pem.toString(), "-keystore", tmp.toString(),
                "-storepass", pw);
        Files.deleteIfExists(csr);
        Files.move(tmp, store);
    }

    private static void keytool(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + cmd[1] + " failed: " + out);
        }
    }

    private int centerLinkPort() {
        return nodes.port(61610);
    }

    /** The region's connection to the center's link acceptor: mutual TLS, its own user and password. */
    private Connection connect(Region r) throws IOException, JMSException {
        Path tls = instances.resolve(".link-tls");
        String url = "tcp://127.0.0.1:" + centerLinkPort() + "?sslEnabled=true&callTimeout=30000"
                + "&keyStoreType=PKCS12&keyStorePath=" + tls.resolve(r.id() + ".p12") + "&keyStorePassword="
                + tlsPassword + "&trustStoreType=PKCS12&trustStorePath=" + tls.resolve("truststore.p12")
                + "&trustStorePassword=" + tlsPassword;
        String secret = Files.readString(instances.resolve("." + r.id() + ".link-secret")).trim();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        Connection c = factory.createConnection("nsoz-link-" + r.id(), secret);
        c.start();
        return c;
    }

    /** Connects every region, retrying each until the deadline (the center may still be coming up). */
    private Map<String, Connection> connectAll(Duration within) throws Exception {
        Map<String, Connection> out = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(within);
        for (Region r : regions) {
            while (true) {
                try {
                    out.put(r.id(), connect(r));
                    break;
                } catch (JMSException e) {
                    if (Instant.now().isAfter(deadline)) {
                        closeAll(out);
                        throw new IllegalStateException(r.id() + " could not log in to the center's link: " + e, e);
                    }
                    TimeUnit.MILLISECONDS.sleep(500); // poll a condition with a deadline
                }
            }
        }
        return out;
    }

    private static void closeAll(Map<String, Connection> links) {
        for (Connection c : links.values()) {
            try {
                c.close();
            } catch (JMSException e) {
                // closing anyway
            }
        }
    }

    // ------------------------------------------------------------------------------------------ documents

    // The documents: for each region a few written by the exchange bundle's codec (ExchangeCodec.write) with marker
    // values, then per message the markers replaced by the message's own ids, sequence numbers and times. Writing
    // every document with the codec costs the client ~1 ms of CPU each on this machine, which the center would miss
    // at hundreds per second; the replaced values have the formats the codec writes (checked by reading one of each
    // region back with ExchangeCodec.read before the run).
    private static final String MESSAGE_ID = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    private static final String EVENT_ID = "bbbbbbbb-bbbb-7bbb-8bbb-bbbbbbbbbbbb";
    private static final String APPEAL_ID = "cccccccc-cccc-7ccc-8ccc-cccccccccccc";
    private static final String ACCESS_HASH = "d".repeat(64);
    private static final long SEQ = 987_654_321L;
    private static final Instant AT = Instant.parse("2001-02-03T04:05:06.789Z");
    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int TEMPLATES = 8;
    private final Map<String, List<String>> templates = new ConcurrentHashMap<>();

    /** The region's templates: REGISTERED events of synthetic appeals (varied kind, applicant, text), markers in. */
    private List<String> templates(Region r) {
        return templates.computeIfAbsent(r.id(), id -> {
            List<String> out = new ArrayList<>();
            for (int t = 0; t < TEMPLATES; t++) {
                long n = serial.getAndIncrement();
                Processing processing = Processing.NONE.toBuilder()
                        .dueDate(AT.atZone(KYIV).toLocalDate().plusDays(30)).accessHash(ACCESS_HASH).build();
                Appeal appeal = new Appeal(APPEAL_ID, number(r, 999_999), r.id(), r.iso(),
                        RegistrationBench.Synthetic.kind(n), Channel.WEB, RegistrationBench.Synthetic.applicant(n),
                        RegistrationBench.Synthetic.text(n), RegistrationBench.Synthetic.TOPIC,
                        RegistrationBench.Synthetic.ADDRESSEE, false, null, false, null, List.of(), null,
                        AppealStatus.REGISTERED, 1, AT, AT, AT, processing);
                out.add(ExchangeCodec.write(new AppealEventMessage(new Header(MESSAGE_ID, r.id(), SEQ, AT), EVENT_ID,
                        "REGISTERED", AT, r.id(), "operator", null, null, appeal)));
            }
            return out;
        });
    }

    private String number(Region r, long sequence) {
        return String.format(Locale.ROOT, "%s-%d-%06d", r.code(), year, sequence);
    }

    /** One REGISTERED event of a new appeal of the region, as the region's gateway writes it. */
    private String document(Region r, Instant now, long messageSeq) {
        List<String> list = templates(r);
        long number = seq.computeIfAbsent(r.id() + "#appeal", k -> new AtomicLong(1)).getAndIncrement();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String at = UTC_MILLIS.format(now.truncatedTo(ChronoUnit.MILLIS));
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return list.get((int) (number % list.size()))
                .replace(MESSAGE_ID, UUID.randomUUID().toString())
                .replace(EVENT_ID, RegistrationBench.Synthetic.newId())
                .replace(APPEAL_ID, RegistrationBench.Synthetic.newId())
                .replace(number(r, 999_999), number(r, number))
                .replace(">" + SEQ + "<", ">" + messageSeq + "<")
                .replace(UTC_MILLIS.format(AT), at)
                .replace(AT.atZone(KYIV).toLocalDate().plusDays(30).toString(),
                        now.atZone(KYIV).toLocalDate().plusDays(30).toString())
                .replace(ACCESS_HASH, HexFormat.of().formatHex(hash));
    }

    /** Every region's document, read back with the codec: valid, and what was put in. */
    private void checkDocuments() throws Exception {
        for (Region r : regions) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String xml = document(r, now, 42);
            AppealEventMessage m = (AppealEventMessage) ExchangeCodec.read(xml);
            if (m.header().sourceSeq() != 42 || !m.header().createdAt().equals(now) || m.appeal().id().equals(APPEAL_ID)
                    || m.header().messageId().equals(MESSAGE_ID) || !m.appeal().node().equals(r.id())
                    || !m.appeal().region().equals(r.iso()) || m.appeal().registrationNumber().endsWith("999999")
                    || !m.appeal().registeredAt().equals(now) || xml.contains(ACCESS_HASH)) {
                throw new IllegalStateException("The document of " + r.id() + " is not what was meant: " + xml);
            }
            seq.get(r.id() + "#appeal").decrementAndGet(); // the check's appeal is not sent
        }
    }

    /** The message a region's bridge forwards: the document and the link's properties. */
    private static TextMessage message(Session s, String xml, String region) throws JMSException {
        String id = xml.substring(xml.indexOf("<messageId>") + 11, xml.indexOf("</messageId>"));
        TextMessage m = s.createTextMessage(xml);
        m.setStringProperty("_AMQ_DUPL_ID", id);
        m.setStringProperty("NsozMessageId", id);
        m.setStringProperty("NsozOrigin", region);
        m.setStringProperty("NsozTarget", "ucc");
        return m;
    }

    // ------------------------------------------------------------------------------------------ phases

    /** Every region sends at rate/regions per second for the given seconds; returns what was sent. */
    private void steady(Map<String, Connection> links, int rate, int secs, String name, boolean measured)
            throws Exception {
        double perRegion = (double) rate / regions.size();
        long perRegionTotal = Math.round(perRegion * secs);
        List<Thread> threads = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant from = Instant.now();
        long t0 = System.nanoTime() + 200_000_000L;
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            Connection c = links.get(r.id());
            // Staggered, so that the regions' sends do not all fall on the same instant.
            long phaseShift = (long) (1e9 / perRegion * i / regions.size());
            Thread t = new Thread(() -> {
                try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                    MessageProducer p = s.createProducer(s.createQueue("nsoz.in"));
                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (long k = 0; k < perRegionTotal; k++) {
                        long due = t0 + phaseShift + (long) (k * 1e9 / perRegion);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        p.send(message(s, document(r, Instant.now(), seq.get(r.id()).getAndIncrement()), r.id()));
                        sent.incrementAndGet();
                        sentTotal.merge(r.id(), 1L, Long::sum);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "region-" + r.id());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        Instant to = Instant.now();
        double took = Duration.between(from, to).toMillis() / 1000.0;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " regions failed to send in phase " + name,
                    failures.get(0));
        }
        long drain = waitForCenter(Duration.ofMinutes(15));
        System.out.printf(Locale.ROOT, "[%s] %d sent in %.1f s (%.0f/s of %d/s offered); the center had all %d ms "
                + "after the last was sent; load average %.1f%n", name, sent.get(), took, sent.get() / took, rate,
                drain, loadAverage());
        if (measured) {
            phases.add(new Phase(name, rate, from, to, sent.get(), took, drain));
        }
    }

    /** Stops the center, makes the backlog, starts the center, and sends the backlog as soon as each region may. */
    private void catchUp() throws Exception {
        report.line("");
        report.line("## Catch-up after the center was down");
        nodes.launcher("stop", "ucc");
        Map<String, List<String>> queued = new LinkedHashMap<>();
        Instant made = Instant.now();
        for (Region r : regions) {
            List<String> docs = new ArrayList<>(backlog);
            for (int i = 0; i < backlog; i++) {
                docs.add(document(r, Instant.now(), seq.get(r.id()).getAndIncrement()));
            }
            queued.put(r.id(), docs);
        }
        System.out.printf(Locale.ROOT, "[catch-up] %d documents made in %.1f s while the center was down%n",
                (long) backlog * regions.size(), Duration.between(made, Instant.now()).toMillis() / 1000.0);
        Instant startCmd = Instant.now();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Instant> firstSent = new ConcurrentHashMap<>();
        // The regions try to log in while the center starts, as their bridges retry (every 1 s here).
        for (Region r : regions) {
            Thread t = new Thread(() -> {
                try {
                    Connection c = null;
                    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
                    while (c == null) {
                        try {
                            c = connect(r);
                        } catch (JMSException e) {
                            if (Instant.now().isAfter(deadline)) {
                                throw e;
                            }
                            TimeUnit.SECONDS.sleep(1); // a bridge's retry interval
                        }
                    }
                    try (Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
                        MessageProducer p = s.createProducer(s.createQueue("nsoz.in"));
                        p.setDeliveryMode(DeliveryMode.PERSISTENT);
                        firstSent.put(r.id(), Instant.now());
                        int inTx = 0;
                        for (String xml : queued.get(r.id())) {
                            p.send(message(s, xml, r.id()));
                            if (++inTx == txSize) {
                                s.commit();
                                sentTotal.merge(r.id(), (long) inTx, Long::sum);
                                inTx = 0;
                            }
                        }
                        if (inTx > 0) {
                            s.commit();
                            sentTotal.merge(r.id(), (long) inTx, Long::sum);
                        }
                    } finally {
                        c.close();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "backlog-" + r.id());
            threads.add(t);
            t.start();
        }
        nodes.launcher("start", "ucc");
        Instant ready = Instant.now();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " regions failed to send their backlog",
                    failures.get(0));
        }
        Instant allSent = Instant.now();
        waitForCenter(Duration.ofMinutes(30));
        Instant done = Instant.now();
        Instant firstLogin = firstSent.values().stream().min(Instant::compareTo).orElse(ready);
        report.line("- %d regions × %d = %d documents queued while the center was down",
                regions.size(), backlog, (long) regions.size() * backlog);
        report.line("- `./nsoz start ucc` → ready %.1f s; the first region logged in after %.1f s;"
                + " all regions had sent their backlog after %.1f s; the center had applied all after %.1f s",
                Duration.between(startCmd, ready).toMillis() / 1000.0,
                Duration.between(startCmd, firstLogin).toMillis() / 1000.0,
                Duration.between(startCmd, allSent).toMillis() / 1000.0,
                Duration.between(startCmd, done).toMillis() / 1000.0);
        catchUpFrom = made;
    }

    private Instant catchUpFrom;

    // ------------------------------------------------------------------------------------------ the center

    /** Until the center has received from each region all it sent; returns the milliseconds that took. */
    private long waitForCenter(Duration limit) throws InterruptedException {
        long t0 = System.nanoTime();
        nodes.waitForCenter(sentTotal, limit);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Reads the center's inbox (the node is stopped): lag per phase, the catch-up rate, and what arrived. */
    private void analyse() throws SQLException {
        String steadyRate = "none";
        try (Results.Inbox inbox = new Results.Inbox(instances)) {
            java.sql.Connection c = inbox.connection();
            report.line("");
            report.line("## Lag at steady national rates, from the center's inbox");
            report.line("");
            report.line("| offered | sent | lag p50 | p90 | p99 | max | center had all after the phase | steady |");
            report.line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            for (Phase p : phases) {
                List<Long> lags = inbox.lags(p.from().toEpochMilli(), p.to().toEpochMilli() + 1);
                double achieved = p.sent() / p.seconds();
                long p99 = Results.pct(lags, 99);
                boolean steady = achieved >= 0.95 * p.rate() && p99 >= 0 && p99 <= steadyP99;
                if (steady) {
                    steadyRate = p.rate() + "/s";
                }
                report.line("| %d/s | %d (%.0f/s) | %d ms | %d ms | %d ms | %d ms | %d ms | %s |",
                        p.rate(), p.sent(), achieved, Results.pct(lags, 50), Results.pct(lags, 90), p99,
                        Results.max(lags), p.drainMillis(), steady ? "yes" : "no");
                if (lags.size() != p.sent()) {
                    report.line("| | (the inbox holds %d of the phase's %d) | | | | | | |",
                            lags.size(), p.sent());
                }
            }
            report.line("");
            report.line("- highest steady national rate (sent ≥ 95 % of offered, p99 ≤ " + steadyP99 + " ms): **"
                    + steadyRate + "**");
            if (catchUpFrom != null) {
                Results.CatchUp catchUp = inbox.catchUp(catchUpFrom);
                report.line("- catch-up: %d messages applied in %.1f s from the first to "
                        + "the last: **%.0f appeals/s**", catchUp.messages(), catchUp.millis() / 1000.0,
                        catchUp.perSecond());
            }
            long expected = sentTotal.values().stream().mapToLong(Long::longValue).sum();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT source_node) FROM inbox");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                report.line("- the center's inbox holds %d messages from %d regions (sent: %d, "
                        + "warm-up included)", rs.getLong(1), rs.getLong(2), expected);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM appeal");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                report.line("- the center holds %d appeals", rs.getLong(1));
            }
        }
    }
}
