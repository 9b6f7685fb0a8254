package ua.gov.nsoz.analytics;

/**
 * Which appeals a caller may count: all of them, those of one node (a supervisor's center) or those with one
 * executive body (a head of that body). REST and shell derive it from the caller's roles.
 *
 * @param node only the appeals registered at this node, or {@code null}
 * @param body only the appeals with this executive body (reference id), or {@code null}
 */
public record Scope(String node, String body) {

    /** Everything the node holds. */
    public static final Scope ALL = new Scope(null, null);

    public Scope {
        if (node != null && body != null) {
            throw new IllegalArgumentException("A scope is a node or a body, not both");
        }
    }

    public static Scope node(String node) {
        return new Scope(node, null);
    }

    public static Scope body(String body) {
        return new Scope(null, body);
    }
}
