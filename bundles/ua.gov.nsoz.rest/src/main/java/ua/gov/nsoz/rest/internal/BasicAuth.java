package ua.gov.nsoz.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Actor;

/**
 * HTTP Basic authentication against a Karaf JAAS realm ({@code karaf} by default: {@code etc/users.properties},
 * passwords hashed, replaceable by an LDAP realm without touching the code). A request with credentials is
 * authenticated and runs as that user with the realm's roles; wrong credentials are a 401. A request without
 * credentials goes on anonymous, and {@link Authorize} lets it reach only the public operations.
 *
 * <p>A successful login is remembered for {@link #REMEMBER} (keyed by the user and a salted hash of the password,
 * never the password): a JAAS login cost the node 0.6–1.1 ms of CPU per request in the registration bench (the
 * realm looks its encryption service up in the OSGi registry every time; docs/benchmarks.md). A changed password, role or removed user
 * takes effect within that time; a refused login is never remembered.
 *
 * <p>Guessing is throttled per client address ({@link ClientThrottle}; the realm throttles per user inside the
 * password check): while an address is closed, every request with credentials from it is answered 429 with
 * {@code Retry-After} and checks no password, not even against the remembered logins (which would otherwise tell a
 * guess that matches a recent login). Every refused login is in the audit log ({@link Callers#loginRefused}): the user
 * name tried, the address, why; a closed address's refusals once per window.
 *
 * <p>A request without an {@code Authorization} header may instead carry the cookie of a session of the staff workspace
 * ({@link SessionStore}, opened by {@link SessionResource}): it then runs as the session's user with the roles of its
 * login, and a method other than GET, HEAD and OPTIONS must carry the session's CSRF token in
 * {@value SessionStore#CSRF_HEADER} (else 403). A cookie of no open session is no caller: the request goes on
 * anonymous and {@link Authorize} answers 401 where a login is needed, without offering Basic (a browser would pop up its
 * own login dialog over the workspace). The per-address throttle is the session store's when there is one, so Basic and
 * session logins count together.
 */
@javax.annotation.Priority(javax.ws.rs.Priorities.AUTHENTICATION)
final class BasicAuth implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuth.class);

    /** How long a successful login is remembered. */
    static final java.time.Duration REMEMBER = java.time.Duration.ofSeconds(30);

    private static final int MAX_REMEMBERED = 10_000;

    /** Checks a user's password in the realm. */
    @FunctionalInterface
    interface Realm {
        /**
         * @return the user's roles, or null if the realm refuses the credentials
         */
        Set<String> login(String user, char[] password);
    }

    /** Where refused logins are recorded ({@link Callers#loginRefused}). */
    @FunctionalInterface
    interface Refusals {
        /** A refused login: the user name tried, the client's address, why (never the password). */
        void refused(String user, String address, String reason);
    }

    private final Realm realm;
    private final java.util.function.Supplier<String> address;
    private final Refusals refusals;
    private final ClientThrottle ownThrottle;
    private final java.util.function.Supplier<SessionStore> sessions;

    /** Logins remembered: user + salted password hash -> roles and until when. */
    private final java.util.Map<String, Remembered> remembered = new java.util.concurrent.ConcurrentHashMap<>();

    private final byte[] salt = new byte[16];

    private record Remembered(Set<String> roles, long untilNanos) {
    }

    /**
     * @param realm the JAAS realm to log in to
     * @param callers where refused logins are recorded
     * @param sessions the node's sessions of the staff workspace
     */
    BasicAuth(String realm, Callers callers, SessionStore sessions) {
        this(jaas(realm), Callers::clientAddress, callers::loginRefused, System::currentTimeMillis, () -> sessions);
    }

    /**
     * @param realm checks passwords
     * @param address the current request's client address
     * @param refusals where refused logins are recorded
     * @param millis the clock of the throttle, in milliseconds
     */
    BasicAuth(Realm realm, java.util.function.Supplier<String> address, Refusals refusals,
            java.util.function.LongSupplier millis) {
        this(realm, address, refusals, millis, () -> null);
    }

    /**
     * @param realm checks passwords
     * @param address the current request's client address
     * @param refusals where refused logins are recorded
     * @param millis the clock of the throttle used while there is no session store, in milliseconds
     * @param sessions the session store (its throttle is shared with the session login), or null while there is none
     */
    BasicAuth(Realm realm, java.util.function.Supplier<String> address, Refusals refusals,
            java.util.function.LongSupplier millis, java.util.function.Supplier<SessionStore> sessions) {
        this.realm = realm;
        this.address = address;
        this.refusals = refusals;
        this.ownThrottle = new ClientThrottle(millis);
        this.sessions = sessions;
        new java.security.SecureRandom().nextBytes(salt);
    }

    /** The request property that marks a request whose session cookie named no open session. */
    static final String NO_SESSION = "ua.gov.nsoz.rest.noSession";

    /** The scheme of a caller authenticated by the session cookie ({@link UserContext#getAuthenticationScheme}). */
    static final String SESSION_SCHEME = "SESSION";

    /** The authenticated caller. */
    record UserContext(Actor actor, boolean secure, String scheme) implements SecurityContext {

        /** A caller authenticated by HTTP Basic. */
        UserContext(Actor actor, boolean secure) {
            this(actor, secure, SecurityContext.BASIC_AUTH);
        }

        @Override
        public Principal getUserPrincipal() {
            return actor::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return actor.has(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }

    /** @return whether the request's caller was authenticated by this filter */
    static boolean authenticated(SecurityContext security) {
        return security instanceof UserContext;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            session(request);
            return;
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            abort(request, "Підтримується лише Basic / Only Basic authentication is supported");
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            abort(request, "Некоректний заголовок Authorization / Malformed Authorization header");
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            abort(request, "Некоректний заголовок Authorization / Malformed Authorization header");
            return;
        }
        String user = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        String from = address.get();
        ClientThrottle throttle = throttle();
        Response closed = closed(throttle, from, user, refusals);
        if (closed != null) {
            request.abortWith(closed);
            return;
        }
        String key = key(user, secret);
        Remembered r = remembered.get(key);
        Set<String> roles;
        if (r != null && System.nanoTime() - r.untilNanos() < 0) {
            roles = r.roles();
        } else {
            roles = realm.login(user, secret.toCharArray());
            if (roles != null) {
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(key, new Remembered(Set.copyOf(roles), System.nanoTime() + REMEMBER.toNanos()));
            } else {
                remembered.remove(key);
            }
        }
        if (roles == null) {
            failed(throttle, from, user, refusals);
            abort(request, "Невірне ім'я користувача або пароль / Wrong user name or password");
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(new Actor(user, roles), secure));
    }

    /** @return the session store's throttle, or this filter's own while there is no store */
    private ClientThrottle throttle() {
        SessionStore store = sessions.get();
        return store != null ? store.throttle() : ownThrottle;
    }

    /**
     * Authenticates a request by its session cookie, if it has one of an open session (and a login does not ignore
     * it): the caller is the session's user; an unsafe method without the session's CSRF token is refused (403).
     */
    private void session(ContainerRequestContext request) {
        SessionStore store = sessions.get();
        if (store == null) {
            return;
        }
        javax.ws.rs.core.Cookie cookie = request.getCookies().get(SessionStore.COOKIE);
        if (cookie == null || SessionResource.isLogin(request)) {
            return;
        }
        java.util.Optional<SessionStore.Session> found = store.use(cookie.getValue());
        if (found.isEmpty()) {
            request.setProperty(NO_SESSION, Boolean.TRUE);
            return;
        }
        SessionStore.Session s = found.get();
        if (!safe(request.getMethod()) && !s.csrfMatches(request.getHeaderString(SessionStore.CSRF_HEADER))) {
            LOG.info("Refused {} with a session of {} without its CSRF token", request.getMethod(), s.user());
            request.abortWith(ErrorMappers.answer(403, "Запит сесії без її токена CSRF (заголовок "
                    + SessionStore.CSRF_HEADER + "); оновіть сторінку / A request of a session without its CSRF token "
                    + "(header " + SessionStore.CSRF_HEADER + "); reload the page", null, null));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(new Actor(s.user(), s.roles()), secure, SESSION_SCHEME));
    }

    /** @return whether the method changes nothing (and so needs no CSRF token) */
    static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /**
     * The address throttle before a password is checked.
     *
     * @return null while the address is open; else the 429 with {@code Retry-After} (the window's first refusal
     *         recorded)
     */
    static Response closed(ClientThrottle throttle, String from, String user, Refusals refusals) {
        long closed = throttle.closedFor(from);
        if (closed <= 0) {
            return null;
        }
        long seconds = Math.max(1, (closed + 999) / 1000);
        if (throttle.refuse(from)) {
            refusals.refused(user, from, "too many failed logins from this address, refused without a password "
                    + "check for " + seconds + " s");
        }
        return Response.fromResponse(ErrorMappers.answer(429, "Забагато невдалих входів з вашої "
                + "адреси; спробуйте через " + seconds + " с / Too many failed logins from your address; try "
                + "again in " + seconds + " s", null, null)).header("Retry-After", seconds).build();
    }

    /** A login the realm refused: counted by the address throttle and recorded. */
    static void failed(ClientThrottle throttle, String from, String user, Refusals refusals) {
        int failures = throttle.failed(from);
        refusals.refused(user, from, "wrong user name or password, or the user is closed by the realm's throttle ("
                + failures + " failed in a row from this address)");
    }

    /** @return the user and a salted SHA-256 of the password: what a remembered login is found by */
    private String key(String user, String password) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return user + '\u0000' + Base64.getEncoder().encodeToString(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a login to the JAAS realm of that name */
    static Realm jaas(String realm) {
        return (user, password) -> login(realm, user, password);
    }

    /** @return the user's roles, or null if the realm refuses the credentials */
    private static Set<String> login(String realm, String user, char[] password) {
        Subject subject = new Subject();
        // Karaf's JAAS login modules are found through the boot class path: log in with the system class loader.
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            LoginContext lc = new LoginContext(realm, subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            lc.login();
        } catch (LoginException e) {
            LOG.info("REST login refused for a user of realm {}: {}", realm, e.getClass().getSimpleName());
            return null;
        } finally {
            t.setContextClassLoader(before);
        }
        Set<String> roles = new TreeSet<>();
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                roles.add(p.getName());
            }
        }
        return roles;
    }

    private static void abort(ContainerRequestContext request, String message) {
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"nsoz\", charset=\"UTF-8\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Dto.ErrorJson(401, "Unauthorized", message, null, null)).build());
    }
}
