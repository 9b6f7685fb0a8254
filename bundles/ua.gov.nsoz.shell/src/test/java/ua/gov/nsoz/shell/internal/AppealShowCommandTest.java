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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.store.AppealStore;

/**
 * {@code nsoz:appeal-show} with the terms of the Law (issue #13): the applicant's category, priority, the contested
 * decision, the shortened and the restored term, the rule set and every step of the deadline; masked for a caller who
 * may not see the applicant.
 */
@DisplayName("nsoz:appeal-show: the Law's terms")
class AppealShowCommandTest {

    static final Instant T = Instant.parse("2025-07-31T07:00:00Z");
    static final String NAME = "Тестенко Марія";
    static final String REASON = "Виїжджаю на лікування 20.08";
    static final String RULE_SET = "ua-law-393-civil-code/2";

    /** A late complaint of a priority applicant, its term restored, its consideration shortened to 10 days. */
    static final Appeal APPEAL = new Appeal("0190a1b2-0000-7000-8000-000000000013", "LV-2025-000013", "lviv", "UA-46",
            AppealKind.COMPLAINT, Channel.PHONE,
            new Applicant(ApplicantType.CITIZEN, NAME, "м. Львів, вул. Синтетична, 1", null, "+380 32 000 00 00",
                    "7.1"),
            "Синтетична скарга.", null, null, false, null, false, null, List.of(), Set.of(LegalMark.LATE_COMPLAINT),
            AppealStatus.REGISTERED, 3, T, T, T,
            Processing.NONE.toBuilder().priority(true).shortened(10, REASON).termRestored(true)
                    .dueDate(LocalDate.parse("2025-08-11")).build(),
            new ContestedDecision(LocalDate.parse("2024-03-07"), null));

    final List<AuditEntry> audited = new ArrayList<>();
    AppealShowCommand command;
    ByteArrayOutputStream out;
    PrintStream stdout;

    /** The deadline as core explains a shortened term: one line quotes the applicant's reason. */
    static Deadline deadline(Appeal a) {
        return new Deadline(a.receivedAt(), LocalDate.parse("2025-07-31"), DeadlineKind.SHORTENED, 10, 0,
                LocalDate.parse("2025-08-11"), List.of("Дата надходження 31.07.2025 / Receipt date 31.07.2025",
                        "Скорочений строк: 10 днів, обґрунтування заявника: " + a.processing().shortenedReason()
                                + " / Shortened term: 10 days, the applicant's reason: "
                                + a.processing().shortenedReason(),
                        "10.08.2025 — неділя, останній день 11.08.2025 (ст. 254 ЦК) / 10.08.2025 is a Sunday, "
                                + "last day 11.08.2025 (Civil Code Art. 254)"), RULE_SET);
    }

    @BeforeEach
    void setUp() {
        command = new AppealShowCommand();
        command.nsozNode = AsUser.node("lviv");
        command.appeals = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> Optional.of(APPEAL).filter(x -> x.registrationNumber().equals(args[0]));
                    case "deadline" -> deadline((Appeal) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        command.store = (AppealStore) Proxy.newProxyInstance(AppealStore.class.getClassLoader(),
                new Class<?>[] {AppealStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "events" -> List.of(new AppealEvent("e1", APPEAL.id(), 1, "REGISTERED", T, "lviv", "operator",
                            "{}"), new AppealEvent("e3", APPEAL.id(), 3, "TERM_SHORTENED", T, "lviv", "operator",
                                    "{\"comment\":\"" + REASON + "\"}"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        command.audit = (AuditLog) Proxy.newProxyInstance(AuditLog.class.getClassLoader(),
                new Class<?>[] {AuditLog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("record")) {
                        audited.add((AuditEntry) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        command.id = APPEAL.registrationNumber();
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    String run(String... roles) {
        AsUser.run("tester", Set.of(roles), command::execute);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String row(String text, String field) {
        return text.lines().filter(l -> l.contains(field)).findFirst().orElseThrow(() -> new AssertionError(
                "no row " + field + " in " + text));
    }

    @Test
    @DisplayName("The contact center's operator sees every new field, the rule set and every step of the deadline")
    void operatorSeesAll() {
        String text = run("nsoz-operator");
        assertTrue(text.contains(NAME), text);
        assertTrue(row(text, "Applicant category").contains("7.1"), text);
        assertTrue(row(text, "Order").contains("Першочергово (ст. 20) / Priority (Art. 20)"), text);
        String contested = row(text, "Contested decision");
        assertTrue(contested.contains("decided 2024-03-07") && contested.contains("learned —"), contested);
        String shortened = row(text, "Shortened term");
        assertTrue(shortened.contains("10 дн. / days") && shortened.contains(REASON), shortened);
        assertTrue(row(text, "Term to complain").contains("restored"), text);
        assertTrue(row(text, "Mark").contains("LATE_COMPLAINT, ст. 17"), text);
        assertTrue(row(text, "Deadline").contains("2025-08-11"), text);
        assertTrue(row(text, "rule set").contains(RULE_SET), text);
        for (String step : deadline(APPEAL).explanation()) {
            assertTrue(text.contains(step.substring(0, 40)), "the step " + step + " in " + text);
        }
        assertTrue(text.contains("TERM_SHORTENED"), text);
        assertEquals(List.of(AuditAction.READ), audited.stream().map(AuditEntry::action).toList());
    }

    @Test
    @DisplayName("An analyst without the grant sees the category and the applicant's reason masked, even in the "
            + "deadline's steps; priority, the contested decision, the terms and the rule set still show")
    void analystMasked() {
        String text = run("nsoz-analyst");
        assertFalse(text.contains(NAME), text);
        assertFalse(text.contains("лікування"), "the applicant's reason is their own words: " + text);
        assertTrue(row(text, "Applicant category").contains("***"), text);
        assertFalse(row(text, "Applicant category").contains("7.1"), text);
        assertTrue(row(text, "Shortened term").contains("10 дн. / days") && row(text, "Shortened term").contains("***"),
                text);
        assertTrue(text.contains("обґрунтування заявника: *** / Shortened term"), "the step quoting it: " + text);
        assertTrue(row(text, "Order").contains("Priority (Art. 20)"), text);
        assertTrue(row(text, "Contested decision").contains("2024-03-07"), text);
        assertTrue(row(text, "Term to complain").contains("restored"), text);
        assertTrue(row(text, "rule set").contains(RULE_SET), text);
        assertEquals(List.of(), audited, "a masked view is not a personal-data read");
    }

    @Test
    @DisplayName("An appeal without the new fields shows none of their rows")
    void withoutThem() {
        Appeal plain = new Appeal(APPEAL.id(), APPEAL.registrationNumber(), "lviv", "UA-46", AppealKind.PROPOSAL,
                Channel.PHONE, new Applicant(ApplicantType.CITIZEN, NAME, null, null, null), "Текст.", null, null,
                false, null, false, null, List.of(), Set.of(), AppealStatus.REGISTERED, 1, T, T, T);
        command.appeals = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> Optional.of(plain);
                    case "deadline" -> new Deadline(T, LocalDate.parse("2025-07-31"), DeadlineKind.STANDARD, 31, 0,
                            LocalDate.parse("2025-09-01"), List.of("Один місяць / One month"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        String text = run("nsoz-operator");
        for (String field : List.of("Applicant category", "Order", "Contested decision", "Shortened term",
                "Term to complain", "rule set")) {
            assertFalse(text.contains(field), field + " in " + text);
        }
        assertTrue(text.contains("Один місяць / One month"), text);
    }
}
