package ua.gov.nsoz.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
import ua.gov.nsoz.analytics.SeriesPoint;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.api.spi.NotificationChannel;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertListener;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Alerts;
import ua.gov.nsoz.store.AppealStore;

/**
 * The alerts service: reads the daily series from the analytics, runs the {@link Detector}, keeps the alerts in its
 * table (migrated at activation) and sends new ones to the {@link AlertListener}s and the Secretariat's e-mail. The
 * DataSource is the node's ({@code dataSource.target}, default {@code (dataSourceName=nsoz)}).
 */
@Component(service = Alerts.class, configurationPid = MonitoringComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "dataSource.target=(dataSourceName=nsoz)")
@Designate(ocd = MonitoringConfig.class)
public class MonitoringComponent implements Alerts {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.monitoring";

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    /** Days tested in each scan: a run of up to this many days is seen whole. */
    static final int TEST_DAYS = 28;

    /** A run that ended within this many days before the scan's day is still raised (a scan was missed). */
    static final int CATCH_UP_DAYS = 7;

    /** How many appeals of the run are looked at to find the example ids. */
    static final int EXAMPLE_SEARCH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringComponent.class);

    private final Statistics statistics;
    private final AppealStore store;
    private final JdbcAlertStore alerts;
    private final Detector detector;
    private final DetectorSettings settings;
    private final String secretariatEmail;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final List<NotificationChannel> mail = new CopyOnWriteArrayList<>();
    private volatile ScheduledFuture<?> daily;
    /** A center of several nodes: only the leading node scans on schedule (docs/center-cluster.md); none: it does. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Leadership leadership;

    /**
     * @param dataSource the node's DataSource
     * @param statistics the analytics (the daily series)
     * @param store the appeals, for example ids; {@code null} if there is none (alerts then carry no examples)
     * @param config the configuration
     */
    @Activate
    public MonitoringComponent(@Reference(name = "dataSource") DataSource dataSource,
            @Reference(name = "statistics") Statistics statistics,
            @Reference(name = "store", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) AppealStore store,
            MonitoringConfig config) {
        this(dataSource, statistics, store, config, Clock.systemUTC(), true);
    }

    MonitoringComponent(DataSource dataSource, Statistics statistics, AppealStore store, MonitoringConfig config,
            Clock clock, boolean schedule) {
        this.statistics = statistics;
        this.store = store;
        this.clock = clock;
        this.settings = new DetectorSettings(DetectorSettings.DEFAULT.baselineDays(),
                DetectorSettings.DEFAULT.guardDays(), config.alpha(), config.minCount(),
                DetectorSettings.DEFAULT.newIssueMaxBaseline(), config.newIssueMinCount());
        this.detector = new Detector(settings);
        this.secretariatEmail = config.secretariatEmail() == null ? "" : config.secretariatEmail().trim();
        migrate(dataSource);
        this.alerts = new JdbcAlertStore(dataSource);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsoz-monitoring");
            t.setDaemon(true);
            return t;
        });
        if (schedule && config.dailyScan()) {
            int hour = Math.floorMod(config.scanHour(), 24);
            scheduleNext(hour);
        }
        LOG.info("Monitoring ready: daily scan {}, Secretariat e-mail {}, alpha {}, example ids {}",
                config.dailyScan() ? "at " + config.scanHour() + ":00 Kyiv" : "off",
                secretariatEmail.isEmpty() ? "not set" : "set", settings.alpha(),
                store == null ? "unavailable (no AppealStore)" : "from the store");
    }

    private void scheduleNext(int hour) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(KYIV));
        ZonedDateTime next = now.toLocalDate().atTime(hour, 0).atZone(KYIV);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        long delay = Duration.between(now, next).toMillis();
        daily = executor.schedule(() -> {
            try {
                if (!Leadership.leads(leadership)) {
                    LOG.info("Monitoring: the daily scan is the center's other node's (it leads)");
                    return;
                }
                List<Alert> raised = scan(LocalDate.now(clock.withZone(KYIV)));
                LOG.info("Monitoring: daily scan raised {} alert(s)", raised.size());
            } catch (RuntimeException e) {
                LOG.error("Monitoring: the daily scan failed", e);
            } finally {
                if (!executor.isShutdown()) {
                    scheduleNext(hour);
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        ScheduledFuture<?> d = daily;
        if (d != null) {
            d.cancel(false);
        }
        executor.shutdownNow();
    }

    @Reference(name = "listeners", service = AlertListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeListener")
    void addListener(AlertListener l) {
        listeners.add(l);
    }

    void removeListener(AlertListener l) {
        listeners.remove(l);
    }

    /** The node's e-mail channel (of the notify bundle), if configured and not turned off. */
    @Reference(name = "mail", service = NotificationChannel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeMail",
            target = "(&(nsoz.channel=email)(!(enabled=false)))")
    void addMail(NotificationChannel c) {
        mail.add(c);
    }

    void removeMail(NotificationChannel c) {
        mail.remove(c);
    }

    @Override
    public List<Alert> list(AlertStatus status, int limit) {
        return alerts.list(status, limit);
    }

    @Override
    public Optional<Alert> get(String id) {
        return alerts.get(id);
    }

    @Override
    public Alert acknowledge(String id, String analyst) {
        Alert a = alerts.acknowledge(id, analyst, clock.instant());
        LOG.info("Monitoring: alert {} acknowledged by {}", a.id(), a.acknowledgedBy());
        return a;
    }

    @Override
    public Alert close(String id, String analyst, String note) {
        Alert a = alerts.close(id, analyst, note, clock.instant());
        LOG.info("Monitoring: alert {} closed by {}", a.id(), a.closedBy());
        return a;
    }

    @Override
    public synchronized List<Alert> scan(LocalDate today) {
        if (today == null) {
            throw new IllegalArgumentException("Не вказано день / No day given");
        }
        int days = settings.history() + TEST_DAYS;
        LocalDate first = today.minusDays(days - 1L);
        Map<SeriesKey, long[]> series = new HashMap<>();
        for (SeriesPoint p : statistics.dailySeries(first, today)) {
            int i = (int) (p.day().toEpochDay() - first.toEpochDay());
            if (i < 0 || i >= days || p.region() == null) {
                continue;
            }
            SeriesKey key = new SeriesKey(SeriesKey.sectionOf(p.topic()), p.region());
            series.computeIfAbsent(key, k -> new long[days])[i] += p.count();
        }
        List<Alert> raised = new ArrayList<>();
        Instant now = clock.instant();
        for (Detection d : detector.detect(first, series, days - TEST_DAYS, days - 1)) {
            if (d.lastDay().isBefore(today.minusDays(CATCH_UP_DAYS))) {
                continue;
            }
            JdbcAlertStore.Recorded r = alerts.record(d, examples(d), now);
            if (r.isNew()) {
                raised.add(r.alert());
            }
        }
        for (Alert a : raised) {
            LOG.info("Monitoring: new alert {}: {} section {} region {} since {}, {} against {} expected", a.id(),
                    a.kind(), a.section(), a.region(), a.since(), a.observed(), Math.round(a.expected()));
            executor.execute(() -> announce(a));
        }
        return raised;
    }

    /** @return up to 5 ids of appeals of the run (received within it, same region and section), never their data */
    List<String> examples(Detection d) {
        if (store == null) {
            return List.of();
        }
        try {
            String region = d.key().region();
            boolean isRegion = region.startsWith("UA-");
            String section = d.key().section();
            // The query has no topic filter: the text search matches the topic (and the text), the section is then
            // checked on each appeal. It filters on registration time, the series count the day received: a day
            // more on each side.
            AppealQuery q = new AppealQuery(null, null, null, isRegion ? region : null,
                    d.since().minusDays(1).atStartOfDay(KYIV).toInstant(),
                    d.lastDay().plusDays(2).atStartOfDay(KYIV).toInstant(), section, 0, EXAMPLE_SEARCH, null,
                    isRegion ? null : region);
            List<String> ids = new ArrayList<>();
            for (Appeal a : store.search(q).items()) {
                LocalDate received = a.receivedAt() == null ? null : a.receivedAt().atZone(KYIV).toLocalDate();
                if (section.equals(SeriesKey.sectionOf(a.topic())) && received != null
                        && !received.isBefore(d.since()) && !received.isAfter(d.lastDay())) {
                    ids.add(a.id());
                    if (ids.size() == Alert.MAX_EXAMPLES) {
                        break;
                    }
                }
            }
            return ids;
        } catch (RuntimeException e) {
            LOG.warn("Monitoring: no example appeals for an alert ({})", e.toString());
            return List.of();
        }
    }

    private void announce(Alert a) {
        for (AlertListener l : listeners) {
            try {
                l.alertRaised(a);
            } catch (RuntimeException e) {
                LOG.warn("Monitoring: alert listener {} failed on alert {}", l.getClass().getName(), a.id(), e);
            }
        }
        if (secretariatEmail.isEmpty()) {
            return;
        }
        if (mail.isEmpty()) {
            LOG.warn("Monitoring: alert {} not e-mailed to the Secretariat: the node has no e-mail channel", a.id());
            return;
        }
        try {
            mail.get(0).send(secretariatEmail, subject(a), body(a));
        } catch (Exception e) {
            LOG.warn("Monitoring: alert {} could not be e-mailed to the Secretariat: {}", a.id(), e.toString());
        }
    }

    static String subject(Alert a) {
        return "НСОЗ: " + a.kind().labelUk().toLowerCase(java.util.Locale.ROOT) + ", розділ " + a.section() + ", "
                + a.region() + " / NSOZ: " + a.kind().labelEn().toLowerCase(java.util.Locale.ROOT) + ", section "
                + a.section() + ", " + a.region();
    }

    static String body(Alert a) {
        return a.summary() + "\n\n"
                + "Рівень / Severity: " + a.severity().labelUk() + " / " + a.severity().labelEn() + "\n"
                + "Останній день / Last day: " + a.lastDay() + "\n"
                + "Приклади звернень (id) / Example appeals (ids): "
                + (a.exampleIds().isEmpty() ? "—" : String.join(", ", a.exampleIds())) + "\n"
                + "Сповіщення / Alert: " + a.id() + "\n";
    }

    /**
     * Creates or upgrades this bundle's table by its own changelog (changesets {@code monitoring:*}; in an internal
     * folder: a resource folder under the bundle's name would be exported as a package), as the store runs its own.
     *
     * @param dataSource the node's DataSource
     */
    static void migrate(DataSource dataSource) {
        ua.gov.nsoz.store.SchemaMigrations.migrate(dataSource, "ua/gov/nsoz/monitoring/internal/db/changelog.sql",
                MonitoringComponent.class.getClassLoader());
    }
}
