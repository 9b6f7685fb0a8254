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
 */
@javax.annotation.Priority(javax.ws.rs.Priorities.AUTHENTICATION)
final class BasicAuth implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuth.class);

    private final String realm;

    /** @param realm the JAAS realm to log in to */
    BasicAuth(String realm) {
        this.realm = realm;
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
        char[] password = decoded.substring(colon + 1).toCharArray();
        Set<String> roles = login(user, password);
        if (roles == null) {
            abort(request, "Невірне ім'я користувача або пароль / Wrong user name or password");
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new UserContext(new Actor(user, roles), secure));
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
