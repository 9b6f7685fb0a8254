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
     * other node it is checked against the appeal as known here and queued as a change request to the
     * owner, which checks it again and applies it or refuses it.
     *
     * @param appealId the appeal
     * @param request what to do, with what the action needs
     * @param actor who does it, with their roles
     * @return what happened
     * @throws ValidationException if the action does not fit the appeal's state, misses what it needs, or the
     *         actor may not do it
     * @throws java.util.NoSuchElementException if this node does not know the appeal
     */
    ActionResult act(String appealId, ActionRequest request, Actor actor);

    /**
     * {@link #act(String, ActionRequest, Actor)} for an action that needs at most a comment, by an actor with no
     * roles.
     *
     * @param appealId the appeal
     * @param action what to do
     * @param comment a note
     * @param actor who does it
     * @return what happened
     */
    default ActionResult act(String appealId, AppealAction action, String comment, String actor) {
        return act(appealId, ActionRequest.of(action, comment), Actor.of(actor));
    }

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
     * @param request what to do
     * @param actor who asked, at the requesting node, with the roles that node gave them
     * @param origin the request and its message
     * @return the result; {@code applied} is false if the message had been applied before
     * @throws ValidationException if the action does not fit the appeal's state
     * @throws java.util.NoSuchElementException if this node does not own such an appeal
     */
    ActionResult applyRequested(String appealId, ActionRequest request, Actor actor, ChangeOrigin origin);

    /**
     * The applicant's access code for the public status lookup, given at registration. Only the node that
     * registered the appeal can tell it (it is derived from that node's secret); the record carries only a
     * salted hash of it.
     *
     * @param appeal an appeal of this node
     * @return the code, or empty if the appeal is another node's
     */
    Optional<String> accessCode(Appeal appeal);

    /**
     * The public status lookup (R8): no personal data, no text.
     *
     * @param registrationNumber the number
     * @param accessCode the code given at registration
     * @return the status, or empty if the number is unknown or the code does not match (the caller cannot tell which)
     * @throws TooManyAttemptsException after 10 wrong codes for the number within an hour, whatever code is given
     */
    Optional<PublicStatus> publicStatus(String registrationNumber, String accessCode);

    /**
     * The applicant rates the answer (R8): action {@link AppealAction#RATE} by the actor {@code applicant}.
     *
     * @param registrationNumber the number
     * @param accessCode the code given at registration
     * @param rating 1 to 5
     * @param comment an optional comment
     * @return what happened
     * @throws ValidationException if the appeal is not answered yet, is rated already or the rating is out of range
     * @throws java.util.NoSuchElementException if the number is unknown or the code does not match
     * @throws TooManyAttemptsException after 10 wrong codes for the number within an hour
     */
    ActionResult rate(String registrationNumber, String accessCode, int rating, String comment);

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

    /**
     * Open appeals past their last day (R7), counted per executive body (appeals not yet forwarded under "") or per
     * region.
     *
     * @param byBody true per body, false per region
     * @param today the date in Kyiv
     * @return the counts
     */
    java.util.Map<String, Long> overdueCounts(boolean byBody, java.time.LocalDate today);

    /**
     * The open appeals of this node whose term ends on or before a date and that still need the deadline watch: not
     * yet reminded for their last day (if it is today or later), or overdue and not yet escalated.
     *
     * @param today the date in Kyiv
     * @param lastDay the date
     * @param limit how many at most
     * @return earliest first
     */
    java.util.List<Appeal> dueBy(java.time.LocalDate today, java.time.LocalDate lastDay, int limit);

    /**
     * @param appealId the appeal
     * @return its events in version order, as this node holds them (every node holds the same, once replicated)
     */
    java.util.List<AppealEvent> history(String appealId);

    /**
     * Recomputes the last day of the term of every open appeal this node holds under the rule set of terms in force
     * (after a change of the rule set), and reports every one that moved. Nothing else about an appeal changes: no
     * event, no new version, nothing sent to other nodes (each node recomputes what it holds, with the same rules).
     *
     * @param apply false for a dry run that only reports
     * @return every due date that moved (or would move), in id order
     */
    java.util.List<DueDateChange> recomputeDueDates(boolean apply);

    /**
     * Appeals counted per applicant category (Art. 20: applicants with statutory benefits are considered first).
     *
     * @param today the date in Kyiv
     * @return one row per category, {@code null} category for appeals without one
     */
    java.util.List<CategoryCount> categoryCounts(java.time.LocalDate today);
}
