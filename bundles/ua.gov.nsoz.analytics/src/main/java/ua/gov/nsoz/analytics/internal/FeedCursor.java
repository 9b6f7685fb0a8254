package ua.gov.nsoz.analytics.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ua.gov.nsoz.store.EventFeed;
import ua.gov.nsoz.store.EventFeed.FeedEvent;

/**
 * Where the analysis stands in the event log, without losing a late commit: {@code appeal_event.seq} is handed out
 * at insert, so a transaction may commit a lower seq after a higher one was read. Every seq skipped below the highest
 * seen is remembered and looked for again at each poll until it turns up or its grace period ends (a rolled-back
 * insert, or Derby's identity pre-allocation after a restart, leaves a hole for ever). The cursor saved with the
 * facts is {@link #safe()}: below the lowest seq still awaited, so a restart reads that part again (recomputing an
 * appeal is idempotent).
 */
final class FeedCursor {

    /** At most this many holes are remembered (the oldest are given up first). */
    static final int MAX_MISSING = 10_000;

    private final long graceMillis;
    private long high;
    /** Missing seq → when it was first noticed missing (ms). */
    private final TreeMap<Long, Long> missing = new TreeMap<>();

    /**
     * @param start every event at or below it is counted already
     * @param graceMillis how long a hole is looked for again
     */
    FeedCursor(long start, long graceMillis) {
        this.high = start;
        this.graceMillis = graceMillis;
    }

    /**
     * @param feed the log
     * @param limit at most this many new events
     * @param nowMillis the time now
     * @return the events that turned up in holes, then the new ones, in that order
     */
    List<FeedEvent> poll(EventFeed feed, int limit, long nowMillis) {
        List<FeedEvent> out = new ArrayList<>();
        if (!missing.isEmpty()) {
            List<Long> all = new ArrayList<>(missing.keySet());
            for (int i = 0; i < all.size(); i += 1000) {
                for (FeedEvent e : feed.eventsAt(all.subList(i, Math.min(all.size(), i + 1000)))) {
                    missing.remove(e.seq());
                    out.add(e);
                }
            }
            for (Iterator<Map.Entry<Long, Long>> it = missing.entrySet().iterator(); it.hasNext();) {
                if (nowMillis - it.next().getValue() > graceMillis) {
                    it.remove();
                }
            }
        }
        for (FeedEvent e : feed.after(high, limit)) {
            for (long s = Math.max(high + 1, e.seq() - MAX_MISSING); s < e.seq(); s++) {
                missing.put(s, nowMillis);
            }
            high = Math.max(high, e.seq());
            out.add(e);
        }
        while (missing.size() > MAX_MISSING) {
            missing.pollFirstEntry();
        }
        return out;
    }

    /** @return every event at or below it is counted: the highest seen, or below the lowest still awaited */
    long safe() {
        return missing.isEmpty() ? high : Math.min(high, missing.firstKey() - 1);
    }

    /** @return the highest seq seen */
    long high() {
        return high;
    }

    /** @return how many holes are awaited */
    int awaited() {
        return missing.size();
    }
}
