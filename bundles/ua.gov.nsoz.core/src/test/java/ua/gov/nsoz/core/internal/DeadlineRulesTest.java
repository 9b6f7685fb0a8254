package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;

/**
 * The legal deadlines of an appeal (R7): receipt date (Instruction No. 348), terms (Art. 7, 20 of the
 * Law "On citizens' appeals"), a term ending on a day off (Civil Code of Ukraine, Art. 254 part 5)
 * and extensions capped at 45 days (Art. 20). Every instant is fixed: nothing here reads the clock.
 * March 2026 in Kyiv is UTC+2 until the 29th, summer time is UTC+3; 14–15.03.2026 is a weekend.
 */
@DisplayName("DeadlineRules: legal terms of consideration, forwarding and extension")
class DeadlineRulesTest {

    static final WorkingCalendar NO_LISTED_DATES = new WorkingCalendar(Set.of());
    /**
     * Version 1 of the rule set, the term of consideration read as 30 days: the mechanics tested here (receipt,
     * days off, extensions) do not depend on the reading; the Law's one-month term is {@link TermsOfTheLawTest}.
     */
    static final TermRules V1 = v1();
    static final DeadlineRules RULES = new DeadlineRules(NO_LISTED_DATES, V1);

    static TermRules v1() {
        try (java.io.InputStream in = DeadlineRulesTest.class.getResourceAsStream("/ua/gov/nsoz/core/terms/terms-v1.json")) {
            return TermRules.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The days of a term of version 1. */
    static int days(DeadlineKind kind) {
        return switch (kind) {
            case STANDARD -> V1.get(TermRules.Term.CONSIDERATION).amount();
            case NO_ADDITIONAL_STUDY -> V1.get(TermRules.Term.NO_ADDITIONAL_STUDY).amount();
            case REDIRECT -> V1.get(TermRules.Term.REDIRECT).amount();
            case RETURN -> V1.get(TermRules.Term.RETURN).amount();
            case SHORTENED -> throw new IllegalArgumentException("no days of its own");
        };
    }

    static TermRules withCap(int cap) {
        return V1.with(TermRules.Term.MAX_TOTAL, new TermRules.Length(cap, TermRules.Unit.DAYS, "ст. 20", "Art. 20"));
    }
    static final String CIVIL_CODE = "(Civil Code of Ukraine, Art. 254 part 5)";

    static Instant kyiv(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static DeadlineRules withListed(String listed) {
        Set<LocalDate> dates = listed == null || listed.isBlank() ? Set.of()
                : Arrays.stream(listed.split(" ")).map(LocalDate::parse).collect(Collectors.toSet());
        return new DeadlineRules(new WorkingCalendar(dates), V1);
    }

    /** Every explanation line is one line, Ukrainian then English. */
    static void assertBilingualLines(Deadline d) {
        for (String line : d.explanation()) {
            assertTrue(line.contains(" / "), line);
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            assertTrue(line.substring(0, line.indexOf(" / ")).chars()
                    .anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC), line);
        }
    }

    @Nested
    @DisplayName("Terms (Art. 7, 20)")
    class Terms {

        @ParameterizedTest(name = "{0}: {1} days, {2}, article {3}")
        @CsvSource({
                "STANDARD,            30, ст. 20, Art. 20",
                "NO_ADDITIONAL_STUDY, 15, ст. 20, Art. 20",
                "REDIRECT,             5, ст. 7,  Art. 7"})
        @DisplayName("Art. 7, 20: each kind of term carries its days and its article")
        void kinds(DeadlineKind kind, int days, String articleUk, String articleEn) {
            assertEquals(days, days(kind));
            assertEquals(articleUk, kind.articleUk());
            assertEquals(articleEn, kind.articleEn());
            assertFalse(kind.labelUk().isBlank());
            assertFalse(kind.labelEn().isBlank());
        }

        static Stream<Arguments> terms() {
            return Stream.of(
                    arguments("Art. 20: consideration at most one month, 30 days: 16.03 -> 15.04",
                            DeadlineKind.STANDARD, "2026-03-16T10:00", "2026-04-15"),
                    arguments("Art. 20: no additional study, at most 15 days: 16.03 -> 31.03",
                            DeadlineKind.NO_ADDITIONAL_STUDY, "2026-03-16T10:00", "2026-03-31"),
                    arguments("Art. 7: forwarding a misaddressed appeal, 5 days: 18.03 -> 23.03",
                            DeadlineKind.REDIRECT, "2026-03-18T10:00", "2026-03-23"),
                    arguments("Art. 20: 30 days across the change to summer time: 27.03 -> 26.04 Sun -> 27.04",
                            DeadlineKind.STANDARD, "2026-03-27T10:00", "2026-04-27"),
                    arguments("Art. 20: 30 days across the year end: 10.12.2026 -> 09.01.2027 Sat -> 11.01.2027",
                            DeadlineKind.STANDARD, "2026-12-10T10:00", "2027-01-11"),
                    arguments("Art. 20: 30 days from 30.01.2026 -> 01.03 Sun -> 02.03 (February has 28 days)",
                            DeadlineKind.STANDARD, "2026-01-30T10:00", "2026-03-02"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("terms")
        @DisplayName("Art. 7, 20: the due date is the receipt date plus the term in calendar days")
        void term(String label, DeadlineKind kind, String receivedAt, String due) {
            Instant at = kyiv(receivedAt);
            Deadline d = RULES.compute(at, Channel.WEB, kind);
            assertEquals(at, d.receivedAt());
            assertEquals(at.atZone(WorkingCalendar.ZONE).toLocalDate(), d.receiptDate());
            assertEquals(kind, d.kind());
            assertEquals(days(kind), d.termDays());
            assertEquals(0, d.extensionDays());
            assertEquals(days(kind), d.totalDays());
            assertFalse(d.extended());
            assertEquals(date(due), d.dueDate());
            assertBilingualLines(d);
        }

        @Test
        @DisplayName("Art. 20: the explanation states the receipt and the term with its article")
        void explanation() {
            Deadline d = RULES.compute(kyiv("2026-03-16T10:00"), Channel.WEB, DeadlineKind.STANDARD);
            assertEquals(List.of(
                    "Отримано в електронній формі 16.03.2026 о 10:00 у робочий час: строк рахується з дня отримання "
                            + "16.03.2026 / Received electronically on 16.03.2026 at 10:00 during working hours: the term "
                            + "counts from the day of receipt, 16.03.2026",
                    "Розгляд звернення: 30 днів від 16.03.2026 (ст. 20 Закону (прочитано як 30 днів)); перебіг строку "
                            + "починається наступного дня, 17.03.2026 (ст. 253 ЦК України); строк у днях спливає в "
                            + "останній його день, 15.04.2026 / Consideration of the appeal: 30 days from 16.03.2026 "
                            + "(Law, Art. 20 (read as 30 days)); the term runs from the next day, 17.03.2026 (Civil Code "
                            + "Art. 253); a term in days ends on its last day, 15.04.2026"),
                    d.explanation());
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"1, 1 день", "2, 2 дні", "4, 4 дні", "5, 5 днів", "11, 11 днів", "14, 14 днів", "15, 15 днів",
                "21, 21 день", "22, 22 дні", "30, 30 днів", "31, 31 день", "45, 45 днів", "111, 111 днів"})
        @DisplayName("Art. 20: terms are written with the right Ukrainian plural of 'day'")
        void ukrainianPlural(int n, String expected) {
            assertEquals(expected, DeadlineRules.daysUk(n));
        }
    }

    @Nested
    @DisplayName("Legal receipt date (Instruction No. 348)")
    class Receipt {

        static Stream<Arguments> receipts() {
            return Stream.of(
                    arguments("Instruction No. 348: electronic during working hours counts that day",
                            Channel.WEB, kyiv("2026-03-16T10:00"), "2026-03-16"),
                    arguments("Instruction No. 348: electronic at 17:59 counts that day",
                            Channel.EMAIL, kyiv("2026-03-16T17:59"), "2026-03-16"),
                    arguments("Instruction No. 348: electronic at 18:00, working hours over, counts from the next "
                            + "working day", Channel.EMAIL, kyiv("2026-03-16T18:00"), "2026-03-17"),
                    arguments("Instruction No. 348: electronic after hours on Friday counts from Monday",
                            Channel.PORTAL, kyiv("2026-03-20T19:10"), "2026-03-23"),
                    arguments("Instruction No. 348: electronic on a Saturday evening counts from Monday",
                            Channel.WEB, kyiv("2026-03-14T19:10"), "2026-03-16"),
                    arguments("Instruction No. 348: electronic on a Saturday at noon counts from Monday",
                            Channel.WEB, kyiv("2026-03-14T12:00"), "2026-03-16"),
                    arguments("Instruction No. 348: electronic on a Sunday at 23:59 counts from Monday",
                            Channel.EMAIL, kyiv("2026-03-15T23:59"), "2026-03-16"),
                    arguments("Instruction No. 348: electronic before hours on a working day counts that same day",
                            Channel.WEB, kyiv("2026-03-16T07:30"), "2026-03-16"),
                    arguments("Instruction No. 348: electronic at 00:00 on a Monday counts that same day",
                            Channel.WEB, kyiv("2026-03-16T00:00"), "2026-03-16"),
                    arguments("Instruction No. 348: Kyiv time, not UTC: 16:30 UTC is 18:30 Kyiv, after hours",
                            Channel.WEB, Instant.parse("2026-03-16T16:30:00Z"), "2026-03-17"),
                    arguments("Instruction No. 348: Kyiv time, not UTC: Sunday 22:30 UTC is Monday 00:30 Kyiv",
                            Channel.WEB, Instant.parse("2026-03-15T22:30:00Z"), "2026-03-16"),
                    arguments("Instruction No. 348: summer time: 15:00 UTC is 18:00 Kyiv, after hours",
                            Channel.WEB, Instant.parse("2026-07-01T15:00:00Z"), "2026-07-02"),
                    arguments("Art. 5: oral (phone) late in the evening counts the day received",
                            Channel.PHONE, kyiv("2026-03-16T23:30"), "2026-03-16"),
                    arguments("Art. 5: oral on a Saturday counts the day received",
                            Channel.PHONE, kyiv("2026-03-14T20:00"), "2026-03-14"),
                    arguments("Art. 5: written by post, registered late in the evening, counts the day received",
                            Channel.POST, kyiv("2026-03-16T22:00"), "2026-03-16"),
                    arguments("Art. 5: written, handed in on a Saturday, counts the day received",
                            Channel.IN_PERSON, kyiv("2026-03-14T11:00"), "2026-03-14"),
                    arguments("Art. 5: oral at 21:59 UTC is 23:59 Kyiv, the same Kyiv day",
                            Channel.PHONE, Instant.parse("2026-03-16T21:59:00Z"), "2026-03-16"),
                    arguments("Art. 5: oral at 22:00 UTC is 00:00 Kyiv, the next Kyiv day",
                            Channel.PHONE, Instant.parse("2026-03-16T22:00:00Z"), "2026-03-17"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("receipts")
        @DisplayName("Instruction No. 348, Art. 5: the legal receipt date depends on the form and, for electronic "
                + "appeals, on working hours")
        void receiptDate(String label, Channel channel, Instant at, String expected) {
            assertEquals(date(expected), RULES.legalReceiptDate(at, channel));
            Deadline d = RULES.compute(at, channel, DeadlineKind.STANDARD);
            assertEquals(date(expected), d.receiptDate());
            assertEquals(NO_LISTED_DATES.workingDayOnOrAfter(date(expected).plusDays(30)), d.dueDate());
            assertBilingualLines(d);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "2026-03-20T19:10 | WEB | Отримано в електронній формі 20.03.2026 о 19:10 після робочого часу: строк "
                        + "рахується з наступного робочого дня 23.03.2026 / Received electronically on 20.03.2026 at "
                        + "19:10 after working hours: the term counts from the next working day, 23.03.2026",
                "2026-03-14T19:10 | WEB | Отримано в електронній формі 14.03.2026 о 19:10 у неробочий день: строк "
                        + "рахується з наступного робочого дня 16.03.2026 / Received electronically on 14.03.2026 at "
                        + "19:10 on a non-working day: the term counts from the next working day, 16.03.2026",
                "2026-03-16T07:30 | EMAIL | Отримано в електронній формі 16.03.2026 о 07:30 до початку робочого "
                        + "часу: строк рахується з цього ж робочого дня 16.03.2026 / Received electronically on "
                        + "16.03.2026 at 07:30 before working hours: the term counts from the same working day, 16.03.2026",
                "2026-03-16T23:30 | PHONE | Отримано усно 16.03.2026 о 23:30: строк рахується з дня отримання "
                        + "16.03.2026 / Received orally on 16.03.2026 at 23:30: the term counts from the day of "
                        + "receipt, 16.03.2026",
                "2026-03-14T11:00 | IN_PERSON | Отримано в письмовій формі 14.03.2026 о 11:00: строк рахується з "
                        + "дня отримання 14.03.2026 / Received in writing on 14.03.2026 at 11:00: the term counts "
                        + "from the day of receipt, 14.03.2026"})
        @DisplayName("Instruction No. 348: the explanation says when and how it was received and where the term counts from")
        void receiptExplanation(String receivedAt, Channel channel, String expectedLine) {
            Deadline d = RULES.compute(kyiv(receivedAt), channel, DeadlineKind.STANDARD);
            assertEquals(expectedLine, d.explanation().get(0));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"07:59, 2026-03-16", "08:00, 2026-03-16", "16:59, 2026-03-16", "17:00, 2026-03-17",
                "17:30, 2026-03-17"})
        @DisplayName("Instruction No. 348: working hours are configuration; with 08:00–17:00 an e-mail at 17:00 counts "
                + "from the next working day")
        void configuredHours(LocalTime time, LocalDate expected) {
            DeadlineRules early = new DeadlineRules(NO_LISTED_DATES.withWorkingHours(LocalTime.of(8, 0),
                    LocalTime.of(17, 0)));
            assertEquals(expected, early.legalReceiptDate(kyiv("2026-03-16T" + time), Channel.EMAIL));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"2026-12-25T10:00, 2026-12-29", "2026-12-24T18:30, 2026-12-29", "2026-12-24T17:00, 2026-12-24"})
        @DisplayName("Instruction No. 348: an electronic appeal received on a listed non-working date counts from the "
                + "next working day")
        void listedNonWorkingDate(String receivedAt, LocalDate expected) {
            DeadlineRules rules = withListed("2026-12-25 2026-12-28");
            assertEquals(expected, rules.legalReceiptDate(kyiv(receivedAt), Channel.PORTAL));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Channel.class)
        @DisplayName("Instruction No. 348, Art. 5: every channel in working hours on a working day counts that day")
        void everyChannelInHours(Channel channel) {
            assertEquals(date("2026-03-18"), RULES.legalReceiptDate(kyiv("2026-03-18T12:00"), channel));
        }
    }

    @Nested
    @DisplayName("A term ending on a day off (Civil Code of Ukraine, Art. 254 part 5)")
    class DayOff {

        static Stream<Arguments> dueDates() {
            return Stream.of(
                    arguments("Art. 254 CC: due on a working day stays", DeadlineKind.STANDARD, "2026-03-16", "",
                            "2026-04-15", false),
                    arguments("Art. 254 CC: due on a Saturday (18.04) moves to Monday", DeadlineKind.STANDARD,
                            "2026-03-19", "", "2026-04-20", true),
                    arguments("Art. 254 CC: due on a Sunday (19.04) moves to Monday", DeadlineKind.STANDARD,
                            "2026-03-20", "", "2026-04-20", true),
                    arguments("Art. 254 CC: due on a listed Wednesday (15.04) moves to Thursday", DeadlineKind.STANDARD,
                            "2026-03-16", "2026-04-15", "2026-04-16", true),
                    arguments("Art. 254 CC: due on a listed Friday (17.04) moves past the weekend to Monday",
                            DeadlineKind.STANDARD, "2026-03-18", "2026-04-17", "2026-04-20", true),
                    arguments("Art. 254 CC: due on a Saturday before a listed Monday moves to Tuesday",
                            DeadlineKind.STANDARD, "2026-03-19", "2026-04-20", "2026-04-21", true),
                    arguments("Art. 254 CC, Art. 20: a 15-day term due on a Saturday (04.04) moves to Monday",
                            DeadlineKind.NO_ADDITIONAL_STUDY, "2026-03-20", "", "2026-04-06", true),
                    arguments("Art. 254 CC, Art. 7: a 5-day forwarding term due on a Sunday (22.03) moves to Monday",
                            DeadlineKind.REDIRECT, "2026-03-17", "", "2026-03-23", true),
                    arguments("Art. 254 CC: a listed date that is not the last day does not move the term",
                            DeadlineKind.STANDARD, "2026-03-16", "2026-04-14 2026-03-20", "2026-04-15", false));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dueDates")
        @DisplayName("Art. 254 part 5 CC: a term ending on a day off ends on the next working day, and the "
                + "explanation says so")
        void dueDate(String label, DeadlineKind kind, String receivedOn, String listed, String due, boolean moved) {
            // Oral, so that the receipt date is the day received whatever the calendar.
            Deadline d = withListed(listed).compute(kyiv(receivedOn + "T10:00"), Channel.PHONE, kind);
            assertEquals(date(receivedOn), d.receiptDate());
            assertEquals(date(due), d.dueDate());
            assertEquals(moved ? 3 : 2, d.explanation().size(), () -> String.join("\n", d.explanation()));
            assertEquals(moved, d.explanation().get(d.explanation().size() - 1).endsWith(CIVIL_CODE));
            assertBilingualLines(d);
        }

        @Test
        @DisplayName("Art. 254 part 5 CC: the explanation names the day off and the day the term ends")
        void movedExplanation() {
            Deadline d = RULES.compute(kyiv("2026-03-19T10:00"), Channel.POST, DeadlineKind.STANDARD);
            assertEquals("18.04.2026 — неробочий день: строк закінчується наступного робочого дня 20.04.2026 "
                    + "(ч. 5 ст. 254 Цивільного кодексу України) / 18.04.2026 is not a working day: the term ends on "
                    + "the next working day, 20.04.2026 (Civil Code of Ukraine, Art. 254 part 5)", d.explanation().get(2));
        }

        @Test
        @DisplayName("Instruction No. 348, Art. 254 CC: both moves in one deadline: received Saturday, due Sunday")
        void bothMoves() {
            // Received electronically on Saturday 14.03 -> counts from Monday 16.03; 16.03 + 5 = Saturday 21.03 -> 23.03.
            Deadline d = RULES.compute(kyiv("2026-03-14T19:10"), Channel.WEB, DeadlineKind.REDIRECT);
            assertEquals(date("2026-03-16"), d.receiptDate());
            assertEquals(date("2026-03-23"), d.dueDate());
            assertEquals(3, d.explanation().size());
        }
    }

    @Nested
    @DisplayName("Extension (Art. 20)")
    class Extension {

        static Deadline standardFrom16March() {
            return RULES.compute(kyiv("2026-03-16T10:00"), Channel.WEB, DeadlineKind.STANDARD);
        }

        static Deadline extendAll(DeadlineRules rules, Deadline d, int... days) {
            for (int i = 0; i < days.length; i++) {
                d = rules.extend(d, days[i], "Потрібен висновок експертизи " + (i + 1));
            }
            return d;
        }

        static Stream<Arguments> allowed() {
            return Stream.of(
                    arguments("Art. 20: 30 + 15 = exactly 45 days is allowed", DeadlineKind.STANDARD, new int[] {15},
                            45, "2026-04-30"),
                    arguments("Art. 20: several extensions add up: 30 + 5 + 5 + 5 = 45", DeadlineKind.STANDARD,
                            new int[] {5, 5, 5}, 45, "2026-04-30"),
                    arguments("Art. 20: 30 + 1 + 2 + 3 = 36 days", DeadlineKind.STANDARD, new int[] {1, 2, 3}, 36,
                            "2026-04-21"),
                    arguments("Art. 20, Art. 254 CC: 30 + 10 = 40 days ends on Saturday 25.04, moved to Monday",
                            DeadlineKind.STANDARD, new int[] {10}, 40, "2026-04-27"),
                    arguments("Art. 20: a 15-day term extended by 30 to exactly 45", DeadlineKind.NO_ADDITIONAL_STUDY,
                            new int[] {30}, 45, "2026-04-30"),
                    arguments("Art. 20: a 15-day term extended by 1 day", DeadlineKind.NO_ADDITIONAL_STUDY,
                            new int[] {1}, 16, "2026-04-01"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("allowed")
        @DisplayName("Art. 20: extensions add up to a total counted from the receipt date, at most 45 days")
        void allowedExtensions(String label, DeadlineKind kind, int[] days, int total, String due) {
            Deadline start = RULES.compute(kyiv("2026-03-16T10:00"), Channel.WEB, kind);
            Deadline d = extendAll(RULES, start, days);
            assertEquals(total, d.totalDays());
            assertEquals(days(kind), d.termDays());
            assertEquals(total - days(kind), d.extensionDays());
            assertTrue(d.extended());
            assertEquals(date(due), d.dueDate());
            assertEquals(start.receivedAt(), d.receivedAt());
            assertEquals(start.receiptDate(), d.receiptDate());
            assertEquals(kind, d.kind());
            // The earlier steps are kept and every extension adds its own line with its reason.
            assertEquals(start.explanation(), d.explanation().subList(0, start.explanation().size()));
            for (int i = 1; i <= days.length; i++) {
                String reason = "Потрібен висновок експертизи " + i;
                assertTrue(d.explanation().stream().anyMatch(l -> l.contains("причина: " + reason + ";")
                        && l.contains("reason: " + reason + ";")), reason);
            }
            assertBilingualLines(d);
        }

        static Stream<Arguments> refused() {
            return Stream.of(
                    arguments("Art. 20: 30 + 16 = 46 days is refused", DeadlineKind.STANDARD, new int[] {}, 16, "46"),
                    arguments("Art. 20: 30 + 15, then 1 more day is refused", DeadlineKind.STANDARD, new int[] {15}, 1,
                            "46"),
                    arguments("Art. 20: 30 + 10, then 6 more days is refused", DeadlineKind.STANDARD, new int[] {10}, 6,
                            "46"),
                    arguments("Art. 20: a 15-day term extended by 31 is refused", DeadlineKind.NO_ADDITIONAL_STUDY,
                            new int[] {}, 31, "46"),
                    arguments("Art. 20: an absurd extension does not overflow", DeadlineKind.STANDARD, new int[] {},
                            Integer.MAX_VALUE, "2147483677"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refused")
        @DisplayName("Art. 20: an extension beyond 45 days in total is refused, in Ukrainian and English")
        void beyondCapRefused(String label, DeadlineKind kind, int[] before, int days, String wouldBe) {
            Deadline d = extendAll(RULES, RULES.compute(kyiv("2026-03-16T10:00"), Channel.WEB, kind), before);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULES.extend(d, days, "Потрібен висновок експертизи"));
            String m = e.getMessage();
            assertTrue(m.startsWith("Загальний строк розгляду не може перевищувати 45 днів (ст. 20)"), m);
            assertTrue(m.contains(" / The total term may not exceed 45 days (Art. 20)"), m);
            assertTrue(m.endsWith("would make " + wouldBe + " days"), m);
        }

        @ParameterizedTest(name = "{0} days")
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        @DisplayName("Art. 20: an extension is at least one day")
        void atLeastOneDay(int days) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULES.extend(standardFrom16March(), days, "Потрібна перевірка на місці"));
            assertTrue(e.getMessage().contains("(ст. 20) / An extension is at least 1 day"), e.getMessage());
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @CsvSource(value = {"NULL", "''", "'   '", "'\t'", "' \u2003 '"}, nullValues = "NULL")
        @DisplayName("Art. 20: an extension without a reason is refused")
        void blankReasonRefused(String reason) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULES.extend(standardFrom16March(), 5, reason));
            assertEquals("Вкажіть причину продовження строку розгляду (ст. 20) "
                    + "/ Give the reason for extending the term (Art. 20)", e.getMessage());
        }

        @ParameterizedTest(name = "by {0} days")
        @ValueSource(ints = {1, 5})
        @DisplayName("Art. 7, 20: the 5-day term to forward a misaddressed appeal cannot be extended")
        void redirectRefused(int days) {
            Deadline redirect = RULES.compute(kyiv("2026-03-18T10:00"), Channel.WEB, DeadlineKind.REDIRECT);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULES.extend(redirect, days, "Орган не визначено"));
            String m = e.getMessage();
            assertTrue(m.contains("Строк за ст. 7 (Пересилання звернення за належністю) не продовжується"), m);
            assertTrue(m.contains(" / The term of Art. 7 (Forwarding the appeal to the competent body) cannot be "
                    + "extended"), m);
            assertTrue(m.endsWith("(Art. 20)"), m);
        }

        static Stream<Arguments> fromReceiptDate() {
            return Stream.of(
                    arguments("Art. 20, Art. 254 CC: 30 days end Saturday 18.04 -> Monday 20.04", new int[] {}, "2026-04-20"),
                    arguments("Art. 20, Art. 254 CC: +1 = 31 days end Sunday 19.04 -> still Monday 20.04",
                            new int[] {1}, "2026-04-20"),
                    arguments("Art. 20: +2 = 32 days end Monday 20.04, not 22.04 (the moved date plus 2)",
                            new int[] {2}, "2026-04-20"),
                    arguments("Art. 20: +1 then +2 = 33 days end Tuesday 21.04", new int[] {1, 2}, "2026-04-21"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("fromReceiptDate")
        @DisplayName("Art. 20: an extended due date counts from the receipt date, not from a due date already moved")
        void countedFromReceiptDate(String label, int[] days, String due) {
            Deadline d = extendAll(RULES, RULES.compute(kyiv("2026-03-19T10:00"), Channel.PHONE, DeadlineKind.STANDARD),
                    days);
            assertEquals(date(due), d.dueDate());
        }

        @Test
        @DisplayName("Art. 20: the extension line states days, reason, total and last day; a multi-line reason "
                + "becomes one line")
        void extensionExplanation() {
            Deadline d = RULES.extend(standardFrom16March(), 10, "  Потрібен висновок\nекспертизи\r\n БТІ ");
            assertEquals(List.of(
                    "Строк продовжено на 10 днів (ст. 20), причина: Потрібен висновок експертизи БТІ; разом 40 днів "
                            + "від 16.03.2026, останній день 25.04.2026 / Term extended by 10 days (Art. 20), reason: "
                            + "Потрібен висновок експертизи БТІ; 40 days in total from 16.03.2026, last day 25.04.2026",
                    "25.04.2026 — неробочий день: строк закінчується наступного робочого дня 27.04.2026 "
                            + "(ч. 5 ст. 254 Цивільного кодексу України) / 25.04.2026 is not a working day: the term "
                            + "ends on the next working day, 27.04.2026 (Civil Code of Ukraine, Art. 254 part 5)"),
                    d.explanation().subList(2, 4));
        }

        @ParameterizedTest(name = "cap {0}: +{1} -> allowed={2}")
        @CsvSource({"40, 10, true", "40, 11, false", "30, 1, false", "60, 30, true", "60, 31, false"})
        @DisplayName("Art. 20: the cap on the total term is configuration (45 days by default)")
        void configuredCap(int cap, int days, boolean allowed) {
            DeadlineRules rules = new DeadlineRules(NO_LISTED_DATES, withCap(cap));
            Deadline d = rules.compute(kyiv("2026-03-16T10:00"), Channel.WEB, DeadlineKind.STANDARD);
            if (allowed) {
                assertEquals(30 + days, rules.extend(d, days, "Причина").totalDays());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> rules.extend(d, days, "Причина"));
                assertTrue(e.getMessage().contains("не може перевищувати " + DeadlineRules.daysUk(cap) + " (ст. 20)"),
                        e.getMessage());
            }
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {29, 0, -45})
        @DisplayName("Art. 20: a cap shorter than the one-month term of consideration is refused")
        void capShorterThanTermRefused(int cap) {
            assertThrows(IllegalArgumentException.class, () -> new DeadlineRules(NO_LISTED_DATES, withCap(cap)));
        }

        @Test
        @DisplayName("Art. 20: the default cap is 45 days")
        void defaultCap() {
            assertEquals(45, RULES.maxTotalDays());
            assertEquals(45, new DeadlineRules(NO_LISTED_DATES).maxTotalDays());
        }
    }
}
