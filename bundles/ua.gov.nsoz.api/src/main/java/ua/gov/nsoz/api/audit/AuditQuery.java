package ua.gov.nsoz.api.audit;

import java.time.Instant;

/**
 * A search of the audit log; every criterion is optional (null: any). Newest first.
 *
 * @param actor entries of this user
 * @param appealId entries about this appeal
 * @param action entries of this action
 * @param from at or after
 * @param to before
 * @param offset how many to skip
 * @param limit page size (1..1000)
 */
public record AuditQuery(String actor, String appealId, AuditAction action, Instant from, Instant to, int offset,
        int limit) {
}
