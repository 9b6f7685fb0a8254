package ua.gov.nsoz.shell.internal;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.security.PrivilegedAction;
import java.util.HashSet;
import java.util.Set;
import javax.security.auth.Subject;
import ua.gov.nsoz.api.NodeIdentity;

/**
 * Runs a command as the Karaf shell does: inside the logged-in user's JAAS subject, whose principals are a
 * {@code UserPrincipal} and {@code RolePrincipal}s (matched by simple name, as {@link ShellAccess} reads them).
 */
final class AsUser {

    private AsUser() {
    }

    record UserPrincipal(String getName) implements Principal {
    }

    record RolePrincipal(String getName) implements Principal {
    }

    /** Runs the action as the user with the roles. */
    @SuppressWarnings("removal")
    static <T> T run(String user, Set<String> roles, PrivilegedAction<T> action) {
        Set<Principal> principals = new HashSet<>();
        principals.add(new UserPrincipal(user));
        roles.forEach(r -> principals.add(new RolePrincipal(r)));
        return Subject.doAs(new Subject(true, principals, Set.of(), Set.of()), action);
    }

    /** @return a node identity that only knows its id */
    static NodeIdentity node(String id) {
        return (NodeIdentity) Proxy.newProxyInstance(NodeIdentity.class.getClassLoader(),
                new Class<?>[] {NodeIdentity.class}, (p, m, a) -> {
                    if (m.getName().equals("nodeId")) {
                        return id;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
