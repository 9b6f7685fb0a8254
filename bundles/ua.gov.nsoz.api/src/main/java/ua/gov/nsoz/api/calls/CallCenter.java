package ua.gov.nsoz.api.calls;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CTI integration point of a contact center's node (R13): the calls of the node's PBX, kept as
 * {@link CallRecord}s, and the link from a call to the appeal it became. One OSGi service per node (bundle
 * {@code ua.gov.nsoz.calls}, configuration PID {@code ua.gov.nsoz.calls}).
 *
 * <p><b>For integrators.</b> A PBX reaches it in one of two ways:
 * <ul>
 * <li>over HTTP, with no code at the node: the PBX (or a small script on it, e.g. an Asterisk AMI or FreeSWITCH ESL
 * listener) posts each event as JSON to {@code POST /api/v1/cti/events} and each recording to
 * {@code POST /api/v1/cti/calls/{pbxCallId}/recording}, signed with an HMAC-SHA256 of the body under the node's PBX
 * secret (docs/calls.md);</li>
 * <li>in the node, from an OSGi bundle of its own that talks to the PBX in its native protocol and calls
 * {@link #accept(CallEvent)} and {@link #recording(String, String)} (the recording first stored in the node's
 * {@code ua.gov.nsoz.documents.DocumentStore}). Such a bundle is trusted as the node's code is: it needs no
 * signature.</li>
 * </ul>
 * Events are idempotent and may come late or twice: a repeated event changes nothing, an event a call has gone past
 * (an answer after the hang-up) is ignored, and an event for a call never seen starts its record. Every method is
 * safe to call from many threads. Nothing here logs a caller's number.
 */
public interface CallCenter {

    /**
     * Applies one event of the PBX to its call's record (made on the call's first event).
     *
     * <ul>
     * <li>{@code RINGING}: a new record in state {@code RINGING} for the operator named (or, if the call is known,
     * the operator updated while it still rings);</li>
     * <li>{@code ANSWERED}: state {@code ANSWERED}, the answer's time and operator;</li>
     * <li>{@code HANGUP}: {@code ENDED} with the duration of the conversation, or {@code MISSED} if nobody
     * answered; a transferred call keeps its state and gets its end;</li>
     * <li>{@code TRANSFERRED}: state {@code TRANSFERRED}, the number, and the contact center of the reference base
     * that has this number (its code), if any.</li>
     * </ul>
     *
     * @param event the event
     * @return the call's record after it
     * @throws ua.gov.nsoz.api.ValidationException naming the fields, if the event is malformed (no call id, no type,
     *         a number or user name of the wrong form, {@code TRANSFERRED} without {@code transferTo})
     */
    CallRecord accept(CallEvent event);

    /**
     * Records a call's recording, already stored in the node's document store.
     *
     * @param pbxCallId the PBX's id of the call
     * @param sha256 the recording's hex SHA-256 in the document store
     * @return the call's record
     * @throws java.util.NoSuchElementException if no call has this PBX id
     * @throws ua.gov.nsoz.api.ValidationException if the hash is not 64 hex characters
     */
    CallRecord recording(String pbxCallId, String sha256);

    /**
     * @param operator a user name
     * @return the calls ringing for the operator or in conversation with them, the oldest first
     */
    List<CallRecord> ringing(String operator);

    /**
     * Waits for a call for the operator (the operator's screen's long poll).
     *
     * @param operator a user name
     * @param wait how long to wait at most
     * @return {@link #ringing(String)} as soon as it is not empty, or empty after {@code wait}
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    default List<CallRecord> awaitRinging(String operator, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<CallRecord> calls = ringing(operator);
        while (calls.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            calls = ringing(operator);
        }
        return new ArrayList<>(calls);
    }

    /**
     * @param id a record's id
     * @return the record
     */
    Optional<CallRecord> get(String id);

    /**
     * Links a call to the appeal it became (the operator registered it during or after the call). Linking it again to
     * the same appeal changes nothing.
     *
     * @param callId the record's id
     * @param appealId the appeal's id
     * @return the record
     * @throws java.util.NoSuchElementException if there is no such call
     * @throws IllegalStateException if the call is linked to another appeal already
     */
    CallRecord attach(String callId, String appealId);

    /**
     * @param appealId an appeal's id
     * @return the calls linked to it, the oldest first
     */
    List<CallRecord> forAppeal(String appealId);

    /**
     * @param callerNumber a caller's number (compared by its digits: {@code +380 32 000-15-80} is
     *        {@code 380320001580})
     * @param limit the most records returned
     * @return the calls from that number, the newest first
     */
    List<CallRecord> fromNumber(String callerNumber, int limit);

    /**
     * Checks the signature a PBX sent with a request ({@code X-NSOZ-PBX-Signature: sha256=<hex HMAC-SHA256 of the
     * body under the node's PBX secret>}) in constant time.
     *
     * @param body the request's body, read to its end (not closed)
     * @param signature the header's value, may be {@code null}
     * @return true only if a PBX secret is configured and the signature is the body's
     * @throws IOException if the body cannot be read
     */
    boolean signedByPbx(InputStream body, String signature) throws IOException;
}
