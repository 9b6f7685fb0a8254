package ua.gov.nsoz.reports.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.OpenDataSet;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.SeriesPoint;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;

/**
 * Known figures for I quarter 2026 and the quarter before (IV 2025): 200 received (150 before); by region Lviv 120
 * (90), Kyiv 80 (60); by section 008 = 137 (100), 010 = 63 (50); by channel PHONE 151 (110), WEB 49 (40); months 70,
 * 61, 69. Every other period has nothing.
 */
final class FakeStatistics implements Statistics {

    static final LocalDate Q1 = LocalDate.of(2026, 1, 1);
    static final LocalDate Q4 = LocalDate.of(2025, 10, 1);
    static final Instant AS_OF = Instant.parse("2026-04-10T08:00:00Z");

    final List<StatsQuery> asked = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;

    /** @return RECEIVED r and a fixed pattern of the others */
    static Map<Measure, Double> values(double r) {
        Map<Measure, Double> m = new EnumMap<>(Measure.class);
        m.put(Measure.RECEIVED, r);
        m.put(Measure.ANSWERED, Math.floor(r * 0.9));
        m.put(Measure.ANSWERED_ON_TIME, Math.floor(r * 0.5));
        m.put(Measure.OVERDUE, Math.floor(r * 0.1));
        m.put(Measure.EXTENDED, 2.0);
        m.put(Measure.REDIRECTED, 3.0);
        m.put(Measure.REDIRECTED_IN_TERM, 3.0);
        m.put(Measure.NOT_CONSIDERED, 1.0);
        m.put(Measure.REPEATED, 4.0);
        m.put(Measure.MEDIAN_DAYS, 7.5);
        m.put(Measure.P90_DAYS, 21.0);
        m.put(Measure.RATINGS, 10.0);
        m.put(Measure.MEAN_RATING, 4.25);
        return m;
    }

    @Override
    public StatsResult query(StatsQuery q) {
        asked.add(q);
        if (failure != null) {
            throw failure;
        }
        boolean current = q.from().equals(Q1) && q.to().equals(LocalDate.of(2026, 3, 31));
        boolean previous = q.from().equals(Q4) && q.to().equals(LocalDate.of(2025, 12, 31));
        List<StatsRow> rows = new ArrayList<>();
        if (!current && !previous) {
            return new StatsResult(q, rows, AS_OF);
        }
        if (q.granularity() == Granularity.MONTH && q.groupBy() == null) {
            double[] months = current ? new double[] {70, 61, 69} : new double[] {50, 50, 50};
            for (int i = 0; i < 3; i++) {
                rows.add(new StatsRow(q.from().plusMonths(i), null, null, values(months[i]), values(150)));
            }
            return new StatsResult(q, rows, AS_OF);
        }
        if (q.groupBy() == null) {
            rows.add(new StatsRow(q.from(), null, null, values(current ? 200 : 150), values(current ? 150 : 0)));
        } else if (q.groupBy() == Dimension.REGION) {
            rows.add(row(q, "UA-30", "м. Київ", current ? 80 : 60));
            rows.add(row(q, "UA-46", "Львівська область", current ? 120 : 90));
        } else if (q.groupBy() == Dimension.SECTION) {
            rows.add(row(q, "008", "Охорона здоров'я", current ? 137 : 100));
            rows.add(row(q, "010", "Житлово-комунальне господарство", current ? 63 : 50));
        } else if (q.groupBy() == Dimension.CHANNEL) {
            rows.add(row(q, "PHONE", "Телефон", current ? 151 : 110));
            rows.add(row(q, "WEB", "Вебсайт", current ? 49 : 40));
        }
        return new StatsResult(q, rows, AS_OF);
    }

    private static StatsRow row(StatsQuery q, String key, String label, double received) {
        return new StatsRow(q.from(), key, label, values(received), values(received / 2));
    }

    @Override
    public List<Scorecard> scorecards(LocalDate from, LocalDate to, Scope scope) {
        if (!from.equals(Q1)) {
            return List.of();
        }
        return List.of(new Scorecard(1, "MOZ", "Міністерство охорони здоров'я України", values(137), 3, 2, values(95)),
                new Scorecard(2, "MINREG", "Міністерство розвитку громад", values(63), 17, null, Map.of()));
    }

    @Override
    public List<SeriesPoint> dailySeries(LocalDate from, LocalDate to) {
        return List.of();
    }

    @Override
    public OpenDataSet openData(LocalDate from, LocalDate to) {
        return new OpenDataSet(from, to, List.of());
    }

    @Override
    public long rebuild() {
        return 0;
    }
}
