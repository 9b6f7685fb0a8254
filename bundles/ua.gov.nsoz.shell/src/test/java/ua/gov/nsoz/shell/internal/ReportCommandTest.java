package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.reports.ReportInfo;
import ua.gov.nsoz.reports.Reports;

/** {@code nsoz:report}: list and generate, the analysts' only. */
@DisplayName("nsoz:report")
class ReportCommandTest {

    static final ReportInfo Q1 = new ReportInfo("2026-Q1-20260401T030000000Z", 2026, 1, "ucc",
            Instant.parse("2026-04-01T03:00:00Z"), 1234, "ab");

    final List<String> made = new ArrayList<>();
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

    ReportCommand command(String action, Integer year, Integer quarter) {
        ReportCommand c = new ReportCommand();
        c.nsozNode = AsUser.node("ucc");
        c.reports = (Reports) Proxy.newProxyInstance(Reports.class.getClassLoader(), new Class<?>[] {Reports.class},
                (p, m, a) -> switch (m.getName()) {
                    case "list" -> List.of(Q1);
                    case "generateQuarterly" -> {
                        made.add(a[0] + "-Q" + a[1]);
                        yield Q1;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        c.action = action;
        c.year = year;
        c.quarter = quarter;
        return c;
    }

    @Test
    @DisplayName("An analyst lists the reports (times in Kyiv) and generates one")
    void analyst() {
        AsUser.run("analyst", Set.of("nsoz-analyst"), command("list", null, null)::execute);
        String listed = out.toString(StandardCharsets.UTF_8);
        assertTrue(listed.contains(Q1.id()) && listed.contains("2026-Q1") && listed.contains("2026-04-01 06:00:00"),
                listed);
        AsUser.run("analyst", Set.of("nsoz-analyst"), command("generate", 2026, 1)::execute);
        assertEquals(List.of("2026-Q1"), made);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("/api/v1/reports/" + Q1.id()));
    }

    @Test
    @DisplayName("A supervisor or head is refused; generate without a valid quarter says what is missing")
    void refusals() {
        assertThrows(SecurityException.class,
                () -> AsUser.run("head", Set.of("nsoz-head", "nsoz-body-MOZ"), command("list", null, null)::execute));
        assertThrows(SecurityException.class,
                () -> AsUser.run("supervisor", Set.of("nsoz-supervisor"), command("generate", 2026, 1)::execute));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> AsUser.run("analyst", Set.of("nsoz-analyst"), command("generate", 2026, null)::execute));
        assertTrue(missing.getMessage().contains("--quarter"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AsUser.run("analyst", Set.of("nsoz-analyst"), command("generate", 2026, 5)::execute));
        assertThrows(IllegalArgumentException.class,
                () -> AsUser.run("analyst", Set.of("nsoz-analyst"), command("delete", null, null)::execute));
        assertTrue(made.isEmpty());
    }
}
