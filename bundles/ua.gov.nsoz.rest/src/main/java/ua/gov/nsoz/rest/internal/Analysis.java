package ua.gov.nsoz.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.access.Role;

/**
 * What the analysis resources ({@link StatsResource}, {@link OpenDataResource}, the appeal export) share: whose
 * appeals a caller may count ({@link #scope}), the period's parameters, the answer's format (a {@code format}
 * parameter, else the {@code Accept} header) and CSV (Apache Commons CSV, UTF-8 with a BOM so that a spreadsheet opens
 * Cyrillic correctly).
 */
final class Analysis {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    /** The longest period a statistics question may span. */
    static final int MAX_YEARS = 10;

    static final String TEXT_CSV = "text/csv";
    static final String IMAGE_PNG = "image/png";
    static final String IMAGE_SVG = "image/svg+xml";

    /** CSV answers: UTF-8, the BOM written first. */
    static final MediaType CSV_TYPE = MediaType.valueOf("text/csv; charset=UTF-8");

    /** The byte order mark spreadsheets look for to read UTF-8. */
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Analysis() {
    }

    /** The forms of an answer. */
    enum Format {
        JSON(MediaType.APPLICATION_JSON), CSV(TEXT_CSV), PNG(IMAGE_PNG), SVG(IMAGE_SVG);

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    /**
     * Whose appeals a caller may count (docs/security.md): an analyst all of them (or one body's, if they ask), a
     * supervisor those of their contact center (the node they log in to), a head their body's ({@code body} must be
     * one of theirs, or they have only one). Anyone else is refused: only those three have {@link
     * Operation#REPORT_READ}.
     *
     * @param caller who
     * @param body the body asked for, or {@code null}
     * @return the scope to pass to the statistics
     * @throws SecurityException (403) for a caller without such a role, or a body not theirs
     * @throws ValidationException (400, field {@code body}) for a head of several bodies who named none
     */
    static Scope scope(AccessRules.Caller caller, String body) {
        Set<Role> roles = caller.roles();
        String asked = Params.blankToNull(body) == null ? null : body.trim().toUpperCase(Locale.ROOT);
        if (roles.contains(Role.ANALYST)) {
            return asked == null ? Scope.ALL : Scope.body(asked);
        }
        if (roles.contains(Role.HEAD) && (asked != null || !roles.contains(Role.SUPERVISOR))) {
            Set<String> bodies = caller.bodies();
            if (asked != null) {
                if (!bodies.contains(asked)) {
                    throw new SecurityException("Не ваш орган / Not your body: " + asked + "; yours: " + bodies);
                }
                return Scope.body(asked);
            }
            if (bodies.size() == 1) {
                return Scope.body(bodies.iterator().next());
            }
            if (bodies.isEmpty()) {
                throw new SecurityException("Вас не призначено до жодного органу / You are not assigned to an "
                        + "executive body (role " + Role.BODY_PREFIX + "<CODE>)");
            }
            throw new ValidationException(List.of(new FieldError("body",
                    "Оберіть один зі своїх органів / Choose one of your bodies: " + bodies)));
        }
        if (roles.contains(Role.SUPERVISOR)) {
            if (asked != null) {
                throw new SecurityException("Керівник центру бачить статистику свого центру, не органу / A "
                        + "supervisor sees their contact center's figures, not a body's: drop 'body'");
            }
            return Scope.node(caller.nodeId());
        }
        throw new SecurityException(AccessRules.refusal(Operation.REPORT_READ));
    }

    /**
     * Requires the analyst's role (monitoring alerts and the quarterly reports are the center's analysts' work,
     * docs/security.md).
     *
     * @throws SecurityException (403) otherwise
     */
    static void requireAnalyst(AccessRules.Caller caller) {
        if (!caller.roles().contains(Role.ANALYST)) {
            throw new SecurityException("Вашим ролям це не дозволено / Not allowed to your roles: needs "
                    + Role.ANALYST.jaasName());
        }
    }

    /**
     * @return the date, or {@code dflt} when absent; a field error when it is not a date
     */
    static LocalDate date(List<FieldError> errors, String field, String value, LocalDate dflt) {
        String v = Params.blankToNull(value);
        if (v == null) {
            return dflt;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Очікується дата 2026-01-31 / Expected a date like 2026-01-31, got '"
                    + v + "'"));
            return null;
        }
    }

    /**
     * Checks a period: {@code from} not after {@code to}, at most {@link #MAX_YEARS} years.
     */
    static void period(List<FieldError> errors, LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            return;
        }
        if (from.isAfter(to)) {
            errors.add(new FieldError("from", "Початок періоду (" + from + ") пізніше за кінець (" + to + ") / The "
                    + "period starts (" + from + ") after it ends (" + to + ")"));
        } else if (from.plusYears(MAX_YEARS).isBefore(to)) {
            errors.add(new FieldError("to", "Період довший за " + MAX_YEARS + " років / The period is longer than "
                    + MAX_YEARS + " years"));
        }
    }

    /**
     * An enum value, case-insensitive, with {@code -} for {@code _} ({@code applicant-type}).
     */
    static <E extends Enum<E>> E option(List<FieldError> errors, String field, String value, Class<E> type,
            E dflt) {
        String v = Params.blankToNull(value);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "Невідоме значення / Unknown value '" + v + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants())));
            return dflt;
        }
    }

    /**
     * The answer's format: the {@code format} parameter if given, else the first of the allowed in the
     * {@code Accept} header (by its q values), else JSON.
     *
     * @param allowed the formats the operation gives
     */
    static Format format(List<FieldError> errors, String format, String accept, Format... allowed) {
        List<Format> ok = List.of(allowed);
        String v = Params.blankToNull(format);
        if (v != null) {
            for (Format f : ok) {
                if (f.name().equalsIgnoreCase(v)) {
                    return f;
                }
            }
            errors.add(new FieldError("format", "Невідомий формат / Unknown format '" + v + "'; expected one of "
                    + ok.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
            return Format.JSON;
        }
        if (accept == null || accept.isBlank()) {
            return Format.JSON;
        }
        record Wanted(MediaType type, double q, int order) {
        }
        List<Wanted> wanted = new ArrayList<>();
        int order = 0;
        for (String part : accept.split(",")) {
            try {
                MediaType t = MediaType.valueOf(part.trim());
                String q = t.getParameters().get("q");
                wanted.add(new Wanted(t, q == null ? 1.0 : Double.parseDouble(q), order++));
            } catch (RuntimeException e) {
                // An unreadable part of the header is ignored, as servers do.
            }
        }
        wanted.sort(Comparator.comparingDouble(Wanted::q).reversed().thenComparingInt(Wanted::order));
        for (Wanted w : wanted) {
            if (w.q() <= 0) {
                continue;
            }
            for (Format f : ok) {
                MediaType t = MediaType.valueOf(f.mediaType);
                if (!w.type().isWildcardType() && !w.type().isWildcardSubtype()
                        && t.getType().equalsIgnoreCase(w.type().getType())
                        && t.getSubtype().equalsIgnoreCase(w.type().getSubtype())) {
                    return f;
                }
            }
        }
        return Format.JSON;
    }

    /** Throws the field errors, if any, as one 400. */
    static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Writes the rows of a CSV file. */
    @FunctionalInterface
    interface Rows {
        void write(CSVPrinter out) throws IOException;
    }

    /**
     * @param header the columns
     * @param rows writes the lines
     * @return the file: UTF-8 with a BOM, RFC 4180 (CRLF, quotes where needed)
     */
    static byte[] csv(List<String> header, Rows rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        try (CSVPrinter out = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            rows.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param body the CSV file
     * @param fileName what a browser saves it as
     * @return 200 text/csv, as an attachment
     */
    static Response csvAnswer(byte[] body, String fileName) {
        return Response.ok(body, CSV_TYPE).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    /** @return a count as a whole number, any other measure as it is */
    static Number number(Double value, boolean count) {
        if (value == null) {
            return null;
        }
        return count ? (Number) Math.round(value) : (Number) value;
    }

    /**
     * A free text for a CSV cell: one a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -},
     * {@code @}, a tab or a carriage return first) is prefixed with {@code '} (CSV injection); absent is empty.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }
}
