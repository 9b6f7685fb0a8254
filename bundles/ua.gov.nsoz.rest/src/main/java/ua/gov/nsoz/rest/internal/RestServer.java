package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.rest.RestResource;

/**
 * The one place that builds the node's CXF server at {@code /api/v1} (CXF's servlet is mounted at
 * {@code /api} by {@code etc/org.apache.cxf.osgi.cfg}). It serves every {@link RestResource}
 * service; when one comes or goes, DS rebuilds the server.
 */
@Component(immediate = true, property = RestServer.MINIMUM_RESOURCES)
public class RestServer {

    /**
     * The node's own resources (appeals, node, openapi.json): the server starts only when all are
     * there, so that the API never answers half-built. Other bundles' resources join later.
     */
    static final String MINIMUM_RESOURCES = "resources.cardinality.minimum:Integer=3";

    /** Path of the API below the CXF servlet. */
    public static final String ADDRESS = "/v1";

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final Server server;

    /**
     * @param resources all REST resources present
     * @param callers the scope rules and audit log at this node
     */
    @Activate
    public RestServer(@Reference(name = "resources", cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<RestResource> resources, @Reference Callers callers) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            Bus bus = BusFactory.getDefaultBus(true);
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress(ADDRESS);
            List<Class<?>> classes = new ArrayList<>();
            for (RestResource r : resources) {
                classes.add(r.getClass());
                factory.setResourceProvider(r.getClass(), new SingletonResourceProvider(r));
            }
            factory.setResourceClasses(classes);
            List<Object> providers = new ArrayList<>();
            providers.add(new StrictJsonProvider(objectMapper()));
            providers.add(new RequestLimits());
            providers.add(new ApiIndex());
            providers.add(new BasicAuth("karaf", callers));
            providers.add(new Authorize(callers));
            providers.add(new KnownQueryParameters());
            providers.addAll(ErrorMappers.all());
            factory.setProviders(providers);
            server = factory.create();
            LOG.info("REST API up at /api{} with {} resources", ADDRESS, resources.size());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Strict JSON: an unknown field, a number for an enum or trailing garbage is an error, not a guess. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }

    @Deactivate
    void stop() {
        server.destroy();
        LOG.info("REST API stopped");
    }
}
