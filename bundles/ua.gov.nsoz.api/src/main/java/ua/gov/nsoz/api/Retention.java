package ua.gov.nsoz.api;

import java.time.Instant;
import java.util.List;

/**
 * Retention of personal data (R19; issue #5): a closed appeal's personal data is anonymized once the retention
 * period has passed since it was closed, keeping everything statistics need (kind, channel, topic, region, status,
 * classification, body, result, rating, dates). Each node anonymizes the appeals it holds, its own and replicas.
 */
public interface Retention {

    /**
     * What a run did (or, in a dry run, would do).
     *
     * @param cutoff appeals closed (last changed) before this instant qualify
     * @param retentionDays the period applied
     * @param dryRun true if nothing was changed
     * @param count how many appeals were (or would be) anonymized
     * @param registrationNumbers their registration numbers (at most the first 1,000)
     */
    record Report(Instant cutoff, int retentionDays, boolean dryRun, long count, List<String> registrationNumbers) {

        /** Defensive copy. */
        public Report {
            registrationNumbers = List.copyOf(registrationNumbers);
        }
    }

    /**
     * @param dryRun true to only count and list
     * @param retentionDays the period in days, or null for the node's configured one
     * @param actor who runs it (audited)
     * @return what was done
     */
    Report run(boolean dryRun, Integer retentionDays, String actor);

    /** @return the node's configured period in days */
    int retentionDays();
}
