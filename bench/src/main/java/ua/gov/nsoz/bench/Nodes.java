package ua.gov.nsoz.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Nodes of the real distribution that a benchmark runs with the launcher ({@code ./nsoz}) on this machine, in a
 * private instances folder with the launcher's ports shifted by an offset, and the bench's REST client to them.
 * Shared by {@link ReplicationBench} and {@link NationalBench}, which start, stop and poll nodes the same way: the
 * launcher is run as it was when the run began, the bench's user is added to every node's realm, and the center's
 * {@code GET /api/v1/sync} tells what it has received from each region.
 */
final class Nodes {

    /** The center's node id. */
    static final String CENTER = "ucc";
    /** The center's HTTP port before the offset (the launcher's default for {@code ucc}). */
    static final int CENTER_HTTP = 8181;
    /** The bench's user at every node (NSOZ_EXTRA_USERS_FILE): registers, and reads the link (docs/security.md). */
    static final String USER = "bench";
    static final String PASSWORD = "bench-Secret-1";
    static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** The launcher's variables that a node's settings come from: not inherited from the bench's environment. */
    private static final List<String> NODE_VARIABLES = List.of("NSOZ_HTTP_PORT", "NSOZ_SSH_PORT",
            "NSOZ_RMI_REGISTRY_PORT", "NSOZ_RMI_SERVER_PORT", "NSOZ_BROKER_PORT", "NSOZ_LINK_PORT",
            "NSOZ_CENTER_BROKER_PORT", "NSOZ_NODE_ID", "NSOZ_NODE_CODE", "NSOZ_NODE_NAME", "NSOZ_NODE_ROLE",
            "NSOZ_REGION", "NSOZ_LINK_TLS", "NSOZ_CENTER_DB");

    private final Path root;
    private final Path instances;
    private final int offset;
    private final Duration syncTimeout;
    private final Map<String, String> environment;
    private final ObjectMapper json = new ObjectMapper();
    private volatile HttpClient http;
    /**
     * The launcher as it was when the run began, run as {@code bash -c <text> nsoz COMMAND [NODE]} from the repository
     * root (its REPO_ROOT is then the working directory): bash reads a script file while it runs it, and the shared
     * tree's {@code nsoz} may be edited during a run of a quarter of an hour.
     */
    private String launcherText;

    /**
     * @param root the repository's root (the launcher's folder)
     * @param instances the launcher's NSOZ_INSTANCES for this bench
     * @param offset NSOZ_PORT_OFFSET
     * @param syncTimeout how long one {@code GET /sync} may take
     * @param environment more of the launcher's variables, for every command
     */
    Nodes(Path root, Path instances, int offset, Duration syncTimeout, Map<String, String> environment) {
        this.root = root;
        this.instances = instances;
        this.offset = offset;
        this.syncTimeout = syncTimeout;
        this.environment = Map.copyOf(environment);
    }

    /** The launcher's port for a default one: shifted by the offset, or shifted down where it would pass 65535. */
    int port(int base) {
        int p = base + offset;
        return p <= 65535 ? p : base - offset;
    }

    /** The REST API of the node whose default HTTP port is {@code httpBase}. */
    String api(int httpBase) {
        return "https://localhost:" + port(httpBase) + "/api/v1";
    }

    /** HTTPS trusting the demo's CA, which the launcher makes at the first node's start (so: made on first use). */
    HttpClient http() {
        if (http == null) {
            try (var in = Files.newInputStream(instances.resolve(".link-tls/ca.pem"))) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(ctx).build();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot trust the demo's CA in " + instances, e);
            }
        }
        return http;
    }

    /** {@code GET /api/v1/sync} of a node: its links, each with what it shipped, holds back and received. */
    JsonNode sync(String node, int httpBase) throws IOException, InterruptedException {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(api(httpBase) + "/sync"))
                .header("Authorization", AUTHORIZATION).timeout(syncTimeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /sync at " + node + ": HTTP " + r.statusCode());
        }
        return json.readTree(r.body());
    }

    /** The link to {@code peer} in a node's {@code /sync}, or null. */
    static JsonNode link(JsonNode sync, String peer) {
        for (JsonNode l : sync.path("links")) {
            if (peer.equals(l.path("peer").asText())) {
                return l;
            }
        }
        return null;
    }

    /**
     * Waits until the center has received from each region what it sent (polling its {@code /sync}; while it does
     * not answer, it is still coming up); returns when that was seen.
     *
     * @param expected per region, how many messages it has sent to the center (read at every poll)
     */
    Instant waitForCenter(Map<String, Long> expected, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        long last = -1;
        while (true) {
            long missing = 0;
            try {
                JsonNode s = sync(CENTER, CENTER_HTTP);
                for (Map.Entry<String, Long> e : expected.entrySet()) {
                    JsonNode l = link(s, e.getKey());
                    long got = l == null ? 0 : l.path("received").asLong();
                    missing += Math.max(0, e.getValue() - got);
                }
            } catch (IOException e) {
                missing = Long.MAX_VALUE; // the center is not answering yet
            }
            if (missing == 0) {
                return Instant.now();
            }
            if (missing != last && missing != Long.MAX_VALUE) {
                System.out.printf("[center] %d messages still to come%n", missing);
                last = missing;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(missing + " messages did not reach the center within " + limit);
            }
            TimeUnit.MILLISECONDS.sleep(200); // poll a condition with a deadline
        }
    }

    /**
     * Runs {@code ./nsoz COMMAND [NODE]} on this bench's instances; a failed command other than {@code stop} fails.
     *
     * @param node the node, or null for all of them
     */
    void launcher(String command, String node) throws IOException, InterruptedException {
        if (launcherText == null) {
            launcherText = Files.readString(root.resolve("nsoz"), StandardCharsets.UTF_8);
        }
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", launcherText, "nsoz", command));
        if (node != null) {
            cmd.add(node);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO();
        Map<String, String> env = pb.environment();
        NODE_VARIABLES.forEach(env::remove);
        env.put("NSOZ_INSTANCES", instances.toString());
        env.put("NSOZ_PORT_OFFSET", Integer.toString(offset));
        env.put("NSOZ_NO_BUILD", "1");
        env.putAll(environment);
        Path users = instances.resolve("bench-users.properties");
        Files.writeString(users, USER + " = " + PASSWORD + ",nsoz-operator,nsoz-supervisor,nsoz-analyst\n");
        env.put("NSOZ_EXTRA_USERS_FILE", users.toString());
        int rc = pb.start().waitFor();
        if (rc != 0 && !"stop".equals(command)) {
            throw new IllegalStateException("./nsoz " + command + " " + node + " exited with " + rc);
        }
    }
}
