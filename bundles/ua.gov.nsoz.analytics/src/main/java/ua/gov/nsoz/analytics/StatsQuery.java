package ua.gov.nsoz.analytics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A statistics question: the appeals received from {@code from} to {@code to} (both inclusive, Kyiv dates), in time
 * buckets of {@code granularity}, grouped by {@code groupBy} (or not grouped), counted within {@code scope}. The
 * answer carries the same figures for the previous period of the same length beside them.
 *
 * @param from first day
 * @param to last day, not before {@code from}
 * @param granularity the time buckets
 * @param groupBy the dimension, or {@code null} for totals
 * @param scope whose appeals
 */
public record StatsQuery(LocalDate from, LocalDate to, Granularity granularity, Dimension groupBy, Scope scope) {

    public StatsQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends before it starts: " + from + " .. " + to);
        }
        granularity = granularity == null ? Granularity.ALL : granularity;
        scope = scope == null ? Scope.ALL : scope;
    }

    /** @return the period of the same length right before this one */
    public StatsQuery previous() {
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        return new StatsQuery(from.minusDays(days), from.minusDays(1), granularity, groupBy, scope);
    }
}
