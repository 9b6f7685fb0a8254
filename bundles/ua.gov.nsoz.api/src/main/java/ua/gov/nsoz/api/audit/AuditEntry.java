package ua.gov.nsoz.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log. Never holds the personal data itself: only which appeal, which fields, by whom.
 *
 * @param seq the log's own sequence number (0 for an entry not yet recorded)
 * @param at when
 * @param actor the user name (or a system component: {@code deadline-watch}, {@code retention})
 * @param roles the user's roles at the time, comma-separated
 * @param action what was done
 * @param appealId the appeal, or null for a search over many
 * @param what which data or which operation, e.g. {@code GET /appeals/{id}} or {@code nsoz:appeal-show}
 * @param origin where from: the client's address for REST ({@code rest 10.0.0.5}), {@code shell} for the Karaf shell,
 *        {@code node} for the node itself
 * @param node the node that recorded it
 */
public record AuditEntry(long seq, Instant at, String actor, String roles, AuditAction action, String appealId,
        String what, String origin, String node) {

    /** Requires when, who, what and where from. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(origin, "origin");
        roles = roles == null ? "" : roles;
    }
}
