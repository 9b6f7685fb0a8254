package ua.gov.nsoz.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A spike or a newly emerging issue in the appeals on one topic section in one region, for the Secretariat. All the
 * counts are over the run of alarming days from {@code since} to {@code lastDay} (Kyiv dates). It carries no
 * applicant's data: counts and the ids of a few example appeals only. One alert per (kind, section, region, since):
 * a later scan that sees the same run again updates {@code lastDay}, the counts and the severity of the alert (while
 * it is not closed) instead of raising another.
 *
 * @param id the alert's id (UUID)
 * @param kind spike or new issue
 * @param section the topic heading: the classifier section (a topic code's part before the dot, e.g. {@code 110} of
 *        {@code 110.02}; a topic registered as text is its own section)
 * @param region the region code (ISO 3166-2:UA), or the node id for appeals of the center with no region
 * @param since the first day of the run of alarming days
 * @param lastDay the last alarming day seen so far
 * @param observed appeals received from {@code since} to {@code lastDay} (each appeal of a mass appeal counts)
 * @param expected appeals the baseline leads to expect over the same days
 * @param threshold the count over those days above which they are alarming at the stated false-alarm rate
 * @param severity how far {@code observed} is above {@code threshold}
 * @param exampleIds ids of up to 5 appeals of the run (empty if the store could not be asked)
 * @param status where it stands
 * @param raisedAt when it was raised
 * @param acknowledgedBy the analyst who acknowledged it, or {@code null}
 * @param acknowledgedAt when, or {@code null}
 * @param closedBy the analyst who closed it, or {@code null}
 * @param closedAt when, or {@code null}
 * @param note the analyst's note at closing, or {@code null}
 */
public record Alert(String id, AlertKind kind, String section, String region, LocalDate since, LocalDate lastDay,
        long observed, double expected, long threshold, Severity severity, List<String> exampleIds,
        AlertStatus status, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt, String closedBy,
        Instant closedAt, String note) {

    /** The most example ids an alert carries. */
    public static final int MAX_EXAMPLES = 5;

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(status, "status");
        exampleIds = exampleIds == null ? List.of() : List.copyOf(exampleIds);
        if (exampleIds.size() > MAX_EXAMPLES) {
            throw new IllegalArgumentException("At most " + MAX_EXAMPLES + " example ids");
        }
    }

    /** @return a one-line summary in Ukrainian and English (no applicant's data), e.g. for a notification */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: розділ %s, %s, з %s: %d звернень при очікуваних %.1f (поріг %d) / %s: section %s, %s, since %s:"
                        + " %d appeals against %.1f expected (threshold %d)",
                kind.labelUk(), section, region, since, observed, expected, threshold, kind.labelEn(), section,
                region, since, observed, expected, threshold);
    }
}
