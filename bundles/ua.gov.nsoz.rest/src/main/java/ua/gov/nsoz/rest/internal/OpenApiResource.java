package ua.gov.nsoz.rest.internal;

import ua.gov.nsoz.api.access.Operation;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Component;
import ua.gov.nsoz.rest.RestResource;

/** {@code /api/v1/openapi.json}: the OpenAPI 3 document of the whole API. */
@Component(service = RestResource.class)
@Path("/openapi.json")
public class OpenApiResource implements RestResource {

    static final String DOCUMENT = "/ua/gov/nsoz/rest/openapi.json";

    private final byte[] document;

    /** Loads the document once; it ships inside this bundle. */
    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + DOCUMENT);
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + DOCUMENT, e);
        }
    }

    /** @return the OpenAPI document */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public byte[] get() {
        return document;
    }
}
