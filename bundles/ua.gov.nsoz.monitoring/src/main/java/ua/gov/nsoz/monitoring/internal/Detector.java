package ua.gov.nsoz.monitoring.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.Severity;

/**
 * Finds spikes and newly emerging issues in daily series of appeal counts (the method, with its formulas, is in
 * docs/monitoring.md). Pure Java, no state: give it the series and the days to test.
 *
 * <p>For each tested day {@code d} of a series, with the baseline anchored at {@code a} ({@code d}, or the first day
 * of the run of alarming days under way, so that a run does not raise its own baseline): the baseline is the
 * {@code baselineDays} days ending {@code guardDays + 1} days before {@code a}. The expected count of a day is
 * {@code mu = lambda * w[weekday]}, with the weekday factors {@code w} (mean 1) estimated from all series together and
 * the level {@code lambda = sum(y) / sum(w)} over the baseline; the over-dispersion {@code phi} is the Pearson
 * statistic over the baseline (at least 1). A day is alarming if its count, or the sum of the last 3 days, is above
 * the negative-binomial upper quantile (mean {@code mu}, variance {@code phi * mu}) at {@code alpha}, and at least
 * {@code minCount}. A series with at most {@code newIssueMaxBaseline} appeals in its baseline is tested as a new
 * issue instead: Poisson with the level at least half an appeal per baseline, and at least {@code newIssueMinCount}.
 */
final class Detector {

    /** Squared Pearson residuals of baseline days are capped at this squared: the dispersion is robust. */
    static final double OUTLIER_Z = 3;

    private final DetectorSettings settings;

    /** @param settings the parameters */
    Detector(DetectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param firstDay the day of index 0 of every series
     * @param series the daily counts, all of the same length
     * @param testFrom index of the first day to test (earlier days are history only)
     * @param testTo index of the last day to test
     * @return every run of alarming days among the tested ones, a run still under way at {@code testTo} ending there
     */
    List<Detection> detect(LocalDate firstDay, Map<SeriesKey, long[]> series, int testFrom, int testTo) {
        double[] w = weekdayFactors(firstDay, series.values(), testTo);
        List<Detection> found = new ArrayList<>();
        for (Map.Entry<SeriesKey, long[]> e : series.entrySet()) {
            detect(firstDay, e.getKey(), e.getValue(), w, testFrom, testTo, found);
        }
        return found;
    }

    /**
     * @param firstDay the day of index 0
     * @param all the series
     * @param to the last index to use
     * @return per ISO weekday (index 0 = Monday) the mean count on that weekday over the mean count of all days, from
     *         all series added together; all 1 when there is nothing
     */
    static double[] weekdayFactors(LocalDate firstDay, Iterable<long[]> all, int to) {
        double[] sum = new double[7];
        int[] days = new int[7];
        int firstDow = firstDay.getDayOfWeek().getValue() - 1;
        boolean counted = false;
        for (long[] y : all) {
            int end = Math.min(to, y.length - 1);
            for (int i = 0; i <= end; i++) {
                sum[(firstDow + i) % 7] += y[i];
            }
            if (!counted) {
                for (int i = 0; i <= end; i++) {
                    days[(firstDow + i) % 7]++;
                }
                counted = true;
            }
        }
        double[] mean = new double[7];
        double total = 0;
        int weekdays = 0;
        for (int d = 0; d < 7; d++) {
            if (days[d] > 0) {
                mean[d] = sum[d] / days[d];
                total += mean[d];
                weekdays++;
            }
        }
        double[] w = new double[7];
        for (int d = 0; d < 7; d++) {
            // a weekday never seen, or no appeals at all: no weekday effect; never 0 (a day closed so far may open)
            w[d] = total <= 0 || days[d] == 0 ? 1 : Math.max(0.05, mean[d] / (total / weekdays));
        }
        return w;
    }

    private void detect(LocalDate firstDay, SeriesKey key, long[] y, double[] w, int testFrom, int testTo,
            List<Detection> found) {
        int firstDow = firstDay.getDayOfWeek().getValue() - 1;
        double[] wd = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            wd[i] = w[(firstDow + i) % 7];
        }
        int from = Math.max(testFrom, settings.history());
        int runStart = -1;
        int detectedOn = -1;
        int lastRunEnd = -1;
        Baseline runBase = null;
        for (int d = from; d <= testTo && d < y.length; d++) {
            Baseline b = runStart >= 0 ? runBase : baseline(y, wd, d);
            int since = alarm(y, wd, b, d, runStart >= 0 ? runStart : lastRunEnd + 1);
            if (since >= 0) {
                if (runStart < 0) {
                    runStart = since;
                    detectedOn = d;
                    runBase = since == d ? b : baseline(y, wd, since);
                }
            } else if (runStart >= 0) {
                found.add(run(firstDay, key, y, wd, runBase, runStart, d - 1, detectedOn));
                lastRunEnd = d - 1;
                runStart = -1;
                runBase = null;
            }
        }
        if (runStart >= 0) {
            found.add(run(firstDay, key, y, wd, runBase, runStart, Math.min(testTo, y.length - 1), detectedOn));
        }
    }

    /** The baseline of a day: its level, dispersion and whether it is (almost) empty. */
    private record Baseline(double lambda, double phi, boolean empty) {
    }

    private Baseline baseline(long[] y, double[] wd, int anchor) {
        int end = anchor - settings.guardDays() - 1;
        int start = Math.max(0, end - settings.baselineDays() + 1);
        long sum = 0;
        double wsum = 0;
        for (int i = start; i <= end; i++) {
            sum += y[i];
            wsum += wd[i];
        }
        if (wsum <= 0 || sum <= settings.newIssueMaxBaseline()) {
            double lambda = Math.max(sum, 0.5) / Math.max(1, wsum);
            return new Baseline(lambda, 1, true);
        }
        double lambda = sum / wsum;
        double pearson = 0;
        int n = 0;
        for (int i = start; i <= end; i++) {
            double mu = lambda * wd[i];
            double r = y[i] - mu;
            // a single outlier (a past mass appeal) would inflate the dispersion for four weeks: each day's squared
            // Pearson residual counts at most OUTLIER_Z^2
            pearson += Math.min(OUTLIER_Z * OUTLIER_Z, r * r / mu);
            n++;
        }
        // the Pearson estimate from 28 days is itself uncertain (relative sd about sqrt(2 / (n - 1))): its upper
        // one-sd bound is used, so that an underestimated dispersion does not turn noise into alarms
        double phi = n > 1 ? Math.max(1, pearson / (n - 1)) * (1 + Math.sqrt(2.0 / (n - 1))) : 1;
        return new Baseline(lambda, phi, false);
    }

    /**
     * @param earliest the earliest day a run may start on (the day after the previous run, or the run under way)
     * @return the first day of the excess if day {@code d} is alarming, else -1
     */
    private int alarm(long[] y, double[] wd, Baseline b, int d, int earliest) {
        double alpha = settings.alpha();
        int min = b.empty() ? settings.newIssueMinCount() : settings.minCount();
        double phi = b.empty() ? 1 : b.phi();
        double mu = b.lambda() * wd[d];
        if (y[d] >= min && y[d] > NegBin.upperQuantile(mu, phi, alpha)) {
            return d;
        }
        int start = Math.max(Math.max(0, earliest), d - DetectorSettings.WINDOW + 1);
        long sum = 0;
        double mean = 0;
        for (int i = start; i <= d; i++) {
            sum += y[i];
            mean += b.lambda() * wd[i];
        }
        if (start < d && sum >= min && sum > NegBin.upperQuantile(mean, phi, alpha)) {
            // the excess began on the first day of the window above its expected count
            for (int i = start; i <= d; i++) {
                if (y[i] > b.lambda() * wd[i]) {
                    return i;
                }
            }
            return d;
        }
        return -1;
    }

    private Detection run(LocalDate firstDay, SeriesKey key, long[] y, double[] wd, Baseline b, int since, int last,
            int detectedOn) {
        long observed = 0;
        double expected = 0;
        for (int i = since; i <= last; i++) {
            observed += y[i];
            expected += b.lambda() * wd[i];
        }
        long threshold = Math.max(NegBin.upperQuantile(expected, b.empty() ? 1 : b.phi(), settings.alpha()),
                (b.empty() ? settings.newIssueMinCount() : settings.minCount()) - 1L);
        return new Detection(b.empty() ? AlertKind.NEW_ISSUE : AlertKind.SPIKE, key, firstDay.plusDays(since),
                firstDay.plusDays(last), firstDay.plusDays(detectedOn), observed, expected, threshold,
                Severity.of(observed, threshold));
    }
}
