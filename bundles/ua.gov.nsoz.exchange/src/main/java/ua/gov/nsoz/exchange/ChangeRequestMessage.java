package ua.gov.nsoz.exchange;

import java.time.Instant;
import java.util.Objects;

/**
 * A node that does not own an appeal (e.g. the center, where a central body works) asks the owner to
 * make a change. The owner carries it out as its own event, whose {@link AppealEventMessage#requestId()}
 * is this request's id, or answers with a {@link ChangeRefusedMessage}.
 *
 * @param header the message header
 * @param requestId globally unique id of the request
 * @param appealId the appeal to change
 * @param action what to do
 * @param actor who asks (a user name or a system component); optional
 * @param comment the note to add, or a comment on the request; optional
 * @param requestedAt when it was asked
 */
public record ChangeRequestMessage(Header header, String requestId, String appealId, Action action, String actor,
        String comment, Instant requestedAt) implements ExchangeMessage {

    /** What a node that does not own an appeal may ask its owner to do. */
    public enum Action {
        /** The executive body accepts the appeal for consideration (status {@code ACCEPTED}). */
        ACCEPT,
        /** An operator's note is added to the appeal's history; the status does not change. */
        NOTE,
        /** Mark the appeal as needing no additional study: a 15-day term (Law Art. 20); status unchanged. */
        NO_ADDITIONAL_STUDY
    }

    /** Required parts must be present. */
    public ChangeRequestMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
