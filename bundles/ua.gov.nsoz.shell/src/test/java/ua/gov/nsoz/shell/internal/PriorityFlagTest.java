package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Processing;

/** {@code nsoz:appeal-list} and {@code nsoz:deadline-scan} flag the appeals considered first (Art. 20) with "!". */
@DisplayName("nsoz:appeal-list, nsoz:deadline-scan: priority appeals flagged")
class PriorityFlagTest {

    static final Instant T = Instant.parse("2026-05-04T07:00:00Z");

    static Appeal appeal(String number, boolean priority) {
        return new Appeal("id-" + number, number, "lviv", "UA-46", AppealKind.APPLICATION, Channel.PHONE,
                new Applicant(ApplicantType.CITIZEN, "Тестенко Марія", null, null, null, priority ? "7.1" : null),
                "Синтетичне звернення.", "ЖКГ", null, false, null, false, null, List.of(), Set.of(),
                AppealStatus.REGISTERED, 1, T, T, T, Processing.NONE.toBuilder().priority(priority).build());
    }

    static final Appeal FIRST = appeal("LV-2026-000001", true);
    static final Appeal SECOND = appeal("LV-2026-000002", false);

    ByteArrayOutputStream out;
    PrintStream stdout;

    /** Two registered appeals, the first a priority one, both due in two days. */
    static AppealService appeals(List<Appeal> all) {
        LocalDate due = LocalDate.now(ZoneId.of("Europe/Kyiv")).plusDays(2);
        return (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "search" -> {
                        AppealQuery q = (AppealQuery) args[0];
                        List<Appeal> found = all.stream()
                                .filter(a -> q.status() == null || q.status() == a.status()).toList();
                        yield new Page<>(found, found.size(), q.offset(), q.limit());
                    }
                    case "deadline" -> new Deadline(T, due.minusDays(31), DeadlineKind.STANDARD, 31, 0, due,
                            List.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @BeforeEach
    void capture() {
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    static String row(String text, String number) {
        return text.lines().filter(l -> l.contains(number)).findFirst().orElseThrow(() -> new AssertionError(
                number + " not in " + text));
    }

    static String cell(String row, int n) {
        return row.split("\\|")[n].trim();
    }

    @Test
    @DisplayName("appeal-list: a '!' column after the number, and the legend under the table")
    void list() {
        AppealListCommand command = new AppealListCommand();
        command.nsozNode = AsUser.node("lviv");
        command.appeals = appeals(List.of(FIRST, SECOND));
        AsUser.run("tester", Set.of("nsoz-analyst"), command::execute);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals("!", cell(row(text, FIRST.registrationNumber()), 1), text);
        assertEquals("", cell(row(text, SECOND.registrationNumber()), 1), text);
        assertTrue(text.contains(Format.PRIORITY_LEGEND), text);
        assertFalse(text.contains("Тестенко"), text);
    }

    @Test
    @DisplayName("appeal-list: no legend when no appeal shown is a priority one")
    void listWithoutPriority() {
        AppealListCommand command = new AppealListCommand();
        command.nsozNode = AsUser.node("lviv");
        command.appeals = appeals(List.of(SECOND));
        AsUser.run("tester", Set.of("nsoz-analyst"), command::execute);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(Format.PRIORITY_LEGEND));
    }

    @Test
    @DisplayName("deadline-scan: a '!' column after the number, and the legend under the table")
    void scan() {
        DeadlineScanCommand command = new DeadlineScanCommand();
        command.nsozNode = AsUser.node("lviv");
        command.appeals = appeals(List.of(FIRST, SECOND));
        AsUser.run("tester", Set.of("nsoz-supervisor"), command::execute);
        String text = out.toString(StandardCharsets.UTF_8);
        String first = row(text, FIRST.registrationNumber());
        assertEquals("!", cell(first, 1), text);
        assertEquals("2", cell(first, 4), text);
        assertEquals("", cell(row(text, SECOND.registrationNumber()), 1), text);
        assertTrue(text.contains(Format.PRIORITY_LEGEND), text);
        assertTrue(text.contains("Open: 2"), text);
    }
}
