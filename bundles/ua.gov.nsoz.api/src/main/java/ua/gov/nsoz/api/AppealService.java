package ua.gov.nsoz.api;

import java.util.Optional;

/** Registration and lookup of appeals at this node. */
public interface AppealService {

    /**
     * Validates and registers an appeal. An appeal with legal defects (anonymous, unsigned, no
     * contact) is still registered and carries its marks; only a request that cannot be understood
     * at all (no kind, no channel, no text, malformed values) is refused.
     *
     * @param appeal the appeal as taken
     * @param actor who registers it (user name or component)
     * @return the registered appeal
     * @throws ValidationException naming every field that is wrong
     */
    Appeal register(NewAppeal appeal, String actor);

    /**
     * What {@link #act} did.
     *
     * @param appeal the appeal as it stands here now
     * @param applied true if the change took effect here (this node owns the appeal); false if it was
     *        sent to the owner as a change request
     * @param requestId the change request's id when it was sent, else {@code null}
     */
    record ActionResult(Appeal appeal, boolean applied, String requestId) {
    }

    /**
     * Does an action to an appeal. The node that registered the appeal is the only writer of its
     * history: there the action takes effect at once (a new version and event, replicated); on any
     * other node it is queued as a change request to the owner, which applies it or refuses it.
     *
     * @param appealId the appeal
     * @param action what to do
     * @param comment a note (required for NOTE)
     * @param actor who does it
     * @return what happened
     * @throws ValidationException if the action does not fit the appeal's state or the comment is wrong
     * @throws java.util.NoSuchElementException if this node does not know the appeal
     */
    ActionResult act(String appealId, AppealAction action, String comment, String actor);

    /**
     * Where a requested change came from: the request, and the message that carried it.
     *
     * @param requestId the change request's id
     * @param node the node that asked
     * @param messageId the message that carried it
     * @param sourceSeq that message's sequence at its source
     */
    record ChangeOrigin(String requestId, String node, String messageId, long sourceSeq) {
    }

    /**
     * The owner's side of {@link #act}: applies a change another node asked for, at most once per
     * message, as this node's own event (carrying the request id).
     *
     * @param appealId the appeal, owned by this node
     * @param action what to do
     * @param comment the note
     * @param actor who asked, at the requesting node
     * @param origin the request and its message
     * @return the result; {@code applied} is false if the message had been applied before
     * @throws ValidationException if the action does not fit the appeal's state
     * @throws java.util.NoSuchElementException if this node does not own such an appeal
     */
    ActionResult applyRequested(String appealId, AppealAction action, String comment, String actor,
            ChangeOrigin origin);

    /**
     * @param id the appeal id
     * @return the appeal, if this node has it
     */
    Optional<Appeal> get(String id);

    /**
     * @param registrationNumber a registration number such as {@code LV-2026-000001}
     * @return the appeal, if this node has it
     */
    Optional<Appeal> findByRegistrationNumber(String registrationNumber);

    /**
     * @param query filters and paging
     * @return the matching page and total count
     * @throws ValidationException if the paging is out of range
     */
    Page<Appeal> search(AppealQuery query);

    /**
     * The appeal's deadline as it stands, with each step of its computation (R7; Law Art. 20, Art. 7;
     * Instruction No. 348 for electronic appeals received after working hours).
     *
     * @param appealId the appeal id
     * @return the deadline, or empty if there is no such appeal here
     */
    Optional<Deadline> deadline(String appealId);

    /**
     * The deadline of an appeal the caller has already read (a report over many appeals, a view of one): reads
     * only its history.
     *
     * @param appeal the appeal
     * @return its deadline, with each step of its computation
     */
    Deadline deadline(Appeal appeal);

    /**
     * @param idOrNumber an appeal id or a registration number, as users type either
     * @return the appeal, or empty if neither finds one
     */
    default Optional<Appeal> find(String idOrNumber) {
        return get(idOrNumber).or(() -> findByRegistrationNumber(idOrNumber));
    }
}
