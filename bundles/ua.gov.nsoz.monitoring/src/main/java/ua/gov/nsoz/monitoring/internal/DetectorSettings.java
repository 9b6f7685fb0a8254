package ua.gov.nsoz.monitoring.internal;

/**
 * The parameters of the detection (docs/monitoring.md).
 *
 * @param baselineDays days in the baseline (28: four of each weekday)
 * @param guardDays days right before the tested day (or the run's first day) left out of the baseline, so that a
 *        slowly rising issue does not raise its own baseline
 * @param alpha the upper tail probability of each of the two tests (the day, and the sum of the last 3 days)
 * @param minCount the least count (of the day, or of the 3 days) that may raise a spike
 * @param newIssueMaxBaseline a series with at most this many appeals in the whole baseline is tested for a new
 *        issue instead of a spike
 * @param newIssueMinCount the least count (of the day, or of the 3 days) that makes a new issue
 */
record DetectorSettings(int baselineDays, int guardDays, double alpha, int minCount, int newIssueMaxBaseline,
        int newIssueMinCount) {

    /** The settings documented and tested. */
    static final DetectorSettings DEFAULT = new DetectorSettings(28, 7, 1e-4, 5, 2, 5);

    /** The days of the sum test. */
    static final int WINDOW = 3;

    DetectorSettings {
        if (baselineDays < 7 || guardDays < 0 || !(alpha > 0 && alpha < 0.5) || minCount < 1
                || newIssueMaxBaseline < 0 || newIssueMinCount < 1) {
            throw new IllegalArgumentException("Invalid detector settings");
        }
    }

    /** @return how many days of history a day's test needs before it */
    int history() {
        return baselineDays + guardDays;
    }
}
