package ua.gov.nsoz.analytics;

/** The time buckets of a statistics answer (weeks start on Monday; all in Kyiv time). */
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR,
    /** One bucket: the whole period. */
    ALL
}
