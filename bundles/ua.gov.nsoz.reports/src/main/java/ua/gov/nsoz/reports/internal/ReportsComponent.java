package ua.gov.nsoz.reports.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.reports.ReportInfo;
import ua.gov.nsoz.reports.Reports;

/**
 * {@link Reports}: CSV, charts and the quarterly report. At the center (the report goes from the center to the
 * Secretariat; a region makes one on demand), when {@code scheduled} (PID {@code ua.gov.nsoz.reports}), at activation and then once a day it makes the report of the last closed quarter (Kyiv time) if none is kept yet;
 * a failed attempt (the analytics not ready, say) is tried again an hour later.
 */
@Component(service = Reports.class, configurationPid = ReportsComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ReportsConfig.class)
public class ReportsComponent implements Reports {

    static final String PID = "ua.gov.nsoz.reports";
    static final Duration DAILY = Duration.ofDays(1);
    static final Duration RETRY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ReportsComponent.class);

    private final Statistics stats;
    private final NodeIdentity node;
    private final Clock clock;
    private final ReportStore store;
    private final ScheduledExecutorService scheduler;

    /**
     * @param stats the figures
     * @param node this node
     * @param config where to keep, whether to schedule
     */
    @Activate
    public ReportsComponent(@Reference Statistics stats, @Reference NodeIdentity node, ReportsConfig config) {
        this(stats, node, Clock.systemUTC(), directory(config.directory()),
                config.scheduled() && node.role() == ua.gov.nsoz.api.NodeRole.CENTRAL);
    }

    ReportsComponent(Statistics stats, NodeIdentity node, Clock clock, Path dir, boolean scheduled) {
        this.stats = stats;
        this.node = node;
        this.clock = clock;
        this.store = new ReportStore(dir);
        if (scheduled) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nsoz-quarterly-report");
                t.setDaemon(true);
                return t;
            });
            scheduler.execute(this::scheduledRun);
        } else {
            scheduler = null;
        }
    }

    private static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "nsoz", "reports");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A center of several nodes: only the leading node reports on schedule (docs/center-cluster.md); none: it does. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Leadership leadership;

    private void scheduledRun() {
        Duration next = DAILY;
        try {
            if (Leadership.leads(leadership)) {
                ensureLastClosedQuarter();
            } else {
                next = RETRY; // the center's other node leads now; look again later (it may fail over to this one)
            }
        } catch (RuntimeException e) {
            next = RETRY;
            LOG.warn("The quarterly report could not be made now; trying again in {} min: {}", RETRY.toMinutes(),
                    e.toString());
        }
        try {
            scheduler.schedule(this::scheduledRun, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // deactivated meanwhile
        }
    }

    /**
     * Makes the report of the last closed quarter if none is kept.
     *
     * @return the report made, or empty if there was one already
     */
    Optional<ReportInfo> ensureLastClosedQuarter() {
        LocalDate today = LocalDate.now(clock.withZone(QuarterlyPdf.KYIV));
        int q = (today.getMonthValue() - 1) / 3 + 1;
        int year = q == 1 ? today.getYear() - 1 : today.getYear();
        int quarter = q == 1 ? 4 : q - 1;
        boolean kept = store.list().stream().anyMatch(r -> r.year() == year && r.quarter() == quarter);
        if (kept) {
            return Optional.empty();
        }
        ReportInfo made = generateQuarterly(year, quarter);
        LOG.info("Quarterly report {} made on schedule ({} bytes)", made.id(), made.size());
        return Optional.of(made);
    }

    @Override
    public byte[] csv(StatsResult result) {
        return Csv.stats(result);
    }

    @Override
    public byte[] csvScorecards(List<Scorecard> scorecards) {
        return Csv.scorecards(scorecards);
    }

    @Override
    public byte[] csv(List<String> header, List<List<String>> rows) {
        return Csv.table(header, rows);
    }

    @Override
    public byte[] png(StatsResult result, Measure measure, int width, int height) {
        return Charts.png(result, measure, width, height);
    }

    @Override
    public String svg(StatsResult result, Measure measure, int width, int height) {
        return Charts.svg(result, measure, width, height);
    }

    @Override
    public ReportInfo generateQuarterly(int year, int quarter) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.ofInstant(now, QuarterlyPdf.KYIV);
        if (quarter < 1 || quarter > 4) {
            throw new ValidationException(List.of(new FieldError("quarter",
                    "Квартал — число від 1 до 4, задано " + quarter + " / The quarter is 1 to 4, got " + quarter)));
        }
        if (year < 2000 || LocalDate.of(year, (quarter - 1) * 3 + 1, 1).isAfter(today)) {
            throw new ValidationException(List.of(new FieldError("year", "Квартал " + quarter + " " + year
                    + " року ще не почався або задано неможливий рік / Quarter " + quarter + " of " + year
                    + " has not begun, or the year is impossible")));
        }
        byte[] pdf = QuarterlyPdf.build(stats, node.nodeId(), node.name(), year, quarter, now);
        ReportInfo info = store.save(year, quarter, node.nodeId(), now, pdf);
        LOG.info("Quarterly report {} kept in {} ({} bytes, sha256 {})", info.id(), store.dir(), info.size(),
                info.sha256());
        return info;
    }

    @Override
    public List<ReportInfo> list() {
        return store.list();
    }

    @Override
    public Optional<byte[]> pdf(String id) {
        return store.pdf(id);
    }
}
