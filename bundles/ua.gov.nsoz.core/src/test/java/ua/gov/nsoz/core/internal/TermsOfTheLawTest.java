package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;

/**
 * Every term of the Law "On citizens' appeals" as the Law and the Civil Code of Ukraine count it, one table per
 * rule, each row naming the case it covers. The rule set is the one shipped ({@code terms.json}); the calendar lists
 * no holidays (martial law), so only Saturdays and Sundays are days off, except where a row lists one.
 * Channel PHONE is an oral appeal (the term counts from the day received, whatever the hour); WEB an electronic one.
 */
@DisplayName("The Law's terms, counted by the Civil Code")
class TermsOfTheLawTest {

    static final DeadlineRules RULES = new DeadlineRules(new WorkingCalendar(Set.of()));

    static Instant kyiv(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static void bilingual(Iterable<String> lines) {
        for (String line : lines) {
            assertTrue(line.contains(" / "), line);
        }
    }

    @Nested
    @DisplayName("Art. 20: one month from receipt (CC Art. 253, 254 parts 2 and 5)")
    class OneMonth {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "31-day month into a 28-day one: 31.01 -> 28.02 (not 02.03 as '30 days' said)   | PHONE | 2025-01-31T10:00 | 2025-02-28 | 28",
            "29.01 -> 28.02: February 2025 has no 29th, so its last day                    | PHONE | 2025-01-29T10:00 | 2025-02-28 | 30",
            "leap year: 31.01.2024 -> 29.02.2024                                            | PHONE | 2024-01-31T10:00 | 2024-02-29 | 29",
            "leap year: 30.01.2024 -> 29.02.2024                                            | PHONE | 2024-01-30T10:00 | 2024-02-29 | 30",
            "into a 30-day month: 31.03 -> 30.04                                            | PHONE | 2025-03-31T10:00 | 2025-04-30 | 30",
            "same-numbered day: 30.04 -> 30.05 (30 days would give 30.05 too)               | PHONE | 2025-04-30T10:00 | 2025-05-30 | 30",
            "a 31-day month: 15.05 -> 15.06 is 31 days (30 days would end a day early)     | PHONE | 2025-05-15T10:00 | 2025-06-16 | 31",
            "oral on a Saturday counts that day: 31.05 -> 30.06                             | PHONE | 2025-05-31T10:00 | 2025-06-30 | 30",
            "across the year end: 15.12.2025 -> 15.01.2026                                  | PHONE | 2025-12-15T10:00 | 2026-01-15 | 31",
            "last day a Sunday moves to Monday (CC Art. 254 part 5): 31.07 -> 31.08 Sun -> 01.09 | PHONE | 2025-07-31T10:00 | 2025-09-01 | 31",
            "28.02 clamped to a Sunday: 31.01.2027 -> 28.02 Sun -> 01.03                    | PHONE | 2027-01-31T10:00 | 2027-03-01 | 28",
            "electronic after working hours counts from the next working day: 30.01 19:00 -> 31.01 -> 28.02 | WEB | 2025-01-30T19:00 | 2025-02-28 | 28",
            "electronic on a Saturday counts from Monday: 31.01.2026 -> 02.02 -> 02.03      | WEB   | 2026-01-31T10:00 | 2026-03-02 | 28",
            "electronic before working hours counts that day: 31.03 08:00 -> 30.04          | EMAIL | 2025-03-31T08:00 | 2025-04-30 | 30",
        })
        @DisplayName("Art. 20 and CC Art. 253, 254: the last day of one month from receipt")
        void oneMonth(String label, Channel channel, String receivedAt, String due, int termDays) {
            Deadline d = RULES.compute(kyiv(receivedAt), channel, DeadlineKind.STANDARD);
            assertEquals(LocalDate.parse(due), d.dueDate(), label);
            assertEquals(termDays, d.termDays(), label + ": days from the receipt to the month's end");
            assertEquals("ua-law-393-civil-code/2", d.ruleSet());
            bilingual(d.explanation());
        }

        @Test
        @DisplayName("Art. 20, CC Art. 253, 254: the explanation gives each step of the Civil Code")
        void explanation() {
            Deadline d = RULES.compute(kyiv("2025-01-31T10:00"), Channel.PHONE, DeadlineKind.STANDARD);
            String term = d.explanation().get(1);
            assertTrue(term.startsWith("Розгляд звернення: 1 місяць від 31.01.2025 (ч. 1 ст. 20 Закону"), term);
            assertTrue(term.contains("перебіг строку починається наступного дня, 01.02.2025 (ст. 253 ЦК України)"), term);
            assertTrue(term.contains("у місяці 02.2025 немає 31-го числа, тож строк спливає в останній день місяця, "
                    + "28.02.2025 (ч. 2 ст. 254 ЦК України)"), term);
            assertTrue(term.contains("02.2025 has no day 31, so the term ends on the last day of that month, 28.02.2025 "
                    + "(Civil Code Art. 254 part 2)"), term);
            Deadline sunday = RULES.compute(kyiv("2025-07-31T10:00"), Channel.PHONE, DeadlineKind.STANDARD);
            assertTrue(sunday.explanation().get(2).contains("(ч. 5 ст. 254 Цивільного кодексу України)"),
                    sunday.explanation().toString());
        }

        @Test
        @DisplayName("CC Art. 254 part 5: a listed non-working day at the end moves it as a weekend does")
        void listedDayOff() {
            DeadlineRules rules = new DeadlineRules(new WorkingCalendar(Set.of(LocalDate.parse("2025-02-28"))));
            Deadline d = rules.compute(kyiv("2025-01-31T10:00"), Channel.PHONE, DeadlineKind.STANDARD);
            assertEquals(LocalDate.parse("2025-03-03"), d.dueDate(), "28.02 listed, 01-02.03 a weekend");
        }
    }

    @Nested
    @DisplayName("Art. 20: 15 days without additional study; Art. 7: 5 days to forward, 10 days to return")
    class InDays {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "Art. 20: 15 days: 31.01 -> 15.02 Sat -> 17.02              | NO_ADDITIONAL_STUDY | 2025-01-31T10:00 | 2025-02-17",
            "Art. 20: 15 days: 03.03 -> 18.03                           | NO_ADDITIONAL_STUDY | 2025-03-03T10:00 | 2025-03-18",
            "Art. 7: 5 days to forward: 03.03 -> 08.03 Sat -> 10.03     | REDIRECT            | 2025-03-03T10:00 | 2025-03-10",
            "Art. 7: 5 days to forward: 04.03 -> 09.03 Sun -> 10.03     | REDIRECT            | 2025-03-04T10:00 | 2025-03-10",
            "Art. 7: 10 days to return: 03.03 -> 13.03                  | RETURN              | 2025-03-03T10:00 | 2025-03-13",
            "Art. 7: 10 days to return: 05.03 -> 15.03 Sat -> 17.03     | RETURN              | 2025-03-05T10:00 | 2025-03-17",
        })
        @DisplayName("Art. 7, 20, CC Art. 253, 254 part 5: a term in days ends on the receipt date plus its days")
        void days(String label, DeadlineKind kind, String receivedAt, String due) {
            Deadline d = RULES.compute(kyiv(receivedAt), Channel.PHONE, kind);
            assertEquals(LocalDate.parse(due), d.dueDate(), label);
            bilingual(d.explanation());
        }

        @Test
        @DisplayName("Art. 7: the terms to return and to forward are explained beside the term of consideration")
        void article7Lines() {
            List<String> lines = RULES.article7(kyiv("2025-03-05T10:00"), Channel.POST, true, kyiv("2025-03-06T12:00"));
            assertEquals(2, lines.size());
            assertTrue(lines.get(0).contains("повернути його заявнику з роз'ясненнями можна не пізніше 17.03.2025 (10 днів"),
                    lines.get(0));
            assertTrue(lines.get(1).contains("Звернення надійшло до органу 06.03.2025") && lines.get(1).contains(
                    "it is forwarded by 11.03.2025 (5 days"), lines.get(1));
            assertEquals(List.of(), RULES.article7(kyiv("2025-03-05T10:00"), Channel.POST, false, null));
        }

        @ParameterizedTest(name = "Art. 7: reached the body {0}, last day to forward {1}")
        @CsvSource({"2025-03-03, 2025-03-10", "2025-03-05, 2025-03-10", "2025-03-06, 2025-03-11"})
        @DisplayName("Art. 7: the 5 days to forward count from the day the appeal reached the body")
        void redirectFromArrival(String arrived, String last) {
            assertEquals(LocalDate.parse(last), RULES.redirectLastDay(LocalDate.parse(arrived)));
        }
    }

    @Nested
    @DisplayName("Art. 20: extension, at most 45 days in all")
    class Extension {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "received 31.01: the month ends 28.02 (28 days), so 17 more days reach the cap: 17.03 | 2025-01-31T10:00 | 17 | 2025-03-17",
            "received 31.03: the month ends 30.04 (30 days), 15 more reach the cap: 15.05         | 2025-03-31T10:00 | 15 | 2025-05-15",
            "received 15.05: the month ends 15.06 (31 days), 14 more reach the cap: 29.06 Sun -> 30.06 | 2025-05-15T10:00 | 14 | 2025-06-30",
        })
        @DisplayName("Art. 20: an extension up to 45 days from receipt is allowed")
        void toTheCap(String label, String receivedAt, int days, String due) {
            Deadline base = RULES.compute(kyiv(receivedAt), Channel.PHONE, DeadlineKind.STANDARD);
            Deadline d = RULES.extend(base, days, "Потрібна перевірка на місці");
            assertEquals(45, d.totalDays(), label);
            assertEquals(LocalDate.parse(due), d.dueDate(), label);
        }

        @ParameterizedTest(name = "received {0}: {1} days more is past the cap")
        @CsvSource({"2025-01-31T10:00, 18", "2025-03-31T10:00, 16", "2025-05-15T10:00, 15"})
        @DisplayName("Art. 20: one day past 45 in all is refused, naming the cap")
        void pastTheCap(String receivedAt, int days) {
            Deadline base = RULES.compute(kyiv(receivedAt), Channel.PHONE, DeadlineKind.STANDARD);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULES.extend(base, days, "Причина"));
            assertTrue(e.getMessage().contains("45 днів") && e.getMessage().contains("45 days"), e.getMessage());
        }

        @Test
        @DisplayName("Art. 7: the terms to forward and to return are not extended")
        void article7NotExtended() {
            for (DeadlineKind kind : new DeadlineKind[] {DeadlineKind.REDIRECT, DeadlineKind.RETURN}) {
                Deadline d = RULES.compute(kyiv("2025-03-03T10:00"), Channel.PHONE, kind);
                assertThrows(IllegalArgumentException.class, () -> RULES.extend(d, 1, "Причина"), kind.name());
            }
        }
    }

    @Nested
    @DisplayName("Art. 20: a term shortened on the applicant's reasoned written request")
    class Shortened {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "10 days instead of a month: 03.03 -> 13.03                    | STANDARD            | 10 | 2025-03-13",
            "5 days: 03.03 -> 08.03 Sat -> 10.03 (CC Art. 254 part 5)       | STANDARD            | 5  | 2025-03-10",
            "30 days is shorter than March's 31: 03.03 -> 02.04              | STANDARD            | 30 | 2025-04-02",
            "7 days instead of 15 without additional study: 03.03 -> 10.03 | NO_ADDITIONAL_STUDY | 7  | 2025-03-10",
        })
        @DisplayName("Art. 20: the shortened term ends the given days after receipt, its reason in the explanation")
        void shortened(String label, DeadlineKind otherwise, int days, String due) {
            Deadline d = RULES.shortened(kyiv("2025-03-03T10:00"), Channel.PHONE, days, "Виїзд за кордон 20.03",
                    otherwise);
            assertEquals(DeadlineKind.SHORTENED, d.kind());
            assertEquals(days, d.termDays());
            assertEquals(LocalDate.parse(due), d.dueDate(), label);
            assertTrue(d.explanation().get(1).contains("обґрунтування заявника: Виїзд за кордон 20.03"),
                    d.explanation().toString());
            assertTrue(d.explanation().get(1).contains("the applicant's reason: Виїзд за кордон 20.03"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "not shorter than March's month (31 days)         | STANDARD            | 31 | Причина",
            "longer than the month                            | STANDARD            | 40 | Причина",
            "not shorter than 15 days                         | NO_ADDITIONAL_STUDY | 15 | Причина",
            "zero days                                        | STANDARD            | 0  | Причина",
            "no reason                                        | STANDARD            | 10 | '  '",
        })
        @DisplayName("Art. 20: a 'shortened' term that is not shorter, or has no reason, is refused")
        void refused(String label, DeadlineKind otherwise, int days, String reason) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULES.shortened(kyiv("2025-03-03T10:00"), Channel.PHONE, days, reason, otherwise), label);
            assertTrue(e.getMessage().contains("ст. 20") && e.getMessage().contains("Art. 20"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("Art. 17: a complaint within one year of the decision and one month of learning of it")
    class Complaint {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "decided 07.03.2024: the year ended 07.03.2025, received 10.03: late         | 2024-03-07 |            | true",
            "decided 08.03.2024: 08.03.2025 is a Saturday, the term ends Monday 10.03: in time | 2024-03-08 |      | false",
            "decided 29.02.2024: the year ends 28.02.2025 (CC Art. 254 part 1): late      | 2024-02-29 |            | true",
            "learned 07.02: the month ended 07.03, received 10.03: late                   |            | 2025-02-07 | true",
            "learned 10.02: the month ends 10.03, received that day: in time              |            | 2025-02-10 | false",
            "decided long ago, learned 10.02: late by the year                            | 2023-01-10 | 2025-02-10 | true",
            "decided 01.06.2024, learned 01.03.2025: in time by both                      | 2024-06-01 | 2025-03-01 | false",
            "no dates given: not late                                                     |            |            | false",
        })
        @DisplayName("Art. 17, CC Art. 253, 254: whether a complaint received 10.03.2025 is late")
        void late(String label, String decidedOn, String learnedOn, boolean late) {
            ContestedDecision c = new ContestedDecision(decidedOn == null ? null : LocalDate.parse(decidedOn),
                    learnedOn == null ? null : LocalDate.parse(learnedOn));
            DeadlineRules.ComplaintTerm t = RULES.complaintTerm(kyiv("2025-03-10T10:00"), Channel.POST, c);
            assertEquals(late, t.late(), label + " " + t.explanation());
            bilingual(t.explanation());
            if (late) {
                assertTrue(t.explanation().stream().anyMatch(l -> l.contains("строк пропущено (ст. 17)")));
            }
        }
    }

    @Nested
    @DisplayName("The rule set of terms is data")
    class RuleSet {

        @Test
        @DisplayName("The shipped rule set names every term, with its article")
        void shipped() {
            TermRules t = TermRules.loadDefault();
            assertEquals("ua-law-393-civil-code", t.id());
            assertEquals(2, t.version());
            assertEquals(new TermRules.Length(1, TermRules.Unit.MONTHS, t.get(TermRules.Term.CONSIDERATION).lawUk(),
                    t.get(TermRules.Term.CONSIDERATION).lawEn()), t.get(TermRules.Term.CONSIDERATION));
            assertEquals(15, t.get(TermRules.Term.NO_ADDITIONAL_STUDY).amount());
            assertEquals(45, t.get(TermRules.Term.MAX_TOTAL).amount());
            assertEquals(5, t.get(TermRules.Term.REDIRECT).amount());
            assertEquals(10, t.get(TermRules.Term.RETURN).amount());
            assertEquals(TermRules.Unit.YEARS, t.get(TermRules.Term.COMPLAINT_AFTER_DECISION).unit());
            assertEquals(TermRules.Unit.MONTHS, t.get(TermRules.Term.COMPLAINT_AFTER_LEARNING).unit());
            for (TermRules.Term term : TermRules.Term.values()) {
                String uk = t.get(term).lawUk();
                assertTrue(uk.matches(".*ст\\. (7|17|20).*"), term + ": " + uk);
            }
        }

        @Test
        @DisplayName("Version 1, the reading of '30 days', is a change of data: 31.01.2025 -> 02.03 Sun -> 03.03")
        void anotherReadingIsData() {
            TermRules thirtyDays = TermRules.loadDefault().with(TermRules.Term.CONSIDERATION,
                    new TermRules.Length(30, TermRules.Unit.DAYS, "ст. 20 (30 днів)", "Art. 20 (30 days)"));
            Deadline d = new DeadlineRules(new WorkingCalendar(Set.of()), thirtyDays)
                    .compute(kyiv("2025-01-31T10:00"), Channel.PHONE, DeadlineKind.STANDARD);
            assertEquals(LocalDate.parse("2025-03-03"), d.dueDate());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "not JSON                 | {                                                                    | not JSON",
            "no id                    | {\"version\":1,\"terms\":{}}                                         | no id",
            "a term missing           | {\"id\":\"x\",\"version\":1,\"terms\":{}}                            | the term CONSIDERATION is missing",
            "an unknown term          | {\"id\":\"x\",\"version\":1,\"terms\":{\"SOON\":{}}}                 | unknown term SOON",
            "a bad unit               | {\"id\":\"x\",\"version\":1,\"terms\":{\"RETURN\":{\"amount\":10,\"unit\":\"WEEKS\",\"lawUk\":\"a\",\"lawEn\":\"b\"}}} | RETURN: unit must be DAYS, MONTHS or YEARS",
        })
        @DisplayName("A rule set that is not understood is refused, saying what is wrong")
        void refused(String label, String json, String expected) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TermRules.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), label);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }

        @Test
        @DisplayName("Art. 20: a term of consideration longer than the 45-day cap is refused")
        void considerationPastCap() {
            TermRules twoMonths = TermRules.loadDefault().with(TermRules.Term.CONSIDERATION,
                    new TermRules.Length(2, TermRules.Unit.MONTHS, "ст. 20", "Art. 20"));
            assertThrows(IllegalArgumentException.class,
                    () -> new DeadlineRules(new WorkingCalendar(Set.of()), twoMonths));
            assertFalse(TermRules.loadDefault().name().isBlank());
        }
    }
}
