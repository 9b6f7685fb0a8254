package ua.gov.nsoz.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The working calendar the legal terms are counted in: Kyiv time, Monday to Friday, minus the listed
 * non-working dates, with working hours (09:00–18:00 unless configured otherwise). Immutable.
 *
 * <p>The listed dates come from a versioned text file (see {@link #load(InputStream)}); the default one,
 * {@value #DEFAULT_RESOURCE}, lists none, because under martial law public holidays are working days
 * (Law No. 2136-IX).
 */
public final class WorkingCalendar {

    /** Kyiv time: legal dates of receipt and deadlines are Kyiv dates. */
    public static final ZoneId ZONE = kyiv();
    /** Start of working hours unless configured otherwise. */
    public static final LocalTime DEFAULT_START = LocalTime.of(9, 0);
    /** End of working hours unless configured otherwise. */
    public static final LocalTime DEFAULT_END = LocalTime.of(18, 0);
    /** The calendar file shipped in this bundle. */
    public static final String DEFAULT_RESOURCE = "/ua/gov/nsoz/core/calendar/non-working-days.txt";
    /** The only file format version understood so far. */
    static final int FORMAT_VERSION = 1;

    private static final Pattern VERSION_LINE = Pattern.compile("version\\s*:\\s*(\\S+)");
    private static final Pattern DATE_LINE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\s+.*)?");
    private static final DateTimeFormatter ISO_STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final NavigableSet<LocalDate> nonWorkingDays;
    private final LocalTime start;
    private final LocalTime end;

    /**
     * A calendar with the default working hours, 09:00–18:00.
     *
     * @param nonWorkingDays dates that are days off although they fall on Monday to Friday
     */
    public WorkingCalendar(Collection<LocalDate> nonWorkingDays) {
        this(nonWorkingDays, DEFAULT_START, DEFAULT_END);
    }

    /**
     * A calendar with the given working hours.
     *
     * @param nonWorkingDays dates that are days off although they fall on Monday to Friday
     * @param start start of working hours (Kyiv time), inclusive
     * @param end end of working hours (Kyiv time), exclusive: at {@code end} the working day is over
     * @throws IllegalArgumentException if {@code start} is not before {@code end}
     */
    public WorkingCalendar(Collection<LocalDate> nonWorkingDays, LocalTime start, LocalTime end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Початок робочого часу має бути раніше за кінець: " + start + "–" + end
                    + " / Working hours must start before they end: " + start + "–" + end);
        }
        this.nonWorkingDays = Collections.unmodifiableNavigableSet(new TreeSet<>(nonWorkingDays));
        this.start = start;
        this.end = end;
    }

    /**
     * The same non-working dates with other working hours.
     *
     * @param newStart start of working hours, inclusive
     * @param newEnd end of working hours, exclusive
     * @return a new calendar
     */
    public WorkingCalendar withWorkingHours(LocalTime newStart, LocalTime newEnd) {
        return new WorkingCalendar(nonWorkingDays, newStart, newEnd);
    }

    /** @return the listed non-working dates, in order */
    public NavigableSet<LocalDate> nonWorkingDays() {
        return nonWorkingDays;
    }

    /** @return start of working hours, inclusive */
    public LocalTime start() {
        return start;
    }

    /** @return end of working hours, exclusive */
    public LocalTime end() {
        return end;
    }

    /**
     * @param date a Kyiv date
     * @return whether it is Monday to Friday and not a listed non-working date
     */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !nonWorkingDays.contains(date);
    }

    /**
     * @param date a Kyiv date
     * @return the first working day strictly after it
     */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /**
     * @param date a Kyiv date
     * @return the date itself if it is a working day, otherwise the next working day
     */
    public LocalDate workingDayOnOrAfter(LocalDate date) {
        return isWorkingDay(date) ? date : nextWorkingDay(date);
    }

    /**
     * @param instant a moment
     * @return whether it falls on a working day in Kyiv, at or after the start of working hours and
     *         before their end
     */
    public boolean isWithinWorkingHours(Instant instant) {
        ZonedDateTime kyiv = instant.atZone(ZONE);
        LocalTime t = kyiv.toLocalTime();
        return isWorkingDay(kyiv.toLocalDate()) && !t.isBefore(start) && t.isBefore(end);
    }

    /**
     * The calendar file shipped in this bundle, {@value #DEFAULT_RESOURCE}, with the default working hours.
     *
     * @return the calendar
     * @throws IllegalStateException if the resource is missing from the bundle
     */
    public static WorkingCalendar loadDefault() {
        try (InputStream in = WorkingCalendar.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Calendar resource missing from the bundle: " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a calendar file (UTF-8), with the default working hours. The format:
     * <pre>
     * # a comment: blank lines and lines starting with '#' are skipped
     * version: 1
     * 2026-12-25  Різдво Христове / Christmas
     * </pre>
     * The first line that is not blank or a comment must be {@code version: 1}; every later one a date
     * {@code YYYY-MM-DD}, optionally followed by white space and a free comment. A date listed twice is
     * refused, as it is most likely a typing error for another date.
     *
     * @param in the file; not closed here
     * @return the calendar
     * @throws IllegalArgumentException naming the line number of the first line that is not understood,
     *         or if the version line is missing
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static WorkingCalendar load(InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<LocalDate, Integer> dates = new HashMap<>();
        boolean versionSeen = false;
        int lineNo = 0;
        try {
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                lineNo++;
                // A byte-order mark left by a Windows editor would otherwise make the version line unreadable.
                String line = (lineNo == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!versionSeen) {
                    Matcher v = VERSION_LINE.matcher(line);
                    if (!v.matches()) {
                        throw bad(lineNo, "очікується рядок 'version: " + FORMAT_VERSION + "' перед датами",
                                "expected the line 'version: " + FORMAT_VERSION + "' before the dates", line);
                    }
                    if (!v.group(1).equals(Integer.toString(FORMAT_VERSION))) {
                        throw bad(lineNo, "непідтримувана версія формату " + v.group(1) + ", підтримується "
                                + FORMAT_VERSION, "unsupported format version " + v.group(1) + ", supported: "
                                + FORMAT_VERSION, line);
                    }
                    versionSeen = true;
                    continue;
                }
                Matcher d = DATE_LINE.matcher(line);
                if (!d.matches()) {
                    throw bad(lineNo, "очікується 'РРРР-ММ-ДД  коментар'", "expected 'YYYY-MM-DD  comment'", line);
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(d.group(1), ISO_STRICT);
                } catch (DateTimeParseException e) {
                    throw bad(lineNo, "такої дати не існує", "no such date", line);
                }
                Integer earlier = dates.putIfAbsent(date, lineNo);
                if (earlier != null) {
                    throw bad(lineNo, "дату вже вказано в рядку " + earlier, "date already listed on line " + earlier,
                            line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!versionSeen) {
            throw new IllegalArgumentException("Файл календаря: немає рядка 'version: " + FORMAT_VERSION + "' "
                    + "/ Calendar file: no 'version: " + FORMAT_VERSION + "' line");
        }
        return new WorkingCalendar(dates.keySet());
    }

    private static IllegalArgumentException bad(int lineNo, String uk, String en, String fullLine) {
        String line = fullLine.length() > 80 ? fullLine.substring(0, 80) + "…" : fullLine;
        return new IllegalArgumentException("Файл календаря, рядок " + lineNo + ": " + uk + ": '" + line
                + "' / Calendar file, line " + lineNo + ": " + en + ": '" + line + "'");
    }

    private static ZoneId kyiv() {
        try {
            return ZoneId.of("Europe/Kyiv");
        } catch (DateTimeException e) {
            // A JDK with time-zone data older than 2022b knows the zone only under its old name.
            return ZoneId.of("Europe/Kiev");
        }
    }

    @Override
    public String toString() {
        return "WorkingCalendar[" + start + "–" + end + ", non-working " + nonWorkingDays + "]";
    }
}
