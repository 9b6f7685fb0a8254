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
 */
@javax.annotation.Priority(javax.ws.rs.Priorities.AUTHENTICATION)
final class BasicAuth implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuth.class);

    /** How long a successful login is remembered. */
    static final java.time.Duration REMEMBER = java.time.Duration.ofSeconds(30);

    private static final int MAX_REMEMBERED = 10_000;

    private final String realm;

    /** Logins remembered: user + salted password hash -> roles and until when. */
    private final java.util.Map<String, Remembered> remembered = new java.util.concurrent.ConcurrentHashMap<>();

    private final byte[] salt = new byte[16];

    private record Remembered(Set<String> roles, long untilNanos) {
    }

    /** @param realm the JAAS realm to log in to */
    BasicAuth(String realm) {
        this.realm = realm;
        new java.security.SecureRandom().nextBytes(salt);
    }

    /** The authenticated caller. */
    record UserContext(Actor actor, boolean secure) implements SecurityContext {

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
            return SecurityContext.BASIC_AUTH;
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
        String key = key(user, secret);
        Remembered r = remembered.get(key);
        Set<String> roles;
        if (r != null && System.nanoTime() - r.untilNanos() < 0) {
            roles = r.roles();
        } else {
            roles = login(user, secret.toCharArray());
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
            abort(request, "Невірне ім'я користувача або пароль / Wrong user name or password");
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(new Actor(user, roles), secure));
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

    /** @return the user's roles, or null if the realm refuses the credentials */
    private Set<String> login(String user, char[] password) {
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
