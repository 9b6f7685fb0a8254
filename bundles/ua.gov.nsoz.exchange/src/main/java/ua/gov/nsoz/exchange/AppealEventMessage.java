package ua.gov.nsoz.exchange;

import java.time.Instant;
import java.util.Objects;
import ua.gov.nsoz.api.Appeal;

/**
 * One event of an appeal, sent by the node that owns the appeal (the node that registered it), with the
 * whole record as it stands after the event. A receiver applies it at most once (by message id) and
 * keeps the record only if its {@link Appeal#version() version} is higher than the one it holds.
 *
 * @param header the message header
 * @param eventId globally unique id of the event
 * @param type what happened, e.g. {@code REGISTERED} (capital letters and underscores)
 * @param occurredAt when it happened
 * @param actorNode the node where it happened
 * @param actor who did it (a user name or a system component, never an applicant's data); optional
 * @param requestId the change request this event carries out, if it answers one; optional
 * @param comment a comment on the event, e.g. an operator's note; optional
 * @param appeal the appeal after the event
 * @param article the code of the knowledge article an answer at first contact was given from; optional (added within
 *     version 1, issue 16)
 */
public record AppealEventMessage(Header header, String eventId, String type, Instant occurredAt, String actorNode,
        String actor, String requestId, String comment, Appeal appeal, String article) implements ExchangeMessage {

    /**
     * An event without an article (every event before issue 16).
     *
     * @param header the message header
     * @param eventId globally unique id of the event
     * @param type what happened
     * @param occurredAt when it happened
     * @param actorNode the node where it happened
     * @param actor who did it; optional
     * @param requestId the change request this event carries out; optional
     * @param comment a comment on the event; optional
     * @param appeal the appeal after the event
     */
    public AppealEventMessage(Header header, String eventId, String type, Instant occurredAt, String actorNode,
            String actor, String requestId, String comment, Appeal appeal) {
        this(header, eventId, type, occurredAt, actorNode, actor, requestId, comment, appeal, null);
    }

    /** Required parts must be present. */
    public AppealEventMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorNode, "actorNode");
        Objects.requireNonNull(appeal, "appeal");
    }
}
