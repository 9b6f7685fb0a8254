package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.NodeClient;
import ua.gov.nsoz.itests.support.SharedNode;
import ua.gov.nsoz.itests.support.Shell;

/**
 * The staff workspace's cookie sessions on a real regional node over real HTTPS (issue 16): log in, read with the
 * cookie alone, be refused an unsafe method without the CSRF header and pass with it, log out and be refused after;
 * then the idle timeout, shortened through the shell as an admin would (PID ua.gov.nsoz.rest.session), while an open
 * session survives the change. No request here carries HTTP Basic credentials but the shell's.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_IDLE = 900;
    private static final long SHORT_IDLE = 10;

    private KarafNode node;

    /** A session as its client holds it. */
    record Session(String cookie, String csrf, JsonNode json) {
    }

    @BeforeAll
    void connect(KarafNode node) {
        this.node = node;
    }

    @AfterAll
    void restoreTheIdleTimeout() throws IOException {
        idleTimeout(DEFAULT_IDLE, null);
    }

    /** A request with no Basic credentials, with the session's cookie and CSRF token when given. */
    private HttpResponse<String> send(String method, String path, String body, String cookie, String csrf)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.url(path)).header(NodeClient.ANONYMOUS, "1")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", "NSOZ_SESSION=" + cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return KarafNode.Http.send(b);
    }

    private HttpResponse<String> loginAnswer(String user, String password) throws IOException {
        return send("POST", "/api/v1/session", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", null,
                null);
    }

    private Session login(String user, String password) throws IOException {
        HttpResponse<String> r = loginAnswer(user, password);
        assertEquals(201, r.statusCode(), r.body());
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(set.matches("NSOZ_SESSION=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict"), set);
        JsonNode json = JSON.readTree(r.body());
        return new Session(set.substring("NSOZ_SESSION=".length(), set.indexOf(';')), json.get("csrf").asText(), json);
    }

    /** Sets the idle timeout through the shell and waits until a new login tells it, checking a session meanwhile. */
    private void idleTimeout(long seconds, Session survivor) throws IOException {
        try (Shell shell = new Shell(node)) {
            Shell.Result r = shell.run("config:edit ua.gov.nsoz.rest.session; config:property-set idleTimeoutSeconds "
                    + seconds + "; config:update");
            assertFalse(r.all().toLowerCase(Locale.ROOT).contains("error"), r.all());
        }
        Await.until("a login tells the idle timeout " + seconds + " s", Duration.ofSeconds(60), () -> {
            try {
                if (survivor != null) {
                    HttpResponse<String> alive = send("GET", "/api/v1/session", null, survivor.cookie(), null);
                    assertEquals(200, alive.statusCode(), "the open session survives the change: " + alive.body());
                }
                Session probe = login(KarafNode.SUPERVISOR_USER, KarafNode.SUPERVISOR_PASSWORD);
                assertEquals(204, send("DELETE", "/api/v1/session", null, probe.cookie(), probe.csrf()).statusCode());
                return probe.json().get("idleTimeoutSeconds").asLong() == seconds;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    @Order(1)
    @DisplayName("Log in, read with the cookie, refused an unsafe method without the CSRF header (403), pass with it, "
            + "log out, refused after (401 without a Basic challenge)")
    void theLifeOfASession() throws IOException {
        HttpResponse<String> wrong = loginAnswer(KarafNode.OPERATOR_USER, "Wrong-" + UUID.randomUUID());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Session"),
                "no Basic challenge: " + wrong.headers());
        assertFalse(wrong.headers().firstValue("Set-Cookie").isPresent());
        assertTrue(JSON.readTree(wrong.body()).get("message").asText().contains(" / Wrong user name or password"));

        Session s = login(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD);
        assertEquals(KarafNode.OPERATOR_USER, s.json().get("user").asText());
        assertTrue(s.json().get("roles").toString().contains("\"nsoz-operator\""), s.json().toString());
        assertEquals("lviv", s.json().get("node").asText());
        assertEquals("REGIONAL", s.json().get("nodeRole").asText());
        assertEquals(DEFAULT_IDLE, s.json().get("idleTimeoutSeconds").asLong());

        HttpResponse<String> me = send("GET", "/api/v1/session", null, s.cookie(), null);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(s.csrf(), JSON.readTree(me.body()).get("csrf").asText());
        assertEquals(401, send("GET", "/api/v1/appeals?limit=1", null, null, null).statusCode(), "no cookie, no user");
        HttpResponse<String> read = send("GET", "/api/v1/appeals?limit=1", null, s.cookie(), null);
        assertEquals(200, read.statusCode(), "the cookie alone reads: " + read.body());

        String appeal = AppealApiIT.validAppeal("Сесія " + UUID.randomUUID());
        HttpResponse<String> noToken = send("POST", "/api/v1/appeals", appeal, s.cookie(), null);
        assertEquals(403, noToken.statusCode(), noToken.body());
        assertTrue(JSON.readTree(noToken.body()).get("message").asText().contains("X-CSRF-Token"), noToken.body());
        assertEquals(403, send("POST", "/api/v1/appeals", appeal, s.cookie(), s.csrf() + "x").statusCode());
        HttpResponse<String> registered = send("POST", "/api/v1/appeals", appeal, s.cookie(), s.csrf());
        assertEquals(201, registered.statusCode(), registered.body());
        String id = JSON.readTree(registered.body()).get("id").asText();

        HttpResponse<String> audit = KarafNode.Http.get(node.url("/api/v1/audit?appeal=" + id));
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"actor\":\"" + KarafNode.OPERATOR_USER + "\""),
                "the registration is the session user's: " + audit.body());
        HttpResponse<String> logins = KarafNode.Http.get(node.url("/api/v1/audit?action=LOGIN&user="
                + KarafNode.OPERATOR_USER + "&limit=5"));
        assertEquals(200, logins.statusCode(), logins.body());
        assertTrue(logins.body().contains("\"action\":\"LOGIN\""), logins.body());
        assertFalse(logins.body().contains(s.cookie()) || logins.body().contains(s.csrf()), "never the session");

        assertEquals(403, send("DELETE", "/api/v1/session", null, s.cookie(), null).statusCode(),
                "a logout needs the CSRF token too");
        HttpResponse<String> out = send("DELETE", "/api/v1/session", null, s.cookie(), s.csrf());
        assertEquals(204, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().startsWith("NSOZ_SESSION=; Path=/; Max-Age=0"),
                out.headers().toString());

        HttpResponse<String> after = send("GET", "/api/v1/appeals?limit=1", null, s.cookie(), null);
        assertEquals(401, after.statusCode(), after.body());
        assertTrue(after.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Session"),
                after.headers().toString());
        assertEquals(401, send("GET", "/api/v1/session", null, s.cookie(), null).statusCode());
        assertEquals(401, send("POST", "/api/v1/appeals", appeal, s.cookie(), s.csrf()).statusCode(),
                "the old token is worth nothing either");
        assertTrue(KarafNode.Http.get(node.url("/api/v1/audit?action=LOGOUT&user=" + KarafNode.OPERATOR_USER))
                .body().contains("\"action\":\"LOGOUT\""));
    }

    @Test
    @Order(2)
    @DisplayName("The idle timeout, shortened through the shell (the open session survives the change): a used session "
            + "lives on, one unused for the timeout is refused")
    void idleTimeout() throws IOException {
        Session survivor = login(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD);
        idleTimeout(SHORT_IDLE, survivor);

        Session s = login(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD);
        assertEquals(SHORT_IDLE, s.json().get("idleTimeoutSeconds").asLong());
        long used = System.nanoTime(); // the session was last used before this
        long half = Duration.ofSeconds(SHORT_IDLE / 2).toNanos();
        Await.until("half the idle timeout has passed", Duration.ofSeconds(30), () -> System.nanoTime() - used > half);
        HttpResponse<String> inTime = send("GET", "/api/v1/appeals?limit=1", null, s.cookie(), null);
        assertEquals(200, inTime.statusCode(), "used within the idle timeout: " + inTime.body());
        Await.until("half the idle timeout has passed again", Duration.ofSeconds(30),
                () -> System.nanoTime() - used > 2 * half + Duration.ofMillis(500).toNanos());
        HttpResponse<String> extended = send("GET", "/api/v1/session", null, s.cookie(), null);
        assertEquals(200, extended.statusCode(), "more than the idle timeout after the login, but used meanwhile");

        long lastUse = System.nanoTime();
        long idle = Duration.ofSeconds(SHORT_IDLE + 1).toNanos();
        Await.until("the idle timeout has passed since the last use", Duration.ofSeconds(60),
                () -> System.nanoTime() - lastUse > idle);
        HttpResponse<String> expired = send("GET", "/api/v1/appeals?limit=1", null, s.cookie(), null);
        assertEquals(401, expired.statusCode(), expired.body());
        assertTrue(JSON.readTree(expired.body()).get("message").asText().contains("log in again"), expired.body());
        assertEquals(401, send("GET", "/api/v1/session", null, s.cookie(), null).statusCode());
    }
}
