package ua.gov.nsoz.analytics;

import java.util.Map;

/**
 * An executive body's results over a period (R15), for the appeals it received in the period.
 *
 * @param rank 1 = best: by the share answered on time, then fewer overdue now, then the median days
 * @param body the body's reference id
 * @param name its name in Ukrainian
 * @param values every {@link Measure} over the period
 * @param overdueNow its appeals (of any period) open past their due date today
 * @param previousRank its rank over the previous period of the same length, or {@code null} if it had no appeals
 * @param previous the measures over the previous period
 */
public record Scorecard(int rank, String body, String name, Map<Measure, Double> values, long overdueNow,
        Integer previousRank, Map<Measure, Double> previous) {

    public Scorecard {
        values = Map.copyOf(values);
        previous = Map.copyOf(previous);
    }
}
