package ua.gov.nsoz.replication.internal;

import jakarta.jms.ConnectionFactory;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.replication.internal.batch.BatchJmsComponent;
import ua.gov.nsoz.sync.LinkMonitor;

/**
 * Owns the node's one CamelContext: builds it with the {@code nsoz-batch} component on the node's own broker
 * ({@link BatchJmsComponent}: batches in one JMS transaction each), starts it, publishes it as an OSGi service, and
 * adds every {@link RoutesBuilder} service of this bundle (whiteboard), also those that come and go while it runs.
 * A change of PID {@code ua.gov.nsoz.replication} or of the node's identity ({@link NodeIdentity}) re-creates the
 * context.
 *
 * <p>The broker lives in the same Karaf, but may start after this bundle: consumers then retry every
 * {@code recoveryIntervalMillis} instead of failing the component.
 */
@Component(immediate = true, service = {}, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ReplicationConfig.class)
public class CamelContextOwner {

    private static final Logger LOG = LoggerFactory.getLogger(CamelContextOwner.class);
    /** Registry name of the node's broker, for consumers that keep their own connection. */
    static final String BROKER = "nsozBroker";

    private final List<RoutesBuilder> pending = new ArrayList<>();
    private DefaultCamelContext camel;
    private ActiveMQConnectionFactory artemis;
    private ServiceRegistration<CamelContext> registration;
    private ServiceRegistration<LinkMonitor> monitor;

    /**
     * @param config the link's configuration
     * @param identity this node (its id, role and center: the link has no keys of its own for them)
     * @param bundleContext to publish the CamelContext
     * @throws Exception if Camel does not start
     */
    @Activate
    public CamelContextOwner(ReplicationConfig config, @Reference NodeIdentity identity, BundleContext bundleContext)
            throws Exception {
        Links.Node node = Links.Node.of(identity);
        if (config.password() == null || config.password().isBlank() || config.password().startsWith("${")) {
            // Not fatal for the node: it works locally without the link (DESIGN principle 2) and its outbox
            // keeps everything until the link is configured. Say so once, instead of a refused login every 5 s.
            throw new IllegalStateException("ua.gov.nsoz.replication: no broker password (set nsoz.node.password, "
                    + "see docs/link.md): the link stays off; the outbox keeps what waits for it");
        }
        ClassLoader bundleLoader = CamelContextOwner.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Spring and the Artemis client look some classes up through the context class loader.
        thread.setContextClassLoader(bundleLoader);
        try {
            artemis = new ActiveMQConnectionFactory(config.brokerUrl(), config.user(), config.password());

            DefaultCamelContext context = new DefaultCamelContext();
            // Camel 4: setName is gone from the context itself (docs/stack.md, trap 8).
            context.getCamelContextExtension().setName("nsoz-" + node.nodeId());
            context.setApplicationContextClassLoader(bundleLoader);
            // The link's batches: one JMS transaction per batch, sending and receiving (docs/link.md "Batches").
            context.addComponent(BatchJmsComponent.SCHEME, new BatchJmsComponent(artemis));
            context.getRegistry().bind(BROKER, ConnectionFactory.class, artemis);
            context.start();
            camel = context;
            LOG.info("Camel context {} started on broker {} as {} (node {}, center {})", context.getName(),
                    config.brokerUrl(), config.user(), node.nodeId(), node.centerNodeId());
        } finally {
            thread.setContextClassLoader(previous);
        }
        List<RoutesBuilder> early;
        synchronized (this) {
            early = new ArrayList<>(pending);
            pending.clear();
        }
        for (RoutesBuilder builder : early) {
            addRoutes(builder);
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", camel.getName());
        registration = bundleContext.registerService(CamelContext.class, camel, props);
        monitor = bundleContext.registerService(LinkMonitor.class, new BrokerLinkMonitor(config, node,
                camel.getRegistry().lookupByNameAndType(BROKER, ConnectionFactory.class)), null);
    }

    /** @param builder a route builder service of this bundle; added now or when the context is up */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRoutes(RoutesBuilder builder) {
        synchronized (this) {
            if (camel == null) {
                pending.add(builder);
                return;
            }
        }
        addRoutes(builder);
    }

    /** @param builder a route builder going away: its routes stop and are removed */
    void unbindRoutes(RoutesBuilder builder) {
        DefaultCamelContext context;
        synchronized (this) {
            pending.remove(builder);
            context = camel;
        }
        if (context == null || !(builder instanceof RouteBuilder routes)) {
            return;
        }
        for (RouteDefinition route : routes.getRouteCollection().getRoutes()) {
            try {
                context.getRouteController().stopRoute(route.getRouteId());
                context.removeRoute(route.getRouteId());
            } catch (Exception e) {
                LOG.warn("Could not remove route {}", route.getRouteId(), e);
            }
        }
    }

    private void addRoutes(RoutesBuilder builder) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CamelContextOwner.class.getClassLoader());
        try {
            camel.addRoutes(builder);
            LOG.info("Routes of {} added to {}", builder.getClass().getSimpleName(), camel.getName());
        } catch (Exception e) {
            LOG.error("Routes of {} could not be added", builder.getClass().getName(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Stops the routes (in-flight exchanges finish within Camel's shutdown timeout) and the connections. */
    @Deactivate
    void deactivate() {
        if (monitor != null) {
            monitor.unregister();
            monitor = null;
        }
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        DefaultCamelContext context;
        synchronized (this) {
            context = camel;
            camel = null;
        }
        if (context != null) {
            context.getShutdownStrategy().setTimeout(20);
            context.stop();
        }
        if (artemis != null) {
            artemis.close();
            artemis = null;
        }
    }
}
