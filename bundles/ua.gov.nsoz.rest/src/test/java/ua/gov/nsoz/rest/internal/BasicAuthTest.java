package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** REST logins throttled per client address, on a simulated clock, and every refusal recorded. */
@DisplayName("REST: failed logins are throttled per client address and recorded")
class BasicAuthTest {

    /** What one request got: the abort answer, or the caller it runs as. */
    record Outcome(Response aborted, SecurityContext security) {
        int status() {
            return aborted == null ? 200 : aborted.getStatus();
        }
    }

    record Refusal(String user, String address, String reason) {
    }

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicReference<String> from = new AtomicReference<>("10.0.0.66");
    private final AtomicInteger checks = new AtomicInteger();
    private final List<Refusal> refusals = new ArrayList<>();

    /** The realm knows operator/right and clerk/right2. */
    private final BasicAuth auth = new BasicAuth((user, password) -> {
        checks.incrementAndGet();
        String p = new String(password);
        if (user.equals("operator") && p.equals("right") || user.equals("clerk") && p.equals("right2")) {
            return Set.of("nsoz-operator");
        }
        return null;
    }, from::get, (u, a, r) -> refusals.add(new Refusal(u, a, r)), clock::get);

    private Outcome login(String address, String user, String password) {
        from.set(address);
        String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        AtomicReference<Response> aborted = new AtomicReference<>();
        AtomicReference<SecurityContext> security = new AtomicReference<>();
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                ContainerRequestContext.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> HttpHeaders.AUTHORIZATION.equals(a[0]) ? header : null;
                    case "abortWith" -> {
                        aborted.set((Response) a[0]);
                        yield null;
                    }
                    case "getSecurityContext" -> null;
                    case "setSecurityContext" -> {
                        security.set((SecurityContext) a[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        auth.filter(request);
        return new Outcome(aborted.get(), security.get());
    }

    private static JsonNode json(Response r) throws Exception {
        return SyncResourceTest.JSON.readTree(SyncResourceTest.JSON.writeValueAsString(r.getEntity()));
    }

    @Test
    @DisplayName("After 10 free failures from one address the next one closes it: 429 with Retry-After and no password checked, even a right one; another address is not affected")
    void anAddressIsClosedAfterTenFailures() throws Exception {
        for (int i = 0; i < ClientThrottle.FREE; i++) {
            assertEquals(401, login("10.0.0.66", "user" + i, "guess" + i).status(), "failure " + (i + 1) + " is free");
        }
        assertEquals(200, login("10.0.0.66", "operator", "right").status(), "still open after the free failures");
        assertEquals(401, login("10.0.0.66", "user", "guess").status(), "one more failure closes it");
        assertEquals(ClientThrottle.FREE + 2, checks.get());

        Outcome closed = login("10.0.0.66", "operator", "right");
        assertEquals(429, closed.status(), "closed, even for the right password");
        assertEquals(ClientThrottle.FREE + 2, checks.get(), "no password was checked");
        assertEquals("1", closed.aborted().getHeaderString("Retry-After"));
        JsonNode body = json(closed.aborted());
        assertEquals(429, body.get("status").asInt());
        assertEquals("Too Many Requests", body.get("error").asText());
        assertTrue(body.get("message").asText().matches(".*[а-яі].* / Too many failed logins.*"), body.toString());
        assertNull(closed.security());

        Outcome elsewhere = login("10.0.0.7", "operator", "right");
        assertEquals(200, elsewhere.status(), "a user at another address is not affected");
        assertEquals("operator", elsewhere.security().getUserPrincipal().getName());
    }

    @Test
    @DisplayName("The window doubles from 1 s up to 30 s, each after the last failure; a remembered login does not pass a closed address")
    void theWindowGrowsAndIsCapped() {
        assertEquals(200, login("10.0.0.66", "operator", "right").status()); // now remembered
        for (int i = 0; i < ClientThrottle.FREE; i++) {
            login("10.0.0.66", "operator", "wrong");
        }
        List<String> retryAfter = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            assertEquals(401, login("10.0.0.66", "operator", "wrong").status(), "the window had passed");
            Outcome closed = login("10.0.0.66", "operator", "right");
            assertEquals(429, closed.status(), "the remembered right login is refused too while closed");
            retryAfter.add(closed.aborted().getHeaderString("Retry-After"));
            clock.addAndGet(ClientThrottle.CAP_MILLIS); // past the window, but not long enough to be forgotten
        }
        assertEquals(List.of("1", "2", "4", "8", "16", "30", "30", "30"), retryAfter);

        clock.addAndGet(ClientThrottle.FORGET_MILLIS + 1);
        for (int i = 0; i < ClientThrottle.FREE; i++) {
            assertEquals(401, login("10.0.0.66", "operator", "wrong").status(),
                    "an address quiet for a minute starts again from zero");
        }
    }

    @Test
    @DisplayName("Successful logins are never counted: many of them and 10 failures leave the address open")
    void successesAreNotCounted() {
        for (int i = 0; i < 50; i++) {
            assertEquals(200, login("10.0.0.66", i % 2 == 0 ? "operator" : "clerk", i % 2 == 0 ? "right" : "right2")
                    .status());
        }
        for (int i = 0; i < ClientThrottle.FREE; i++) {
            assertEquals(401, login("10.0.0.66", "operator", "wrong").status());
        }
        assertEquals(200, login("10.0.0.66", "operator", "right").status(), "the free failures did not close it");
        assertEquals(401, login("10.0.0.66", "clerk", "wrong").status(), "the eleventh in a row closes it");
        assertEquals(429, login("10.0.0.66", "clerk", "right2").status());
    }

    @Test
    @DisplayName("Every refused login is recorded with the user name tried, the address and why, never the password; a closed address once per window")
    void refusalsAreRecordedWithoutThePassword() {
        for (int i = 0; i <= ClientThrottle.FREE; i++) {
            assertEquals(401, login("10.0.0.66", "operator", "Secret-" + i).status());
        }
        assertEquals(ClientThrottle.FREE + 1, refusals.size());
        Refusal first = refusals.get(0);
        assertEquals("operator", first.user());
        assertEquals("10.0.0.66", first.address());
        assertTrue(first.reason().startsWith("wrong user name or password"), first.reason());

        for (int i = 0; i < 100; i++) {
            assertEquals(429, login("10.0.0.66", "admin", "Secret-x" + i).status());
        }
        assertEquals(ClientThrottle.FREE + 2, refusals.size(), "100 refusals of one window: one entry");
        Refusal throttled = refusals.get(ClientThrottle.FREE + 1);
        assertEquals("admin", throttled.user());
        assertTrue(throttled.reason().startsWith("too many failed logins from this address"), throttled.reason());

        clock.addAndGet(ClientThrottle.FIRST_MILLIS);
        login("10.0.0.66", "admin", "Secret-y"); // checked: a failure, the next window
        login("10.0.0.66", "admin", "Secret-z"); // refused: the first of the new window
        assertEquals(ClientThrottle.FREE + 4, refusals.size());
        assertFalse(refusals.stream().anyMatch(r -> r.toString().contains("Secret")), "no password: " + refusals);
        assertEquals(200, login("10.0.0.8", "operator", "right").status());
        assertEquals(ClientThrottle.FREE + 4, refusals.size(), "a success is not recorded as a refusal");
    }
}
