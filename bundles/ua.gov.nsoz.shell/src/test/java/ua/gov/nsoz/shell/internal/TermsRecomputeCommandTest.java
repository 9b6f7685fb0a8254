package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.DueDateChange;

/**
 * {@code nsoz:terms-recompute}: what it asks of the service and what it prints (the recomputation has its own tests in
 * core).
 */
@DisplayName("nsoz:terms-recompute")
class TermsRecomputeCommandTest {

    static final DueDateChange JAN31 = new DueDateChange("id-1", "LV-2025-000001", LocalDate.parse("2025-03-03"),
            LocalDate.parse("2025-02-28"), false);
    static final DueDateChange JUL15 = new DueDateChange("id-2", "LV-2025-000002", LocalDate.parse("2025-08-14"),
            LocalDate.parse("2025-08-15"), false);

    /** The calls to recomputeDueDates (its argument, apply); answers with {@link #answer}. */
    final List<Boolean> calls = new ArrayList<>();
    List<DueDateChange> answer = List.of();
    TermsRecomputeCommand command;
    ByteArrayOutputStream out;
    PrintStream stdout;

    @BeforeEach
    void setUp() {
        command = new TermsRecomputeCommand();
        command.appeals = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("recomputeDueDates")) {
                        calls.add((Boolean) args[0]);
                        return answer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        command.nsozNode = AsUser.node("lviv");
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    String run() {
        AsUser.run("admin", Set.of("nsoz-admin"), command::execute);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("Only the admin: another role is refused, naming the operation and nsoz-admin, and nothing is asked")
    void refusedWithoutTheRole() {
        for (String role : List.of("nsoz-analyst", "nsoz-supervisor", "nsoz-head", "nsoz-auditor")) {
            SecurityException e = assertThrows(SecurityException.class,
                    () -> AsUser.run("tester", Set.of(role), command::execute));
            assertTrue(e.getMessage().contains("TERMS_RECOMPUTE") && e.getMessage().contains("nsoz-admin"),
                    e.getMessage());
        }
        command.dryRun = true;
        assertThrows(SecurityException.class, () -> AsUser.run("tester", Set.of(), command::execute));
        assertEquals(List.of(), calls);
    }

    @Test
    @DisplayName("A dry run asks not to apply, lists number, old and new date, applied no, and says nothing changed")
    void dryRun() {
        answer = List.of(JAN31, JUL15);
        command.dryRun = true;
        String text = run();
        assertEquals(List.of(false), calls);
        String row = text.lines().filter(l -> l.contains("LV-2025-000001")).findFirst().orElseThrow();
        assertTrue(row.contains("2025-03-03") && row.contains("2025-02-28") && row.contains("ні / no"), row);
        assertTrue(text.contains("LV-2025-000002") && text.contains("2025-08-15"), text);
        assertTrue(text.contains("Was") && text.contains("Now") && text.contains("Applied"), text);
        assertTrue(text.contains("Due dates that would move: 2"), text);
        assertTrue(text.contains("Dry run: nothing was changed"), text);
        assertFalse(text.contains("id-1"), "numbers, not ids: " + text);
    }

    @Test
    @DisplayName("A run applies, counts what was written and says what the appeals' own changes kept from it")
    void realRun() {
        answer = List.of(new DueDateChange("id-1", "LV-2025-000001", JAN31.before(), JAN31.after(), true),
                JUL15);
        String text = run();
        assertEquals(List.of(true), calls);
        String row = text.lines().filter(l -> l.contains("LV-2025-000001")).findFirst().orElseThrow();
        assertTrue(row.contains("так / yes"), row);
        assertTrue(text.contains("Due dates moved: 1"), text);
        assertTrue(text.contains("the appeal changed meanwhile (run again): 1"), text);
        assertFalse(text.contains("Dry run"), text);
    }

    @Test
    @DisplayName("Nothing moves: no table, a count of 0")
    void nothing() {
        String text = run();
        assertEquals(List.of(true), calls);
        assertTrue(text.contains("Due dates moved: 0"), text);
        assertFalse(text.contains("Number"), text);
        assertFalse(text.contains("meanwhile"), text);
    }
}
