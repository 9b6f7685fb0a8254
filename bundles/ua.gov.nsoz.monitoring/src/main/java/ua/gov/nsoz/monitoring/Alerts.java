package ua.gov.nsoz.monitoring;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The alerts of the monitoring of public opinion (R16) at this node, and the scan that raises them. The scan runs
 * every day on its own (PID {@code ua.gov.nsoz.monitoring}) and on demand. REST and shell call this with an analyst's
 * name taken from the caller's login; checking that the caller is an analyst is theirs.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Alerts {

    /** The most alerts {@link #list} returns. */
    int MAX_LIMIT = 500;

    /**
     * @param status only alerts in this status, or {@code null} for all
     * @param limit how many at most, 1–{@link #MAX_LIMIT}
     * @return newest first (by {@code since}, then by when raised)
     * @throws IllegalArgumentException if the limit is out of range
     */
    List<Alert> list(AlertStatus status, int limit);

    /**
     * @param id an alert's id
     * @return the alert, if there is one
     */
    Optional<Alert> get(String id);

    /**
     * An analyst has seen the alert: OPEN → ACKNOWLEDGED, with who and when. Acknowledging an alert the same analyst
     * has already acknowledged changes nothing and returns it.
     *
     * @param id the alert
     * @param analyst the analyst's user name
     * @return the alert as it now is
     * @throws NoSuchElementException if there is no such alert
     * @throws IllegalStateException if it is closed, or acknowledged by another analyst
     * @throws IllegalArgumentException if the analyst is blank
     */
    Alert acknowledge(String id, String analyst);

    /**
     * An analyst closes the alert (from OPEN or ACKNOWLEDGED), with who, when and a note (what was done, or why it
     * was a false alarm).
     *
     * @param id the alert
     * @param analyst the analyst's user name
     * @param note the note, may be {@code null}; at most 2000 characters
     * @return the alert as it now is
     * @throws NoSuchElementException if there is no such alert
     * @throws IllegalStateException if it is already closed
     * @throws IllegalArgumentException if the analyst is blank or the note too long
     */
    Alert close(String id, String analyst, String note);

    /**
     * Scans the daily series up to and including {@code today} (a partial day counts what has arrived) for spikes
     * and new issues, raises an alert for each run of alarming days not yet raised (same kind, section, region and
     * first day: updated, not raised again) and sends the new ones to the listeners and the Secretariat.
     *
     * @param today the last day to look at (Kyiv date)
     * @return the alerts raised by this scan (not those only updated)
     */
    List<Alert> scan(LocalDate today);
}
