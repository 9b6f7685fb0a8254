package ua.gov.nsoz.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link StatsQuery}: rows ordered by period, then by key.
 *
 * @param query the question
 * @param rows the lines
 * @param asOf when the figures were read (the analytics tables are at most a few seconds behind the store)
 */
public record StatsResult(StatsQuery query, List<StatsRow> rows, Instant asOf) {

    public StatsResult {
        rows = List.copyOf(rows);
    }
}
