package ua.gov.nsoz.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.store.EventFeed;

/** The feed cursor does not lose an event committed late below the highest seq already read. */
@DisplayName("FeedCursor: holes in the event log")
class FeedCursorTest {

    /** An event log whose rows appear in any order, as concurrent commits make them. */
    static final class Log implements EventFeed {
        final TreeMap<Long, FeedEvent> rows = new TreeMap<>();

        void commit(long seq, String appeal) {
            rows.put(seq, new FeedEvent(seq, appeal, "REGISTERED", Instant.EPOCH));
        }

        @Override
        public List<FeedEvent> after(long afterSeq, int limit) {
            return rows.tailMap(afterSeq, false).values().stream().limit(limit).toList();
        }

        @Override
        public List<FeedEvent> eventsAt(Collection<Long> seqs) {
            return seqs.stream().filter(rows::containsKey).sorted().map(rows::get).toList();
        }

        @Override
        public long lastSeq() {
            return rows.isEmpty() ? 0 : rows.lastKey();
        }

        @Override
        public List<String> appealIds(String afterId, int limit) {
            return List.of();
        }

        @Override
        public Map<String, Instant> firstOccurrence(Collection<String> appealIds, String eventType) {
            return Map.of();
        }
    }

    static List<Long> seqs(List<EventFeed.FeedEvent> events) {
        List<Long> out = new ArrayList<>();
        events.forEach(e -> out.add(e.seq()));
        return out;
    }

    @Test
    @DisplayName("A seq committed after a higher one is still delivered, and the safe cursor waits for it")
    void lateCommitIsDelivered() {
        Log log = new Log();
        FeedCursor cursor = new FeedCursor(0, 60_000);
        log.commit(1, "a");
        log.commit(2, "b");
        log.commit(4, "d");
        assertEquals(List.of(1L, 2L, 4L), seqs(cursor.poll(log, 100, 0)));
        assertEquals(2, cursor.safe(), "3 is awaited, so only up to 2 is safe");
        assertEquals(1, cursor.awaited());
        assertEquals(List.of(), seqs(cursor.poll(log, 100, 1_000)));
        log.commit(3, "c");
        log.commit(5, "e");
        assertEquals(List.of(3L, 5L), seqs(cursor.poll(log, 100, 2_000)));
        assertEquals(5, cursor.safe());
        assertEquals(0, cursor.awaited());
    }

    @Test
    @DisplayName("A hole that never fills (a rolled-back insert) is given up after its grace period")
    void holeGivenUp() {
        Log log = new Log();
        FeedCursor cursor = new FeedCursor(10, 60_000);
        log.commit(11, "a");
        log.commit(14, "b");
        assertEquals(List.of(11L, 14L), seqs(cursor.poll(log, 100, 0)));
        assertEquals(11, cursor.safe());
        cursor.poll(log, 100, 59_000);
        assertEquals(11, cursor.safe(), "still within the grace period");
        cursor.poll(log, 100, 61_000);
        assertEquals(14, cursor.safe());
        assertEquals(0, cursor.awaited());
    }

    @Test
    @DisplayName("The limit pages the new events; the start cursor skips what was counted before")
    void paging() {
        Log log = new Log();
        for (long s = 1; s <= 5; s++) {
            log.commit(s, "x" + s);
        }
        FeedCursor cursor = new FeedCursor(2, 60_000);
        assertEquals(List.of(3L, 4L), seqs(cursor.poll(log, 2, 0)));
        assertEquals(List.of(5L), seqs(cursor.poll(log, 2, 0)));
        assertEquals(5, cursor.high());
    }
}
