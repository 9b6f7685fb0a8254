package ua.gov.nsoz.exchange;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.AppealAction;

/**
 * A node that does not own an appeal (e.g. the center, where a central body works) asks the owner to
 * make a change. The owner carries it out as its own event, whose {@link AppealEventMessage#requestId()}
 * is this request's id, or answers with a {@link ChangeRefusedMessage}.
 *
 * @param header the message header
 * @param requestId globally unique id of the request
 * @param appealId the appeal to change
 * @param request what to do, with what the action needs
 * @param actor who asks (a user name or a system component); optional
 * @param roles the roles the requesting node authenticated the actor with
 * @param requestedAt when it was asked
 */
public record ChangeRequestMessage(Header header, String requestId, String appealId, ActionRequest request,
        String actor, Set<String> roles, Instant requestedAt) implements ExchangeMessage {

    /** Required parts must be present; the roles are copied. */
    public ChangeRequestMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestedAt, "requestedAt");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /**
     * A request for an action that needs at most a comment, by an actor with no roles.
     *
     * @param header the message header
     * @param requestId the request id
     * @param appealId the appeal
     * @param action what to do
     * @param actor who asks
     * @param comment the note
     * @param requestedAt when
     */
    public ChangeRequestMessage(Header header, String requestId, String appealId, AppealAction action, String actor,
            String comment, Instant requestedAt) {
        this(header, requestId, appealId, ActionRequest.of(action, comment), actor, Set.of(), requestedAt);
    }

    /** @return the action asked for */
    public AppealAction action() {
        return request.action();
    }

    /** @return the comment, if any */
    public String comment() {
        return request.comment();
    }
}
