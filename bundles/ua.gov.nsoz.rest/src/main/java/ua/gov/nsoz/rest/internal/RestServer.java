package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.rest.RestResource;

/**
 * The one place that builds the node's CXF server at {@code /api/v1} (CXF's servlet is mounted at
 * {@code /api} by {@code etc/org.apache.cxf.osgi.cfg}). It serves every {@link RestResource} service, its own
 * bundle's and other bundles' alike. A CXF server is built whole from its resources, so when they change the
 * server is rebuilt, and a request that comes during a rebuild finds no service; {@link ServerPlan} keeps that
 * from happening while the node starts (the first build waits for every resource this bundle declares, so the
 * API never answers half-built) and makes a burst of later changes one rebuild.
 */
@Component(immediate = true)
public class RestServer {

    /** Path of the API below the CXF servlet. */
    public static final String ADDRESS = "/v1";

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration FIRST_BUILD_WAIT = Duration.ofSeconds(90);

    private final Callers callers;
    private final SessionStore sessions;
    private final ServerPlan plan;
    private final ScheduledExecutorService builder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nsoz-rest-server");
        t.setDaemon(true);
        return t;
    });
    /** Bound resources by component name (or service id for a resource that is not a DS component). */
    private final Map<String, RestResource> bound = new TreeMap<>();
    private Instant lastChange = Instant.now();
    private boolean built;
    private boolean everBuilt;
    private boolean stopped;
    private Server server;

    /**
     * @param context this bundle's context
     * @param callers the scope rules and audit log at this node
     * @param sessions the sessions of the staff workspace (a cookie in place of HTTP Basic)
     * @param scr the runtime, to learn which resources this bundle declares
     */
    @Activate
    public RestServer(BundleContext context, @Reference Callers callers, @Reference SessionStore sessions,
            @Reference ServiceComponentRuntime scr) {
        this.callers = callers;
        this.sessions = sessions;
        Set<String> declared = new TreeSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(context.getBundle())) {
            if (Arrays.asList(d.serviceInterfaces).contains(RestResource.class.getName())
                    && scr.isComponentEnabled(d)) {
                declared.add(d.name);
            }
        }
        this.plan = new ServerPlan(declared, QUIET, FIRST_BUILD_WAIT, Instant.now());
        LOG.info("REST API waits for the {} resources of its bundle before it answers", declared.size());
        schedule(Duration.ZERO);
    }

    /** A resource came. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResource(RestResource resource, Map<String, Object> properties) {
        synchronized (this) {
            bound.put(key(properties), resource);
            changed();
        }
    }

    /** A resource went. */
    void removeResource(RestResource resource, Map<String, Object> properties) {
        synchronized (this) {
            bound.remove(key(properties), resource);
            changed();
        }
    }

    private static String key(Map<String, Object> properties) {
        Object name = properties.get(ComponentConstants.COMPONENT_NAME);
        return name != null ? name.toString() : "service." + properties.get("service.id");
    }

    private void changed() {
        lastChange = Instant.now();
        built = false;
        if (plan != null) {
            schedule(QUIET);
        }
    }

    private void schedule(Duration delay) {
        if (!builder.isShutdown()) {
            builder.schedule(this::look, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void look() {
        List<RestResource> resources;
        synchronized (this) {
            if (stopped) {
                return;
            }
            Instant now = Instant.now();
            ServerPlan.Step step = plan.step(bound.keySet(), lastChange, built, everBuilt, now);
            if (step == ServerPlan.Step.WAIT) {
                builder.schedule(this::look, Duration.between(now, plan.nextLook(lastChange, now)).toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            }
            if (step == ServerPlan.Step.NOTHING) {
                return;
            }
            Set<String> missing = plan.missing(bound.keySet());
            if (!everBuilt && !missing.isEmpty()) {
                LOG.warn("REST API starts without resources that did not come within {} s: {}",
                        FIRST_BUILD_WAIT.toSeconds(), missing);
            }
            resources = new ArrayList<>(bound.values());
            built = true;
            everBuilt = true;
            if (server != null) {
                server.destroy();
                server = null;
            }
            if (!resources.isEmpty()) {
                server = create(resources);
                LOG.info("REST API up at /api{} with {} resources", ADDRESS, resources.size());
            }
        }
    }

    private Server create(List<RestResource> resources) {
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
            providers.add(new BasicAuth("karaf", callers, sessions));
            providers.add(new Authorize(callers));
            providers.add(new KnownQueryParameters());
            providers.addAll(ErrorMappers.all());
            factory.setProviders(providers);
            return factory.create();
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
        builder.shutdownNow();
        synchronized (this) {
            stopped = true;
            if (server != null) {
                server.destroy();
                server = null;
            }
        }
        LOG.info("REST API stopped");
    }
}
