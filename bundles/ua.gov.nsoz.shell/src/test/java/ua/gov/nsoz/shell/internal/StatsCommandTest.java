package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;
import ua.gov.nsoz.reports.Reports;

/** {@code nsoz:stats}: the user's scope passed to the statistics, a table or CSV, refusals with the reason. */
@DisplayName("nsoz:stats")
class StatsCommandTest {

    final List<StatsQuery> queries = new ArrayList<>();
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

    StatsCommand command(String from, String to, String granularity, String groupBy) {
        StatsCommand c = new StatsCommand();
        c.nsozNode = AsUser.node("ucc");
        c.statistics = (Statistics) Proxy.newProxyInstance(Statistics.class.getClassLoader(),
                new Class<?>[] {Statistics.class}, (p, m, a) -> {
                    StatsQuery q = (StatsQuery) a[0];
                    queries.add(q);
                    return new StatsResult(q, List.of(new StatsRow(q.from(), "UA-46", "Львівська область",
                            Map.of(Measure.RECEIVED, 12.0, Measure.MEDIAN_DAYS, 4.5), Map.of(Measure.RECEIVED, 9.0))),
                            Instant.parse("2026-04-01T08:00:00Z"));
                });
        c.from = from;
        c.to = to;
        c.granularity = granularity;
        c.groupBy = groupBy;
        return c;
    }

    @Test
    @DisplayName("A table of the figures, grouped; an analyst counts everything")
    void table() {
        StatsCommand c = command("2026-01-01", "2026-03-31", "month", "region");
        AsUser.run("analyst", Set.of("nsoz-analyst"), c::execute);
        StatsQuery q = queries.get(0);
        assertEquals(Scope.ALL, q.scope());
        assertEquals(Granularity.MONTH, q.granularity());
        assertEquals(Dimension.REGION, q.groupBy());
        assertEquals(LocalDate.of(2026, 3, 31), q.to());
        String printed = out.toString(StandardCharsets.UTF_8);
        String row = printed.lines().filter(l -> l.contains("UA-46")).findFirst().orElseThrow(
                () -> new AssertionError(printed));
        assertTrue(row.contains("Львівська область") && row.contains("12") && row.contains("4.5")
                && row.contains("9"), row);
        assertTrue(printed.contains("Rows: 1"), printed);
    }

    @Test
    @DisplayName("A head counts their body's appeals, a supervisor their center's; an operator is refused")
    void scopes() {
        AsUser.run("head", Set.of("nsoz-head", "nsoz-body-MOZ"), command(null, null, null, null)::execute);
        AsUser.run("supervisor", Set.of("nsoz-supervisor"), command(null, null, null, null)::execute);
        assertEquals(List.of(Scope.body("MOZ"), Scope.node("ucc")), queries.stream().map(StatsQuery::scope).toList());
        SecurityException refused = assertThrows(SecurityException.class,
                () -> AsUser.run("operator", Set.of("nsoz-operator"), command(null, null, null, null)::execute));
        assertTrue(refused.getMessage().contains("REPORT_READ"), refused.getMessage());
        assertEquals(2, queries.size());
    }

    @Test
    @DisplayName("Bad options are refused naming the option, before anything is counted")
    void badOptions() {
        for (StatsCommand c : List.of(command("2026-02-01", "2026-01-01", null, null),
                command(null, null, "fortnight", null), command(null, null, null, "colour"),
                command("01.01.2026", null, null, null))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AsUser.run("analyst", Set.of("nsoz-analyst"), c::execute));
            assertTrue(e.getMessage().contains("--") && e.getMessage().contains(" / "), e.getMessage());
        }
        assertTrue(queries.isEmpty());
    }

    @Test
    @DisplayName("--csv prints the reports bundle's CSV without the BOM; without the bundle it says why")
    void csv() {
        StatsCommand c = command("2026-01-01", "2026-01-31", null, null);
        c.csv = true;
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> AsUser.run("analyst", Set.of("nsoz-analyst"), c::execute));
        assertTrue(none.getMessage().contains("reports bundle"), none.getMessage());
        c.reports = (Reports) Proxy.newProxyInstance(Reports.class.getClassLoader(), new Class<?>[] {Reports.class},
                (p, m, a) -> "\uFEFFПеріод з,Надійшло\r\n2026-01-01,12\r\n".getBytes(StandardCharsets.UTF_8));
        AsUser.run("analyst", Set.of("nsoz-analyst"), c::execute);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Період з,Надійшло"), printed);
        assertFalse(printed.contains("\uFEFF"));
    }
}
