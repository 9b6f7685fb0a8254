package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.NodeClient;
import ua.gov.nsoz.itests.support.Shell;
import ua.gov.nsoz.itests.support.SharedNode;

/**
 * Calls (R13, issue 16) on the real distribution over real HTTP: the test plays the node's PBX (signed events and a
 * recording, no user) and the operator (HTTP Basic). A call rings, the operator's long poll returns it with the
 * caller's number and earlier appeal; it is answered, registered as an appeal and linked; the hang-up closes the record
 * with its duration; the recording arrives and is downloadable from the appeal's calls; a transfer to another contact
 * center's number names that center; a wrong signature is refused and audited. The shared node gets its PBX secret
 * through the shell, as an admin would set it (the launcher writes it into etc/ua.gov.nsoz.calls.cfg).
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsIT {

    /** The itest nodes' PBX secret (test-only; the launcher makes a random one per node). */
    static final String PBX_SECRET = "itest-pbx-secret-0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KarafNode node;

    @BeforeAll
    void connect(KarafNode node) throws IOException {
        this.node = node;
        configurePbxSecret(node);
    }

    /**
     * Gives the node the itests' PBX secret through the shell (config:edit of PID ua.gov.nsoz.calls) and waits until a
     * signed event is taken. Idempotent: every class that plays a PBX calls it.
     */
    static void configurePbxSecret(KarafNode node) throws IOException {
        try (Shell shell = new Shell(node)) {
            Shell.Result r = shell.run("config:edit ua.gov.nsoz.calls; config:property-set pbxSecret " + PBX_SECRET
                    + "; config:update");
            assertFalse(r.all().toLowerCase(java.util.Locale.ROOT).contains("error"), r.all());
        }
        String probe = "{\"pbxCallId\":\"probe-" + UUID.randomUUID() + "\",\"type\":\"HANGUP\"}";
        Await.until("the node takes events signed with the itests' PBX secret", Duration.ofSeconds(60), () -> {
            try {
                return pbx(node, "/api/v1/cti/events", "application/json", probe.getBytes(StandardCharsets.UTF_8),
                        sign(PBX_SECRET, probe.getBytes(StandardCharsets.UTF_8))).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** What a PBX sends in X-NSOZ-PBX-Signature. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST of the PBX: no user, the signature given. */
    static HttpResponse<String> pbx(KarafNode node, String path, String contentType, byte[] body, String signature)
            throws IOException {
        return KarafNode.Http.send(HttpRequest.newBuilder(node.url(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("Accept", "application/json").header("X-NSOZ-PBX-Signature", signature)
                .header(NodeClient.ANONYMOUS, "1"));
    }

    /**
     * A WAV of 0.01 s of near-silence, 8 kHz mono 8 bit, whose every byte is ASCII (header and samples below 0x80) (so that it may travel as a string
     * too, as AppealApiIT sends it); synthetic.
     */
    static byte[] wav() {
        int samples = 80; // 36 + 80 < 128: the RIFF and data sizes are ASCII bytes too
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples).put("WAVEfmt ".getBytes(
                StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
                .putInt(8000).putShort((short) 1).putShort((short) 8).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples);
        for (int i = 0; i < samples; i++) {
            b.put((byte) (i % 2 == 0 ? 0x7F : 0x7E));
        }
        return b.array();
    }

    HttpResponse<String> event(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return pbx(node, "/api/v1/cti/events", "application/json", body, sign(PBX_SECRET, body));
    }

    static String event(String pbxId, String type, Instant at, String caller, String extra) {
        return "{\"pbxCallId\":\"" + pbxId + "\",\"type\":\"" + type + "\",\"at\":\"" + at + "\""
                + (caller == null ? "" : ",\"callerNumber\":\"" + caller + "\",\"calledNumber\":\"1580\"")
                + ",\"operator\":\"" + KarafNode.OPERATOR_USER + "\"" + extra + "}";
    }

    HttpResponse<String> asOperator(String method, String path, String json) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.url(path)).header("Accept", "application/json")
                .header("Authorization", NodeClient.basic(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        }
        return KarafNode.Http.send(b);
    }

    JsonNode ok(HttpResponse<String> r) throws IOException {
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    /** The operator registers the caller's appeal (channel PHONE); its id and registration number. */
    String[] register(String text) throws IOException {
        JsonNode a = ok(asOperator("POST", "/api/v1/appeals", """
                {"kind":"APPLICATION","channel":"PHONE",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Абонент","address":"м. Львів, вул. Синтетична, 5",
                              "phone":"+380 67 000-00-00"},
                 "text":"%s"}
                """.formatted(text)));
        return new String[] {a.get("id").asText(), a.get("registrationNumber").asText()};
    }

    @Test
    @DisplayName("a PBX's call: ringing -> the operator's long poll -> answered -> appeal linked -> hang-up -> "
            + "recording downloadable from the appeal; a transfer names the center; a wrong signature is refused")
    void aCallEndToEnd() throws Exception {
        String caller = "+38067" + String.format("%07d", (int) (Math.random() * 10_000_000));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // An earlier call from the same number, registered as an appeal and linked.
        JsonNode earlier = ok(event(event("it-" + run + "-a", "RINGING", t0.minusSeconds(120), caller, ""))).get(0);
        ok(event(event("it-" + run + "-a", "ANSWERED", t0.minusSeconds(118), null, "")));
        String[] first = register("Синтетичне звернення з першого дзвінка " + run);
        ok(asOperator("PUT", "/api/v1/calls/" + earlier.get("id").asText() + "/appeal",
                "{\"appealId\":\"" + first[0] + "\"}"));
        ok(event(event("it-" + run + "-a", "HANGUP", t0.minusSeconds(60), null, "")));
        assertEquals("[]", asOperator("GET", "/api/v1/calls/ringing", null).body().replace(" ", ""),
                "nothing rings for the operator now");

        // 1. It rings: the operator's long poll (waiting first) returns the call with the number and earlier appeal.
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return asOperator("GET", "/api/v1/calls/ringing?wait=25", null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String pbxId = "it-" + run + "-b";
        JsonNode rang = ok(event(event(pbxId, "RINGING", t0, caller, ""))).get(0);
        assertEquals("RINGING", rang.get("state").asText());
        String callId = rang.get("id").asText();
        JsonNode calls = ok(poll.get(40, TimeUnit.SECONDS));
        assertEquals(1, calls.size(), calls.toString());
        JsonNode call = calls.get(0);
        assertEquals(callId, call.get("id").asText());
        assertEquals(caller, call.get("callerNumber").asText());
        assertEquals(first[1], call.get("earlierAppeals").get(0).get("registrationNumber").asText(), call.toString());

        // 2. Answered; the operator registers the appeal and links the call.
        ok(event(event(pbxId, "ANSWERED", t0.plusSeconds(4), null, "")));
        assertEquals("ANSWERED", ok(asOperator("GET", "/api/v1/calls/" + callId, null)).get("state").asText());
        String[] appeal = register("Синтетичне звернення з другого дзвінка " + run);
        JsonNode linked = ok(asOperator("PUT", "/api/v1/calls/" + callId + "/appeal",
                "{\"appealId\":\"" + appeal[1] + "\"}"));
        assertEquals(appeal[0], linked.get("appealId").asText());

        // 3. The hang-up closes the record with the conversation's duration.
        ok(event(event(pbxId, "HANGUP", t0.plusSeconds(4 + 95), null, "")));
        JsonNode ended = ok(asOperator("GET", "/api/v1/calls/" + callId, null));
        assertEquals("ENDED", ended.get("state").asText());
        assertEquals(95, ended.get("durationSeconds").asLong());
        assertEquals("[]", asOperator("GET", "/api/v1/calls/ringing", null).body().replace(" ", ""));

        // 4. The recording arrives and is downloadable from the appeal's calls.
        byte[] audio = wav();
        HttpResponse<String> stored = pbx(node, "/api/v1/cti/calls/" + pbxId + "/recording", "audio/wav", audio,
                sign(PBX_SECRET, audio));
        assertEquals(200, stored.statusCode(), stored.body());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));
        JsonNode appealCalls = ok(asOperator("GET", "/api/v1/appeals/" + appeal[0] + "/calls", null));
        assertEquals(callId, appealCalls.get(0).get("id").asText());
        assertEquals(sha, appealCalls.get(0).get("recordingSha256").asText());
        HttpResponse<byte[]> download;
        try {
            download = HttpClientHolder.send(node, "/api/v1/appeals/" + appeal[0] + "/calls/" + callId + "/recording");
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        assertEquals(200, download.statusCode());
        assertEquals("audio/wav", download.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(audio, download.body());

        // 5. A transfer to another center's number (Kyiv City's contact center of the reference base).
        String transferred = "it-" + run + "-c";
        String tid = ok(event(event(transferred, "RINGING", t0, caller, ""))).get(0).get("id").asText();
        ok(event(event(transferred, "ANSWERED", t0.plusSeconds(2), null, "")));
        ok(event(event(transferred, "TRANSFERRED", t0.plusSeconds(32), null,
                ",\"transferTo\":\"+380 44 000 15 51\"")));
        JsonNode t = ok(asOperator("GET", "/api/v1/calls/" + tid, null));
        assertEquals("TRANSFERRED", t.get("state").asText());
        assertEquals("+380 44 000 15 51", t.get("transferredTo").asText());
        assertEquals("CC-KYIV-CITY", t.get("transferredToCenter").asText());
        assertEquals(30, t.get("durationSeconds").asLong());

        // 6. A wrong signature: 401 JSON, nothing applied, a refused login of the PBX in the audit log.
        long before = refusedPbxLogins();
        String forged = event("it-" + run + "-d", "RINGING", Instant.now(), caller, "");
        byte[] forgedBody = forged.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = pbx(node, "/api/v1/cti/events", "application/json", forgedBody,
                sign("not-the-node-secret-0123456789", forgedBody));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals(401, JSON.readTree(refused.body()).get("status").asInt());
        assertEquals("[]", asOperator("GET", "/api/v1/calls/ringing", null).body().replace(" ", ""),
                "the forged call is not there");
        Await.until("the refused PBX request is in the audit log", Duration.ofSeconds(20),
                () -> refusedPbxLogins() > before);
    }

    long refusedPbxLogins() {
        try {
            return ok(KarafNode.Http.get(node.url("/api/v1/audit?user=pbx&action=LOGIN_REFUSED&limit=1")))
                    .get("total").asLong();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Binary GETs as the operator (KarafNode.Http answers strings). */
    static final class HttpClientHolder {
        static HttpResponse<byte[]> send(KarafNode node, String path) throws IOException, InterruptedException {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .sslContext(ua.gov.nsoz.itests.support.Tls.trusting(() -> List.of(KarafNode.tls().certificate())))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(HttpRequest.newBuilder(node.url(path)).GET().timeout(Duration.ofSeconds(30))
                    .header("Authorization", NodeClient.basic(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
