package ua.gov.nsoz.replication.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.sync.LinkAccess;

/**
 * At the center: each configured region may consume its own queue and no other (issue 11). Every region logs in to
 * the center's broker as its own user {@code nsoz-link-<id>} with the roles {@code nsoz-link} (send to
 * {@code nsoz.in}, artemis-central.xml) and {@code nsoz-link-<id>}; this route gives the role {@code nsoz-link-<id>}
 * the right to consume {@code nsoz.to.<id>} through the broker's management ({@code addSecuritySettings}, the most
 * specific match wins over {@code nsoz.to.#}, which lets no region consume), so that the broker's configuration names
 * no region and enrolling one touches only that region's entries. It runs at the start and every minute (a region
 * added to the configuration is enrolled without a restart of the broker); a setting already in place is left alone.
 * In a center of several nodes only the node whose broker is live does it, and at once when its broker becomes live
 * (docs/center-cluster.md).
 */
@Component(service = {RoutesBuilder.class, LinkAccess.class}, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class RegionAccessRoutes extends RouteBuilder implements LinkAccess {

    /** The route's id (also in {@code camel:route-list}). */
    static final String ROUTE_ID = "nsoz-region-access";

    private static final Logger LOG = LoggerFactory.getLogger(RegionAccessRoutes.class);
    private static final String BROKERS = "org.apache.activemq.artemis:broker=*";

    private final ReplicationConfig config;
    private final NodeIdentity node;
    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    /** Regions whose setting this run has seen in place. */
    private final Set<String> enrolled = ConcurrentHashMap.newKeySet();
    /** Regions an admin revoked since the start: not enrolled again until the next start. */
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Leadership leadership;
    /** Whether the last round found this node leading (its broker live). */
    private volatile boolean led;
    /** When the last full round ran (epoch ms). */
    private volatile long lastRound;

    /**
     * @param config the link's configuration (its {@code regions})
     * @param node this node
     */
    RegionAccessRoutes(ReplicationConfig config, NodeIdentity node) {
        this(config, node, null);
    }

    /**
     * @param config the link's configuration (its {@code regions})
     * @param node this node
     * @param leadership whether this node's broker is the live one (a center of several nodes: only the live broker
     *     takes settings; a backup that becomes live enrols every region at once)
     */
    @Activate
    public RegionAccessRoutes(ReplicationConfig config, @Reference NodeIdentity node,
            @Reference Leadership leadership) {
        this.config = config;
        this.node = node;
        this.leadership = leadership;
    }

    @Override
    public void configure() {
        Links.Node link = Links.Node.of(node);
        if (!link.central()) {
            return;
        }
        // Every 5 s a look whether this node leads (cheap); every minute, or at once when it starts to lead (its broker
        // became live at a failover), the regions' settings are checked and made where missing.
        from("timer:" + ROUTE_ID + "?delay=0&period=5000")
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    if (!Leadership.leads(leadership)) {
                        led = false;
                        return;
                    }
                    long now = System.currentTimeMillis();
                    if (!led || now - lastRound >= 60_000) {
                        if (!led) {
                            enrolled.clear(); // a broker that became live: look at every region again
                        }
                        enrol(Links.regions(link, config)); // a failure: the next tick, 5 s later, tries again
                        led = true;
                        lastRound = now;
                    }
                });
    }

    /**
     * The permissions of one region's queue: this node's routes send, browse and make it; the region's own role
     * consumes it; nobody else does anything.
     *
     * @param region the region's node id
     * @return the arguments of {@code ActiveMQServerControl.addSecuritySettings} (10 strings) after the match
     */
    static String[] permissions(String region) {
        return permissionsWithConsumer(Links.LINK_ROLE + "-" + region);
    }

    /** @param consumer the role that may consume, or "" for nobody (as nsoz.to.# in artemis-central.xml) */
    private static String[] permissionsWithConsumer(String consumer) {
        String own = "nsoz-node";
        // send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue, deleteNonDurableQueue,
        // manage, browse, createAddress, deleteAddress
        return new String[] {own, consumer, own, "", "", "", "", own, own, ""};
    }

    private void addSecuritySettings(ObjectName broker, String match, String[] permissions) throws JMException {
        Object[] args = new Object[permissions.length + 1];
        String[] types = new String[permissions.length + 1];
        args[0] = match;
        System.arraycopy(permissions, 0, args, 1, permissions.length);
        java.util.Arrays.fill(types, String.class.getName());
        mbeans.invoke(broker, "addSecuritySettings", args, types);
    }

    /** @return the queue a region consumes at the center */
    static String queueOf(String region) {
        return "nsoz.to." + region;
    }

    private ObjectName broker() throws JMException {
        Set<ObjectName> brokers = mbeans.queryNames(new ObjectName(BROKERS), null);
        return brokers.isEmpty() ? null : brokers.iterator().next();
    }

    @Override
    public List<String> enrolled() {
        return enrolled.stream().sorted().toList();
    }

    @Override
    public Revoked revoke(String region) {
        Links.Node self = Links.Node.of(node);
        if (!Links.isNodeId(region) || region.equals(self.nodeId())) {
            throw new IllegalArgumentException("Очікується id регіону / Expected a region's node id, got '" + region
                    + "'");
        }
        if (!self.central()) {
            throw new IllegalStateException("Лише в центрі / Only the center (" + self.centerNodeId()
                    + ") grants regions the link");
        }
        String user = Links.LINK_USER_PREFIX + region;
        try {
            ObjectName broker = broker();
            if (broker == null) {
                throw new IllegalStateException("Брокер вузла не працює / The node's broker is not running");
            }
            revoked.add(region);
            enrolled.remove(region);
            String match = queueOf(region);
            // Nobody consumes it now: the same permissions as nsoz.to.# in artemis-central.xml.
            addSecuritySettings(broker, match, permissionsWithConsumer(""));
            // The broker remembers successful logins and their roles (security-invalidation-interval, 10 s): forget
            // them, so that the region's user, deleted from the realm just before, cannot log in again from memory.
            mbeans.invoke(broker, "clearAuthenticationCache", new Object[0], new String[0]);
            mbeans.invoke(broker, "clearAuthorizationCache", new Object[0], new String[0]);
            boolean closed = (Boolean) mbeans.invoke(broker, "closeConnectionsForUser", new Object[] {user},
                    new String[] {String.class.getName()});
            LOG.warn("Region {} revoked: may no longer consume {}; its connections {}", region, match,
                    closed ? "closed" : "were not open");
            return new Revoked(region, user, closed, match);
        } catch (JMException e) {
            throw new IllegalStateException("Не вдалося / Could not revoke " + region + " at the broker: " + e, e);
        }
    }

    private void enrol(List<String> regions) throws JMException {
        ObjectName broker = broker();
        if (broker == null) {
            return; // the broker is starting; the next round enrols
        }
        for (String region : regions) {
            if (enrolled.contains(region) || revoked.contains(region)) {
                continue;
            }
            String match = queueOf(region);
            String wanted = Links.LINK_ROLE + "-" + region;
            Object current = mbeans.invoke(broker, "getRolesAsJSON", new Object[] {match},
                    new String[] {String.class.getName()});
            if (current == null || !current.toString().contains("\"" + wanted + "\"")) {
                addSecuritySettings(broker, match, permissions(region));
                LOG.info("Region {} may consume {} at this broker (role {})", region, match, wanted);
            }
            enrolled.add(region);
        }
    }
}
