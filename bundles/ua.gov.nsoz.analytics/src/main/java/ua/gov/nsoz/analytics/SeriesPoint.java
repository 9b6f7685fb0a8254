package ua.gov.nsoz.analytics;

import java.time.LocalDate;

/**
 * Appeals received on one day in one region on one topic heading (the classifier's section), for the monitoring of
 * public opinion (R16). Mass appeals count, each one.
 *
 * @param day the day (Kyiv)
 * @param region the region code (ISO 3166-2:UA), or the node id for appeals of the center
 * @param topic the topic code as registered
 * @param count how many
 */
public record SeriesPoint(LocalDate day, String region, String topic, long count) {
}
