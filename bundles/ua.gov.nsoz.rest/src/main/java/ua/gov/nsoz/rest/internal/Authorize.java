package ua.gov.nsoz.rest.internal;

import java.lang.reflect.Method;
import javax.annotation.Priority;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;

/**
 * Checks every request against the scope rules before the resource runs: the method's {@link Allowed} operation, the
 * caller {@link BasicAuth} authenticated, {@link AccessRules#may}. Anonymous callers reach only {@link Operation#PUBLIC}
 * (401 elsewhere; for a cookie of an ended session without a Basic challenge); a role that may not do the operation
 * gets 403; a method with no {@link Allowed} is refused to everyone (403) and logged, so no endpoint is ever open by
 * omission. Checks on one appeal (its scope, masking) are the resources' through {@link Callers}.
 */
@Priority(Priorities.AUTHORIZATION)
final class Authorize implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(Authorize.class);

    @Context
    private ResourceInfo resource;

    private final Callers callers;

    Authorize(Callers callers) {
        this.callers = callers;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Allowed allowed = method == null ? null : method.getAnnotation(Allowed.class);
        if (allowed == null) {
            LOG.error("Refused: {} {} has no @Allowed operation", request.getMethod(),
                    request.getUriInfo().getPath());
            throw new ForbiddenException("Операцію не класифіковано / Operation not classified for access control");
        }
        if (allowed.value() == Operation.PUBLIC) {
            return;
        }
        if (!BasicAuth.authenticated(request.getSecurityContext())) {
            if (request.getProperty(BasicAuth.NO_SESSION) != null) {
                // The workspace's session ended: no Basic challenge, else the browser shows its own login dialog.
                request.abortWith(SessionResource.ended());
                return;
            }
            throw new NotAuthorizedException(
                    "Потрібна автентифікація / Authentication required (HTTP Basic, the node's users)",
                    "Basic realm=\"nsoz\", charset=\"UTF-8\"");
        }
        AccessRules.Caller caller = callers.of(request.getSecurityContext());
        if (!AccessRules.may(caller, allowed.value())) {
            callers.denied(caller, request, null, allowed.value().name());
            throw new ForbiddenException(AccessRules.refusal(allowed.value()));
        }
    }
}
