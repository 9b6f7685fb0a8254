package ua.gov.nsoz.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One federation — the center {@code ucc} and the region {@code lviv}, started with the real {@code ./nsoz} launcher —
 * shared by every test class annotated {@code @ExtendWith(Federation.class)} in the test JVM: starting two Karaf nodes
 * and waiting for lviv's link costs a minute or more on two cores, so it is paid once per run, not once per class. The
 * first such class starts it ({@code ./nsoz start ucc} and {@code ./nsoz start lviv} at once, then waits, as
 * {@code ./nsoz demo} does, until lviv pulls its queue at ucc); it stops ({@code ./nsoz stop}) when JUnit closes its
 * root store at the end of the run, as {@link SharedNode} does with its node. The instances are deleted then only
 * when no test of a class using it failed (kept to look into otherwise).
 *
 * <p>Tests reach it through the static {@link #uri(String, String)}, {@link #password(String, String)} (the demo's
 * users operator, supervisor, clerk, head, analyst, auditor, admin, as {@code <instances>/<node>.users.txt} says)
 * and {@link #http()}, an HTTP client that trusts the demo's CA and, for a request without an
 * {@code Authorization} header, goes as the tests' own admin user {@link KarafNode#SSH_USER} (added to every node
 * through {@code NSOZ_EXTRA_USERS_FILE}). Since classes share the nodes, each test makes its own data (unique
 * text, fresh appeals) and never assumes a node is empty; a test that must stop, restart or reconfigure a node, or
 * cut its link, does not belong here: it starts nodes of its own.
 *
 * <p><b>Why it cannot collide with the launcher tests.</b> {@code LauncherTest} and the classes built on its static
 * state (ReadmeIT, FederationIT, LinkIdentityIT, PartitionIT, RestartIT, ProcessingIT, AccessIT) start, restart and
 * stop their own nodes, and end with {@code ./nsoz stop} — which stops every node of <em>their</em> instances
 * folder. The shared federation lives beside them, not between them: it has its own instances folder
 * ({@code itests/target/federation-instances-*}, so their {@code stop} never sees its nodes, and its
 * {@code users.txt}, secrets and CA are its own) and its own port offset ({@value #DEFAULT_PORT_OFFSET}, property
 * {@code nsoz.federation.portOffset}; theirs is 12000), so both can run at the same time with no port in common:
 * HTTP 22181/22183, SSH 22101/22103, RMI 15099/15101 and 58444/58446, brokers 47616/47618, the center's link
 * 47610. Ordering the classes instead (all federation users together, then stop) would rest on surefire's
 * class order and on nobody adding a class in between; separate folders and ports need neither, and the two idle
 * nodes cost memory (the machine has plenty) but little CPU between the classes that use them.
 *
 * <p><b>The center on PostgreSQL.</b> Where this machine has PostgreSQL (always in CI: {@code NSOZ_TEST_POSTGRES=required}),
 * ucc runs on it ({@code NSOZ_CENTER_DB=postgresql}: the launcher's own cluster in the instances folder, port
 * 25432 + the offset, stopped by {@code ./nsoz stop}), so every class on the shared federation exercises the center's
 * store on PostgreSQL; the start asserts it by nsoz:node-info ({@link #centerDb()}).
 */
public final class Federation implements BeforeAllCallback, TestWatcher {

    /** Added to every port of the shared nodes (the launcher's {@code NSOZ_PORT_OFFSET}); LauncherTest's is 12000. */
    public static final int DEFAULT_PORT_OFFSET = 14000;
    static final int PORT_OFFSET = Integer.getInteger("nsoz.federation.portOffset", DEFAULT_PORT_OFFSET);
    /** The nodes, the center first; their base HTTP and SSH ports as in node-configs/. */
    static final Map<String, Integer> BASE_HTTP = Map.of("ucc", 8181, "lviv", 8183);
    static final Map<String, Integer> BASE_SSH = Map.of("ucc", 8101, "lviv", 8103);
    /** The launcher's own start deadline (NSOZ_START_TIMEOUT) and what a launcher run may take beyond it. */
    static final Duration START_TIMEOUT = Launcher.START_TIMEOUT;
    static final Duration START_PROCESS_TIMEOUT = START_TIMEOUT.plusMinutes(2);
    static final Duration STOP_PROCESS_TIMEOUT = Duration.ofMinutes(4);

    /**
     * The center's store: {@code postgresql} (the launcher's {@code NSOZ_CENTER_DB=postgresql}, docs/postgresql.md) when
     * this machine has PostgreSQL's server binaries, or when {@code NSOZ_TEST_POSTGRES=required} (CI: then missing
     * binaries fail the start); else {@code derby}. Property {@code nsoz.federation.centerDb} chooses.
     */
    static final String CENTER_DB = centerDbDefault();

    private static final String KEY = "nsoz.federation";
    private static volatile Nodes nodes;

    // ------------------------------------------------------------------------------------------------ the tests' API

    /** @return {@code https://localhost:<node's port><path>} of a shared node ({@code ucc} or {@code lviv}) */
    public static URI uri(String node, String path) {
        return URI.create("https://localhost:" + httpPort(node) + path);
    }

    /** @return the node's HTTPS port */
    public static int httpPort(String node) {
        return shiftedPort(base(BASE_HTTP, node));
    }

    /** @return the node's SSH port (its Karaf shell) */
    public static int sshPort(String node) {
        return shiftedPort(base(BASE_SSH, node));
    }

    /** @return a demo user's password at a node, as the launcher wrote it in {@code <instances>/<node>.users.txt} */
    public static String password(String node, String user) {
        try {
            return Files.readAllLines(running().instances.resolve(node + ".users.txt")).stream()
                    .map(l -> l.trim().split("\\s+")).filter(f -> f.length > 1 && f[0].equals(user)).map(f -> f[1])
                    .findFirst().orElseThrow(() -> new AssertionError("no demo user " + user + " at " + node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return an {@code Authorization} header value of HTTP Basic for a demo user at a node */
    public static String basic(String node, String user) {
        return NodeClient.basic(user, password(node, user));
    }

    /**
     * @return the client of the shared nodes: trusts the demo's CA; a request without credentials goes as the tests'
     *     admin user, one with its own {@code Authorization} header as that user, one marked
     *     {@link NodeClient#ANONYMOUS} without any
     */
    public static HttpClient http() {
        return running().http;
    }

    /** @return the shared nodes' instances folder (users.txt, secrets, the CA {@code .link-tls/ca.pem}, logs) */
    public static Path instances() {
        return running().instances;
    }

    /** @return the center's store engine in this run: {@code postgresql} or {@code derby} */
    public static String centerDb() {
        return CENTER_DB;
    }

    static String centerDbDefault() {
        String chosen = System.getProperty("nsoz.federation.centerDb", "");
        if (!chosen.isBlank()) {
            return chosen.trim();
        }
        if ("required".equalsIgnoreCase(System.getenv("NSOZ_TEST_POSTGRES"))) {
            return "postgresql";
        }
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/pg_ctl"))) ? "postgresql" : "derby";
        } catch (IOException e) {
            return "derby";
        }
    }

    /** A GET as the tests' admin user. */
    public static HttpResponse<String> get(String node, String path) throws IOException, InterruptedException {
        return http().send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ the extension

    @Override
    public void beforeAll(ExtensionContext context) {
        Nodes shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new Nodes(), Nodes.class);
        shared.startOnce();
        nodes = shared;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Nodes n = nodes;
        if (n != null) {
            n.failed = true;
        }
    }

    private static Nodes running() {
        Nodes n = nodes;
        if (n == null) {
            throw new IllegalStateException("the shared federation is not started: annotate the test class with"
                    + " @ExtendWith(Federation.class)");
        }
        return n;
    }

    private static int base(Map<String, Integer> ports, String node) {
        Integer p = ports.get(node);
        if (p == null) {
            throw new IllegalArgumentException("the shared federation has ucc and lviv, not " + node);
        }
        return p;
    }

    /**
     * @param base a port of node-configs/ (8181, 8103, 61610, …)
     * @return it as the launcher shifts it for the shared nodes (one past 65535 subtracts the offset instead)
     */
    public static int shiftedPort(int base) {
        return Launcher.shiftedPort(base, PORT_OFFSET);
    }

    /** The running nodes: started once, stopped when JUnit closes the root store (or the JVM exits first). */
    static final class Nodes implements ExtensionContext.Store.CloseableResource {
        /** Runs ./nsoz for these nodes: their instances folder, offset, environment, client. */
        final Launcher launcher;
        final Path instances;
        final HttpClient http;
        volatile boolean failed;
        private AssertionError startFailure;
        private volatile boolean started;
        private boolean stopped;
        /** Not the start's lock: the JVM's exit hook must be able to stop while a start is under way. */
        private final Object stopping = new Object();
        private final Thread onExit = new Thread(this::stop, "federation-stop");

        Nodes() {
            try {
                launcher = new Launcher("federation", PORT_OFFSET, BASE_HTTP, "shared federation");
                launcher.extraEnv().put("NSOZ_CENTER_DB", CENTER_DB);
                instances = launcher.instances();
                http = launcher.http();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Starts both nodes and waits for the link, once; a failed start fails every class that asks again. */
        synchronized void startOnce() {
            if (startFailure != null) {
                throw startFailure;
            }
            if (started) {
                return;
            }
            started = true;
            Runtime.getRuntime().addShutdownHook(onExit);
            long t0 = System.nanoTime();
            try {
                launcher.startAll(Map.of("ucc", Map.of(), "lviv", Map.of()), START_PROCESS_TIMEOUT);
                long t1 = System.nanoTime();
                launcher.awaitLinks("ucc", START_TIMEOUT, "lviv");
                assertCenterStore();
                System.out.printf("Federation: ucc and lviv up in %d s and linked %d s later (instances %s, port offset"
                        + " %d, center's store %s)%n", TimeUnit.NANOSECONDS.toSeconds(t1 - t0),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t1), instances, PORT_OFFSET, CENTER_DB);
            } catch (AssertionError | RuntimeException e) {
                failed = true;
                startFailure = e instanceof AssertionError a ? a : new AssertionError("shared federation", e);
                stop();
                throw startFailure;
            }
        }

        /** The center really runs on the engine chosen: nsoz:node-info names its store's product. */
        private void assertCenterStore() {
            String expected = "postgresql".equals(CENTER_DB) ? "PostgreSQL" : "Apache Derby";
            try (Shell shell = new Shell(sshPort("ucc"))) {
                String out = shell.run("nsoz:node-info").out();
                if (!out.contains(expected)) {
                    throw new AssertionError("ucc's store is not " + expected + " (NSOZ_CENTER_DB=" + CENTER_DB
                            + "); nsoz:node-info says:\n" + out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is already exiting: the hook is running or ran
            }
        }

        /** {@code ./nsoz stop} of this instances folder (every node in it); deletes the folder when all went well. */
        void stop() {
            synchronized (stopping) {
                if (stopped || !started) {
                    return;
                }
                stopped = true;
            }
            Launcher.Run stop;
            try {
                stop = launcher.stopAll(STOP_PROCESS_TIMEOUT, !failed);
            } catch (IOException e) {
                System.err.println("Federation: could not delete " + instances + ": " + e);
                return;
            }
            if (stop.exitCode() != 0) {
                System.err.println("Federation: './nsoz stop' failed:\n" + stop.output());
            } else if (failed) {
                System.err.println("Federation: a test failed; the shared nodes' instances are kept in " + instances);
            }
        }
    }
}
