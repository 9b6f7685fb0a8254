package ua.gov.nsoz.rest.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.access.Role;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/session}: the staff workspace's login ({@code POST}: the user's name and password, checked by the same
 * realm, per-user throttle and per-address throttle as HTTP Basic, refusals audited alike; the answer sets the cookie
 * {@value SessionStore#COOKIE}, {@code Secure; HttpOnly; SameSite=Strict}, and tells the session's CSRF token),
 * who is logged in ({@code GET}) and the logout ({@code DELETE}). Logins and logouts are in the audit log
 * ({@link AuditAction#LOGIN}, {@link AuditAction#LOGOUT}). The session's id is never logged nor audited.
 */
@Component(service = RestResource.class)
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource implements RestResource {

    private static final Logger LOG = LoggerFactory.getLogger(SessionResource.class);

    /** The challenge of a 401 about a session: not Basic, so that a browser does not pop up its own login dialog. */
    static final String CHALLENGE = "Session realm=\"nsoz\"";

    /** Where the session is (the Location of a login). */
    static final String PATH = "/api" + RestServer.ADDRESS + "/session";

    private final SessionStore sessions;
    private final BasicAuth.Realm realm;
    private final Supplier<String> address;
    private final BasicAuth.Refusals refusals;
    private final Audit audit;
    private final NodeIdentity node;

    /** Where logins and logouts are recorded (the caller's address is the recorder's). */
    @FunctionalInterface
    interface Audit {
        /** @param caller who; @param action LOGIN or LOGOUT; @param what e.g. {@code POST /session} */
        void record(AccessRules.Caller caller, AuditAction action, String what);
    }

    /** The login's body. */
    record LoginJson(String user, String password) {
        @Override
        public String toString() {
            return "LoginJson[user=" + user + "]"; // never the password
        }
    }

    /** Who is logged in, in which session. */
    record SessionJson(String user, List<String> roles, List<String> bodies, String node, String nodeRole, String csrf,
            long idleTimeoutSeconds, Instant expiresAt) {
    }

    /**
     * @param sessions the node's sessions
     * @param callers refused logins, logins and logouts into the audit log
     * @param node this node
     */
    @Activate
    public SessionResource(@Reference SessionStore sessions, @Reference Callers callers,
            @Reference NodeIdentity node) {
        this(sessions, BasicAuth.jaas("karaf"), Callers::clientAddress, callers::loginRefused,
                (caller, action, what) -> callers.record(caller, action, null, what), node);
    }

    SessionResource(SessionStore sessions, BasicAuth.Realm realm, Supplier<String> address,
            BasicAuth.Refusals refusals, Audit audit, NodeIdentity node) {
        this.sessions = sessions;
        this.realm = realm;
        this.address = address;
        this.refusals = refusals;
        this.audit = audit;
        this.node = node;
    }

    /**
     * Logs in: opens a session.
     *
     * @param login the user's name and password
     * @return 201 with the session and its cookie; 401 for a wrong name or password; 429 while the address is closed
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public Response login(LoginJson login) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (login == null || login.user() == null || login.user().isBlank()) {
            errors.add(new FieldError("user", "Вкажіть ім'я користувача / The user name is required"));
        }
        if (login == null || login.password() == null || login.password().isEmpty()) {
            errors.add(new FieldError("password", "Вкажіть пароль / The password is required"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String from = address.get();
        ClientThrottle throttle = sessions.throttle();
        Response closed = BasicAuth.closed(throttle, from, login.user(), refusals);
        if (closed != null) {
            return closed;
        }
        Set<String> roles = realm.login(login.user(), login.password().toCharArray());
        if (roles == null) {
            BasicAuth.failed(throttle, from, login.user(), refusals);
            return unauthorized("Невірне ім'я користувача або пароль / Wrong user name or password");
        }
        SessionStore.Opened opened = sessions.open(login.user(), roles);
        AccessRules.Caller caller = new AccessRules.Caller(new Actor(login.user(), roles), node.nodeId());
        try {
            audit.record(caller, AuditAction.LOGIN, "POST /session (a session of the staff workspace opened)");
        } catch (RuntimeException e) {
            LOG.error("AUDIT ENTRY LOST: a session login of {} from {}: {}", login.user(), from, e.toString());
        }
        return Response.created(URI.create(PATH)).entity(json(opened.session()))
                .header(HttpHeaders.SET_COOKIE, cookie(opened.id())).build();
    }

    /**
     * @param id the session cookie
     * @return 200 with the session (its CSRF token included), or 401 without an open session
     */
    @GET
    @Allowed(Operation.PUBLIC)
    public Response get(@CookieParam(SessionStore.COOKIE) String id) {
        Optional<SessionStore.Session> s = sessions.peek(id);
        if (s.isEmpty()) {
            return noSession();
        }
        return Response.ok(json(s.get())).build();
    }

    /**
     * Logs out: ends the session (its CSRF token was checked before, as for every unsafe method of a session) and
     * clears the cookie; 204 also when there was no open session.
     *
     * @param id the session cookie
     * @return 204
     */
    @DELETE
    @Allowed(Operation.PUBLIC)
    public Response logout(@CookieParam(SessionStore.COOKIE) String id) {
        sessions.close(id).ifPresent(s -> {
            AccessRules.Caller caller = new AccessRules.Caller(new Actor(s.user(), s.roles()), node.nodeId());
            try {
                audit.record(caller, AuditAction.LOGOUT, "DELETE /session (a session of the staff workspace closed)");
            } catch (RuntimeException e) {
                LOG.error("AUDIT ENTRY LOST: a session logout of {}: {}", s.user(), e.toString());
            }
        });
        return Response.noContent().header(HttpHeaders.SET_COOKIE, SessionStore.COOKIE
                + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Strict")
                .build();
    }

    /** @return the session as its client sees it */
    private SessionJson json(SessionStore.Session s) {
        AccessRules.Caller caller = new AccessRules.Caller(new Actor(s.user(), s.roles()), node.nodeId());
        List<String> roles = s.roles().stream().filter(r -> r.startsWith("nsoz-") && !r.startsWith(Role.BODY_PREFIX))
                .sorted().toList();
        return new SessionJson(s.user(), roles, List.copyOf(caller.bodies()), node.nodeId(), node.role().name(),
                s.csrf(), sessions.idleTimeout().toSeconds(), s.expiresAt());
    }

    /** @return the cookie of a session id */
    static String cookie(String id) {
        return SessionStore.COOKIE + "=" + id + "; Path=/; Secure; HttpOnly; SameSite=Strict";
    }

    /** @return the 401 of a request without an open session (no Basic challenge) */
    static Response noSession() {
        return unauthorized("Немає відкритої сесії; увійдіть / No open session; log in");
    }

    /** @return the 401 of a request whose session cookie names no open session (no Basic challenge) */
    static Response ended() {
        return unauthorized("Сесія завершилася або недійсна; увійдіть знову / The session has ended or is not valid; "
                + "log in again");
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ErrorMappers.answer(401, message, null, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    /** @return whether the request is a login (which ignores any session cookie it carries) */
    static boolean isLogin(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return "session".equals(path);
    }
}
