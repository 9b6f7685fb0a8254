package ua.gov.nsoz.monitoring.internal;

import java.util.Objects;

/**
 * One daily series: a topic section in a region.
 *
 * @param section the classifier section
 * @param region the region code or node id
 */
record SeriesKey(String section, String region) {

    SeriesKey {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(region, "region");
    }

    /**
     * @param topic a topic as registered: a classifier code ({@code 110.02}) or text
     * @return its section: the part before the first dot of a code, the trimmed text otherwise, {@code "—"} if none
     */
    static String sectionOf(String topic) {
        if (topic == null || topic.isBlank()) {
            return "—";
        }
        String t = topic.trim();
        int dot = t.indexOf('.');
        if (dot > 0 && t.substring(0, dot).chars().allMatch(Character::isDigit)) {
            return t.substring(0, dot);
        }
        return t;
    }
}
