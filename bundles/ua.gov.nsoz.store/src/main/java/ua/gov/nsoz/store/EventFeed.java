package ua.gov.nsoz.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Read-only access to the appeal event log for the analysis (issue #14): what changed after a cursor, and every
 * appeal id for a rebuild. Never carries an event's payload, so no personal data leaves through it.
 *
 * <p>{@code seq} is an identity column: concurrent transactions may commit out of seq order, and a rolled-back one
 * leaves a hole for ever. A reader that moves its cursor past a missing seq must look for it again for a while
 * ({@link #eventsAt(Collection)}) rather than lose a late commit.
 *
 * @since 1.6
 */
public interface EventFeed {

    /**
     * One event, without its payload.
     *
     * @param seq its position in the log
     * @param appealId the appeal it changed
     * @param eventType what happened, e.g. {@code REGISTERED}
     * @param occurredAt when
     */
    record FeedEvent(long seq, String appealId, String eventType, Instant occurredAt) {
    }

    /**
     * @param afterSeq the cursor (0 for the start)
     * @param limit at most this many (1 to 10,000)
     * @return the committed events with a seq above the cursor, in seq order
     */
    List<FeedEvent> after(long afterSeq, int limit);

    /**
     * @param seqs positions to look up (at most 1,000)
     * @return the events at those positions that are committed now, in seq order
     */
    List<FeedEvent> eventsAt(Collection<Long> seqs);

    /** @return the highest seq committed so far, 0 if none */
    long lastSeq();

    /**
     * A keyset page of every appeal id, for a rebuild.
     *
     * @param afterId the last id of the previous page, or {@code null} for the first
     * @param limit at most this many (1 to 10,000)
     * @return the ids above {@code afterId}, ascending
     */
    List<String> appealIds(String afterId, int limit);

    /**
     * @param appealIds appeals (at most 1,000)
     * @param eventType an event type, e.g. {@code REDIRECTED}
     * @return for each of those appeals that has such an event, when the first one occurred
     */
    Map<String, Instant> firstOccurrence(Collection<String> appealIds, String eventType);
}
