package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.store.AuditChain;

/**
 * {@code /api/v1/audit}: the auditor reads the node's audit log of personal data (read only; nothing edits it), and
 * {@code /api/v1/audit/chain} checks the log's hash chain as {@code nsoz:audit --verify} does.
 */
@Component(service = RestResource.class)
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource implements RestResource {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    /** The largest page of the audit log (the store's limit, {@code AuditQuery}: 1..1000). */
    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    /** The store that keeps the chain (every node's Derby store does); without it the check answers 503. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditChain chain;

    /** @param audit the node's audit log */
    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    /** @param chain the chain's check, or {@code null} (tests; DS sets the field) */
    void setChain(AuditChain chain) {
        this.chain = chain;
    }

    /**
     * The chain check's answer. {@code intact}: every entry follows from its predecessor; {@code brokenAt}: the seq of
     * the first entry that does not (absent when intact); {@code entries} and {@code lastSeq}: how many entries the log
     * held and the newest seq when the check ran (note {@code lastSeq} elsewhere: removing the newest entries leaves
     * a shorter chain that still holds); {@code checkedAt}: when, UTC.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChainJson(boolean intact, Long brokenAt, long entries, Long lastSeq, Instant checkedAt) {
    }

    /**
     * Walks the whole hash chain of the audit log (as {@code nsoz:audit --verify}).
     *
     * @return whether it holds, and where it breaks if not
     */
    @GET
    @Path("/chain")
    @Allowed(Operation.AUDIT_READ)
    public ChainJson chain() {
        AuditChain c = chain;
        if (c == null) {
            throw new ServiceUnavailableException("Сховище цього вузла не веде ланцюжок журналу / This node's store "
                    + "keeps no chain for its audit log");
        }
        // The newest entry first, so that an entry appended while the chain is walked is not counted as unchecked.
        Page<AuditEntry> newest = audit.search(new AuditQuery(null, null, null, null, null, 0, 1));
        Instant checkedAt = Instant.now();
        OptionalLong broken = c.verify();
        Long lastSeq = newest.items().isEmpty() ? null : newest.items().get(0).seq();
        return new ChainJson(broken.isEmpty(), broken.isPresent() ? broken.getAsLong() : null, newest.total(), lastSeq,
                checkedAt);
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
