package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Retention;
import ua.gov.nsoz.api.ValidationException;

/** {@code nsoz:retention}: what it asks of the service and what it prints (the service has its own tests in core). */
@DisplayName("nsoz:retention")
class RetentionCommandTest {

    /** 2021-05-04 12:00 in Kyiv. */
    static final Instant CUTOFF = Instant.parse("2021-05-04T09:00:00Z");

    /** Records the calls; answers with the report it is given. */
    static final class FakeRetention implements Retention {
        final List<String> calls = new ArrayList<>();
        Report answer;

        @Override
        public Report run(boolean dryRun, Integer retentionDays, String actor) {
            calls.add(dryRun + " " + retentionDays + " " + actor);
            if (retentionDays != null && retentionDays < 30) {
                throw new ValidationException(List.of(new FieldError("retentionDays",
                        "Строк зберігання має бути не менше 30 днів / The retention period must be at least 30 days")));
            }
            return answer;
        }

        @Override
        public int retentionDays() {
            return 1826;
        }
    }

    FakeRetention retention;
    RetentionCommand command;
    ByteArrayOutputStream out;
    PrintStream stdout;

    @BeforeEach
    void setUp() {
        retention = new FakeRetention();
        command = new RetentionCommand();
        command.retention = retention;
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    String run() {
        command.nsozNode = AsUser.node("lviv");
        AsUser.run("tester", java.util.Set.of("nsoz-admin"), command::execute);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusedWithoutTheRole() {
        command.nsozNode = AsUser.node("lviv");
        SecurityException e = assertThrows(SecurityException.class,
                () -> AsUser.run("tester", java.util.Set.of("nsoz-analyst"), command::execute));
        assertTrue(e.getMessage().contains("nsoz-admin"), e.getMessage());
    }

    @Test
    @DisplayName("A dry run prints the period, the cutoff in Kyiv, the count and the numbers, and says nothing changed")
    void dryRun() {
        retention.answer = new Retention.Report(CUTOFF, 1826, true, 2, List.of("LV-2021-000001", "LV-2021-000002"));
        command.dryRun = true;
        String text = run();
        assertEquals(List.of("true null tester"), retention.calls, "the configured period, the logged-in user");
        assertTrue(text.contains("Retention period: 1826"), text);
        assertTrue(text.contains("Cutoff: 2021-05-04 12:00:00"), text);
        assertTrue(text.contains("Would be anonymized: 2"), text);
        assertTrue(text.contains("LV-2021-000001") && text.contains("LV-2021-000002"), text);
        assertTrue(text.contains("Dry run: nothing was changed"), text);
    }

    @Test
    @DisplayName("A run with --days passes the period on and says how many were anonymized, and how many more")
    void realRun() {
        List<String> first = IntStream.rangeClosed(1, 1000).mapToObj(i -> String.format("LV-2021-%06d", i)).toList();
        retention.answer = new Retention.Report(CUTOFF, 365, false, 1500, first);
        command.days = 365;
        String text = run();
        assertEquals(List.of("false 365 tester"), retention.calls);
        assertTrue(text.contains("Anonymized: 1500"), text);
        assertTrue(text.contains("and 500 more"), text);
        assertFalse(text.contains("Dry run"), text);
    }

    @Test
    @DisplayName("Nothing to do")
    void none() {
        retention.answer = new Retention.Report(CUTOFF, 1826, false, 0, List.of());
        assertTrue(run().contains("Anonymized: 0"));
    }

    @Test
    @DisplayName("A refused period shows the service's message in both languages")
    void refused() {
        command.days = 10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::run);
        assertTrue(e.getMessage().contains("не менше 30 днів") && e.getMessage().contains("at least 30 days"),
                e.getMessage());
    }
}
