package ua.gov.nsoz.store;

import java.util.OptionalLong;

/**
 * The hash chain of the node's audit log ({@link ua.gov.nsoz.api.audit.AuditLog}). Each entry stores the SHA-256 of
 * the previous entry's hash and its own fields, so an entry changed, removed or slipped in behind the database's back
 * (with its append-only triggers dropped, or in its files) breaks the chain from that entry on. Removing the newest
 * entries leaves a shorter chain that still holds: compare the last seq with one noted elsewhere to see that.
 */
public interface AuditChain {

    /**
     * Walks the whole log in order. Reads every entry: a check for an operator, not a hot path.
     *
     * @return the seq of the first entry that does not follow from its predecessor, or empty if the chain holds
     */
    OptionalLong verify();
}
