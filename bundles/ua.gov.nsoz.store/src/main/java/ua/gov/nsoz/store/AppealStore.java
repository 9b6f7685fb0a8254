package ua.gov.nsoz.store;

import java.util.List;
import java.util.Optional;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.Page;

/**
 * Persistence of appeals. Every write stores the new state and its event in one local transaction:
 * nothing is half-written, and the event log is complete.
 */
public interface AppealStore {

    /** What an anonymized appeal carries instead of its text and its answer's text (retention, R19). */
    String ANONYMIZED_TEXT = "[знеособлено / anonymized]";

    /**
     * An appeal named by its id and registration number (never its personal data).
     *
     * @param id the appeal id
     * @param registrationNumber its registration number
     */
    record AppealRef(String id, String registrationNumber) {
    }

    /**
     * An appeal being registered and the event that registers it, both made from its registration sequence number.
     *
     * @param appeal the appeal, version 1, carrying its registration number
     * @param event its first event (whose payload carries the number too)
     * @since 1.4
     */
    record Registration(Appeal appeal, AppealEvent event) {
    }

    /**
     * Takes the next registration sequence number of this node for a year in a transaction of its own. Numbers are
     * unique and increasing, but a number taken here and not stored is lost: the registration journal has a gap.
     *
     * @param year the calendar year of registration
     * @return the next number, starting at 1 each year
     * @deprecated use {@link #register}, which takes the number in the transaction that stores the appeal
     */
    @Deprecated
    long nextRegistrationSequence(int year);

    /**
     * Registers an appeal: takes the next registration sequence number of this node for the year and, in the same
     * transaction, inserts the appeal and the event that {@code build} makes from it, and an outbox entry shipping
     * that event to each destination. The numbers of a year are consecutive from 1, with no gap and no repeat: a
     * registration that fails (the build throws, the store cannot write, the node stops before the commit) takes no
     * number. This node's registrations wait for each other on the year's counter until each commits: do the
     * look-ups before, and keep {@code build} cheap.
     *
     * <p>The default takes the number first ({@link #nextRegistrationSequence}) and inserts after, in two
     * transactions (a failure in between leaves a gap); the JDBC store does it in one.
     *
     * @param year the calendar year of registration
     * @param build makes the appeal (version 1) and its event from the sequence number; it may be called again
     *        with the same number if the store runs the transaction again, so it must have no side effects; an
     *        exception from it undoes the registration and is thrown as it is
     * @param outboxDestinations the peers the event goes to (empty: none)
     * @return the appeal and the event stored
     * @throws StoreException if the store cannot write (nothing is written, no number is taken)
     * @since 1.4
     */
    default Registration register(int year, java.util.function.LongFunction<Registration> build,
            java.util.Collection<String> outboxDestinations) {
        Registration r = build.apply(nextRegistrationSequence(year));
        insert(r.appeal(), r.event(), outboxDestinations);
        return r;
    }

    /**
     * Inserts a new appeal together with its first event.
     *
     * @param appeal the appeal, version 1
     * @param event the event that created it
     * @throws StoreException if the store cannot write
     */
    default void insert(Appeal appeal, AppealEvent event) {
        insert(appeal, event, List.of());
    }

    /**
     * Inserts a new appeal together with its first event and, in the same transaction, an outbox
     * entry shipping that event to each destination.
     *
     * @param appeal the appeal, version 1
     * @param event the event that created it
     * @param outboxDestinations the peers the event goes to (empty: none)
     * @throws StoreException if the store cannot write
     */
    void insert(Appeal appeal, AppealEvent event, java.util.Collection<String> outboxDestinations);

    /** What {@link #update} did. */
    enum UpdateResult {
        /** The new state, its event and its outbox entries are written. */
        UPDATED,
        /** The appeal is no longer at the version the change was made from: nothing written, try again. */
        CONFLICT,
        /** The inbound message that carried the change was applied before: nothing written. */
        DUPLICATE
    }

    /**
     * Writes a change of an appeal in one transaction: the new state (only if the stored version is
     * still {@code next.version() - 1}), its event, an outbox entry per destination, and, for a change
     * that came from another node, the inbox row of the message that carried it.
     *
     * @param next the appeal after the change
     * @param event the event of the change
     * @param outboxDestinations the peers the event goes to
     * @param inbound the message that carried the change, or {@code null} for a local change
     * @return what happened
     */
    UpdateResult update(Appeal next, AppealEvent event, java.util.Collection<String> outboxDestinations,
            ReplicationStore.Inbound inbound);

    /**
     * @param id the appeal id
     * @return the appeal, if stored
     */
    Optional<Appeal> get(String id);

    /**
     * @param registrationNumber a registration number
     * @return the appeal, if stored
     */
    Optional<Appeal> findByRegistrationNumber(String registrationNumber);

    /**
     * Appeals matching a query, newest first; a body's inbox (a query with a body) puts the appeals considered first
     * (Art. 20) before the others, and then the nearest last day first (those without one last), then newest first.
     *
     * @param query filters and paging
     * @return the page and the total number of matches
     */
    Page<Appeal> search(AppealQuery query);

    /**
     * @param appealId the appeal id
     * @return its events in version order
     */
    List<AppealEvent> events(String appealId);

    /**
     * The same applicant's other appeals (matched by name and address, else e-mail, else phone; case, spacing and
     * punctuation ignored), newest first: for the detection of repeated and duplicate appeals.
     *
     * @param appeal the appeal
     * @param limit how many at most
     * @return the others
     */
    List<Appeal> sameApplicant(Appeal appeal, int limit);

    /**
     * @param appeal the appeal
     * @param since registered at or after
     * @return how many other applicants sent the same text (case, spacing and punctuation ignored) since then: mass
     *         appeals
     */
    long otherApplicantsWithSameText(Appeal appeal, java.time.Instant since);

    /**
     * Whether at least {@code others} other applicants sent the same text since then (a mass appeal): what
     * {@code otherApplicantsWithSameText(appeal, since) >= others} says, but a store may stop looking once it has found
     * that many, so that the cost of one registration stays flat however large a campaign grows (issue #12).
     *
     * @param appeal the appeal
     * @param since registered at or after
     * @param others how many other applicants make it a mass appeal
     * @return whether there are at least that many
     * @since 1.4
     */
    default boolean sameTextFromAtLeast(Appeal appeal, java.time.Instant since, int others) {
        return otherApplicantsWithSameText(appeal, since) >= others;
    }

    /**
     * Open appeals (their term running) of a node whose last day is on or before a date and that still need the
     * deadline watch: not reminded for their last day yet (last day today or later), or past it and not escalated
     * yet; earliest first.
     *
     * @param node the owning node
     * @param today the date in Kyiv
     * @param lastDay the date
     * @param limit how many at most
     * @return the appeals
     */
    List<Appeal> dueBy(String node, java.time.LocalDate today, java.time.LocalDate lastDay, int limit);

    /**
     * Open appeals whose last day is before a date, counted by a dimension.
     *
     * @param byBody true to count per executive body (appeals not forwarded yet under "") , false per region
     * @param today the date
     * @return count per body or region
     */
    java.util.Map<String, Long> overdueCounts(boolean byBody, java.time.LocalDate today);

    /**
     * A secret of this node kept in its store, made on first use (e.g. the key access codes are derived with).
     *
     * @param name the secret's name
     * @param create makes a new value
     * @return the secret
     */
    String secret(String name, java.util.function.Supplier<String> create);

    /**
     * Retention's candidates: appeals whose consideration is over ({@link ua.gov.nsoz.api.AppealStatus#isOpen()}
     * false), last changed before the cutoff and not anonymized yet. Changes nothing (a dry run).
     *
     * @param cutoff last changed before this instant
     * @param limit how many to list at most (0 to only count)
     * @return the first {@code limit} of them, least recently changed first, and how many there are in all
     * @since 1.3
     */
    default Page<AppealRef> pastRetention(java.time.Instant cutoff, int limit) {
        throw new UnsupportedOperationException("This store keeps no retention state");
    }

    /**
     * Anonymizes up to {@code batchSize} of {@link #pastRetention}'s appeals, least recently changed first, in one
     * transaction: the applicant's name, address, e-mail and phone, and their reason for a shortened term, are removed
     * (the applicant's type and category stay), the text and the answer's text become {@link #ANONYMIZED_TEXT},
     * attachments and answer documents are renamed {@code document-<n>} (media type, size and SHA-256 stay), the
     * hashes that tell the applicant and the text by are removed, and every event payload of the appeal is replaced by
     * what {@code payloads} makes of it. The appeal's version, status, dates and everything statistics count stay; no
     * event is written and nothing is queued for other nodes (each node anonymizes the appeals it holds).
     *
     * @param cutoff last changed before this instant
     * @param at when, kept as the appeal's anonymization time
     * @param batchSize how many at most
     * @param payloads rewrites one event payload (the JSON its writer made) without the personal data; called inside
     *        the transaction, an exception from it undoes the whole batch
     * @return the appeals anonymized; empty once none is left
     * @throws ua.gov.nsoz.store.StoreException if the store cannot write (nothing of the batch is written)
     * @since 1.3
     */
    default List<AppealRef> anonymizePastRetention(java.time.Instant cutoff, java.time.Instant at, int batchSize,
            java.util.function.UnaryOperator<String> payloads) {
        throw new UnsupportedOperationException("This store keeps no retention state");
    }

    /**
     * Open appeals ({@link ua.gov.nsoz.api.AppealStatus#isOpen()}) this store holds, owned here or replicated, in id
     * order: the due-date recomputation pages through them.
     *
     * @param afterId the last id of the previous page, or null for the first
     * @param limit how many at most
     * @return the next page, ids ascending
     * @since 1.4
     */
    List<Appeal> openAppeals(String afterId, int limit);

    /**
     * Sets the stored last day of an appeal's term (the column {@code due_day}) without writing an event, changing
     * its version or queueing anything for other nodes: the due-date recomputation after a change of the rule set
     * of terms (each node recomputes the appeals it holds).
     *
     * @param id the appeal
     * @param version the version it must still have
     * @param dueDate the new last day
     * @return false if the appeal has another version by now (it changed meanwhile: its due date is fresh)
     * @since 1.4
     */
    boolean setDueDate(String id, long version, java.time.LocalDate dueDate);

    /**
     * Appeals counted per applicant category (Art. 20: applicants with statutory benefits first): all of them, the
     * open ones, and the open ones past their last day.
     *
     * @param today the date in Kyiv
     * @return one row per category code, {@code null} for appeals with no category stated; codes ascending, null last
     * @since 1.4
     */
    List<ua.gov.nsoz.api.CategoryCount> categoryCounts(java.time.LocalDate today);
}
