package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.ws.rs.WebApplicationException;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.calls.CallCenter;
import ua.gov.nsoz.api.calls.CallRecord;
import ua.gov.nsoz.api.calls.CallState;
import ua.gov.nsoz.calls.internal.CallCenterComponent;
import ua.gov.nsoz.calls.internal.CallsConfig;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;

/** The PBX's HTTP adapter over the real call center and a real Derby: signed events and recordings, refusals. */
@DisplayName("REST: the PBX's events and recordings, signed with the node's PBX secret")
class CtiResourceTest {

    static final String SECRET = "synthetic-pbx-secret-0123456789";
    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    final List<AuditEntry> audit = new ArrayList<>();
    final AudioStore store = new AudioStore();
    CallCenter calls;
    CtiResource cti;

    static CallsConfig config(String secret) {
        return new CallsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CallsConfig.class;
            }

            @Override
            public String pbxSecret() {
                return secret;
            }

            @Override
            public int ringingMinutes() {
                return 10;
            }

            @Override
            public int answeredHours() {
                return 4;
            }
        };
    }

    /** The real call center over a fresh Derby in the folder. */
    static CallCenter callCenter(Path dir) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        ds.setCreateDatabase("create");
        return new CallCenterComponent(ds, config(SECRET));
    }

    /** What a PBX sends in {@code X-NSOZ-PBX-Signature}. */
    static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** A WAV of 0.01 s of silence (synthetic). */
    static byte[] wav() {
        byte[] b = new byte[44 + 160];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = (byte) (b.length - 8);
        System.arraycopy("WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        return b;
    }

    /** An in-memory store of audio (WAV) and PDF by their magic, as the real store tells them. */
    static final class AudioStore implements DocumentStore {
        final Map<String, byte[]> files = new HashMap<>();

        @Override
        public StoredDocument put(InputStream content, String fileName) throws DocumentRejectedException, IOException {
            byte[] b = content.readAllBytes();
            String type = new String(b, 0, Math.min(4, b.length), StandardCharsets.ISO_8859_1).equals("RIFF")
                    ? "audio/wav" : "application/pdf";
            String sha = sha(b);
            files.put(sha, b);
            return new StoredDocument(sha, type, b.length, T);
        }

        @Override
        public Optional<StoredDocument> find(String sha256) {
            byte[] b = files.get(sha256);
            return b == null ? Optional.empty() : Optional.of(new StoredDocument(sha256, "audio/wav", b.length, T));
        }

        @Override
        public InputStream open(String sha256) {
            byte[] b = files.get(sha256);
            if (b == null) {
                throw new NoSuchElementException(sha256);
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public DocumentLimits limits() {
            return new DocumentLimits(1024 * 1024, 10, List.of("audio/wav"));
        }
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void setUp() {
        calls = callCenter(dir);
        cti = new CtiResource(calls, store, new Callers(CallersTest.node("lviv"), CallersTest.audit(audit)));
    }

    List<CtiResource.Accepted> post(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return cti.events(new ByteArrayInputStream(body), sign(body));
    }

    static int status(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(WebApplicationException.class, call).getResponse().getStatus();
    }

    @Test
    @DisplayName("a signed event, then a signed array of events, are applied in order")
    void signedEvents() throws Exception {
        List<CtiResource.Accepted> one = post("{\"pbxCallId\":\"pbx-1\",\"type\":\"RINGING\",\"callerNumber\":"
                + "\"+380670000001\",\"calledNumber\":\"1580\",\"operator\":\"op1\",\"at\":\"2026-03-02T09:00:00Z\"}");
        assertEquals(1, one.size());
        assertEquals(CallState.RINGING, one.get(0).state());
        List<CtiResource.Accepted> two = post("[{\"pbxCallId\":\"pbx-1\",\"type\":\"ANSWERED\",\"at\":"
                + "\"2026-03-02T09:00:04Z\"},{\"pbxCallId\":\"pbx-1\",\"type\":\"HANGUP\",\"at\":"
                + "\"2026-03-02T09:01:04Z\"}]");
        assertEquals(List.of(CallState.ANSWERED, CallState.ENDED), two.stream().map(CtiResource.Accepted::state)
                .toList());
        CallRecord r = calls.get(one.get(0).id()).orElseThrow();
        assertEquals(60, r.durationSeconds());
        assertEquals("+380670000001", r.callerNumber());
        assertTrue(audit.isEmpty(), "a PBX's good requests are no logins refused: " + audit);
    }

    @Test
    @DisplayName("a wrong, missing or other body's signature: 401, nothing applied, a refused login of 'pbx' audited")
    void badSignature() throws Exception {
        byte[] body = "{\"pbxCallId\":\"pbx-2\",\"type\":\"RINGING\",\"operator\":\"op1\"}".getBytes(
                StandardCharsets.UTF_8);
        assertEquals(401, status(() -> cti.events(new ByteArrayInputStream(body), null)));
        assertEquals(401, status(() -> cti.events(new ByteArrayInputStream(body), sign("{}".getBytes(
                StandardCharsets.UTF_8)))));
        assertEquals(401, status(() -> cti.events(new ByteArrayInputStream(body), "sha256=" + "0".repeat(64))));
        assertEquals(List.of(), calls.ringing("op1"), "nothing of an unsigned body is applied");
        assertEquals(3, audit.size());
        AuditEntry e = audit.get(0);
        assertEquals(AuditAction.LOGIN_REFUSED, e.action());
        assertEquals("pbx", e.actor());
        assertTrue(e.what().contains("PBX signature"), e.what());
    }

    @Test
    @DisplayName("malformed JSON, an unknown field or type, a malformed event: refused (400 by the error mappers)")
    void malformed() {
        assertThrows(JsonProcessingException.class, () -> post("{\"pbxCallId\":"));
        assertThrows(JsonProcessingException.class, () -> post("{\"pbxCallId\":\"x\",\"type\":\"RANG\"}"));
        assertThrows(JsonProcessingException.class, () -> post("{\"pbxCallId\":\"x\",\"type\":\"RINGING\",\"x\":1}"));
        assertThrows(ValidationException.class, () -> post("{\"type\":\"RINGING\"}"));
        assertThrows(ValidationException.class, () -> post("\"RINGING\""));
        assertThrows(ValidationException.class, () -> post(""));
    }

    @Test
    @DisplayName("a signed recording is stored and named by the call; unsigned: 401, not stored; not audio: 415")
    void recording() throws Exception {
        post("{\"pbxCallId\":\"pbx-3\",\"type\":\"RINGING\",\"callerNumber\":\"+380670000003\",\"operator\":\"op1\"}");
        byte[] audio = wav();
        assertEquals(401, status(() -> cti.recording("pbx-3", new ByteArrayInputStream(audio), "sha256=" + "a"
                .repeat(64))));
        assertTrue(store.files.isEmpty(), "nothing unauthenticated reaches the store");
        assertEquals(1, audit.size());

        CtiResource.Accepted a = cti.recording("pbx-3", new ByteArrayInputStream(audio), sign(audio));
        assertEquals(sha(audio), calls.get(a.id()).orElseThrow().recordingSha256());
        assertTrue(store.files.containsKey(sha(audio)));

        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(415, status(() -> cti.recording("pbx-3", new ByteArrayInputStream(pdf), sign(pdf))));
        assertEquals(404, status(() -> cti.recording("pbx-none", new ByteArrayInputStream(audio), sign(audio))));
        assertNull(calls.get("no-such").orElse(null));
    }
}
