package ua.gov.nsoz.rest.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.FieldError;

/**
 * Refuses a query parameter the operation does not take, with a 400 naming each one ({@code ?staus=CLOSED} would
 * otherwise be ignored and the search return everything). The parameters an operation takes are its method's
 * {@link QueryParam}s. Runs after {@link Authorize}: a caller who may not do the operation learns nothing more.
 */
@Priority(Priorities.USER)
final class KnownQueryParameters implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(KnownQueryParameters.class);

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<FieldError> errors = unknown(declared(method), request.getUriInfo().getQueryParameters(false).keySet());
        if (!errors.isEmpty()) {
            LOG.warn("400 unknown query parameter(s): {}", errors.stream().map(FieldError::field).toList());
            request.abortWith(ErrorMappers.answer(400, "Запит містить помилки / The request has errors", errors, null));
        }
    }

    /** @return the query parameters a resource method takes */
    static Set<String> declared(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return names;
    }

    /**
     * @param declared the parameters the operation takes
     * @param given the parameters of the request
     * @return one error per parameter given but not taken, with the nearest known name when one is close
     */
    static List<FieldError> unknown(Set<String> declared, Collection<String> given) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (name == null || name.isEmpty() || declared.contains(name)) {
                continue;
            }
            String near = null;
            int best = 3;
            for (String k : declared) {
                int d = JsonShape.distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
                if (d < best) {
                    best = d;
                    near = k;
                }
            }
            String message;
            if (declared.isEmpty()) {
                message = "Невідомий параметр запиту '" + name + "': ця операція не має параметрів / Unknown query "
                        + "parameter '" + name + "': this operation takes none";
            } else if (near != null) {
                message = "Невідомий параметр запиту '" + name + "' (можливо, '" + near + "') / Unknown query "
                        + "parameter '" + name + "' (did you mean '" + near + "'?)";
            } else {
                message = "Невідомий параметр запиту '" + name + "'; відомі: " + declared + " / Unknown query "
                        + "parameter '" + name + "'; known: " + declared;
            }
            errors.add(new FieldError(name, message));
        }
        return errors;
    }
}
