package ua.gov.nsoz.analytics;

import java.time.LocalDate;
import java.util.List;

/** The analysis over the appeals this node holds (at the center: the whole country). */
public interface Statistics {

    /**
     * @param query the question
     * @return the figures, with the previous period beside them
     * @throws IllegalArgumentException if the question cannot be answered (a period longer than 10 years, say)
     */
    StatsResult query(StatsQuery query);

    /**
     * @param from first day
     * @param to last day
     * @param scope whose appeals ({@link Scope#body} gives one card)
     * @return one card per executive body with appeals in the period or the previous one, best first
     */
    List<Scorecard> scorecards(LocalDate from, LocalDate to, Scope scope);

    /**
     * @param from first day
     * @param to last day
     * @return the daily counts per region and topic, days without appeals absent
     */
    List<SeriesPoint> dailySeries(LocalDate from, LocalDate to);

    /**
     * @param from a month's first day
     * @param to a month's last day
     * @return the open data
     */
    OpenDataSet openData(LocalDate from, LocalDate to);

    /**
     * Drops the analytics tables' content and builds it again from the appeals in the store.
     *
     * @return how many appeals were counted
     */
    long rebuild();
}
