package ua.gov.nsoz.api;

import java.util.Objects;
import java.util.Set;

/**
 * Who does something to an appeal: the user's name and the roles the node authenticated them with. A
 * change request to another node carries both, and the owner applies the same rules to them.
 *
 * @param name a user name or a system component, never an applicant's personal data
 * @param roles the user's roles, e.g. {@link #HEAD_OF_BODY}
 */
public record Actor(String name, Set<String> roles) {

    /** The head of an executive body or a deputy: the only role that may extend a term (Law Art. 20). */
    public static final String HEAD_OF_BODY = "nsoz-head";

    /** Copies the roles; a name is required. */
    public Actor {
        Objects.requireNonNull(name, "name");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /**
     * @param name a user or component with no roles
     * @return the actor
     */
    public static Actor of(String name) {
        return new Actor(name, Set.of());
    }

    /**
     * @param role a role
     * @return whether the actor has it
     */
    public boolean has(String role) {
        return roles.contains(role);
    }
}
