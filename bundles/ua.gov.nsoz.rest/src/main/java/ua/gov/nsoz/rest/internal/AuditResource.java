package ua.gov.nsoz.rest.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.rest.RestResource;

/** {@code /api/v1/audit}: the auditor reads the node's audit log of personal data (read only; nothing edits it). */
@Component(service = RestResource.class)
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource implements RestResource {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private final AuditLog audit;

    /** @param audit the node's audit log */
    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    /** One page of entries. */
    record AuditPageJson(List<AuditEntry> items, long total, int offset, int limit) {
    }

    /**
     * Entries newest first; every filter optional.
     *
     * @return one page and the total
     */
    @GET
    @Allowed(Operation.AUDIT_READ)
    public AuditPageJson search(@QueryParam("user") String user, @QueryParam("appeal") String appeal,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        AuditAction a = null;
        if (action != null && !action.isBlank()) {
            try {
                a = AuditAction.valueOf(action.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("action", "Невідома дія / Unknown action; one of "
                        + java.util.Arrays.toString(AuditAction.values())));
            }
        }
        int off = number(errors, "offset", offset, 0, 0, Integer.MAX_VALUE);
        int lim = number(errors, "limit", limit, 100, 1, 1000);
        AuditQuery q = new AuditQuery(blank(user), blank(appeal), a, day(errors, "from", from, false),
                day(errors, "to", to, true), off, lim);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Page<AuditEntry> page = audit.search(q);
        return new AuditPageJson(page.items(), page.total(), page.offset(), page.limit());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int number(List<FieldError> errors, String field, String v, int dflt, int min, int max) {
        if (blank(v) == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "Очікується ціле число від " + min + " до " + max + " / Expected a whole "
                + "number from " + min + " to " + max));
        return dflt;
    }

    /** A date (Kyiv; 'to' inclusive) or an instant. */
    private static Instant day(List<FieldError> errors, String field, String v, boolean end) {
        if (blank(v) == null) {
            return null;
        }
        try {
            if (v.trim().length() == 10) {
                LocalDate d = LocalDate.parse(v.trim());
                return (end ? d.plusDays(1) : d).atStartOfDay(KYIV).toInstant();
            }
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Очікується дата 2026-01-31 або час 2026-01-31T10:00:00Z "
                    + "/ Expected a date like 2026-01-31 or an instant like 2026-01-31T10:00:00Z"));
            return null;
        }
    }
}
