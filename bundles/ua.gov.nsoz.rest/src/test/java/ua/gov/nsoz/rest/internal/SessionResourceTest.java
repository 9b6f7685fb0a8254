package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;

/**
 * The staff workspace's sessions end to end inside the REST bundle: the login resource, the cookie and CSRF check of
 * the authentication filter, the 401 without a Basic challenge once a session ended, the shared throttle and the
 * audit entries. Realm, clock and audit log are fakes; the store, resource and filters are the real ones.
 */
@DisplayName("REST: sessions of the staff workspace (login, cookie, CSRF, logout, throttle, audit)")
class SessionResourceTest {

    /** What one request got through the filters: the abort answer, or the caller it runs as. */
    record Outcome(Response aborted, SecurityContext security, Map<String, Object> properties) {
        int status() {
            return aborted == null ? 200 : aborted.getStatus();
        }
    }

    record Audited(String actor, Set<String> roles, AuditAction action, String what) {
    }

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final AtomicInteger checks = new AtomicInteger();
    private final List<String> refusals = new ArrayList<>();
    private final List<Audited> audited = new ArrayList<>();
    private final SessionStore store = new SessionStore(SessionStoreTest.config(900, 28_800, 20), clock::get, false);

    private final BasicAuth.Realm realm = (user, password) -> {
        checks.incrementAndGet();
        String p = new String(password);
        if (user.equals("operator") && p.equals("Right-1")) {
            return Set.of("nsoz-operator", "ssh");
        }
        if (user.equals("clerk") && p.equals("Right-2")) {
            return Set.of("nsoz-clerk", "nsoz-body-MOZ", "ssh");
        }
        return null;
    };

    private final SessionResource resource = new SessionResource(store, realm, () -> "10.0.0.5",
            (u, a, r) -> refusals.add(u + " " + a + " " + r),
            (caller, action, what) -> audited.add(new Audited(caller.actor().name(), caller.actor().roles(), action,
                    what)), lviv());

    private final BasicAuth filter = new BasicAuth(realm, () -> "10.0.0.5", (u, a, r) -> refusals.add(u + " " + a
            + " " + r), clock::get, () -> store);

    static NodeIdentity lviv() {
        return (NodeIdentity) Proxy.newProxyInstance(NodeIdentity.class.getClassLoader(),
                new Class<?>[] {NodeIdentity.class}, (p, m, a) -> switch (m.getName()) {
                    case "nodeId" -> "lviv";
                    case "role" -> NodeRole.REGIONAL;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static JsonNode json(Response r) throws Exception {
        return SyncResourceTest.JSON.readTree(SyncResourceTest.JSON.writeValueAsString(r.getEntity()));
    }

    /** @return the cookie's value in a Set-Cookie header */
    private static String cookieOf(Response r) {
        String set = r.getHeaderString(HttpHeaders.SET_COOKIE);
        return set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    }

    /** Runs a request through the authentication filter, then (when it passed) the authorization filter. */
    private Outcome request(String method, String path, String cookie, String csrf, String authorization,
            Operation operation) throws Exception {
        AtomicReference<Response> aborted = new AtomicReference<>();
        AtomicReference<SecurityContext> security = new AtomicReference<>();
        Map<String, Object> properties = new HashMap<>();
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getPath" -> path;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                ContainerRequestContext.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> HttpHeaders.AUTHORIZATION.equals(a[0]) ? authorization
                            : SessionStore.CSRF_HEADER.equals(a[0]) ? csrf : null;
                    case "getCookies" -> cookie == null ? Map.of()
                            : Map.of(SessionStore.COOKIE, new Cookie(SessionStore.COOKIE, cookie));
                    case "getMethod" -> method;
                    case "getUriInfo" -> uri;
                    case "abortWith" -> {
                        aborted.set((Response) a[0]);
                        yield null;
                    }
                    case "getSecurityContext" -> security.get();
                    case "setSecurityContext" -> {
                        security.set((SecurityContext) a[0]);
                        yield null;
                    }
                    case "setProperty" -> {
                        properties.put((String) a[0], a[1]);
                        yield null;
                    }
                    case "getProperty" -> properties.get((String) a[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        filter.filter(request);
        if (aborted.get() == null) {
            authorize(operation).filter(request);
        }
        return new Outcome(aborted.get(), security.get(), properties);
    }

    /** The real Authorize filter for a resource method that needs the operation. */
    private static Authorize authorize(Operation operation) throws Exception {
        Method method = Methods.class.getDeclaredMethod(operation == Operation.PUBLIC ? "open" : "appeals");
        ResourceInfo info = (ResourceInfo) Proxy.newProxyInstance(ResourceInfo.class.getClassLoader(),
                new Class<?>[] {ResourceInfo.class}, (p, m, a) -> switch (m.getName()) {
                    case "getResourceMethod" -> method;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Authorize authorize = new Authorize(new Callers(lviv(), (ua.gov.nsoz.api.audit.AuditLog) Proxy.newProxyInstance(
                ua.gov.nsoz.api.audit.AuditLog.class.getClassLoader(),
                new Class<?>[] {ua.gov.nsoz.api.audit.AuditLog.class}, (p, m, a) -> {
                    throw new UnsupportedOperationException(m.getName());
                })));
        Field f = Authorize.class.getDeclaredField("resource");
        f.setAccessible(true);
        f.set(authorize, info);
        return authorize;
    }

    /** Resource methods to authorize against. */
    static final class Methods {
        @Allowed(Operation.PUBLIC)
        void open() {
        }

        @Allowed(Operation.APPEAL_SEARCH)
        void appeals() {
        }
    }

    private Response login(String user, String password) {
        return resource.login(new SessionResource.LoginJson(user, password));
    }

    @Test
    @DisplayName("A login opens a session: 201, a Secure HttpOnly SameSite=Strict cookie of 256 bits, the user's NSOZ roles, bodies, node, CSRF token, idle timeout and end; audited as LOGIN")
    void loginOpensASession() throws Exception {
        Response r = login("clerk", "Right-2");
        assertEquals(201, r.getStatus());
        assertEquals("/api/v1/session", r.getLocation().toString());
        String set = r.getHeaderString(HttpHeaders.SET_COOKIE);
        assertTrue(set.matches("NSOZ_SESSION=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict"), set);
        JsonNode s = json(r);
        assertEquals("clerk", s.get("user").asText());
        assertEquals("[\"nsoz-clerk\"]", s.get("roles").toString(), "NSOZ roles only; the body apart");
        assertEquals("[\"MOZ\"]", s.get("bodies").toString());
        assertEquals("lviv", s.get("node").asText());
        assertEquals("REGIONAL", s.get("nodeRole").asText());
        assertTrue(s.get("csrf").asText().matches("[A-Za-z0-9_-]{43}"), s.toString());
        assertEquals(900, s.get("idleTimeoutSeconds").asLong());
        assertEquals(java.time.Instant.ofEpochMilli(clock.get() + 28_800_000L).toString(),
                s.get("expiresAt").asText());
        assertFalse(s.toString().contains(cookieOf(r)), "the id only in the cookie");
        assertEquals(List.of(new Audited("clerk", Set.of("nsoz-clerk", "nsoz-body-MOZ", "ssh"), AuditAction.LOGIN,
                "POST /session (a session of the staff workspace opened)")), audited);

        Response again = resource.get(cookieOf(r));
        assertEquals(200, again.getStatus());
        assertEquals(s, json(again), "GET tells the same session, its CSRF token included");
    }

    @Test
    @DisplayName("A wrong password is a 401 JSON without a Basic challenge, recorded as a refused login without the password; no session")
    void wrongPasswordIsRefused() throws Exception {
        Response r = login("operator", "Wrong-Secret");
        assertEquals(401, r.getStatus());
        assertEquals("Session realm=\"nsoz\"", r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertNull(r.getHeaderString(HttpHeaders.SET_COOKIE));
        JsonNode e = json(r);
        assertEquals(401, e.get("status").asInt());
        assertTrue(e.get("message").asText().matches(".*[а-яі].* / Wrong user name or password"), e.toString());
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("operator 10.0.0.5 wrong user name or password"), refusals.toString());
        assertFalse(refusals.toString().contains("Wrong-Secret"));
        assertTrue(audited.isEmpty());
        assertEquals(0, store.size());

        ValidationException missing = assertThrows(ValidationException.class, () -> login(" ", null));
        assertEquals(List.of("user", "password"), missing.errors().stream().map(f -> f.field()).toList());
        assertThrows(ValidationException.class, () -> resource.login(null));
        assertFalse(new SessionResource.LoginJson("operator", "Right-1").toString().contains("Right-1"));
    }

    @Test
    @DisplayName("Session and Basic logins share the per-address throttle: 10 free failures in all, then 429 with Retry-After for both, no password checked")
    void throttledLikeBasicLogins() throws Exception {
        for (int i = 0; i < ClientThrottle.FREE / 2; i++) {
            assertEquals(401, login("operator", "guess-" + i).getStatus());
            assertEquals(401, request("GET", "appeals", null, null, NodeClientBasic.of("operator", "guess-b" + i),
                    Operation.APPEAL_SEARCH).status());
        }
        assertEquals(401, login("operator", "one-more").getStatus(), "the eleventh closes the address");
        int checked = checks.get();
        Response closed = login("operator", "Right-1");
        assertEquals(429, closed.getStatus(), "closed, even for the right password");
        assertEquals("1", closed.getHeaderString("Retry-After"));
        assertEquals(429, request("GET", "appeals", null, null, NodeClientBasic.of("operator", "Right-1"),
                Operation.APPEAL_SEARCH).status(), "Basic from the address too");
        assertEquals(checked, checks.get(), "no password was checked");
        assertEquals(0, store.size());
        clock.addAndGet(ClientThrottle.FIRST_MILLIS);
        assertEquals(201, login("operator", "Right-1").getStatus(), "open again after the window");
    }

    @Test
    @DisplayName("The cookie authenticates any request as the session's user; an unsafe method needs the session's X-CSRF-Token (403 without or with a wrong one)")
    void cookieAndCsrf() throws Exception {
        Response r = login("operator", "Right-1");
        String id = cookieOf(r);
        String csrf = json(r).get("csrf").asText();

        Outcome read = request("GET", "appeals", id, null, null, Operation.APPEAL_SEARCH);
        assertEquals(200, read.status());
        assertEquals("operator", read.security().getUserPrincipal().getName());
        assertEquals(BasicAuth.SESSION_SCHEME, read.security().getAuthenticationScheme());
        assertTrue(read.security().isUserInRole("nsoz-operator"));
        assertEquals(new AccessRules.Caller(new ua.gov.nsoz.api.Actor("operator", Set.of("nsoz-operator", "ssh")),
                "lviv").actor(), Callers.actor(read.security()));

        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            Outcome without = request(method, "appeals", id, null, null, Operation.APPEAL_SEARCH);
            assertEquals(403, without.status(), method);
            assertNull(without.security());
            JsonNode e = json(without.aborted());
            assertTrue(e.get("message").asText().contains("X-CSRF-Token"), e.toString());
            assertEquals(403, request(method, "appeals", id, "wrong-" + csrf, null, Operation.APPEAL_SEARCH).status());
            assertEquals(200, request(method, "appeals", id, csrf, null, Operation.APPEAL_SEARCH).status(), method);
        }
        assertEquals(200, request("HEAD", "appeals", id, null, null, Operation.APPEAL_SEARCH).status());
        assertEquals(200, request("OPTIONS", "appeals", id, null, null, Operation.APPEAL_SEARCH).status());

        Outcome basic = request("POST", "appeals", id, null, NodeClientBasic.of("clerk", "Right-2"),
                Operation.APPEAL_SEARCH);
        assertEquals(200, basic.status(), "Basic credentials win over a cookie, and need no CSRF token");
        assertEquals("clerk", basic.security().getUserPrincipal().getName());

        Outcome relogin = request("POST", "session", id, null, null, Operation.PUBLIC);
        assertEquals(200, relogin.status(), "a login ignores the cookie it carries (no CSRF token needed)");
        assertNull(relogin.security());
    }

    @Test
    @DisplayName("After a logout (204, cookie cleared, audited as LOGOUT) or the idle timeout the cookie is no caller: 401 without a Basic challenge, public operations still answer")
    void afterTheEnd() throws Exception {
        Response r = login("operator", "Right-1");
        String id = cookieOf(r);
        String csrf = json(r).get("csrf").asText();
        assertEquals(403, request("DELETE", "session", id, null, null, Operation.PUBLIC).status(),
                "a logout needs the CSRF token too");
        assertEquals(200, request("DELETE", "session", id, csrf, null, Operation.PUBLIC).status());
        Response out = resource.logout(id);
        assertEquals(204, out.getStatus());
        assertTrue(out.getHeaderString(HttpHeaders.SET_COOKIE).startsWith("NSOZ_SESSION=; Path=/; Max-Age=0;"),
                out.getHeaderString(HttpHeaders.SET_COOKIE));
        assertEquals(AuditAction.LOGOUT, audited.get(audited.size() - 1).action());
        assertEquals("operator", audited.get(audited.size() - 1).actor());
        assertEquals(204, resource.logout(id).getStatus(), "again: nothing to end, still 204");
        assertEquals(2, audited.size(), "one LOGIN, one LOGOUT");

        Outcome after = request("GET", "appeals", id, null, null, Operation.APPEAL_SEARCH);
        assertEquals(401, after.status());
        assertEquals("Session realm=\"nsoz\"", after.aborted().getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertTrue(json(after.aborted()).get("message").asText().contains("log in again"));
        assertEquals(200, request("GET", "node", id, null, null, Operation.PUBLIC).status(),
                "an ended session does not stop the public operations");
        assertEquals(401, resource.get(id).getStatus());
        assertEquals(401, resource.get(null).getStatus());

        Response idle = login("operator", "Right-1");
        String idleId = cookieOf(idle);
        clock.addAndGet(899_000);
        assertEquals(200, request("GET", "appeals", idleId, null, null, Operation.APPEAL_SEARCH).status());
        clock.addAndGet(900_000);
        assertEquals(401, request("GET", "appeals", idleId, null, null, Operation.APPEAL_SEARCH).status(),
                "idle for 15 minutes");
        assertEquals(401, resource.get(idleId).getStatus());

        javax.ws.rs.NotAuthorizedException none = assertThrows(javax.ws.rs.NotAuthorizedException.class,
                () -> request("GET", "appeals", null, null, null, Operation.APPEAL_SEARCH));
        assertTrue(none.getChallenges().toString().contains("Basic"), "without a cookie: the Basic challenge as before");
    }

    /** Basic credentials. */
    static final class NodeClientBasic {
        static String of(String user, String password) {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
