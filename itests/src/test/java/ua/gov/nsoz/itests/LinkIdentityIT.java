package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Broker;

/**
 * Issue 11, part 1: every region is its own identity on the link. The center, kyiv-city and lviv run from the
 * launcher over mutual TLS; kyiv-city, with nothing but its own certificate and its own link password, tries to
 * speak for lviv, to take lviv's appeal, to read lviv's queue and to make queues at the center. Nothing of it is
 * applied, taken or made, and the honest traffic of both regions keeps flowing.
 */
class LinkIdentityIT {

    static final Duration WITHIN = Duration.ofMinutes(3);

    /** Set when the test passed: only then are the instances (and their logs) deleted. */
    static boolean passed;

    @BeforeAll
    static void setUp() throws IOException {
        LauncherTest.setUp();
        LauncherTest.EXTRA_ENV.put("NSOZ_LINK_TLS", "true");
    }

    @AfterAll
    static void tearDown() throws IOException {
        LauncherTest.EXTRA_ENV.clear();
        LauncherTest.stoppedCleanly = passed;
        LauncherTest.tearDown();
    }

    private static JsonNode post(String node, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = LauncherTest.http.send(HttpRequest.newBuilder(LauncherTest.uri(node, path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(r.statusCode() / 100 == 2, path + " -> " + r.statusCode() + " " + r.body());
        return LauncherTest.JSON.readTree(r.body());
    }

    private static String register(String node, String text) throws IOException, InterruptedException {
        return post(node, "/api/v1/appeals", "{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\",\"text\":\"" + text + "\"}")
                .get("id").asText();
    }

    private static String secret(String file) throws IOException {
        return Files.readString(LauncherTest.instances.resolve(file)).trim();
    }

    /** The center's link acceptor, as a region's broker reaches it: with that region's own certificate. */
    private static String centerLink(String region) throws IOException {
        Path tls = LauncherTest.instances.resolve(".link-tls");
        String pw = secret(".link-tls/password");
        return "tcp://127.0.0.1:" + LauncherTest.shiftedPort(61610) + "?sslEnabled=true&callTimeout=10000"
                + "&keyStoreType=PKCS12&keyStorePath=" + tls.resolve(region + ".p12") + "&keyStorePassword=" + pw
                + "&trustStoreType=PKCS12&trustStorePath=" + tls.resolve("truststore.p12") + "&trustStorePassword=" + pw;
    }

    private static Broker asRegion(String region) throws Exception {
        return new Broker(centerLink(region), "nsoz-link-" + region, secret("." + region + ".link-secret"));
    }

    private static JsonNode appealAt(String node, String id) throws Exception {
        HttpResponse<String> r = LauncherTest.get(node, "/api/v1/appeals/" + id);
        return r.statusCode() == 200 ? LauncherTest.JSON.readTree(r.body()) : null;
    }

    private static JsonNode awaitVersion(String node, String id, long version) throws Exception {
        return Await.result(node + " shows version " + version + " of " + id, WITHIN, () -> {
            JsonNode a = appealAt(node, id);
            return a != null && a.get("version").asLong() >= version ? a : null;
        });
    }

    private static JsonNode awaitDeadLetter(String messageId) throws Exception {
        return Await.result("a dead letter " + messageId + " at ucc", WITHIN, () -> {
            for (JsonNode d : LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/sync/dead-letters").body())
                    .get("items")) {
                if (messageId.equals(d.path("messageId").asText())) {
                    return d;
                }
            }
            return null;
        });
    }

    /** The document with a new message id (past the inbox and duplicate detection) and a later version. */
    private static String resent(String xml, String messageId) {
        return xml.replaceFirst("<messageId>[^<]+</messageId>", "<messageId>" + messageId + "</messageId>")
                .replaceFirst("<version>1</version>", "<version>9</version>")
                .replaceFirst("<status>[A-Z_]+</status>", "<status>ANSWERED</status>");
    }

    private static Map<String, String> forgedProperties(String messageId) {
        // What kyiv-city writes about itself is not believed: the center's broker stamps the user it authenticated.
        return Map.of("NsozMessageId", messageId, "NsozOrigin", "lviv", "_AMQ_DUPL_ID", "forged-" + messageId,
                "_AMQ_VALIDATED_USER", "nsoz-link-lviv", "NsozSender", "lviv");
    }

    @Test
    @DisplayName("A region cannot speak for another, take its appeal or its queue, or make queues at the center")
    void regionsAreKeptApart() throws Exception {
        // lviv alone first: its document waits on its own broker, where the test reads it as lviv's routes would.
        LauncherTest.startAll("lviv");
        String text = "Синтетична пропозиція про ремонт дороги";
        String a = register("lviv", text);
        Broker.Doc original = Await.result("lviv's document of " + a + " on its nsoz.out", WITHIN, () -> {
            try (Broker own = new Broker(LauncherTest.shiftedPort(61618), "nsoz-node", secret(".lviv.node-secret"))) {
                List<Broker.Doc> out = own.browse("nsoz.out");
                return out.stream().filter(d -> d.text().contains(a)).findFirst().orElse(null);
            }
        });
        LauncherTest.startAll("ucc", "kyiv-city");
        awaitVersion("ucc", a, 1);
        long logFrom = Files.size(LauncherTest.instances.resolve("ucc/data/log/karaf.log"));

        String forgedSource = UUID.randomUUID().toString();
        String forgedOwner = UUID.randomUUID().toString();
        try (Broker kyiv = asRegion("kyiv-city")) {
            // (1) lviv's own document, changed, sent by kyiv-city: the source it names is not who sent it.
            kyiv.send("nsoz.in", resent(original.text(), forgedSource).replace(text, "ПІДРОБКА"),
                    forgedProperties(forgedSource));
            // (2) kyiv-city claims lviv's appeal as its own: source and owner both kyiv-city.
            kyiv.send("nsoz.in", resent(original.text(), forgedOwner).replace(">lviv<", ">kyiv-city<")
                    .replace(text, "ПІДРОБКА"), forgedProperties(forgedOwner));
            // (3) lviv's queue: neither taken nor read.
            assertThrows(jakarta.jms.JMSSecurityException.class, () -> kyiv.receive("nsoz.to.lviv", 1000),
                    "kyiv-city consumes lviv's queue");
            assertThrows(jakarta.jms.JMSSecurityException.class, () -> kyiv.browse("nsoz.to.lviv"),
                    "kyiv-city browses lviv's queue");
            // (4) nothing new at the center: no queue of its own making, no temporary one, no other address.
            assertThrows(jakarta.jms.JMSSecurityException.class, () -> kyiv.receive("nsoz.to.kyiv-city-2", 500),
                    "kyiv-city makes a queue");
            assertThrows(jakarta.jms.JMSSecurityException.class, kyiv::makeTemporaryQueue,
                    "kyiv-city makes a temporary queue");
            assertThrows(jakarta.jms.JMSSecurityException.class, () -> kyiv.send("nsoz.dead", "x", Map.of()),
                    "kyiv-city writes to the center's dead letters");
            assertThrows(jakarta.jms.JMSSecurityException.class, () -> kyiv.browse("nsoz.in"),
                    "kyiv-city reads what the other regions sent");
        }
        // The same user cannot get lviv in with kyiv-city's password, nor kyiv-city in with lviv's.
        assertThrows(jakarta.jms.JMSException.class, () -> new Broker(centerLink("kyiv-city"), "nsoz-link-lviv",
                secret(".kyiv-city.link-secret")).close(), "lviv's user with kyiv-city's password");

        JsonNode deadSource;
        try {
            deadSource = awaitDeadLetter(forgedSource);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; at ucc: " + appealAt("ucc", a) + "; sync: "
                    + LauncherTest.get("ucc", "/api/v1/sync").body(), e);
        }
        assertTrue(deadSource.get("reason").asText().contains("came over the link from kyiv-city"), deadSource.toString());
        JsonNode deadOwner = awaitDeadLetter(forgedOwner);
        assertTrue(deadOwner.get("reason").asText().contains("owned by node lviv"), deadOwner.toString());
        JsonNode atCenter = appealAt("ucc", a);
        assertEquals(1, atCenter.get("version").asLong(), "nothing of the forgeries applied: " + atCenter);
        assertEquals(text, atCenter.get("text").asText());
        assertEquals("lviv", atCenter.get("node").asText());
        // The center's broker logged its refusals with the user it refused (Artemis' audit line AMQ601264, the only one
        // of its audit lines the node keeps: karaf-assembly/src/main/fragments/org.ops4j.pax.logging.cfg).
        LauncherTest.awaitLogLine(LauncherTest.instances.resolve("ucc/data/log/karaf.log"), logFrom,
                "AMQ601264: User nsoz-link-kyiv-city", Duration.ofSeconds(30));

        // The honest traffic of both regions flows: registrations reach the center, and the center's change request
        // reaches lviv through its queue, which kyiv-city could not take.
        Set<String> honest = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            honest.add(register("lviv", "Синтетична пропозиція Львова " + i));
            honest.add(register("kyiv-city", "Синтетична пропозиція Києва " + i));
        }
        for (String id : honest) {
            awaitVersion("ucc", id, 1);
        }
        post("lviv", "/api/v1/appeals/" + a + "/actions", "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}");
        awaitVersion("ucc", a, 2);
        JsonNode asked = post("ucc", "/api/v1/appeals/" + a + "/actions", "{\"action\":\"ACCEPT\"}");
        assertFalse(asked.get("applied").asBoolean(), "the center does not own it: it asks lviv");
        assertEquals("ACCEPTED", awaitVersion("lviv", a, 3).get("status").asText());
        assertEquals(text, awaitVersion("ucc", a, 3).get("text").asText());
        JsonNode dead = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/sync/dead-letters").body());
        assertEquals(2, dead.get("total").asLong(), "only the two forgeries are dead letters: " + dead);

        // Revoking kyiv-city as docs/link.md says: its user deleted, its connections closed; nothing more of it is
        // taken, and lviv goes on.
        String jaas = LauncherTest.karafShell("ucc", "jaas:realm-manage --realm karaf --module "
                + "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule; jaas:user-delete nsoz-link-kyiv-city; "
                + "jaas:update");
        String revoke = LauncherTest.karafShell("ucc", "nsoz:link-revoke kyiv-city");
        assertTrue(revoke.contains("nsoz.to.kyiv-city") && revoke.contains("nsoz-link-kyiv-city"), jaas + revoke);
        assertThrows(jakarta.jms.JMSException.class, () -> asRegion("kyiv-city").close(), "kyiv-city's login");
        String afterRevoke = register("kyiv-city", "Синтетична пропозиція після відкликання");
        String lvivAfter = register("lviv", "Синтетична пропозиція Львова після відкликання");
        awaitVersion("ucc", lvivAfter, 1);
        JsonNode held = Await.result("kyiv-city holds its appeal, not connected to the center", WITHIN, () -> {
            for (JsonNode l : LauncherTest.JSON.readTree(LauncherTest.get("kyiv-city", "/api/v1/sync").body())
                    .get("links")) {
                if ("ucc".equals(l.get("peer").asText()) && !l.get("connected").asBoolean()
                        && l.get("waitingOnBroker").asLong() >= 1) {
                    return l;
                }
            }
            return null;
        });
        assertEquals(404, LauncherTest.get("ucc", "/api/v1/appeals/" + afterRevoke).statusCode(),
                "nothing of a revoked region reaches the center: " + held);
        passed = true;
    }
}
