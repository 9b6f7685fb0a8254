package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Launcher;
import ua.gov.nsoz.itests.support.NodeClient;
import ua.gov.nsoz.itests.support.ProofOfWork;

/**
 * A center of two nodes (docs/center-cluster.md): {@code ucc} and {@code ucc-2} on one PostgreSQL database
 * ({@code NSOZ_CENTER_DB=postgresql}), their brokers a live/backup pair, and the regions {@code kyiv-city} and
 * {@code lviv}, all started with the real launcher. Both regions register appeals at a steady rate; the live center
 * node ({@code ucc}) is killed with SIGKILL in the middle; the regions keep flowing through {@code ucc-2}, whose broker
 * takes over, without a change of their configuration; every appeal arrives at the center exactly once (counted by
 * registration number in the center's database, through the API of the node that survived); {@code ucc}, restarted,
 * rejoins (its broker the backup of {@code ucc-2}'s, its API on the same database) and what a region registers then
 * arrives too. Then both nodes serve the same: a document uploaded at one is downloaded at the other, an article
 * written at one is found by the other's search at once, a reference edit at one is in effect at the other, a report
 * made at one is kept at the other, a public challenge taken at one is accepted by the other, and the PBX's signature
 * is good at both.
 *
 * <p>Own instances folder and port offset {@value #PORT_OFFSET} (property {@code nsoz.center.portOffset}): HTTPS
 * 24180-24183, the center's link acceptors 45609/45610 (61609/61610 minus the offset: plus it would pass 65535). Needs
 * PostgreSQL's binaries (Debian's {@code postgresql}): without them the test is skipped, unless
 * {@code NSOZ_TEST_POSTGRES=required}. About 5 minutes on two cores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CenterFailoverIT {

    static final int PORT_OFFSET = Integer.getInteger("nsoz.center.portOffset", 16000);
    static final Map<String, Integer> HTTP = Map.of("ucc", 8181, "ucc-2", 8180, "kyiv-city", 8182, "lviv", 8183);
    static final Map<String, String> REGION = Map.of("kyiv-city", "UA-30", "lviv", "UA-46");
    static final Duration START_TIMEOUT = Launcher.START_TIMEOUT;
    static final Duration PROCESS_TIMEOUT = START_TIMEOUT.plusMinutes(2);
    static final Duration CATCH_UP = Duration.ofMinutes(4);
    /** Registrations per region before the kill, and after it. */
    static final int BEFORE_KILL = 40;
    static final int AFTER_KILL = 60;
    /** The steady rate: one registration per region every this many milliseconds. */
    static final long PACE_MILLIS = 100;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> CENTER_ENV = Map.of("NSOZ_CENTER_DB", "postgresql");

    /** This class's nodes: its instances folder, offset, HTTPS ports and client. */
    static Launcher launcher;
    static Path instances;
    static HttpClient http;
    static boolean failedOver;
    static boolean passed;

    @BeforeAll
    static void setUp() throws IOException {
        boolean postgres = Files.isDirectory(Path.of("/usr/lib/postgresql"));
        if (!postgres && "required".equals(System.getenv("NSOZ_TEST_POSTGRES"))) {
            throw new AssertionError("NSOZ_TEST_POSTGRES=required, but no PostgreSQL under /usr/lib/postgresql");
        }
        Assumptions.assumeTrue(postgres, "CenterFailoverIT needs PostgreSQL's binaries (/usr/lib/postgresql): skipped");
        launcher = new Launcher("center", PORT_OFFSET, HTTP);
        instances = launcher.instances();
        http = launcher.http();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (launcher == null) {
            return;
        }
        Launcher.Run stop = launcher.stopAll(Duration.ofMinutes(4), passed);
        if (stop.exitCode() != 0 || !passed) {
            System.err.println("CenterFailoverIT: instances kept in " + instances + "\n" + stop.output());
        }
    }

    @Test
    @Order(1)
    void theRegionsFlowThroughTheOtherCenterNodeWhenTheLiveOneIsKilledAndNothingIsLostOrDoubled() throws Exception {
        // ucc first: its broker is the live one of the pair; then ucc-2 (its backup) and the regions.
        launcher.startAll(Map.of("ucc", CENTER_ENV), PROCESS_TIMEOUT);
        launcher.startAll(Map.of("ucc-2", CENTER_ENV, "kyiv-city", Map.of(), "lviv", Map.of()), PROCESS_TIMEOUT);
        awaitLog("ucc-2", "AMQ221024", Duration.ofMinutes(3));       // the backup is in sync with the live broker
        launcher.awaitLinks("ucc", START_TIMEOUT, "kyiv-city", "lviv");

        String tag = "cf" + Long.toString(System.nanoTime(), 36);
        Map<String, Set<String>> numbers = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (String region : REGION.keySet()) {
            Set<String> mine = ConcurrentHashMap.newKeySet();
            numbers.put(region, mine);
            load.add(CompletableFuture.runAsync(() -> register(region, tag, BEFORE_KILL + AFTER_KILL, mine)));
        }
        Await.until("both regions registered " + BEFORE_KILL + " appeals", Duration.ofMinutes(2),
                () -> numbers.values().stream().allMatch(s -> s.size() >= BEFORE_KILL));

        long pid = Long.parseLong(Files.readString(instances.resolve("ucc/karaf.pid")).trim());
        ProcessHandle ucc = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("ucc's JVM " + pid + " is gone"));
        assertTrue(ucc.destroyForcibly(), "SIGKILL of ucc");                // kill -9 of the live center node
        killed.set(true);
        ucc.onExit().get(30, TimeUnit.SECONDS);

        for (CompletableFuture<Void> f : load) {
            f.get(5, TimeUnit.MINUTES);                                      // the regions never stopped registering
        }
        for (String region : REGION.keySet()) {
            assertEquals(BEFORE_KILL + AFTER_KILL, numbers.get(region).size(), region + " registered them all");
            awaitExactlyOnce("ucc-2", region, tag, numbers.get(region));
        }

        // ucc rejoins: its broker becomes the backup of ucc-2's (it was live when killed: it checks first), and its
        // API answers from the same database.
        launcher.startAll(Map.of("ucc", CENTER_ENV), PROCESS_TIMEOUT);
        awaitLog("ucc", "AMQ221024", Duration.ofMinutes(3));
        for (String region : REGION.keySet()) {
            awaitExactlyOnce("ucc", region, tag, numbers.get(region));
        }
        Set<String> late = ConcurrentHashMap.newKeySet();
        register("lviv", tag + "r", 5, late);
        awaitExactlyOnce("ucc", "lviv", tag + "r", late);
        awaitExactlyOnce("ucc-2", "lviv", tag + "r", late);
        failedOver = true;
    }

    @Test
    @Order(2)
    void bothCenterNodesServeTheSameDocumentsArticlesReferenceReportsChallengesAndPbx() throws Exception {
        assertTrue(failedOver, "runs on the pair the failover test left (ucc-2 live, ucc its backup)");
        String marker = Long.toString(System.nanoTime(), 36);

        // A document uploaded at ucc-2 and named by an appeal registered there: ucc gives the same bytes.
        String content = DocumentsIT.pdf(marker);
        HttpResponse<String> up = send("ucc-2", "POST", "/api/v1/documents?name=akt-" + marker + ".pdf",
                "application/pdf", content);
        assertEquals(201, up.statusCode(), up.body());
        JsonNode doc = JSON.readTree(up.body());
        String sha = doc.get("sha256").asText();
        HttpResponse<String> appeal = send("ucc-2", "POST", "/api/v1/appeals", "application/json", """
                {"kind":"PROPOSAL","channel":"WEB",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник","address":"м. Київ, вул. Синтетична, 1",
                              "email":"zayavnyk@example.org"},
                 "text":"Синтетична пропозиція з документом %s","attachments":[%s]}
                """.formatted(marker, doc));
        assertEquals(201, appeal.statusCode(), appeal.body());
        String id = JSON.readTree(appeal.body()).get("id").asText();
        HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(uri("ucc", "/api/v1/appeals/" + id
                + "/documents/" + sha)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bytes.statusCode(), "the document at the other node");
        assertArrayEquals(content.getBytes(StandardCharsets.US_ASCII), bytes.body());

        // An article written at ucc is found by ucc-2's search at once (no restart), and withdrawn, no longer.
        String code = "CF-" + marker.toUpperCase(java.util.Locale.ROOT);
        String word = "nsozcf" + marker.replaceAll("[0-9]", "");  // one Latin word, as the analyzer keeps it
        HttpResponse<String> put = send("ucc", "PUT", "/api/v1/knowledge/articles/" + code, "application/json", """
                {"title":"Синтетична стаття %s","body":"Перевірка пошуку на іншому вузлі: %s.","topics":["01.02"]}
                """.formatted(marker, word));
        assertEquals(201, put.statusCode(), put.body());
        assertTrue(searchFinds("ucc-2", word, code), "ucc-2 finds the article written at ucc");
        assertEquals(200, send("ucc", "DELETE", "/api/v1/knowledge/articles/" + code, null, null).statusCode());
        assertFalse(searchFinds("ucc-2", word, code), "ucc-2 no longer finds the article withdrawn at ucc");

        // A reference edit at ucc-2 is in effect at ucc (within seconds), at the next revision.
        int revision = JSON.readTree(get("ucc", "/api/v1/reference/edits").body()).get("revision").asInt();
        String body = "CF" + marker.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        HttpResponse<String> edit = send("ucc-2", "PUT", "/api/v1/reference/bodies/" + body, "application/json",
                "{\"kind\":\"CENTRAL_BODY\",\"nameUk\":\"Синтетичний орган " + marker + "\",\"nameEn\":"
                + "\"Synthetic body " + marker + "\",\"email\":\"test@example.org\"}");
        assertEquals(200, edit.statusCode(), edit.body());
        Await.until("ucc has ucc-2's reference edit", Duration.ofSeconds(30), () -> {
            try {
                return JSON.readTree(get("ucc", "/api/v1/reference/edits").body()).get("revision").asInt()
                        == revision + 1 && get("ucc", "/api/v1/reference/bodies").body().contains(body);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        // A report made at ucc is kept for ucc-2 too.
        HttpResponse<String> made = send("ucc", "POST", "/api/v1/reports?year=2025&quarter=4", "application/json", "");
        assertEquals(201, made.statusCode(), made.body());
        String report = JSON.readTree(made.body()).get("id").asText();
        assertTrue(get("ucc-2", "/api/v1/reports").body().contains(report), "ucc-2 lists ucc's report");
        HttpResponse<String> pdf = get("ucc-2", "/api/v1/reports/" + report);
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.body().startsWith("%PDF-"), "a PDF");

        // A public challenge taken at ucc, solved, is accepted by ucc-2.
        JsonNode challenge = JSON.readTree(anonymous("ucc", "GET", "/api/v1/public/challenge", null).body());
        String token = challenge.get("token").asText();
        String nonce = ProofOfWork.solve(token, challenge.get("difficultyBits").asInt());
        HttpResponse<String> filed = http.send(HttpRequest.newBuilder(uri("ucc-2", "/api/v1/public/appeals"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString()).header(NodeClient.ANONYMOUS, "1")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"kind":"COMPLAINT","fullName":"Тестовий Заявник","address":"м. Київ, вул. Синтетична, 1",
                         "email":"intake-cf@example.org","text":"Синтетична скарга %s","collective":false,
                         "coSigners":null,"consent":true,"documents":[],"challengeToken":"%s","nonce":"%s"}
                        """.formatted(marker, token, nonce))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, filed.statusCode(), "ucc-2 takes ucc's challenge: " + filed.body());

        // The PBX signs with the center's one secret: both nodes take its events.
        String pbxSecret = Files.readString(instances.resolve(".ucc.pbx-secret")).strip();
        for (String center : List.of("ucc", "ucc-2")) {
            byte[] event = ("{\"pbxCallId\":\"cf-" + marker + "-" + center + "\",\"type\":\"HANGUP\"}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> cti = http.send(HttpRequest.newBuilder(uri(center, "/api/v1/cti/events"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-NSOZ-PBX-Signature", CallsIT.sign(pbxSecret, event)).header(NodeClient.ANONYMOUS, "1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, cti.statusCode(), center + " takes the PBX's event: " + cti.body());
        }
        passed = true;
    }

    /** Whether the knowledge search of a center node returns the article for the word (asked once, no waiting). */
    static boolean searchFinds(String center, String word, String code) throws IOException, InterruptedException {
        HttpResponse<String> r = get(center, "/api/v1/knowledge/articles?q="
                + java.net.URLEncoder.encode(word, StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode hit : JSON.readTree(r.body()).path("items")) {
            if (code.equals(hit.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    static HttpResponse<String> send(String node, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> anonymous(String node, String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30))
                .header(NodeClient.ANONYMOUS, "1").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Registers {@code count} appeals at a region, one every {@link #PACE_MILLIS}; their numbers go to {@code into}. */
    static void register(String region, String tag, int count, Set<String> into) {
        try {
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(region, "/api/v1/appeals"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\","
                                + "\"text\":\"Синтетична пропозиція " + tag + " " + i + "\",\"topic\":\"" + tag
                                + "\"}")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(201, r.statusCode(), region + ": " + r.body());
                into.add(JSON.readTree(r.body()).get("registrationNumber").asText());
                long rest = PACE_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                if (rest > 0) {
                    TimeUnit.MILLISECONDS.sleep(rest);                       // the steady rate of the load, not a wait
                }
            }
        } catch (IOException e) {
            throw new AssertionError(region + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(region + ": interrupted", e);
        }
    }

    /**
     * Until the center node lists every one of the region's appeals tagged so, then: each registration number once,
     * and no other (the page's {@code total} counts rows of the center's database).
     */
    static void awaitExactlyOnce(String center, String region, String tag, Set<String> expected) {
        List<String> last = new ArrayList<>();
        Await.until(center + " holds the " + expected.size() + " appeals of " + region + " tagged " + tag, CATCH_UP,
                () -> {
                    try {
                        last.clear();
                        last.addAll(numbersAt(center, region, tag));
                        return last.size() >= expected.size();
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
        assertEquals(expected.size(), last.size(), "each of " + region + "'s appeals once at " + center);
        assertEquals(expected, Set.copyOf(last), region + "'s registration numbers at " + center);
    }

    /** Every registration number of a region's appeals with the tag in their topic, at a center node, all pages. */
    static List<String> numbersAt(String center, String region, String tag) throws IOException, InterruptedException {
        List<String> numbers = new ArrayList<>();
        int total = Integer.MAX_VALUE;
        for (int offset = 0; offset < total; offset += 500) {
            HttpResponse<String> r = get(center, "/api/v1/appeals?region=" + REGION.get(region) + "&q=" + tag
                    + "&limit=500&offset=" + offset);
            if (r.statusCode() != 200) {
                throw new IOException(center + " answered " + r.statusCode());
            }
            JsonNode page = JSON.readTree(r.body());
            total = page.get("total").asInt();
            page.get("items").forEach(i -> numbers.add(i.get("registrationNumber").asText()));
            if (page.get("items").isEmpty()) {
                break;
            }
        }
        return numbers;
    }

    /** Until a node's karaf.log has a line with the text (Artemis' message codes: AMQ221024, backup in sync). */
    static void awaitLog(String node, String text, Duration within) {
        Path log = instances.resolve(node + "/data/log/karaf.log");
        Await.until(node + "'s karaf.log says " + text, within, () -> {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                return lines.anyMatch(l -> l.contains(text));
            } catch (IOException e) {
                return false;
            }
        });
    }

    static URI uri(String node, String path) {
        return launcher.uri(node, path);
    }

    static HttpResponse<String> get(String node, String path) throws IOException, InterruptedException {
        return launcher.get(node, path);
    }
}
