package ua.gov.nsoz.monitoring.internal;

import java.time.LocalDate;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.Severity;

/**
 * A run of alarming days in one series, as the detector found it.
 *
 * @param kind spike or new issue
 * @param key the series
 * @param since the run's first day
 * @param lastDay its last day
 * @param detectedOn the day the detector first found it alarming (on or after {@code since})
 * @param observed appeals over the run
 * @param expected appeals expected over the run from the baseline before {@code since}
 * @param threshold the count over the run's days above which they are alarming (upper quantile at alpha)
 * @param severity how far above the threshold
 */
record Detection(AlertKind kind, SeriesKey key, LocalDate since, LocalDate lastDay,
        LocalDate detectedOn, long observed, double expected,
        long threshold, Severity severity) {
}
