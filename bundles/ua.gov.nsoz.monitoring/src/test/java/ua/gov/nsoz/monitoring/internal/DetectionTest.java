package ua.gov.nsoz.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.monitoring.AlertKind;

/**
 * The detection test of issue #14 (R16): a year of synthetic daily series (seeded), realistic in their weekday
 * pattern, over-dispersion (negative binomial), seasonal drift and base levels that differ per region and topic
 * section, with spikes and new issues of known size and start injected into some of them. It measures recall,
 * detection delay and false alarms on the calm series, writes them to {@code target/monitoring-detection.txt} and
 * holds them to the bounds stated in docs/monitoring.md.
 */
@DisplayName("Detector on a year of synthetic series with injected spikes")
class DetectionTest {

    static final long SEED = 20260514L;
    static final int REGIONS = 25;
    static final int SECTIONS = 16;
    static final int SPARSE_SECTIONS = 2;
    static final int HISTORY = DetectorSettings.DEFAULT.history();
    static final int YEAR = 365;
    static final int DAYS = HISTORY + YEAR;
    static final LocalDate FIRST = LocalDate.of(2025, 1, 6);
    /** Monday … Sunday: fewer written appeals at the weekend, the phone line open every day. */
    static final double[] WEEKDAY = {1.25, 1.2, 1.15, 1.15, 1.05, 0.7, 0.5};
    /** Negative-binomial size of the day-to-day noise: variance = mu + mu^2 / K. */
    static final double K = 10;
    static final int SPIKE_DAYS = 7;
    static final int NEW_ISSUE_DAYS = 5;
    /** Spike sizes injected: extra appeals a day = max(ratio × the series' level, MIN_EXTRA). */
    static final double[] RATIOS = {0.5, 1, 2, 4};
    static final int MIN_EXTRA = 5;
    /** The stated size from which every spike must be found: at least twice the level and 8 appeals a day more. */
    static final double STATED_RATIO = 2;
    static final int STATED_EXTRA = 8;
    /** ... within this many days of its start (0: on its first day). */
    static final int STATED_DELAY = 2;
    /** A new issue: 3 appeals a day for 5 days in a series with (almost) none before; found within 2 days. */
    static final int NEW_ISSUE_PER_DAY = 3;
    static final int NEW_ISSUE_DELAY = 1;
    /** False alerts (runs) per 1,000 calm series-days at most. */
    static final double STATED_FALSE_ALARMS = 0.5;

    record Injection(SeriesKey key, AlertKind kind, int start, int days, double ratio, long extraPerDay,
            double level) {
    }

    static Map<SeriesKey, long[]> series = new LinkedHashMap<>();
    static List<Injection> injected = new ArrayList<>();
    static List<Detection> found;

    @BeforeAll
    static void generateAndDetect() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] region = new double[REGIONS];
        for (int r = 0; r < REGIONS; r++) {
            region[r] = Math.exp(0.7 * gaussian(rnd));
        }
        double[] section = new double[SECTIONS];
        for (int s = 0; s < SECTIONS; s++) {
            section[s] = s < SPARSE_SECTIONS ? 0.01 : 2.5 * Math.exp(gaussian(rnd));
        }
        int spikeNo = 0;
        for (int s = 0; s < SECTIONS; s++) {
            for (int r = 0; r < REGIONS; r++) {
                SeriesKey key = new SeriesKey(String.format("%03d", s + 1), String.format("UA-%02d", r + 1));
                double level = Math.min(80, section[s] * region[r]);
                double phase = rnd.nextDouble() * 2 * Math.PI;
                long[] y = new long[DAYS];
                for (int d = 0; d < DAYS; d++) {
                    double season = 1 + 0.2 * Math.sin(2 * Math.PI * d / 365.0 + phase);
                    double mu = level * season * WEEKDAY[(FIRST.getDayOfWeek().getValue() - 1 + d) % 7] / 1.0;
                    y[d] = poisson(rnd, gamma(rnd, K) * mu / K);
                }
                boolean inject = (r % 2) == 0;
                if (inject && s < SPARSE_SECTIONS) {
                    int start = HISTORY + 30 + rnd.nextInt(YEAR - 60);
                    for (int d = start; d < start + NEW_ISSUE_DAYS; d++) {
                        y[d] += NEW_ISSUE_PER_DAY;
                    }
                    injected.add(new Injection(key, AlertKind.NEW_ISSUE, start, NEW_ISSUE_DAYS, 0,
                            NEW_ISSUE_PER_DAY, level));
                } else if (inject) {
                    double ratio = RATIOS[spikeNo++ % RATIOS.length];
                    long extra = Math.max(MIN_EXTRA, Math.round(ratio * level));
                    int start = HISTORY + 30 + rnd.nextInt(YEAR - 60);
                    for (int d = start; d < start + SPIKE_DAYS; d++) {
                        y[d] += extra;
                    }
                    injected.add(new Injection(key, AlertKind.SPIKE, start, SPIKE_DAYS, ratio, extra, level));
                }
                series.put(key, y);
            }
        }
        found = new Detector(DetectorSettings.DEFAULT).detect(FIRST, series, HISTORY, DAYS - 1);
    }

    @Test
    @DisplayName("finds every stated spike and new issue in time, with few false alarms; writes the figures")
    void recallDelayAndFalseAlarms() throws IOException {
        Map<SeriesKey, List<Detection>> bySeries = new HashMap<>();
        for (Detection d : found) {
            bySeries.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d);
        }
        Map<String, int[]> recall = new java.util.TreeMap<>(); // class -> {injected, found, found in stated delay, sum delay}
        int statedMissed = 0;
        int wrongKind = 0;
        StringBuilder missedList = new StringBuilder();
        for (Injection inj : injected) {
            boolean stated = inj.kind() == AlertKind.NEW_ISSUE
                    || inj.ratio() >= STATED_RATIO && inj.extraPerDay() >= STATED_EXTRA;
            String cls = inj.kind() == AlertKind.NEW_ISSUE ? "new issue +" + inj.extraPerDay() + "/day"
                    : "spike ×" + inj.ratio() + (inj.extraPerDay() >= STATED_EXTRA ? ", ≥ " : ", < ") + STATED_EXTRA
                            + "/day";
            int[] c = recall.computeIfAbsent(cls, k -> new int[4]);
            c[0]++;
            Detection hit = null;
            for (Detection d : bySeries.getOrDefault(inj.key(), List.of())) {
                int on = (int) (d.detectedOn().toEpochDay() - FIRST.toEpochDay());
                if (on >= inj.start() && on < inj.start() + inj.days() + DetectorSettings.WINDOW) {
                    hit = d;
                    break;
                }
            }
            int limit = inj.kind() == AlertKind.NEW_ISSUE ? NEW_ISSUE_DELAY : STATED_DELAY;
            if (hit != null) {
                int delay = (int) (hit.detectedOn().toEpochDay() - FIRST.toEpochDay()) - inj.start();
                c[1]++;
                c[3] += delay;
                if (delay <= limit) {
                    c[2]++;
                } else if (stated) {
                    statedMissed++;
                    missedList.append(' ').append(inj).append(" late ").append(delay);
                }
                // a spike in a series with (almost) nothing in its baseline is rightly a new issue
                if (hit.kind() != inj.kind() && inj.level() >= 0.5) {
                    wrongKind++;
                }
            } else if (stated) {
                statedMissed++;
                missedList.append(' ').append(inj).append(" missed");
                if (System.getProperty("debugSeries") != null) {
                    long[] y = series.get(inj.key());
                    System.out.println(inj + " " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(y,
                            inj.start() - 40, inj.start() + 10)) + " " + bySeries.get(inj.key()));
                }
            }
        }
        long calmSeriesDays = 0;
        int falseAlerts = 0;
        java.util.Set<SeriesKey> injectedKeys = new java.util.HashSet<>();
        injected.forEach(i -> injectedKeys.add(i.key()));
        for (SeriesKey k : series.keySet()) {
            if (!injectedKeys.contains(k)) {
                calmSeriesDays += YEAR;
                falseAlerts += bySeries.getOrDefault(k, List.of()).size();
            }
        }
        double falsePer1000 = 1000.0 * falseAlerts / calmSeriesDays;

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "NSOZ monitoring detection test (seed %d): %d series (%d regions × %d"
                + " sections) × %d days after %d days of history; settings %s%n", SEED, series.size(), REGIONS,
                SECTIONS, YEAR, HISTORY, DetectorSettings.DEFAULT));
        out.append("class | injected | found | found in stated days | mean delay (days after start)\n");
        for (Map.Entry<String, int[]> e : recall.entrySet()) {
            int[] c = e.getValue();
            out.append(String.format(Locale.ROOT, "%s | %d | %d (%.0f%%) | %d | %.2f%n", e.getKey(), c[0], c[1],
                    100.0 * c[1] / c[0], c[2], c[1] == 0 ? Double.NaN : (double) c[3] / c[1]));
        }
        out.append(String.format(Locale.ROOT, "stated (spike ≥ %.0f× level and ≥ %d/day within %d days"
                + " of its start, new issue within %d days): missed or late %d%n", STATED_RATIO, STATED_EXTRA, STATED_DELAY, NEW_ISSUE_DELAY, statedMissed));
        out.append(String.format(Locale.ROOT, "found as the wrong kind: %d%n", wrongKind));
        out.append(String.format(Locale.ROOT, "false alerts on calm series: %d in %d series-days = %.3f per 1,000"
                + " series-days (bound %.1f)%n", falseAlerts, calmSeriesDays, falsePer1000, STATED_FALSE_ALARMS));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("monitoring-detection.txt"), out, StandardCharsets.UTF_8);
        System.out.print(out);

        assertEquals(0, statedMissed, "every stated spike and new issue found in time:" + missedList);
        assertEquals(0, wrongKind, "each found as its kind");
        assertTrue(falsePer1000 <= STATED_FALSE_ALARMS, "false alarms per 1,000 series-days " + falsePer1000);
        int[] all = recall.values().stream().reduce(new int[4], (a, b) -> new int[] {a[0] + b[0], a[1] + b[1],
            a[2] + b[2], a[3] + b[3]});
        assertTrue(all[1] >= 0.75 * all[0], "recall over all sizes at least 75%: " + all[1] + "/" + all[0]);
        assertTrue(found.stream().allMatch(d -> d.observed() > d.expected() && !d.detectedOn().isBefore(d.since())
                && !d.lastDay().isBefore(d.detectedOn())), "every alert is above its expected count, days in order");
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (shape ≥ 1). */
    static double gamma(SplittableRandom rnd, double shape) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(rnd);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static long poisson(SplittableRandom rnd, double mean) {
        long n = 0;
        while (mean > 20) {
            n += poisson(rnd, 20);
            mean -= 20;
        }
        double limit = Math.exp(-mean);
        double p = rnd.nextDouble();
        while (p > limit) {
            p *= rnd.nextDouble();
            n++;
        }
        return n;
    }
}
