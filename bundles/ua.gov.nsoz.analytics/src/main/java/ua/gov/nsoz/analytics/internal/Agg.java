package ua.gov.nsoz.analytics.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import ua.gov.nsoz.analytics.Measure;

/**
 * Counts and the days-to-answer histogram of a set of appeals: a cell of {@code an_cell}, a delta to one, or the
 * sum of several. The median and the 90th percentile are exact, by nearest rank over whole days: the smallest d
 * such that at least q of the answered appeals took d days or fewer. The histogram is an array of counts indexed by
 * days (as the bulk rebuild's cells, {@code BulkCells}), grown as needed: the queries sum thousands of cells per
 * answer, and boxed {@code TreeMap} entries made most of their garbage (docs/benchmarks.md, issue 14).
 */
final class Agg {

    static final int RECEIVED = 0;
    static final int ANSWERED = 1;
    static final int ON_TIME = 2;
    static final int OVERDUE = 3;
    static final int EXTENDED = 4;
    static final int REDIRECTED = 5;
    static final int REDIRECTED_IN_TERM = 6;
    static final int NOT_CONSIDERED = 7;
    static final int REPEATED = 8;
    static final int RATINGS = 9;
    static final int RATING_SUM = 10;
    static final int SIZE = 11;
    /** The cell's count columns, in the order of the indexes above. */
    static final String COLUMNS = "received, answered, on_time, overdue, extended, redirected, redirected_in_term, "
            + "not_considered, repeated, ratings, rating_sum";

    final long[] c = new long[SIZE];
    /** Appeals answered in d days at index d (a delta may hold negative counts); only up to {@link #histLength}. */
    private long[] hist = new long[0];
    /** One past the highest day with a count ever added. */
    private int histLength;

    /** Adds (sign 1) or takes away (sign -1) one appeal. */
    void add(Fact f, int sign) {
        c[RECEIVED] += sign;
        c[ANSWERED] += f.answered() ? sign : 0;
        c[ON_TIME] += f.onTime() ? sign : 0;
        c[OVERDUE] += f.overdue() ? sign : 0;
        c[EXTENDED] += f.extended() ? sign : 0;
        c[REDIRECTED] += f.redirected() ? sign : 0;
        c[REDIRECTED_IN_TERM] += f.redirectedInTerm() ? sign : 0;
        c[NOT_CONSIDERED] += f.notConsidered() ? sign : 0;
        c[REPEATED] += f.repeated() ? sign : 0;
        if (f.rating() != null) {
            c[RATINGS] += sign;
            c[RATING_SUM] += (long) sign * f.rating();
        }
        if (f.daysToAnswer() != null) {
            addDays(f.daysToAnswer(), sign);
        }
    }

    void add(Agg o) {
        for (int i = 0; i < SIZE; i++) {
            c[i] += o.c[i];
        }
        for (int d = 0; d < o.histLength; d++) {
            if (o.hist[d] != 0) {
                addDays(d, o.hist[d]);
            }
        }
    }

    void addDays(int days, long n) {
        if (days < 0) {
            throw new IllegalArgumentException("Days to answer below zero: " + days);
        }
        if (days >= hist.length) {
            hist = Arrays.copyOf(hist, Math.max(days + 1, Math.min(Math.max(16, hist.length * 2), days + 64)));
        }
        hist[days] += n;
        histLength = Math.max(histLength, days + 1);
    }

    boolean isZero() {
        for (long v : c) {
            if (v != 0) {
                return false;
            }
        }
        for (int d = 0; d < histLength; d++) {
            if (hist[d] != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the histogram as stored: "days:count" pairs, ascending, space-separated */
    String histText() {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < histLength; d++) {
            if (hist[d] != 0) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(d).append(':').append(hist[d]);
            }
        }
        return b.toString();
    }

    void addHistText(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        int i = 0;
        int len = text.length();
        while (i < len) {
            int colon = text.indexOf(':', i);
            int space = text.indexOf(' ', colon);
            int end = space < 0 ? len : space;
            addDays(Integer.parseInt(text, i, colon, 10), Long.parseLong(text, colon + 1, end, 10));
            i = end + 1;
        }
    }

    /** @return the nearest-rank quantile of the days to answer, or {@code null} if none answered */
    Double quantile(double q) {
        long total = 0;
        int last = -1;
        for (int d = 0; d < histLength; d++) {
            total += hist[d];
            if (hist[d] != 0) {
                last = d;
            }
        }
        if (total <= 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int d = 0; d < histLength; d++) {
            if (hist[d] != 0) {
                seen += hist[d];
                if (seen >= rank) {
                    return (double) d;
                }
            }
        }
        return (double) last;
    }

    /** @return every measure; the days and rating measures absent when nothing was answered or rated */
    Map<Measure, Double> measures() {
        Map<Measure, Double> m = new EnumMap<>(Measure.class);
        m.put(Measure.RECEIVED, (double) c[RECEIVED]);
        m.put(Measure.ANSWERED, (double) c[ANSWERED]);
        m.put(Measure.ANSWERED_ON_TIME, (double) c[ON_TIME]);
        m.put(Measure.OVERDUE, (double) c[OVERDUE]);
        m.put(Measure.EXTENDED, (double) c[EXTENDED]);
        m.put(Measure.REDIRECTED, (double) c[REDIRECTED]);
        m.put(Measure.REDIRECTED_IN_TERM, (double) c[REDIRECTED_IN_TERM]);
        m.put(Measure.NOT_CONSIDERED, (double) c[NOT_CONSIDERED]);
        m.put(Measure.REPEATED, (double) c[REPEATED]);
        m.put(Measure.RATINGS, (double) c[RATINGS]);
        Double median = quantile(0.5);
        if (median != null) {
            m.put(Measure.MEDIAN_DAYS, median);
            m.put(Measure.P90_DAYS, quantile(0.9));
        }
        if (c[RATINGS] > 0) {
            m.put(Measure.MEAN_RATING, (double) c[RATING_SUM] / c[RATINGS]);
        }
        return m;
    }
}
