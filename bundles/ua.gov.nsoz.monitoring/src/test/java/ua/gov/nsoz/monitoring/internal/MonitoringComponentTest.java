package ua.gov.nsoz.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.analytics.SeriesPoint;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.spi.NotificationChannel;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.store.AppealStore;

/** The scan end to end on Derby: series from a fake analytics, examples from a fake store, listeners and e-mail. */
@DisplayName("MonitoringComponent: scan, examples, no duplicates, notifications")
class MonitoringComponentTest {

    @TempDir
    static Path home;

    static final LocalDate TODAY = LocalDate.of(2026, 5, 14);
    static final LocalDate SPIKE = TODAY.minusDays(1);

    EmbeddedDataSource ds;
    MonitoringComponent monitoring;
    final List<AppealQuery> queries = new ArrayList<>();
    final List<Alert> heard = new CopyOnWriteArrayList<>();
    final List<String> mailed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        ds = AlertStoreTest.dataSource(home, "component");
        AlertStoreTest.migrate(ds);
        monitoring = new MonitoringComponent(ds, statistics(), store(), config("secretariat@example.gov.ua"),
                Clock.fixed(Instant.parse("2026-05-14T07:00:00Z"), ZoneOffset.UTC), false);
        monitoring.addListener(heard::add);
        monitoring.addMail(new NotificationChannel() {
            @Override
            public String name() {
                return "email";
            }

            @Override
            public void send(String recipient, String subject, String body) {
                mailed.add(recipient + "|" + subject + "|" + body);
            }
        });
    }

    @AfterEach
    void shutdown() {
        monitoring.deactivate();
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:derby:" + ds.getDatabaseName() + ";shutdown=true"));
        assertEquals("08006", e.getSQLState(), e::getMessage);
    }

    /** 63 calm days of 4 a day on 008.01 in UA-46 and 3 a day on 110.02 in UA-30; then 40 on 008.xx yesterday. */
    static Statistics statistics() {
        return (Statistics) Proxy.newProxyInstance(Statistics.class.getClassLoader(),
                new Class<?>[] {Statistics.class}, (p, m, args) -> {
                    if (!m.getName().equals("dailySeries")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    LocalDate from = (LocalDate) args[0];
                    LocalDate to = (LocalDate) args[1];
                    List<SeriesPoint> out = new ArrayList<>();
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        out.add(new SeriesPoint(d, "UA-46", "008.01", 4));
                        out.add(new SeriesPoint(d, "UA-30", "110.02", 3));
                        if (d.equals(SPIKE)) {
                            out.add(new SeriesPoint(d, "UA-46", "008.03", 36)); // a mass appeal: each one counts
                        }
                    }
                    return out;
                });
    }

    AppealStore store() {
        return (AppealStore) Proxy.newProxyInstance(AppealStore.class.getClassLoader(),
                new Class<?>[] {AppealStore.class}, (p, m, args) -> {
                    if (!m.getName().equals("search")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    AppealQuery q = (AppealQuery) args[0];
                    queries.add(q);
                    Instant received = SPIKE.atTime(10, 0).atZone(MonitoringComponent.KYIV).toInstant();
                    List<Appeal> items = new ArrayList<>();
                    items.add(appeal("other-section", "110.02", received)); // text matched, another section
                    items.add(appeal("too-early", "008.01", received.minusSeconds(86_400)));
                    for (int i = 1; i <= 7; i++) {
                        items.add(appeal("spike-" + i, "008.0" + i, received));
                    }
                    return new Page<>(items, items.size(), 0, q.limit());
                });
    }

    static Appeal appeal(String id, String topic, Instant received) {
        return new Appeal(id, "LV-2026-" + id, "lviv", "UA-46", AppealKind.COMPLAINT, Channel.WEB, null,
                "Синтетичний текст", topic, null, false, null, false, null, List.of(), null,
                AppealStatus.REGISTERED, 1, received, received, received, null, null);
    }

    static MonitoringConfig config(String email) {
        return new MonitoringConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MonitoringConfig.class;
            }

            @Override
            public boolean dailyScan() {
                return false;
            }

            @Override
            public int scanHour() {
                return 6;
            }

            @Override
            public String secretariatEmail() {
                return email;
            }

            @Override
            public double alpha() {
                return 1e-4;
            }

            @Override
            public int minCount() {
                return 5;
            }

            @Override
            public int newIssueMinCount() {
                return 5;
            }
        };
    }

    @Test
    @DisplayName("a spike is raised once, with examples of its section and days, told to listeners and e-mailed")
    void scan() throws InterruptedException {
        List<Alert> raised = monitoring.scan(TODAY);
        assertEquals(1, raised.size(), raised::toString);
        Alert a = raised.get(0);
        assertEquals(AlertKind.SPIKE, a.kind());
        assertEquals("008", a.section());
        assertEquals("UA-46", a.region());
        assertEquals(SPIKE, a.since());
        // the run goes on while the sum since its first day is alarming: yesterday's 40 and today's 4
        assertEquals(TODAY, a.lastDay());
        assertEquals(44, a.observed());
        assertTrue(a.expected() >= 7 && a.expected() <= 12, "about 2 days of 4 (weekday-weighted): " + a.expected());
        assertTrue(a.threshold() >= 10 && a.threshold() < 44, "threshold " + a.threshold());
        assertEquals(List.of("spike-1", "spike-2", "spike-3", "spike-4", "spike-5"), a.exampleIds());
        assertEquals(AlertStatus.OPEN, a.status());
        AppealQuery q = queries.get(0);
        assertEquals("UA-46", q.region());
        assertEquals("008", q.text());

        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((heard.isEmpty() || mailed.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(a), heard);
        assertEquals(1, mailed.size());
        String mail = mailed.get(0);
        assertTrue(mail.startsWith("secretariat@example.gov.ua|НСОЗ: сплеск звернень, розділ 008, UA-46"), mail);
        assertTrue(mail.contains("spike-1, spike-2"), mail);
        assertFalse(mail.contains("Синтетичний"), "no appeal's text in the mail");

        assertEquals(List.of(), monitoring.scan(TODAY), "the same run is not raised again");
        assertEquals(1, monitoring.list(null, 10).size());
        Alert ack = monitoring.acknowledge(a.id(), "analyst");
        assertEquals(AlertStatus.ACKNOWLEDGED, ack.status());
        assertEquals(Instant.parse("2026-05-14T07:00:00Z"), ack.acknowledgedAt());
        assertEquals(AlertStatus.CLOSED, monitoring.close(a.id(), "analyst", "ok").status());
        assertEquals(1, heard.size(), "updates and lifecycle steps are not announced");
    }
}
