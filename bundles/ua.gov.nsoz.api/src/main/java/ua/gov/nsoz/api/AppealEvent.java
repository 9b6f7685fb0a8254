package ua.gov.nsoz.api;

import java.time.Instant;

/**
 * One change of an appeal, written with the new state in the same transaction; the append-only
 * event log is what replication ships between nodes.
 *
 * @param eventId globally unique id of the event
 * @param appealId the appeal changed
 * @param version the appeal's version after this event
 * @param type what happened, e.g. {@code REGISTERED}
 * @param occurredAt when
 * @param node the node where it happened
 * @param actor who did it (a user name or a system component), never an applicant's personal data
 * @param payload the event's data as JSON
 */
public record AppealEvent(String eventId, String appealId, long version, String type, Instant occurredAt,
        String node, String actor, String payload) {
}
