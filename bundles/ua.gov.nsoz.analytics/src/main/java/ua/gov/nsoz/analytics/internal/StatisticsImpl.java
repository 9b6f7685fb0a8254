package ua.gov.nsoz.analytics.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.EventFeed;
import ua.gov.nsoz.store.EventFeed.FeedEvent;

/**
 * The analysis over the appeals this node holds (issue #14), in its own tables ({@code an_*}, own Liquibase
 * changelog): a fact per appeal ({@code an_fact}) and pre-aggregated cells per day and per month, scope (all, node,
 * body), dimension and value ({@code an_cell}, with a days-to-answer histogram for exact medians), per day × region ×
 * topic ({@code an_series}) and per month × region × section ({@code an_open}).
 *
 * <p>One background thread polls the store's {@link EventFeed} every {@link #POLL_MILLIS} ms: the appeals changed by
 * new events are loaded, their facts derived again, and in one transaction the old fact's contributions are taken
 * from the aggregates, the new one's added, the fact and the feed's cursor written. An unchanged fact changes
 * nothing. When the Kyiv date changes (and at activation), the open facts whose due date has passed become overdue
 * the same way. Rebuilds run on the same thread, so writers never overlap. Logs carry counts only.
 *
 * <p>Bulk loading (the benchmark): write rows into {@code an_fact} (e.g. {@code SYSCS_UTIL.SYSCS_IMPORT_TABLE} of a
 * CSV in {@link Tables#FACT_COLUMNS} order), then call {@link #rebuildCells(DataSource)}: it empties the aggregates
 * and computes them again from the facts month by month, and loads them by Derby's bulk import ({@link BulkCells});
 * a test checks that they equal what the incremental updates ({@link Tables#contribute}) give.
 */
@Component(service = Statistics.class, immediate = true, configurationPid = "ua.gov.nsoz.analytics",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "dataSource.target=(dataSourceName=nsoz)")
public class StatisticsImpl implements Statistics {

    static final long POLL_MILLIS = 500;
    static final int BATCH = 500;
    /** A hole in the event log is looked for again this long (ms). */
    static final long GRACE_MILLIS = 120_000;
    static final int MAX_DAYS = 3653;
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsImpl.class);
    private static final String CURSOR = "feed.cursor";

    private final DataSource dataSource;
    private final AppealStore store;
    private final EventFeed feed;
    private final ReferenceData reference;
    private final Function<Appeal, LocalDate> dueDates;
    private final Clock clock;
    private FeedCursor cursor;
    /**
     * A center of several nodes on one database (docs/center-cluster.md): only the leading node follows the feed into
     * the analysis' tables; a node that starts to lead resumes from the cursor saved in the database. None: it does.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Leadership leadership;
    private boolean following = true;
    private ScheduledExecutorService worker;
    private LocalDate passDay;

    /**
     * @param dataSource the node's DataSource (the store's database)
     * @param store the appeals
     * @param feed their events
     * @param reference topics, bodies, categories
     * @param appeals the appeal service, fetched when an answered appeal's due date is needed
     */
    @Activate
    public StatisticsImpl(@Reference(name = "dataSource") DataSource dataSource, @Reference AppealStore store,
            @Reference EventFeed feed, @Reference ReferenceData reference,
            @Reference ComponentServiceObjects<AppealService> appeals) {
        this(dataSource, store, feed, reference, a -> dueDateFromService(appeals, a), Clock.systemUTC());
        start();
    }

    /** For tests: nothing runs until {@link #pollOnce()} or {@link #start()}. */
    StatisticsImpl(DataSource dataSource, AppealStore store, EventFeed feed, ReferenceData reference,
            Function<Appeal, LocalDate> dueDates, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.feed = feed;
        this.reference = reference;
        this.dueDates = dueDates;
        this.clock = clock;
        migrate(dataSource);
        this.cursor = new FeedCursor(readCursor(), GRACE_MILLIS);
    }

    private static LocalDate dueDateFromService(ComponentServiceObjects<AppealService> appeals, Appeal a) {
        AppealService s = appeals.getService();
        try {
            return s.deadline(a).dueDate();
        } catch (RuntimeException e) {
            return null;
        } finally {
            appeals.ungetService(s);
        }
    }

    synchronized void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsoz-analytics");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(() -> {
            try {
                if (!followsFeed()) {
                    return;
                }
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("Analytics poll failed, will retry: {}", e.toString());
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    /** @return whether this node follows the feed now; a node that starts to again resumes from the saved cursor */
    private synchronized boolean followsFeed() {
        boolean leads = Leadership.leads(leadership);
        if (leads && !following) {
            cursor = new FeedCursor(readCursor(), GRACE_MILLIS);
            savedCursor = -1;
            LOG.info("Analytics: this node leads the center now and follows the feed from {}", cursor.safe());
        }
        following = leads;
        return leads;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Fact.KYIV);
    }

    /**
     * One round of the background thread: the overdue pass if the date changed, then the new events.
     *
     * @return how many appeals were recomputed
     */
    synchronized int pollOnce() {
        LocalDate today = today();
        if (!today.equals(passDay)) {
            int moved = overduePass(today);
            passDay = today;
            if (moved > 0) {
                LOG.info("Analytics: {} open appeals became overdue on {}", moved, today);
            }
        }
        int total = 0;
        while (true) {
            List<FeedEvent> events = cursor.poll(feed, BATCH * 4, clock.millis());
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            events.forEach(e -> ids.add(e.appealId()));
            List<String> list = new ArrayList<>(ids);
            for (int i = 0; i < list.size(); i += BATCH) {
                boolean last = i + BATCH >= list.size();
                recompute(list.subList(i, Math.min(list.size(), i + BATCH)), last ? cursor.safe() : null, today);
            }
            if (list.isEmpty()) {
                saveCursorIfMoved();
            }
            total += list.size();
            if (events.size() < BATCH * 4) {
                break;
            }
        }
        if (total > 0) {
            LOG.debug("Analytics: {} appeals recomputed, cursor {}, {} holes awaited", total, cursor.safe(),
                    cursor.awaited());
        }
        return total;
    }

    private long savedCursor = -1;

    private void saveCursorIfMoved() {
        if (cursor.safe() != savedCursor) {
            inTransaction(c -> {
                writeCursor(c, cursor.safe());
                return null;
            });
        }
    }

    /**
     * Derives the facts of some appeals again and brings the aggregates along, in one transaction.
     *
     * @param ids the appeals
     * @param newCursor the feed cursor to save with them, or {@code null}
     * @param today Kyiv today
     */
    void recompute(Collection<String> ids, Long newCursor, LocalDate today) {
        Map<String, Instant> redirects = feed.firstOccurrence(ids, "REDIRECTED");
        Map<String, Fact> fresh = new HashMap<>();
        for (String id : ids) {
            Optional<Appeal> a = store.get(id);
            a.ifPresent(appeal -> fresh.put(id,
                    Fact.of(appeal, redirects.get(id), dueDates, reference, today)));
        }
        inTransaction(c -> {
            Map<String, Fact> old = Tables.readFacts(c, ids);
            Map<List<Object>, Agg> deltas = new HashMap<>();
            List<String> changed = new ArrayList<>();
            List<Fact> toInsert = new ArrayList<>();
            for (String id : ids) {
                Fact before = old.get(id);
                Fact after = fresh.get(id);
                if (java.util.Objects.equals(before, after)) {
                    continue;
                }
                if (before != null) {
                    Tables.contribute(before, -1, deltas);
                    changed.add(id);
                }
                if (after != null) {
                    Tables.contribute(after, 1, deltas);
                    toInsert.add(after);
                }
            }
            Tables.deleteFacts(c, changed);
            Tables.insertFacts(c, toInsert);
            Tables.apply(c, deltas);
            if (newCursor != null) {
                writeCursor(c, newCursor);
            }
            return null;
        });
    }

    /**
     * Open facts whose due date is before today become overdue (no event marks it).
     *
     * @return how many
     */
    int overduePass(LocalDate today) {
        return inTransaction(c -> {
            List<Fact> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Tables.FACT_COLUMNS + " FROM an_fact "
                    + "WHERE timeliness = ? AND due_day < ?")) {
                ps.setString(1, Fact.OPEN_ON_TIME);
                ps.setInt(2, (int) today.toEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(Tables.fact(rs));
                    }
                }
            }
            Map<List<Object>, Agg> deltas = new HashMap<>();
            List<Fact> now = new ArrayList<>();
            for (Fact f : due) {
                Fact g = f.asOf(today);
                Tables.contribute(f, -1, deltas);
                Tables.contribute(g, 1, deltas);
                now.add(g);
            }
            Tables.deleteFacts(c, due.stream().map(Fact::appealId).toList());
            Tables.insertFacts(c, now);
            Tables.apply(c, deltas);
            return due.size();
        });
    }

    @Override
    public long rebuild() {
        if (worker == null) {
            return rebuildNow();
        }
        try {
            return worker.submit(this::rebuildNow).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private synchronized long rebuildNow() {
        long start = System.nanoTime();
        long seq = feed.lastSeq();
        LocalDate today = today();
        inTransaction(c -> {
            Tables.truncate(c, "an_fact", "an_cell", "an_series", "an_open");
            return null;
        });
        long n = 0;
        String after = null;
        for (List<String> page = feed.appealIds(null, BATCH); !page.isEmpty(); page = feed.appealIds(after, BATCH)) {
            after = page.get(page.size() - 1);
            Map<String, Instant> redirects = feed.firstOccurrence(page, "REDIRECTED");
            List<Fact> facts = new ArrayList<>();
            for (String id : page) {
                store.get(id).ifPresent(a -> facts.add(Fact.of(a, redirects.get(id), dueDates, reference, today)));
            }
            inTransaction(c -> {
                Tables.insertFacts(c, facts);
                return null;
            });
            n += facts.size();
        }
        rebuildCells(dataSource);
        inTransaction(c -> {
            writeCursor(c, seq);
            return null;
        });
        passDay = today;
        LOG.info("Analytics rebuilt: {} appeals in {} ms", n, (System.nanoTime() - start) / 1_000_000);
        return n;
    }

    /**
     * Empties the aggregates and computes them from {@code an_fact} alone ({@link BulkCells}: month by month in
     * memory, then loaded by Derby's bulk import): what a bulk load of facts is followed by (the benchmark), and the
     * last step of {@link #rebuild()}. The rows equal those the incremental updates give. Run it while no poller
     * writes (a stopped component, or the worker thread).
     *
     * @param dataSource the database with the analytics tables (embedded Derby: the import reads a file of this JVM)
     * @return how many facts were counted
     */
    public static long rebuildCells(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                return BulkCells.rebuild(c);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot rebuild the analytics cells", e);
        }
    }

    // --- reading ---

    @Override
    public StatsResult query(StatsQuery q) {
        checkPeriod(q.from(), q.to());
        String[] scope = scope(q.scope());
        String dim = q.groupBy() == null ? Tables.NO_DIM : q.groupBy().name();
        Instant asOf = clock.instant();
        TreeMap<LocalDate, TreeMap<String, Agg>> current = read(scope, dim, q.from(), q.to(), q.granularity());
        StatsQuery p = q.previous();
        TreeMap<String, Agg> previous = read(scope, dim, p.from(), p.to(), Granularity.ALL)
                .getOrDefault(p.from(), new TreeMap<>());
        if (q.groupBy() == null) {
            for (LocalDate b = q.from(); !b.isAfter(q.to()); b = next(b, q.granularity(), q.to())) {
                current.computeIfAbsent(b, k -> new TreeMap<>()).computeIfAbsent(Tables.NO_DIM, k -> new Agg());
            }
        } else if (q.granularity() == Granularity.ALL) {
            TreeMap<String, Agg> only = current.computeIfAbsent(q.from(), k -> new TreeMap<>());
            previous.keySet().forEach(k -> only.computeIfAbsent(k, x -> new Agg()));
        }
        Labels labels = new Labels(reference);
        List<StatsRow> rows = new ArrayList<>();
        current.forEach((bucket, byKey) -> byKey.forEach((key, agg) -> {
            Agg prev = previous.getOrDefault(key, new Agg());
            rows.add(new StatsRow(bucket, q.groupBy() == null ? null : key,
                    q.groupBy() == null ? null : labels.label(q.groupBy(), key), agg.measures(), prev.measures()));
        }));
        return new StatsResult(q, rows, asOf);
    }

    @Override
    public List<Scorecard> scorecards(LocalDate from, LocalDate to, Scope scope) {
        Scope s = scope == null ? Scope.ALL : scope;
        checkPeriod(from, to);
        String[] cellScope = s.node() != null ? new String[] {"N", s.node()} : new String[] {"A", Tables.ALL_SCOPE};
        String dim = Dimension.BODY.name();
        Map<String, Agg> cur = read(cellScope, dim, from, to, Granularity.ALL).getOrDefault(from, new TreeMap<>());
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        LocalDate pFrom = from.minusDays(days);
        Map<String, Agg> prev = read(cellScope, dim, pFrom, from.minusDays(1), Granularity.ALL)
                .getOrDefault(pFrom, new TreeMap<>());
        Map<String, Long> overdueNow = new HashMap<>();
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT dim_value, SUM(overdue) FROM an_cell WHERE "
                    + "scope_kind = ? AND scope_value = ? AND dim = ? AND grain = 'M' GROUP BY dim_value")) {
                ps.setString(1, cellScope[0]);
                ps.setString(2, cellScope[1]);
                ps.setString(3, dim);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overdueNow.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        cur.remove(Fact.NONE);
        prev.remove(Fact.NONE);
        Map<String, Integer> rank = rank(cur, b -> overdueNow.getOrDefault(b, 0L));
        Map<String, Integer> prevRank = rank(prev, b -> prev.get(b).c[Agg.OVERDUE]);
        Labels labels = new Labels(reference);
        List<Scorecard> cards = new ArrayList<>();
        LinkedHashSet<String> bodies = new LinkedHashSet<>(cur.keySet());
        bodies.addAll(prev.keySet());
        for (String b : bodies) {
            if (s.body() != null && !s.body().equals(b)) {
                continue;
            }
            Agg now = cur.getOrDefault(b, new Agg());
            cards.add(new Scorecard(rank.getOrDefault(b, rank.size() + 1), b, labels.label(Dimension.BODY, b),
                    now.measures(), overdueNow.getOrDefault(b, 0L), prevRank.get(b),
                    prev.getOrDefault(b, new Agg()).measures()));
        }
        cards.sort(Comparator.comparingInt(Scorecard::rank).thenComparing(Scorecard::body));
        return cards;
    }

    /** 1 = best: the highest share answered on time, then fewer overdue, then the lower median days, then code. */
    private static Map<String, Integer> rank(Map<String, Agg> byBody, Function<String, Long> overdue) {
        List<String> order = new ArrayList<>();
        byBody.forEach((b, a) -> {
            if (a.c[Agg.RECEIVED] > 0) {
                order.add(b);
            }
        });
        order.sort(Comparator.<String>comparingDouble(b -> -share(byBody.get(b)))
                .thenComparingLong(overdue::apply)
                .thenComparingDouble(b -> {
                    Double m = byBody.get(b).quantile(0.5);
                    return m == null ? Double.MAX_VALUE : m;
                })
                .thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i + 1);
        }
        return rank;
    }

    private static double share(Agg a) {
        return a.c[Agg.RECEIVED] == 0 ? 0 : (double) a.c[Agg.ON_TIME] / a.c[Agg.RECEIVED];
    }

    @Override
    public List<SeriesPoint> dailySeries(LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        return inTransaction(c -> {
            List<SeriesPoint> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT day, region, topic, received FROM an_series "
                    + "WHERE day BETWEEN ? AND ? ORDER BY day, region, topic")) {
                ps.setInt(1, (int) from.toEpochDay());
                ps.setInt(2, (int) to.toEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SeriesPoint(LocalDate.ofEpochDay(rs.getInt(1)), rs.getString(2),
                                rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public OpenDataSet openData(LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        if (from.getDayOfMonth() != 1 || !to.equals(to.with(TemporalAdjusters.lastDayOfMonth()))) {
            throw new IllegalArgumentException("Відкриті дані — за цілі місяці: від першого дня місяця до останнього"
                    + " / Open data covers whole months: from a month's first day to a month's last day");
        }
        int lastAnswerMonth = (int) to.withDayOfMonth(1).toEpochDay();
        record Key(int month, String region, String section) {
        }
        TreeMap<Key, long[]> sums = new TreeMap<>(Comparator.comparingInt(Key::month).thenComparing(Key::region)
                .thenComparing(Key::section));
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT month, region, section, answered_month, received, "
                    + "on_time FROM an_open WHERE month BETWEEN ? AND ?")) {
                ps.setInt(1, (int) from.toEpochDay());
                ps.setInt(2, (int) to.toEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] s = sums.computeIfAbsent(new Key(rs.getInt(1), rs.getString(2), rs.getString(3)),
                                k -> new long[3]);
                        int am = rs.getInt(4);
                        s[0] += rs.getLong(5);
                        if (am >= 0 && am <= lastAnswerMonth) {
                            s[1] += rs.getLong(5);
                            s[2] += rs.getLong(6);
                        }
                    }
                }
            }
            return null;
        });
        List<OpenDataSet.Row> rows = new ArrayList<>();
        sums.forEach((k, s) -> {
            boolean hidden = s[0] < OpenDataSet.MIN_CELL;
            rows.add(new OpenDataSet.Row(LocalDate.ofEpochDay(k.month()), k.region(), k.section(),
                    hidden ? null : s[0], hidden ? null : suppress(s[1]), hidden ? null : suppress(s[2])));
        });
        return new OpenDataSet(from, to, rows);
    }

    private static Long suppress(long n) {
        return n < OpenDataSet.MIN_CELL ? null : n;
    }

    /**
     * Reads cells into buckets: month cells for whole months where the buckets are months or longer, day cells
     * for the rest.
     */
    private TreeMap<LocalDate, TreeMap<String, Agg>> read(String[] scope, String dim, LocalDate from, LocalDate to,
            Granularity g) {
        TreeMap<LocalDate, TreeMap<String, Agg>> out = new TreeMap<>();
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT period, dim_value, " + Agg.COLUMNS + ", hist "
                    + "FROM an_cell WHERE scope_kind = ? AND scope_value = ? AND dim = ? AND grain = ? "
                    + "AND period BETWEEN ? AND ?")) {
                ps.setString(1, scope[0]);
                ps.setString(2, scope[1]);
                ps.setString(3, dim);
                boolean months = g != Granularity.DAY && g != Granularity.WEEK;
                LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
                LocalDate afterWhole = to.plusDays(1).withDayOfMonth(1);
                if (!to.equals(to.with(TemporalAdjusters.lastDayOfMonth()))) {
                    afterWhole = to.withDayOfMonth(1);
                }
                if (months && firstWhole.isBefore(afterWhole)) {
                    scan(ps, "M", firstWhole, afterWhole.minusDays(1), from, to, g, out);
                    if (from.isBefore(firstWhole)) {
                        scan(ps, "D", from, firstWhole.minusDays(1), from, to, g, out);
                    }
                    if (!afterWhole.isAfter(to)) {
                        scan(ps, "D", afterWhole, to, from, to, g, out);
                    }
                } else {
                    scan(ps, "D", from, to, from, to, g, out);
                }
            }
            return null;
        });
        return out;
    }

    private static void scan(PreparedStatement ps, String grain, LocalDate a, LocalDate b, LocalDate from,
            LocalDate to, Granularity g, TreeMap<LocalDate, TreeMap<String, Agg>> out) throws SQLException {
        ps.setString(4, grain);
        ps.setInt(5, (int) a.toEpochDay());
        ps.setInt(6, (int) b.toEpochDay());
        Map<Integer, LocalDate> buckets = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LocalDate bucket = buckets.computeIfAbsent(rs.getInt(1), d -> bucket(LocalDate.ofEpochDay(d), g, from));
                Agg agg = out.computeIfAbsent(bucket, k -> new TreeMap<>()).computeIfAbsent(rs.getString(2),
                        k -> new Agg());
                for (int i = 0; i < Agg.SIZE; i++) {
                    agg.c[i] += rs.getLong(i + 3);
                }
                agg.addHistText(rs.getString(Agg.SIZE + 3));
            }
        }
    }

    /** @return the first day of the bucket a day falls in, never before the period's first day */
    static LocalDate bucket(LocalDate day, Granularity g, LocalDate from) {
        LocalDate start = switch (g) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
            case ALL -> from;
        };
        return start.isBefore(from) ? from : start;
    }

    /** @return the first day of the next bucket after the one starting at {@code b} */
    private static LocalDate next(LocalDate b, Granularity g, LocalDate to) {
        LocalDate natural = bucket(b, g, LocalDate.MIN);
        return switch (g) {
            case DAY -> b.plusDays(1);
            case WEEK -> natural.plusWeeks(1);
            case MONTH -> natural.plusMonths(1);
            case QUARTER -> natural.plusMonths(3);
            case YEAR -> natural.plusYears(1);
            case ALL -> to.plusDays(1);
        };
    }

    private static String[] scope(Scope s) {
        if (s.node() != null) {
            return new String[] {"N", s.node()};
        }
        if (s.body() != null) {
            return new String[] {"B", s.body()};
        }
        return new String[] {"A", Tables.ALL_SCOPE};
    }

    static void checkPeriod(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("Потрібні початок і кінець періоду / A period needs a start and an end");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Період закінчується раніше, ніж починається: " + from + " .. " + to
                    + " / The period ends before it starts: " + from + " .. " + to);
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("Період довший за 10 років: " + from + " .. " + to
                    + " / The period is longer than 10 years: " + from + " .. " + to);
        }
    }

    // --- state and transactions ---

    private long readCursor() {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM an_state WHERE name = ?")) {
                ps.setString(1, CURSOR);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private void writeCursor(Connection c, long value) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE an_state SET value = ? WHERE name = ?")) {
            up.setLong(1, value);
            up.setString(2, CURSOR);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO an_state (name, value) VALUES (?, ?)")) {
                    ins.setString(1, CURSOR);
                    ins.setLong(2, value);
                    ins.executeUpdate();
                }
            }
        }
        savedCursor = value;
    }

    /** The cursor saved so far (tests). */
    long savedCursor() {
        return readCursor();
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Analytics tables: " + e.getMessage(), e);
        }
    }

    /**
     * Creates or upgrades this bundle's tables by its own changelog (changesets {@code analytics:*}), as the store
     * runs its own.
     *
     * @param dataSource the node's DataSource
     */
    static void migrate(javax.sql.DataSource dataSource) {
        ua.gov.nsoz.store.SchemaMigrations.migrate(dataSource, "ua/gov/nsoz/analytics/db/changelog.sql",
                StatisticsImpl.class.getClassLoader());
    }
}
