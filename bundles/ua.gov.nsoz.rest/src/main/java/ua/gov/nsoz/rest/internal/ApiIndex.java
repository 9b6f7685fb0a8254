package ua.gov.nsoz.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code GET /api/v1} (and {@code /api/v1/}): a short public answer that says where the API is described, instead of
 * a bare 404. Any other method there is a 405. Answered before resource matching: no resource serves the root.
 */
@PreMatching
final class ApiIndex implements ContainerRequestFilter {

    /** What {@code GET /api/v1} says. */
    record IndexJson(String name, String message, String openapi) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            return;
        }
        request.abortWith(answer(request.getMethod()));
    }

    /**
     * @param method the request's method
     * @return 200 with the index to GET and HEAD, 405 to the rest
     */
    static Response answer(String method) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return Response.ok(new IndexJson("NSOZ API v1",
                    "API НСОЗ; усі операції описано в " + ErrorMappers.OPENAPI + " / The NSOZ API; every operation is "
                            + "described at " + ErrorMappers.OPENAPI,
                    ErrorMappers.OPENAPI), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.fromResponse(ErrorMappers.answer(405, ErrorMappers.defaultMessage(405, "GET, HEAD"), null,
                null)).header("Allow", "GET, HEAD").build();
    }
}
