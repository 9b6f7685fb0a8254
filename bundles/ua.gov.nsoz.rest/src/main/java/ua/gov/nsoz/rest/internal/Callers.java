package ua.gov.nsoz.rest.internal;

import java.time.Instant;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.SecurityContext;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Role;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;

/**
 * The REST side of the scope rules: who is calling ({@link AccessRules.Caller} at this node), the appeal as they may
 * see it, and the audit log entry for every read or change of personal data, with the client's address.
 */
@Component(service = Callers.class)
public class Callers {

    private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

    private final NodeIdentity node;
    private final AuditLog audit;

    /**
     * @param node this node
     * @param audit the node's audit log
     */
    @Activate
    public Callers(@Reference NodeIdentity node, @Reference AuditLog audit) {
        this.node = node;
        this.audit = audit;
    }

    /**
     * @param security the request's security context ({@link BasicAuth})
     * @return the caller at this node; anonymous is the actor "anonymous" with no roles
     */
    AccessRules.Caller of(SecurityContext security) {
        return new AccessRules.Caller(actor(security), node.nodeId());
    }

    static Actor actor(SecurityContext security) {
        if (security instanceof BasicAuth.UserContext u) {
            return u.actor();
        }
        return Actor.of("anonymous");
    }

    /**
     * Records a refused REST login in the audit log ({@link AuditAction#LOGIN_REFUSED}): the user name tried (cut to
     * 100 characters, control characters replaced), never the password; the client's address; why. Should the entry
     * fail, the loss is logged as an error (without the name) and the refusal answered all the same.
     *
     * @param user the user name tried
     * @param address the client's address
     * @param reason why, e.g. a wrong user name or password, or too many failed logins from the address
     */
    void loginRefused(String user, String address, String reason) {
        String tried = user.length() > 100 ? user.substring(0, 100) : user;
        tried = tried.replaceAll("\\p{Cntrl}", "?");
        try {
            audit.record(new AuditEntry(0, Instant.now(), tried, "", AuditAction.LOGIN_REFUSED, null,
                    "REST login refused: " + reason, "rest " + address, node.nodeId()));
        } catch (RuntimeException e) {
            LOG.error("AUDIT ENTRY LOST: a refused REST login from {} ({}): {}", address, reason, e.toString());
        }
    }

    /**
     * An appeal of the caller's scope as they may see it, its unmasked reads audited.
     *
     * @param caller who
     * @param appeal the appeal
     * @param what the operation, e.g. {@code GET /appeals/{id}}
     * @return the appeal, masked where the rules say
     * @throws ForbiddenException (403) if it is not in their scope (audited)
     */
    Appeal read(AccessRules.Caller caller, Appeal appeal, String what) {
        requireScope(caller, appeal, what);
        if (AccessRules.seesPersonalData(caller, appeal)) {
            record(caller, AuditAction.READ, appeal.id(), what);
            return appeal;
        }
        return AccessRules.masked(appeal);
    }

    /**
     * @throws ForbiddenException (403) if the appeal is not in the caller's scope (audited as DENIED)
     */
    void requireScope(AccessRules.Caller caller, Appeal appeal, String what) {
        if (!AccessRules.inScope(caller, appeal)) {
            record(caller, AuditAction.DENIED, appeal.id(), what);
            throw new ForbiddenException(AccessRules.OUT_OF_SCOPE);
        }
    }

    /** Records a refusal of an operation. */
    void denied(AccessRules.Caller caller, ContainerRequestContext request, String appealId, String operation) {
        record(caller, AuditAction.DENIED, appealId, request.getMethod() + " /" + request.getUriInfo().getPath()
                + " (" + operation + ")");
    }

    /**
     * Appends to the audit log: the caller, the action, the appeal, what, and the client's address.
     */
    void record(AccessRules.Caller caller, AuditAction action, String appealId, String what) {
        audit.record(new AuditEntry(0, Instant.now(), caller.actor().name(),
                String.join(",", new java.util.TreeSet<>(caller.actor().roles())), action, appealId, what,
                "rest " + clientAddress(), node.nodeId()));
    }

    /**
     * Runs a change and records it once it is done. The change is committed first: should the audit entry then
     * fail, the caller still gets the change's answer (an error would make them repeat a registration that
     * happened) and the loss is logged as an error, without personal data.
     */
    <T> T change(AccessRules.Caller caller, AuditAction action, String what, Supplier<T> change,
            java.util.function.Function<T, String> appealId) {
        T result = change.get();
        String id = appealId.apply(result);
        try {
            record(caller, action, id, what);
        } catch (RuntimeException e) {
            LOG.error("AUDIT ENTRY LOST: {} {} of appeal {} by {}: {}", action, what, id, caller.actor().name(),
                    e.toString());
        }
        return result;
    }

    /** @return the client's IP address (behind a proxy: the proxy's; X-Forwarded-For is not trusted) */
    static String clientAddress() {
        Message m = PhaseInterceptorChain.getCurrentMessage();
        Object r = m == null ? null : m.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (r instanceof HttpServletRequest http) {
            return http.getRemoteAddr();
        }
        LOG.debug("No HTTP request in the CXF message: client address unknown");
        return "unknown";
    }
}
