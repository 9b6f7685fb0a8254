package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Alerts;
import ua.gov.nsoz.monitoring.Severity;

/** {@code nsoz:alerts}: list, ack, close, scan; the analysts' only. */
@DisplayName("nsoz:alerts")
class AlertsCommandTest {

    static final Alert ALERT = new Alert("a-1", AlertKind.NEW_ISSUE, "110", "UA-46", LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 3, 2), 40, 6.5, 15, Severity.HIGH, List.of(), AlertStatus.OPEN,
            Instant.parse("2026-03-02T05:00:00Z"), null, null, null, null, null);

    final List<String> calls = new ArrayList<>();
    ByteArrayOutputStream out;
    PrintStream stdout;

    @BeforeEach
    void setUp() {
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    AlertsCommand command(String action, String id) {
        AlertsCommand c = new AlertsCommand();
        c.nsozNode = AsUser.node("ucc");
        c.alerts = (Alerts) Proxy.newProxyInstance(Alerts.class.getClassLoader(), new Class<?>[] {Alerts.class},
                (p, m, a) -> {
                    calls.add(m.getName() + " " + Arrays.toString(a));
                    return m.getName().equals("list") || m.getName().equals("scan") ? List.of(ALERT) : ALERT;
                });
        c.action = action;
        c.id = id;
        return c;
    }

    @Test
    @DisplayName("An analyst lists (by status), acknowledges, closes with a note and scans")
    void analyst() {
        AlertsCommand list = command("list", null);
        list.status = "open";
        AsUser.run("analyst", Set.of("nsoz-analyst"), list::execute);
        String printed = out.toString(StandardCharsets.UTF_8);
        String row = printed.lines().filter(l -> l.contains("a-1")).findFirst().orElseThrow(
                () -> new AssertionError(printed));
        assertTrue(row.contains("NEW_ISSUE") && row.contains("UA-46") && row.contains("6.5") && row.contains("HIGH"),
                row);
        AsUser.run("analyst", Set.of("nsoz-analyst"), command("ack", "a-1")::execute);
        AlertsCommand close = command("close", "a-1");
        close.note = "вжито заходів";
        AsUser.run("analyst", Set.of("nsoz-analyst"), close::execute);
        AsUser.run("analyst", Set.of("nsoz-analyst"), command("scan", null)::execute);
        assertEquals(List.of("list [OPEN, 50]", "acknowledge [a-1, analyst]", "close [a-1, analyst, вжито заходів]",
                "scan [" + LocalDate.now(StatsCommand.KYIV) + "]"), calls);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("New alerts: 1"));
    }

    @Test
    @DisplayName("Others are refused; ack without an id and an unknown action say what is wrong")
    void refusals() {
        assertThrows(SecurityException.class,
                () -> AsUser.run("supervisor", Set.of("nsoz-supervisor"), command("scan", null)::execute));
        assertThrows(SecurityException.class,
                () -> AsUser.run("admin", Set.of("nsoz-admin"), command("list", null)::execute));
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> AsUser.run("analyst", Set.of("nsoz-analyst"), command("ack", null)::execute));
        assertTrue(noId.getMessage().contains("id"), noId.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AsUser.run("analyst", Set.of("nsoz-analyst"), command("delete", "a-1")::execute));
        assertTrue(calls.isEmpty(), calls.toString());
    }
}
