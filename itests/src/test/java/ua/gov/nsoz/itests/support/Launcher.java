package ua.gov.nsoz.itests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one harness of the tests that drive the real launcher {@code ./nsoz} at the repository root, the way a developer
 * does: a test class (or the shared {@link Federation}) makes one, and every {@code ./nsoz} it runs goes through
 * it. It exists so that the process plumbing — the environment, the time box, the output file, the instances
 * folder — is written once, and every class that starts nodes isolates them from the developer's shell and demo the
 * same way.
 *
 * <p>Made with a name (its instances folder is a fresh {@code itests/target/<name>-instances-*}, given to the launcher
 * as {@code NSOZ_INSTANCES}, so the launcher's {@code stop} never sees another folder's nodes), a port offset
 * ({@code NSOZ_PORT_OFFSET}: separate offsets let several of them run at once with no port in common) and the nodes'
 * HTTPS ports as node-configs/ has them (8181, 8182, …, before the offset). It owns:
 * <ul>
 * <li>the instances folder, deleted by {@link #stopAll(Duration, boolean)} when asked and the nodes stopped;</li>
 * <li>the tests' own user of every node ({@link KarafNode#SSH_USER}, an admin with
 * {@link KarafNode#ITEST_ROLES}), written to {@code <instances>/itest-users.properties} and given to the launcher as
 * {@code NSOZ_EXTRA_USERS_FILE};</li>
 * <li>the HTTP client of the nodes ({@link #http()}): trusts the demo CA the launcher makes at
 * {@code <instances>/.link-tls/ca.pem}, and goes as that user unless a request says otherwise
 * ({@link NodeClient});</li>
 * <li>more environment for every run ({@link #extraEnv()}, e.g. {@code NSOZ_LINK_TLS} for a whole class).</li>
 * </ul>
 *
 * <p><b>The environment of a run.</b> Every {@code NSOZ_*} variable of the developer's shell is removed (the launcher
 * reads many of them for one node only, e.g. {@code NSOZ_HTTP_PORT}, or as a developer's choice, e.g.
 * {@code NSOZ_CENTER_DB}), except {@code NSOZ_TEST_POSTGRES} (CI's {@code required}); then {@code NSOZ_INSTANCES},
 * {@code NSOZ_PORT_OFFSET}, {@code NSOZ_NO_BUILD=1} (the reactor built the distribution before this module: sources
 * newer than the tarball only give a warning), {@code NSOZ_START_TIMEOUT} ({@link #START_TIMEOUT}) and
 * {@code NSOZ_EXTRA_USERS_FILE} are set; then the extra environment; then the run's own.
 */
public final class Launcher {

    /** The launcher's own deadline for a node to start ({@code NSOZ_START_TIMEOUT}). */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repoRoot;
    private final Path launcher;
    private final Path instances;
    private final Path users;
    private final int portOffset;
    private final Map<String, Integer> httpBasePorts;
    private final String label;
    private final NodeClient http;
    private final Map<String, String> extraEnv = new ConcurrentHashMap<>();

    /** What one {@code ./nsoz} run did: its exit code (-1 timed out, -2 could not start, -3 interrupted) and output. */
    public record Run(int exitCode, String output) {
    }

    /**
     * @param name the instances folder's name prefix ({@code itests/target/<name>-instances-*})
     * @param portOffset the launcher's {@code NSOZ_PORT_OFFSET}
     * @param httpBasePorts node → its HTTPS port in node-configs/ (before the offset)
     * @throws IOException if the instances folder or the users file cannot be made
     */
    public Launcher(String name, int portOffset, Map<String, Integer> httpBasePorts) throws IOException {
        this(name, portOffset, httpBasePorts, null);
    }

    /**
     * @param name the instances folder's name prefix ({@code itests/target/<name>-instances-*})
     * @param portOffset the launcher's {@code NSOZ_PORT_OFFSET}
     * @param httpBasePorts node → its HTTPS port in node-configs/ (before the offset)
     * @param label said with each run's printed output ({@code null}: nothing), to tell runs of several apart
     * @throws IOException if the instances folder or the users file cannot be made
     */
    public Launcher(String name, int portOffset, Map<String, Integer> httpBasePorts, String label) throws IOException {
        String root = System.getProperty("nsoz.repo.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property nsoz.repo.root is not set (surefire sets it)");
        }
        this.repoRoot = Path.of(root).toRealPath();
        this.launcher = repoRoot.resolve("nsoz");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable");
        }
        this.portOffset = portOffset;
        this.httpBasePorts = Map.copyOf(httpBasePorts);
        this.label = label;
        Path target = repoRoot.resolve("itests/target");
        Files.createDirectories(target);
        this.instances = Files.createTempDirectory(target, name + "-instances-");
        // Every node requires a user: the tests add theirs through the launcher's knob for more realm users.
        this.users = instances.resolve("itest-users.properties");
        Files.writeString(users, KarafNode.SSH_USER + " = " + KarafNode.SSH_PASSWORD + "," + KarafNode.ITEST_ROLES
                + "\n");
        Path ca = instances.resolve(".link-tls/ca.pem");
        this.http = new NodeClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .sslContext(Tls.trusting(() -> List.of(ca))).build(), KarafNode.SSH_USER, KarafNode.SSH_PASSWORD);
    }

    /** @return the repository root, where {@code ./nsoz} is */
    public Path repoRoot() {
        return repoRoot;
    }

    /** @return the instances folder ({@code NSOZ_INSTANCES}: the nodes, users.txt, secrets, the CA, the run logs) */
    public Path instances() {
        return instances;
    }

    /** @return the client of the nodes (trusts the demo CA; goes as {@link KarafNode#SSH_USER} by default) */
    public NodeClient http() {
        return http;
    }

    /** @return more environment for every run from now on (a concurrent map: change it between runs) */
    public Map<String, String> extraEnv() {
        return extraEnv;
    }

    /**
     * @param base a port of node-configs/ (8181, 8103, 61610, …)
     * @return it as the launcher shifts it by this offset
     */
    public int shiftedPort(int base) {
        return shiftedPort(base, portOffset);
    }

    /**
     * @param base a port of node-configs/
     * @param offset the launcher's {@code NSOZ_PORT_OFFSET}
     * @return it as the launcher shifts it: plus the offset, or minus it where plus would pass 65535
     */
    public static int shiftedPort(int base, int offset) {
        int p = base + offset;
        return p <= 65535 ? p : base - offset;
    }

    /** @return {@code https://localhost:<node's shifted HTTPS port><path>} */
    public URI uri(String node, String path) {
        Integer base = httpBasePorts.get(node);
        if (base == null) {
            throw new IllegalArgumentException("no HTTPS port known for node " + node + ": " + httpBasePorts.keySet());
        }
        return URI.create("https://localhost:" + shiftedPort(base) + path);
    }

    /** A GET as the tests' user, 30 s at most. */
    public HttpResponse<String> get(String node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@link #run(Duration, Map, String...)} with no more environment. */
    public Run run(Duration timeout, String... args) {
        return run(timeout, Map.of(), args);
    }

    /**
     * Runs {@code ./nsoz args} in the repository root, stdin from /dev/null, its output to a file in the instances
     * folder (not a pipe: the nodes it starts inherit it and would keep a pipe open); the output is printed and
     * returned. At the time box the launcher and all its descendants are killed.
     *
     * @param timeout the time box
     * @param moreEnv environment for this run only, over everything else
     * @param args the launcher's arguments
     * @return the exit code and the output
     */
    public Run run(Duration timeout, Map<String, String> moreEnv, String... args) {
        try {
            Path log = Files.createTempFile(instances, "nsoz-" + String.join("-", args) + "-", ".out");
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args))
                    .toList())
                    .directory(repoRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("NSOZ_") && !k.equals("NSOZ_TEST_POSTGRES"));
            env.put("NSOZ_INSTANCES", instances.toString());
            env.put("NSOZ_PORT_OFFSET", Integer.toString(portOffset));
            env.put("NSOZ_NO_BUILD", "1");
            env.put("NSOZ_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
            env.put("NSOZ_EXTRA_USERS_FILE", users.toString());
            env.putAll(extraEnv);
            env.putAll(moreEnv);
            Process process = builder.start();
            boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            int exit = done ? process.exitValue() : -1;
            System.out.println("$ ./nsoz " + String.join(" ", args) + "   (" + (label == null ? "" : label + ", ")
                    + "exit " + exit + ")\n" + output);
            return new Run(exit, done ? output : "TIMED OUT after " + timeout + "\n" + output);
        } catch (IOException e) {
            return new Run(-2, "could not run " + launcher + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-3, "interrupted");
        }
    }

    /**
     * {@code ./nsoz start NODE} of the nodes, all at once (as a demo does), each with its own environment besides
     * {@link #extraEnv()} (e.g. one region's way to the center); asserts each came up.
     *
     * @param envByNode node → its environment for this start
     * @param timeout the time box of each start
     */
    public void startAll(Map<String, Map<String, String>> envByNode, Duration timeout) {
        List<String> nodes = List.copyOf(envByNode.keySet());
        List<CompletableFuture<Run>> runs = new ArrayList<>();
        for (String node : nodes) {
            runs.add(CompletableFuture.supplyAsync(() -> run(timeout, envByNode.get(node), "start", node)));
        }
        for (int i = 0; i < nodes.size(); i++) {
            Run r = runs.get(i).join();
            assertEquals(0, r.exitCode(), "./nsoz start " + nodes.get(i) + ":\n" + r.output());
        }
    }

    /**
     * Waits, as {@code ./nsoz demo} does before it says ready, until the center sees each region pull its queue
     * there (the region's federation is a consumer on {@code nsoz.to.<id>}): a federation that tried before the
     * center let it consume waits up to 30 s between its tries, so a test that starts nodes itself waits for it.
     *
     * @param center the center node
     * @param within the deadline
     * @param regions the regions
     */
    public void awaitLinks(String center, Duration within, String... regions) {
        Await.until("the regions " + Arrays.toString(regions) + " pull their queues at " + center, within, () -> {
            try {
                HttpResponse<String> sync = get(center, "/api/v1/sync");
                if (sync.statusCode() != 200) {
                    return false;
                }
                List<JsonNode> queues = JSON.readTree(sync.body()).findParents("queue");
                for (String region : regions) {
                    if (queues.stream().noneMatch(q -> q.path("queue").asText().equals("nsoz.to." + region)
                            && q.path("consumers").asInt() > 0)) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /**
     * {@code ./nsoz stop}: stops every node of this instances folder (and the launcher's PostgreSQL there).
     *
     * @param timeout the time box
     * @param delete whether to delete the instances folder once the stop succeeded (not after a failure: the nodes'
     *     logs are kept to look into)
     * @return the stop's run; the folder is deleted only if asked and its exit code is 0
     * @throws IOException if the folder could not be deleted
     */
    public Run stopAll(Duration timeout, boolean delete) throws IOException {
        Run stop = run(timeout, "stop");
        if (delete && stop.exitCode() == 0) {
            try (Stream<Path> paths = Files.walk(instances)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return stop;
    }
}
