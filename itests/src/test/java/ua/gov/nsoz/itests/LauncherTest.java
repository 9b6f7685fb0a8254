package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.Launcher;
import ua.gov.nsoz.itests.support.Launcher.Run;
import ua.gov.nsoz.itests.support.Shell;

/**
 * Runs the real {@code ./nsoz} launcher at the repository root, the way a developer does: {@code demo} starts the
 * central node and both regional nodes, {@code status} lists them, an appeal registered at lviv survives
 * {@code stop lviv} + {@code start lviv}, and {@code stop} stops everything.
 *
 * <p>The nodes run from a fresh folder under {@code itests/target} ({@code NSOZ_INSTANCES}) with every port shifted
 * by {@link #PORT_OFFSET} ({@code NSOZ_PORT_OFFSET}), so the test never touches a developer's demo. The
 * distribution is built by the reactor before this module, so the test forbids the launcher to build
 * ({@code NSOZ_NO_BUILD=1}): sources newer than the tarball only give a warning. The process and HTTP plumbing is
 * {@link Launcher}'s; the static members here are the state of one of them per {@link #setUp()}, shared with the
 * classes that start nodes of their own the same way (FederationIT, AccessIT, LinkIdentityIT, PartitionIT,
 * ProcessingIT).
 */
class LauncherTest {

    /**
     * Added to every port. Not 20000: that puts HTTP and SSH at 281xx, in the 28000-28999 range other tests use; and
     * the RMI server port (44444 + offset) must stay below 65536. With 12000: HTTP 20181-20183, SSH 20101-20103,
     * RMI 13099-13101 and 56444-56446; the brokers' 61616-61618 would pass 65535, so the launcher subtracts the
     * offset instead: 49616-49618.
     */
    static final int PORT_OFFSET = Integer.getInteger("nsoz.launcher.portOffset", 12000);

    /** Node → its expected role. */
    static final Map<String, String> ROLES = new LinkedHashMap<>();
    static {
        ROLES.put("ucc", "CENTRAL");
        ROLES.put("kyiv-city", "REGIONAL");
        ROLES.put("lviv", "REGIONAL");
    }
    /** The HTTPS ports as in node-configs/ (the launcher adds the offset). */
    static final Map<String, Integer> HTTP_BASE_PORTS = Map.of("ucc", 8181, "kyiv-city", 8182, "lviv", 8183);

    /** What the launcher may take: its own start deadline (NSOZ_START_TIMEOUT) plus unpacking three instances. */
    static final Duration START_TIMEOUT = Launcher.START_TIMEOUT;
    static final Duration DEMO_PROCESS_TIMEOUT = START_TIMEOUT.plusMinutes(3);
    static final Duration START_PROCESS_TIMEOUT = START_TIMEOUT.plusMinutes(2);
    static final Duration STOP_PROCESS_TIMEOUT = Duration.ofMinutes(4);
    static final Duration STATUS_PROCESS_TIMEOUT = Duration.ofMinutes(1);

    static final String APPEAL = "{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"applicant\":{\"type\":\"CITIZEN\","
            + "\"fullName\":\"Тестовий Заявник\",\"address\":\"м. Львів, вул. Синтетична, 1\","
            + "\"email\":\"test@example.org\"},\"text\":\"Синтетичне тестове звернення\"}";

    static final ObjectMapper JSON = new ObjectMapper();
    /** The launcher of the class that called {@link #setUp()} last; the fields below are its. */
    static Launcher launcher;
    /** Its client: trusts the demo CA, goes as the tests' own user of every node ({@link KarafNode#SSH_USER}). */
    static HttpClient http;
    static Path repoRoot;
    static Path instances;
    static boolean stoppedCleanly;
    /** More environment for the launcher (a test class sets it after {@link #setUp()}, e.g. NSOZ_LINK_TLS). */
    static Map<String, String> EXTRA_ENV = new ConcurrentHashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        stoppedCleanly = false;                       // a class before this one may have left it true
        launcher = new Launcher("launcher", PORT_OFFSET, HTTP_BASE_PORTS);
        http = launcher.http();
        repoRoot = launcher.repoRoot();
        instances = launcher.instances();
        EXTRA_ENV = launcher.extraEnv();
    }

    /** Nothing stays running, whatever failed; the instances are deleted only when all went well. */
    @AfterAll
    static void tearDown() throws IOException {
        if (launcher == null) {
            return;
        }
        Run stop = launcher.stopAll(STOP_PROCESS_TIMEOUT, stoppedCleanly);
        if (stop.exitCode() != 0) {
            System.err.println("LauncherTest: './nsoz stop' in tearDown failed:\n" + stop.output());
        }
    }

    /**
     * The launcher's whole life with three nodes, in one walk (each step needs the one before, and booting three
     * Karafs is the cost, so they boot once):
     * <ol>
     * <li>{@code NSOZ_SMTP_PORT=… demo} starts all three nodes, each says who it is, {@code status} lists three
     * running; lviv's e-mail channel is configured for that server and an applicant's e-mail reaches it;</li>
     * <li>the demo's operator logs in to lviv's shell over SSH and lists the appeal registered there; Karaf's own
     * commands stay the admin's;</li>
     * <li>{@code stop lviv} + {@code start lviv} without the variable: the appeal survives (the Derby store in
     * {@code instances/lviv/data/nsoz/}), and a setting the launcher turns off is off after the restart
     * (Karaf's {@code config:list} over SSH, what an admin would look at, and the notifier's log line);</li>
     * <li>{@code demo} on running nodes changes nothing, and says so for the node whose setting differs;</li>
     * <li>the center lists its configured regions in {@code GET /api/v1/sync}, each with {@code neverConnected}
     * (issue #12 item 7);</li>
     * <li>{@code stop} stops everything.</li>
     * </ol>
     */
    @Test
    void demoStatusEMailRestartKeepsTheAppealAndTheSettingOffDemoChangesNothingAndStopStopsAll() throws Exception {
        int smtpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1",
                        com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            // 1. NSOZ_SMTP_PORT=… demo: all three nodes up, each says who it is
            EXTRA_ENV.put("NSOZ_SMTP_PORT", Integer.toString(smtpPort));
            Run demo = run(DEMO_PROCESS_TIMEOUT, "demo");
            assertEquals(0, demo.exitCode(), "NSOZ_SMTP_PORT=" + smtpPort + " ./nsoz demo failed:\n" + demo.output());
            for (String node : ROLES.keySet()) {
                assertTrue(demo.output().contains("node " + node + " ready"), "demo did not report " + node + ":\n"
                        + demo.output());
                HttpResponse<String> info = get(node, "/api/v1/node");
                assertEquals(200, info.statusCode(), node + " /api/v1/node: " + info.body());
                JsonNode body = JSON.readTree(info.body());
                assertEquals(node, body.path("nodeId").asText(), node + " nodeId: " + info.body());
                assertEquals(ROLES.get(node), body.path("role").asText(), node + " role: " + info.body());
            }
            // status: three running lines
            assertStates("running", "running", "running");
            // lviv's e-mail channel is configured
            String on = karafShell("lviv", "config:list \"(service.pid=ua.gov.nsoz.notify.email)\"");
            assertTrue(on.contains("port = " + smtpPort) && !on.contains("enabled = false"),
                    "lviv's e-mail channel with NSOZ_SMTP_PORT:\n" + on);

            // register an appeal at lviv (the API answers once all its resources are in); its applicant's e-mail
            // reaches the SMTP server
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("lviv", "/api/v1/appeals"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(APPEAL, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(201, created.statusCode(), "POST /api/v1/appeals at lviv: " + created.body());
            JsonNode appeal = JSON.readTree(created.body());
            String id = appeal.path("id").asText();
            String number = appeal.path("registrationNumber").asText();
            assertTrue(!id.isEmpty() && !number.isEmpty(), "no id or registrationNumber in " + created.body());
            assertTrue(smtp.waitForIncomingEmail(60_000, 1), "no e-mail reached the SMTP server within 60 s");

            // 2. the demo's operator logs in to lviv's shell over SSH (role ssh) and lists the appeal; Karaf's own
            // commands stay the admin's (docs/security.md, the README's shell section)
            try (Shell shell = new Shell(8103 + PORT_OFFSET)) {
                String pw = password("lviv", "operator");
                Shell.Result list = shell.runAs("operator", pw, "nsoz:appeal-list");
                assertTrue(list.out().contains(number), "nsoz:appeal-list as the demo's operator: " + list.all());
                Shell.Result karaf = shell.runAs("operator", pw, "bundle:list");
                assertTrue(karaf.all().contains("Command not found")
                        || karaf.all().contains("Insufficient credentials"),
                        "bundle:list as the demo's operator: " + karaf.all());
            }

            // 3. stop lviv, start lviv without NSOZ_SMTP_PORT
            EXTRA_ENV.remove("NSOZ_SMTP_PORT");
            Run stopLviv = run(STOP_PROCESS_TIMEOUT, "stop", "lviv");
            assertEquals(0, stopLviv.exitCode(), "./nsoz stop lviv failed:\n" + stopLviv.output());
            assertStates("running", "running", "stopped");
            assertTrue(Files.isDirectory(instances.resolve("lviv/data/nsoz")), "lviv's store is gone after stop");
            Path log = instances.resolve("lviv/data/log/karaf.log");
            long logBefore = Files.exists(log) ? Files.size(log) : 0;
            Run startLviv = run(START_PROCESS_TIMEOUT, "start", "lviv");
            assertEquals(0, startLviv.exitCode(), "./nsoz start lviv failed:\n" + startLviv.output());
            // the Derby store in instances/lviv/data/nsoz/ survived
            HttpResponse<String> again = awaitOk("lviv", "/api/v1/appeals/" + id, Duration.ofSeconds(60));
            assertEquals(number, JSON.readTree(again.body()).path("registrationNumber").asText(),
                    "the appeal read back after the restart: " + again.body());
            // the channel is configured off, and the notifier says it is off
            String off = karafShell("lviv", "config:list \"(service.pid=ua.gov.nsoz.notify.email)\"");
            assertTrue(off.contains("enabled = false") && !off.contains("port = "),
                    "lviv restarted without NSOZ_SMTP_PORT still has e-mail configured:\n" + off);
            awaitLogLine(log, logBefore, "Notification channel 'email' is off", Duration.ofSeconds(60));

            // 4. demo on running nodes changes nothing, and says so for the node whose setting differs
            EXTRA_ENV.put("NSOZ_SMTP_PORT", Integer.toString(smtpPort));
            Run demoAgain = run(DEMO_PROCESS_TIMEOUT, "demo");
            assertEquals(0, demoAgain.exitCode(), "demo on running nodes failed:\n" + demoAgain.output());
            assertTrue(demoAgain.output().contains("nothing changed at running node lviv"),
                    "demo did not say it changed nothing at lviv:\n" + demoAgain.output());
            assertTrue(!demoAgain.output().contains("nothing changed at running node ucc"),
                    "ucc already sends mail there:\n" + demoAgain.output());
            String still = karafShell("lviv", "config:list \"(service.pid=ua.gov.nsoz.notify.email)\"");
            assertTrue(still.contains("enabled = false"), "demo on a running node changed it:\n" + still);

            // 5. issue #12 item 7: the center lists both configured regions, whether or not they have sent anything
            JsonNode sync = JSON.readTree(awaitOk("ucc", "/api/v1/sync", Duration.ofSeconds(60)).body());
            List<String> peers = new java.util.ArrayList<>();
            sync.path("links").forEach(l -> {
                peers.add(l.path("peer").asText());
                assertTrue(l.has("neverConnected"), "no neverConnected in " + l);
            });
            assertTrue(peers.containsAll(List.of("kyiv-city", "lviv")), "GET /api/v1/sync at ucc: " + sync);

            // 6. stop all: every node stopped, nothing answers
            Run stopAll = run(STOP_PROCESS_TIMEOUT, "stop");
            assertEquals(0, stopAll.exitCode(), "./nsoz stop failed:\n" + stopAll.output());
            assertStates("stopped", "stopped", "stopped");
            stoppedCleanly = true;
        } finally {
            EXTRA_ENV.remove("NSOZ_SMTP_PORT");
            smtp.stop();
        }
    }

    /** Runs one Karaf shell command at a node over SSH as the tests' user (an admin), and returns what it printed. */
    static String karafShell(String node, String command) throws IOException {
        int port = shiftedPort(Map.of("ucc", 8101, "kyiv-city", 8102, "lviv", 8103).get(node));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient();
        client.start();
        try (org.apache.sshd.client.session.ClientSession session = client.connect(KarafNode.SSH_USER, "localhost",
                port).verify(Duration.ofSeconds(30)).getSession()) {
            session.addPasswordIdentity(KarafNode.SSH_PASSWORD);
            session.auth().verify(Duration.ofSeconds(30));
            try (org.apache.sshd.client.channel.ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(Duration.ofSeconds(30));
                channel.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED),
                        Duration.ofSeconds(30));
            }
        } finally {
            client.stop();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the log, past the given offset, has a line with the text; fails at the deadline. */
    static void awaitLogLine(Path log, long from, String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (Files.exists(log)) {
                byte[] all = Files.readAllBytes(log);
                int start = (int) Math.min(from, all.length);
                if (new String(all, start, all.length - start, StandardCharsets.UTF_8).contains(text)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("'" + text + "' not in " + log + " within " + within);
            }
            TimeUnit.MILLISECONDS.sleep(500); // poll interval of a condition with a deadline
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** ./nsoz status shows the nodes ucc, kyiv-city, lviv in these states (in node-configs/ order or not). */
    static void assertStates(String ucc, String kyivCity, String lviv) {
        Run status = run(STATUS_PROCESS_TIMEOUT, "status");
        assertEquals(0, status.exitCode(), "./nsoz status failed:\n" + status.output());
        Map<String, String> expected = Map.of("ucc", ucc, "kyiv-city", kyivCity, "lviv", lviv);
        expected.forEach((node, state) -> {
            Pattern line = Pattern.compile("^" + Pattern.quote(node) + "\\s.*\\s" + state + "$");
            long matching = status.output().lines().filter(line.asPredicate()).count();
            assertEquals(1, matching, node + " should be " + state + ":\n" + status.output());
        });
        if ("running".equals(ucc) && "running".equals(kyivCity) && "running".equals(lviv)) {
            Predicate<String> running = l -> l.matches("^\\S+\\s.*\\srunning$");
            assertEquals(3, status.output().lines().filter(running).count(),
                    "three running lines:\n" + status.output());
        }
    }

    /** A demo user's password at a node, as the launcher tells it in {@code instances/<node>.users.txt}. */
    static String password(String node, String user) throws IOException {
        return Files.readAllLines(instances.resolve(node + ".users.txt")).stream()
                .map(l -> l.trim().split("\\s+")).filter(f -> f[0].equals(user)).map(f -> f[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no demo user " + user + " at " + node));
    }

    static URI uri(String node, String path) {
        return launcher.uri(node, path);
    }

    static HttpResponse<String> get(String node, String path) throws IOException, InterruptedException {
        return launcher.get(node, path);
    }

    /** Polls GET until it answers 200, or fails at the deadline with the last answer. */
    static HttpResponse<String> awaitOk(String node, String path, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = get(node, path);
                if (response.statusCode() == 200) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                fail(node + " " + path + " did not answer 200 within " + within + "; last: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(500); // poll interval of a condition with a deadline
        }
    }

    /** Starts the nodes with {@code ./nsoz start NODE}, all at once (as a demo does), and asserts each came up. */
    static void startAll(String... nodes) {
        Map<String, Map<String, String>> envByNode = new LinkedHashMap<>();
        for (String node : nodes) {
            envByNode.put(node, Map.of());
        }
        startAll(envByNode);
    }

    /** {@link Launcher#awaitLinks}: until the center sees each region pull its queue there. */
    static void awaitLinks(String center, String... regions) {
        launcher.awaitLinks(center, START_TIMEOUT, regions);
    }

    /** A port as the launcher shifts it by the offset (a port past 65535 subtracts the offset instead). */
    static int shiftedPort(int base) {
        return launcher.shiftedPort(base);
    }

    /** Every appeal id of lviv (UA-46) the center holds with this word in its topic, reading all pages. */
    static java.util.Set<String> lvivIdsAtCenter(String tag) throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        int total = Integer.MAX_VALUE;
        for (int offset = 0; offset < total; offset += 500) {
            com.fasterxml.jackson.databind.JsonNode page = JSON.readTree(get("ucc",
                    "/api/v1/appeals?region=UA-46&q=" + tag + "&limit=500&offset=" + offset).body());
            total = page.get("total").asInt();
            page.get("items").forEach(i -> ids.add(i.get("id").asText()));
        }
        return ids;
    }

    /** Runs ./nsoz with the test's environment, time-boxed; the output goes to a file, not a pipe. */
    static Run run(Duration timeout, String... args) {
        return launcher.run(timeout, args);
    }

    /**
     * Starts the nodes with {@code ./nsoz start NODE}, all at once, each with its own environment besides
     * {@link #EXTRA_ENV} (e.g. one region's way to the center), and asserts each came up.
     */
    static void startAll(Map<String, Map<String, String>> envByNode) {
        launcher.startAll(envByNode, START_PROCESS_TIMEOUT);
    }

    /** {@link #run(Duration, String...)} with more environment for this run only. */
    static Run run(Duration timeout, Map<String, String> moreEnv, String... args) {
        return launcher.run(timeout, moreEnv, args);
    }
}
