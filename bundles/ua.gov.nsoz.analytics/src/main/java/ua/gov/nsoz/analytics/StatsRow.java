package ua.gov.nsoz.analytics;

import java.time.LocalDate;
import java.util.Map;

/**
 * One line of a statistics answer: one time bucket and one value of the grouping dimension.
 *
 * @param periodStart the first day of the bucket (the query's {@code from} for {@link Granularity#ALL})
 * @param key the dimension's value (a code: region code, node id, body id, topic code, enum name), or {@code null}
 *        when not grouped
 * @param label the value's name in Ukrainian (the code if there is no name)
 * @param values every {@link Measure}; the days and rating measures are absent when nothing was answered or rated
 * @param previous the same measures for the same key over the previous period (bucket by bucket for
 *        {@link Granularity#ALL}; for other granularities the whole previous period), never {@code null}
 */
public record StatsRow(LocalDate periodStart, String key, String label, Map<Measure, Double> values,
        Map<Measure, Double> previous) {

    public StatsRow {
        values = Map.copyOf(values);
        previous = Map.copyOf(previous);
    }

    /** @return the measure, 0 if absent */
    public double value(Measure m) {
        return values.getOrDefault(m, 0.0);
    }
}
