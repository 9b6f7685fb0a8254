package ua.gov.nsoz.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Severity;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;

/** The alert table (changeset monitoring:1-alert) on a real database migrated by Liquibase (TestDatabases). */
@DisplayName("JdbcAlertStore: alerts on this run's engine (Derby, PostgreSQL), lifecycle and no duplicates")
class AlertStoreTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final Instant T = Instant.parse("2026-05-04T09:00:00Z");
    static final LocalDate SINCE = LocalDate.of(2026, 5, 1);

    TestDatabase db;
    DataSource ds;
    JdbcAlertStore store;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        // this run's engine (nsoz.test.db): Derby, or PostgreSQL (the DOUBLE column is the changelog's domain there)
        db = TestDatabases.create(home, "alerts-" + DATABASES.incrementAndGet());
        ds = db.dataSource();
        migrate(ds);
        store = new JdbcAlertStore(ds);
    }

    /** Migrates with Liquibase's console output sent to its logger. */
    static void migrate(DataSource ds) {
        try {
            liquibase.Scope.child(liquibase.Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService(),
                    () -> MonitoringComponent.migrate(ds));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static EmbeddedDataSource dataSource(Path home, String name) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(home.resolve(name).toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    @AfterEach
    void shutdown() {
        db.close();
    }

    static Detection detection(AlertKind kind, String section, String region, LocalDate since, LocalDate last,
            long observed) {
        return new Detection(kind, new SeriesKey(section, region), since, last, last, observed, 4.5, 12,
                Severity.of(observed, 12));
    }

    @Test
    @DisplayName("a raised alert is OPEN with everything it was raised with; the migration runs twice harmlessly")
    void raise() {
        JdbcAlertStore.Recorded r = store.record(detection(AlertKind.SPIKE, "110", "UA-46", SINCE, SINCE, 40),
                List.of("a1", "a2"), T);
        assertTrue(r.isNew());
        Alert a = store.get(r.alert().id()).orElseThrow();
        assertEquals(AlertKind.SPIKE, a.kind());
        assertEquals("110", a.section());
        assertEquals("UA-46", a.region());
        assertEquals(SINCE, a.since());
        assertEquals(40, a.observed());
        assertEquals(4.5, a.expected());
        assertEquals(12, a.threshold());
        assertEquals(Severity.HIGH, a.severity());
        assertEquals(List.of("a1", "a2"), a.exampleIds());
        assertEquals(AlertStatus.OPEN, a.status());
        assertEquals(T, a.raisedAt());
        assertNull(a.acknowledgedBy());
        migrate(ds);
        assertEquals(1, store.list(null, 10).size());
    }

    @Test
    @DisplayName("the same (kind, section, region, since) is not raised twice: updated while not closed")
    void noDuplicate() {
        Alert first = store.record(detection(AlertKind.SPIKE, "110", "UA-46", SINCE, SINCE, 20), List.of(), T)
                .alert();
        JdbcAlertStore.Recorded again = store.record(
                detection(AlertKind.SPIKE, "110", "UA-46", SINCE, SINCE.plusDays(2), 70), List.of("x"), T);
        assertFalse(again.isNew());
        assertEquals(first.id(), again.alert().id());
        assertEquals(SINCE.plusDays(2), again.alert().lastDay());
        assertEquals(70, again.alert().observed());
        assertEquals(1, store.list(null, 10).size());

        // another kind, section, region or first day is another alert
        assertTrue(store.record(detection(AlertKind.NEW_ISSUE, "110", "UA-46", SINCE, SINCE, 9), List.of(), T)
                .isNew());
        assertTrue(store.record(detection(AlertKind.SPIKE, "111", "UA-46", SINCE, SINCE, 9), List.of(), T).isNew());
        assertTrue(store.record(detection(AlertKind.SPIKE, "110", "UA-30", SINCE, SINCE, 9), List.of(), T).isNew());
        assertTrue(store.record(detection(AlertKind.SPIKE, "110", "UA-46", SINCE.plusDays(9), SINCE.plusDays(9), 9),
                List.of(), T).isNew());
        assertEquals(5, store.list(null, 10).size());

        // closed: seen again, neither raised again nor changed
        store.close(first.id(), "analyst", "done", T);
        JdbcAlertStore.Recorded afterClose = store.record(
                detection(AlertKind.SPIKE, "110", "UA-46", SINCE, SINCE.plusDays(3), 99), List.of(), T);
        assertFalse(afterClose.isNew());
        assertEquals(AlertStatus.CLOSED, afterClose.alert().status());
        assertEquals(70, afterClose.alert().observed());
        assertEquals(5, store.list(null, 10).size());
    }

    @Test
    @DisplayName("OPEN → ACKNOWLEDGED → CLOSED records who and when; wrong steps are refused")
    void lifecycle() {
        String id = store.record(detection(AlertKind.SPIKE, "110", "UA-46", SINCE, SINCE, 20), List.of(), T)
                .alert().id();
        Alert ack = store.acknowledge(id, " analyst1 ", T.plusSeconds(60));
        assertEquals(AlertStatus.ACKNOWLEDGED, ack.status());
        assertEquals("analyst1", ack.acknowledgedBy());
        assertEquals(T.plusSeconds(60), ack.acknowledgedAt());
        assertEquals(ack, store.acknowledge(id, "analyst1", T.plusSeconds(90)), "the same analyst again: no change");
        assertThrows(IllegalStateException.class, () -> store.acknowledge(id, "analyst2", T.plusSeconds(90)));

        Alert closed = store.close(id, "analyst2", "Передано до МОЗ / Passed on to the ministry", T.plusSeconds(120));
        assertEquals(AlertStatus.CLOSED, closed.status());
        assertEquals("analyst1", closed.acknowledgedBy());
        assertEquals("analyst2", closed.closedBy());
        assertEquals(T.plusSeconds(120), closed.closedAt());
        assertEquals("Передано до МОЗ / Passed on to the ministry", closed.note());
        assertThrows(IllegalStateException.class, () -> store.close(id, "analyst2", null, T));
        assertThrows(IllegalStateException.class, () -> store.acknowledge(id, "analyst2", T));

        // an OPEN alert may be closed at once (a false alarm)
        String other = store.record(detection(AlertKind.NEW_ISSUE, "008", "UA-30", SINCE, SINCE, 6), List.of(), T)
                .alert().id();
        Alert falseAlarm = store.close(other, "analyst1", "  ", T);
        assertEquals(AlertStatus.CLOSED, falseAlarm.status());
        assertNull(falseAlarm.acknowledgedBy());
        assertNull(falseAlarm.note());

        assertThrows(NoSuchElementException.class, () -> store.acknowledge("nope", "analyst1", T));
        assertThrows(NoSuchElementException.class, () -> store.close("nope", "analyst1", null, T));
        assertThrows(IllegalArgumentException.class, () -> store.acknowledge(id, " ", T));
        assertThrows(IllegalArgumentException.class, () -> store.close(other, "a", "x".repeat(2001), T));
    }

    @Test
    @DisplayName("list filters by status, newest first, within its limit")
    void list() {
        for (int i = 0; i < 4; i++) {
            store.record(detection(AlertKind.SPIKE, "11" + i, "UA-46", SINCE.plusDays(i), SINCE.plusDays(i), 20),
                    List.of(), T);
        }
        List<Alert> all = store.list(null, 10);
        assertEquals(List.of("113", "112", "111", "110"), all.stream().map(Alert::section).toList());
        store.acknowledge(all.get(1).id(), "analyst", T);
        assertEquals(List.of("112"), store.list(AlertStatus.ACKNOWLEDGED, 10).stream().map(Alert::section).toList());
        assertEquals(3, store.list(AlertStatus.OPEN, 10).size());
        assertEquals(2, store.list(AlertStatus.OPEN, 2).size());
        assertThrows(IllegalArgumentException.class, () -> store.list(null, 0));
        assertThrows(IllegalArgumentException.class, () -> store.list(null, 501));
    }
}
