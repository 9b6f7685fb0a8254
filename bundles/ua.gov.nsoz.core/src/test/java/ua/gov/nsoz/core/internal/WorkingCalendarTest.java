package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The working calendar legal terms are counted in: Kyiv time, Monday to Friday minus listed dates,
 * working hours for electronic appeals (Instruction No. 348), and the versioned calendar file.
 * Every date is fixed: nothing here reads the clock.
 */
@DisplayName("WorkingCalendar: working days, working hours and the calendar file")
class WorkingCalendarTest {

    /** Two listed dates: Friday 25.12.2026 and Monday 28.12.2026, making a four-day break. */
    static final WorkingCalendar CAL = new WorkingCalendar(Set.of(LocalDate.parse("2026-12-25"),
            LocalDate.parse("2026-12-28")));

    static Instant kyiv(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("Instruction No. 348: legal dates are Kyiv dates, the zone is Europe/Kyiv")
    void zoneIsKyiv() {
        assertEquals("Europe/Kyiv", WorkingCalendar.ZONE.getId());
    }

    @Nested
    @DisplayName("Working days (Civil Code of Ukraine, Art. 254 part 5)")
    class WorkingDays {

        @ParameterizedTest(name = "{0} ({1}) -> working={2}")
        @CsvSource({
                "2026-03-16, Monday,           true",
                "2026-03-18, Wednesday,        true",
                "2026-03-20, Friday,           true",
                "2026-03-14, Saturday,         false",
                "2026-03-15, Sunday,           false",
                "2026-12-25, listed Friday,    false",
                "2026-12-28, listed Monday,    false",
                "2026-12-24, Thursday,         true",
                "2026-12-29, Tuesday,          true",
                "2026-01-01, unlisted holiday, true"})
        @DisplayName("Art. 254 CC: Monday to Friday are working days except the listed dates; "
                + "unlisted holidays work under martial law (Law No. 2136-IX)")
        void isWorkingDay(LocalDate date, String what, boolean working) {
            assertEquals(working, CAL.isWorkingDay(date));
        }

        @ParameterizedTest(name = "after {0} ({1}) -> {2}")
        @CsvSource({
                "2026-03-16, Monday,                        2026-03-17",
                "2026-03-20, Friday,                        2026-03-23",
                "2026-03-14, Saturday,                      2026-03-16",
                "2026-03-15, Sunday,                        2026-03-16",
                "2026-12-24, Thursday before listed Friday, 2026-12-29",
                "2026-12-25, listed Friday,                 2026-12-29",
                "2026-12-31, Thursday at year end,          2027-01-01",
                "2027-01-01, Friday,                        2027-01-04"})
        @DisplayName("Art. 254 CC: the next working day is strictly after the given date, skipping weekends and listed dates")
        void nextWorkingDay(LocalDate date, String what, LocalDate next) {
            assertEquals(next, CAL.nextWorkingDay(date));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"2026-03-16, 2026-03-16", "2026-03-14, 2026-03-16", "2026-12-25, 2026-12-29"})
        @DisplayName("Art. 254 CC: a working day is its own working day on or after; a day off moves forward")
        void workingDayOnOrAfter(LocalDate date, LocalDate expected) {
            assertEquals(expected, CAL.workingDayOnOrAfter(date));
        }
    }

    @Nested
    @DisplayName("Working hours (Instruction No. 348)")
    class WorkingHours {

        static Stream<Arguments> moments() {
            return Stream.of(
                    arguments("Monday 08:59:59 Kyiv, before hours", kyiv("2026-03-16T08:59:59"), false),
                    arguments("Monday 09:00 Kyiv, start is inclusive", kyiv("2026-03-16T09:00"), true),
                    arguments("Monday 13:00 Kyiv", kyiv("2026-03-16T13:00"), true),
                    arguments("Monday 17:59:59.999 Kyiv", kyiv("2026-03-16T17:59:59.999"), true),
                    arguments("Monday 18:00 Kyiv, end is exclusive", kyiv("2026-03-16T18:00"), false),
                    arguments("Saturday 12:00 Kyiv, a day off", kyiv("2026-03-14T12:00"), false),
                    arguments("listed Friday 12:00 Kyiv", kyiv("2026-12-25T12:00"), false),
                    arguments("Monday 07:30 UTC = 09:30 Kyiv in winter (UTC+2)", Instant.parse("2026-03-16T07:30:00Z"),
                            true),
                    arguments("Monday 16:30 UTC = 18:30 Kyiv in winter", Instant.parse("2026-03-16T16:30:00Z"), false),
                    arguments("Wednesday 14:30 UTC = 17:30 Kyiv in summer (UTC+3)", Instant.parse("2026-07-01T14:30:00Z"),
                            true),
                    arguments("Wednesday 15:00 UTC = 18:00 Kyiv in summer", Instant.parse("2026-07-01T15:00:00Z"), false),
                    arguments("Sunday 22:30 UTC = Monday 00:30 Kyiv", Instant.parse("2026-03-15T22:30:00Z"), false),
                    arguments("Friday 22:30 UTC = Saturday 00:30 Kyiv", Instant.parse("2026-03-20T22:30:00Z"), false));
        }

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("moments")
        @DisplayName("Instruction No. 348: working hours are 09:00–18:00 Kyiv time on a working day, end exclusive")
        void defaultHours(String label, Instant at, boolean within) {
            assertEquals(within, CAL.isWithinWorkingHours(at));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"07:59, false", "08:00, true", "16:59, true", "17:00, false", "17:30, false"})
        @DisplayName("Instruction No. 348: working hours are configuration (here 08:00–17:00)")
        void configuredHours(LocalTime time, boolean within) {
            WorkingCalendar early = CAL.withWorkingHours(LocalTime.of(8, 0), LocalTime.of(17, 0));
            assertEquals(within, early.isWithinWorkingHours(kyiv("2026-03-16T" + time)));
            assertEquals(CAL.nonWorkingDays(), early.nonWorkingDays());
        }

        @ParameterizedTest(name = "{0}–{1}")
        @CsvSource({"18:00, 09:00", "09:00, 09:00"})
        @DisplayName("Instruction No. 348: working hours that do not start before they end are refused")
        void badHours(LocalTime start, LocalTime end) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WorkingCalendar(Set.of(), start, end));
            assertTrue(e.getMessage().contains(" / Working hours must start before they end"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("The calendar file")
    class CalendarFile {

        @Test
        @DisplayName("Law No. 2136-IX: the shipped file parses and lists no dates (holidays work under martial law)")
        void shippedFileParses() throws Exception {
            try (InputStream in = WorkingCalendar.class.getResourceAsStream(WorkingCalendar.DEFAULT_RESOURCE)) {
                WorkingCalendar c = WorkingCalendar.load(in);
                assertTrue(c.nonWorkingDays().isEmpty());
                assertEquals(WorkingCalendar.DEFAULT_START, c.start());
                assertEquals(WorkingCalendar.DEFAULT_END, c.end());
            }
            assertTrue(WorkingCalendar.loadDefault().nonWorkingDays().isEmpty());
        }

        @Test
        @DisplayName("Art. 254 CC: the shipped file with the administrator's dates added still parses")
        void shippedFileWithDatesAdded() throws Exception {
            String shipped;
            try (InputStream in = WorkingCalendar.class.getResourceAsStream(WorkingCalendar.DEFAULT_RESOURCE)) {
                shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            WorkingCalendar c = WorkingCalendar.load(utf8(shipped + "2026-12-25  Різдво Христове / Christmas Day\n"));
            assertEquals(List.of(LocalDate.parse("2026-12-25")), List.copyOf(c.nonWorkingDays()));
        }

        static Stream<Arguments> goodFiles() {
            return Stream.of(
                    arguments("version only", "version: 1\n", List.of()),
                    arguments("comments, blank lines and dates with comments",
                            "# Calendar of the Kyiv regional center\n\nversion: 1\n# Christmas\n"
                                    + "2026-12-25  Різдво Христове\n\n2026-12-28\tперенесений день # with a hash\n",
                            List.of("2026-12-25", "2026-12-28")),
                    arguments("dates out of order are sorted", "version: 1\n2027-01-01\n2026-12-25 x\n",
                            List.of("2026-12-25", "2027-01-01")),
                    arguments("Windows line ends and a byte-order mark", "\uFEFF# c\r\nversion: 1\r\n2026-12-25 x\r\n",
                            List.of("2026-12-25")),
                    arguments("indented lines and spaces around the colon", "  version :  1  \n   2026-12-25   \n",
                            List.of("2026-12-25")),
                    arguments("no final line end", "version: 1\n2026-12-25", List.of("2026-12-25")),
                    arguments("a leap day", "version: 1\n2028-02-29 leap\n", List.of("2028-02-29")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("goodFiles")
        @DisplayName("Art. 254 CC: a version-1 file lists the non-working dates, one per line with an optional comment")
        void goodFile(String label, String text, List<String> expected) {
            WorkingCalendar c = WorkingCalendar.load(utf8(text));
            assertEquals(expected.stream().map(LocalDate::parse).toList(), List.copyOf(c.nonWorkingDays()));
        }

        static Stream<Arguments> badFiles() {
            return Stream.of(
                    arguments("unsupported version", "version: 2\n2026-12-25\n", 1, "unsupported format version 2"),
                    arguments("unsupported version after comments", "# c\n\n# d\nversion: 2\n", 4,
                            "unsupported format version 2"),
                    arguments("version written as 1.0", "version: 1.0\n", 1, "unsupported format version 1.0"),
                    arguments("version without a colon", "version 1\n", 1, "expected the line 'version: 1'"),
                    arguments("a date before the version line", "# c\n2026-12-25\nversion: 1\n", 2,
                            "expected the line 'version: 1'"),
                    arguments("a second version line", "version: 1\nversion: 1\n", 2, "expected 'YYYY-MM-DD  comment'"),
                    arguments("a Ukrainian-style date", "version: 1\n25.12.2026 Різдво\n", 2,
                            "expected 'YYYY-MM-DD  comment'"),
                    arguments("a comment glued to the date", "version: 1\n2026-12-25Різдво\n", 2,
                            "expected 'YYYY-MM-DD  comment'"),
                    arguments("a date without leading zeros", "version: 1\n2026-12-5\n", 2,
                            "expected 'YYYY-MM-DD  comment'"),
                    arguments("month 13", "version: 1\n2026-12-25\n2026-13-01\n", 3, "no such date"),
                    arguments("30 February", "version: 1\n2026-02-30\n", 2, "no such date"),
                    arguments("29 February of a common year", "version: 1\n2027-02-29\n", 2, "no such date"),
                    arguments("a date listed twice", "version: 1\n2026-12-25 a\n# x\n2026-12-25 b\n", 4,
                            "date already listed on line 2"));
        }

        @ParameterizedTest(name = "{0}: line {2}")
        @MethodSource("badFiles")
        @DisplayName("Art. 254 CC: a file that is not understood is refused, naming the line, in Ukrainian and English")
        void badFile(String label, String text, int line, String reasonEn) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkingCalendar.load(utf8(text)));
            String m = e.getMessage();
            assertTrue(m.startsWith("Файл календаря, рядок " + line + ": "), m);
            assertTrue(m.contains(" / Calendar file, line " + line + ": " + reasonEn), m);
        }

        @ParameterizedTest(name = "[{index}]")
        @ValueSource(strings = {"", "# only a comment\n\n", "\n\n", "\uFEFF"})
        @DisplayName("Art. 254 CC: a file without a version line is refused")
        void noVersion(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkingCalendar.load(utf8(text)));
            assertEquals("Файл календаря: немає рядка 'version: 1' / Calendar file: no 'version: 1' line", e.getMessage());
        }

        @Test
        @DisplayName("Art. 254 CC: a very long bad line is quoted shortened in the message")
        void longBadLineShortened() {
            String junk = "x".repeat(10_000);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkingCalendar.load(utf8("version: 1\n" + junk)));
            assertTrue(e.getMessage().length() < 400, () -> "length " + e.getMessage().length());
        }
    }
}
