package ua.gov.nsoz.rest.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

    /** The largest page of the audit log (the store's limit, {@code AuditQuery}: 1..1000). */
    static final int MAX_LIMIT = 1000;

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
        // The ranges are checked here too, so that one answer names every bad parameter; the audit log checks again.
        List<FieldError> errors = new ArrayList<>();
        AuditQuery q = new AuditQuery(Params.blankToNull(user), Params.blankToNull(appeal),
                Params.parseEnum(errors, "action", action, AuditAction::valueOf, AuditAction.values()),
                Params.parseTime(errors, "from", from, false, KYIV), Params.parseTime(errors, "to", to, true, KYIV),
                Params.parseOffset(errors, "offset", offset),
                Params.parseLimit(errors, "limit", limit, 100, MAX_LIMIT));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Page<AuditEntry> page = audit.search(q);
        return new AuditPageJson(page.items(), page.total(), page.offset(), page.limit());
    }
}
