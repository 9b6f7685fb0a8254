package ua.gov.nsoz.replication.internal;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.node.Leadership;

/**
 * {@link Leadership} by the node's own broker (docs/center-cluster.md): a center node leads while its broker is the
 * live one of the center's live/backup pair ({@code ActiveMQServerControl.isActive}, read from the platform MBean
 * server, where the OSGi broker registers it); a passive backup, or a broker not started yet, does not lead. A
 * region always leads (it has no pair). The answer is kept for {@value #TTL_MILLIS} ms; a change is logged.
 */
@Component(service = Leadership.class)
public class BrokerLeadership implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLeadership.class);
    static final long TTL_MILLIS = 500;
    private static final String BROKERS = "org.apache.activemq.artemis:broker=*";

    private final boolean central;
    private final BooleanSupplier brokerActive;
    private volatile long checkedAt;
    private volatile boolean leading;
    private volatile Boolean reported;

    /** @param identity this node: only a central node asks its broker */
    @Activate
    public BrokerLeadership(@Reference NodeIdentity identity) {
        this(identity.role() == NodeRole.CENTRAL, BrokerLeadership::localBrokerActive);
    }

    BrokerLeadership(boolean central, BooleanSupplier brokerActive) {
        this.central = central;
        this.brokerActive = brokerActive;
    }

    @Override
    public boolean leads() {
        if (!central) {
            return true;
        }
        long now = System.nanoTime();
        if (reported == null || now - checkedAt > TTL_MILLIS * 1_000_000) {
            leading = brokerActive.getAsBoolean();
            checkedAt = now;
            if (reported == null || reported != leading) {
                reported = leading;
                if (leading) {
                    LOG.info("This node leads the center now: its broker is live (docs/center-cluster.md)");
                } else {
                    LOG.info("This node does not lead the center: its broker is not live (a backup, or starting)");
                }
            }
        }
        return leading;
    }

    /** @return whether this JVM's Artemis broker is active (live), false without one */
    static boolean localBrokerActive() {
        try {
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> brokers = mbeans.queryNames(new ObjectName(BROKERS), null);
            for (ObjectName broker : brokers) {
                if (Boolean.TRUE.equals(mbeans.getAttribute(broker, "Active"))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            LOG.debug("Could not read the broker's state", e);
            return false;
        }
    }
}
