package ua.gov.nsoz.rest.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import ua.gov.nsoz.api.FieldError;

/** Query parameters of the searches: each parser adds a field error instead of failing, so all are told at once. */
final class Params {

    private Params() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static <E extends Enum<E>> E parseEnum(List<FieldError> errors, String field, String value,
            Function<String, E> parse, E[] values) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return parse.apply(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "Невідоме значення / Unknown value '" + v + "'; expected one of "
                    + Arrays.toString(values)));
            return null;
        }
    }

    /**
     * Accepts an instant ({@code 2026-01-31T10:00:00Z}) or a date; a date is that day in the zone given, a date 'to'
     * inclusive of it.
     */
    static Instant parseTime(List<FieldError> errors, String field, String value, boolean endOfDay, ZoneId zone) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Очікується дата 2026-01-31 або час 2026-01-31T10:00:00Z "
                    + "/ Expected a date like 2026-01-31 or an instant like 2026-01-31T10:00:00Z"));
            return null;
        }
    }

    static int parseInt(List<FieldError> errors, String field, String value, int dflt) {
        String v = blankToNull(value);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "Очікується ціле число / Expected a whole number"));
            return dflt;
        }
    }

    /**
     * A page's size: a whole number from 1 to {@code max}, or the default when absent.
     *
     * @param max the largest page ({@link ua.gov.nsoz.api.AppealQuery#MAX_LIMIT} for appeals)
     */
    static int parseLimit(List<FieldError> errors, String field, String value, int dflt, int max) {
        int n = parseInt(errors, field, value, dflt);
        if (n < 1 || n > max) {
            errors.add(new FieldError(field, "Має бути від 1 до " + max + " (найбільша сторінка; далі — offset) "
                    + "/ Must be between 1 and " + max + " (the largest page; page on with offset)"));
        }
        return n;
    }

    /** A row offset: a whole number, 0 or more, or 0 when absent. */
    static int parseOffset(List<FieldError> errors, String field, String value) {
        int n = parseInt(errors, field, value, 0);
        if (n < 0) {
            errors.add(new FieldError(field, "Має бути 0 або більше / Must be 0 or more"));
        }
        return n;
    }
}
