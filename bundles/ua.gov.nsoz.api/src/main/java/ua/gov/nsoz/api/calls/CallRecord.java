package ua.gov.nsoz.api.calls;

import java.time.Instant;

/**
 * The record of one call to this node's contact center (R13), kept from the first event the PBX sends to the
 * recording. The caller's number is personal data: it is shown only to those who handle calls.
 *
 * @param id this node's id of the record (a UUID)
 * @param pbxCallId the PBX's id of the call
 * @param callerNumber the caller's number
 * @param calledNumber the number dialled, or {@code null}
 * @param operator user name of the operator the call rang for or who answered it, or {@code null}
 * @param state where the call stands
 * @param ringingAt when it began to ring (or the first event, if the PBX sent no {@code RINGING})
 * @param answeredAt when an operator answered, or {@code null}
 * @param endedAt when it ended (hang-up or transfer), or {@code null}
 * @param durationSeconds seconds of conversation, from the answer to the end (0 if never answered or not ended)
 * @param appealId the appeal the call became, or {@code null}
 * @param recordingSha256 the recording in the node's document store (hex SHA-256), or {@code null}
 * @param transferredTo the number the call was transferred to, or {@code null}
 * @param transferredToCenter the contact center of the reference base with that number (its code), or {@code null}
 *        if the number is none of theirs
 */
public record CallRecord(String id, String pbxCallId, String callerNumber, String calledNumber, String operator,
        CallState state, Instant ringingAt, Instant answeredAt, Instant endedAt, long durationSeconds, String appealId,
        String recordingSha256, String transferredTo, String transferredToCenter) {

    /** @return whether the call is still going on (ringing or in conversation) */
    public boolean live() {
        return state == CallState.RINGING || state == CallState.ANSWERED;
    }
}
