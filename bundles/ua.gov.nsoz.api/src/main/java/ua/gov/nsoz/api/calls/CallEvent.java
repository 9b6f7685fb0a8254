package ua.gov.nsoz.api.calls;

import java.time.Instant;

/**
 * One event of a call as a PBX tells it (one JSON object of {@code POST /api/v1/cti/events}, docs/calls.md).
 *
 * @param pbxCallId the PBX's own id of the call (its unique id or linked id), 1–100 printable ASCII characters; every
 *        event of one call carries the same
 * @param type what happened
 * @param at when it happened at the PBX (UTC); {@code null}: when the node received it
 * @param callerNumber the caller's number (E.164 or as the PBX gives it); needed on {@code RINGING}
 * @param calledNumber the number the caller dialled (the contact center's line), or {@code null}
 * @param operator the user name (at this node) of the operator whose phone rings or who answered, or {@code null}
 * @param transferTo on {@code TRANSFERRED}: the number the call went to
 */
public record CallEvent(String pbxCallId, CallEventType type, Instant at, String callerNumber, String calledNumber,
        String operator, String transferTo) {
}
