package ua.gov.nsoz.security.internal;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.NodeIdentity;

/**
 * Throttles failed logins per client address at the node's Artemis broker ({@link BrokerAddressThrottle}) and records
 * every refused broker login in the audit log ({@link AuditAction#LOGIN_REFUSED}, origin {@code broker <address>}, the
 * user name tried as the actor), where the auditor finds the refused REST logins too.
 *
 * <p>The broker ({@code artemis-server-osgi}'s OsgiBroker) registers its started {@link ActiveMQServer} as a service;
 * this component attaches the throttle to each one that appears and detaches it when it goes (a broker restarted
 * after a configuration change is a new service). It is active only where a broker runs: the bundle imports Artemis'
 * and the NSOZ api's packages optionally, so the password service of this bundle starts first and alone, as every
 * login needs (features.xml, nsoz-security). Dynamic references, not constructor injection (bind methods for the
 * brokers, fields for the audit log and the node's identity): they come and go independently of the throttle, whose
 * memory stays.
 *
 * <p>The audit entries are written on one thread of this component (a bounded queue of 1,000), never on the broker's:
 * the broker sends the failure while it holds its notification lock. Without the audit log (the store not up yet) a
 * refusal is in {@code data/log/security.log} only, as is the first refusal of a closed address in each window.
 */
@Component(immediate = true)
public final class BrokerThrottleComponent {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerThrottleComponent.class);

    /** One per framework, like the SSH throttle's: a reactivation does not forget an attacker. */
    private static final LoginThrottle SHARED = LoginThrottle.forAddresses(System::currentTimeMillis);

    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "nsoz-broker-login-audit");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> LOG.error("AUDIT ENTRY LOST: a refused broker login (the queue of entries is full)"));
    private final BrokerAddressThrottle throttle = new BrokerAddressThrottle(SHARED, this::record);

    /** The node's audit log (field reference: DS sets and clears it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog audit;

    /** Who this node is. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile NodeIdentity node;

    /** @param server a started broker */
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindServer(ActiveMQServer server) {
        String name = server.getConfiguration().getName();
        try {
            throttle.attach(server);
            if (throttle.hook(server)) {
                LOG.info("Failed logins at the broker {} are throttled per client address", name);
            } else {
                LOG.info("The broker {} is a backup: its failed logins are throttled per client address once it is "
                        + "live", name);
            }
        } catch (RuntimeException e) {
            LOG.error("NO THROTTLE of failed logins per client address at the broker {}: {}", name, e.toString());
        }
    }

    /** @param server a broker that goes away */
    void unbindServer(ActiveMQServer server) {
        try {
            throttle.detach(server);
        } catch (RuntimeException e) {
            LOG.warn("The broker's throttle of failed logins was not detached: {}", e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        writer.shutdown();
    }

    private void record(BrokerAddressThrottle.Refusal refusal) {
        writer.execute(() -> write(refusal));
    }

    private void write(BrokerAddressThrottle.Refusal refusal) {
        AuditLog log = audit;
        NodeIdentity identity = node;
        if (log == null || identity == null) {
            return;
        }
        try {
            log.record(entry(refusal, identity.nodeId(), Instant.now()));
        } catch (RuntimeException e) {
            LOG.error("AUDIT ENTRY LOST: a refused broker login from {} ({}): {}", refusal.address(),
                    refusal.reason(), e.toString());
        }
    }

    /**
     * @param refusal the refused login
     * @param nodeId this node
     * @param at when
     * @return its audit entry: the user name tried (cut to 100 characters, control characters replaced; "?" for
     *         none) as the actor, {@code broker <address>} as the origin, and why; never a password
     */
    static AuditEntry entry(BrokerAddressThrottle.Refusal refusal, String nodeId, Instant at) {
        String tried = refusal.user() == null || refusal.user().isEmpty() ? "?" : refusal.user();
        tried = (tried.length() > 100 ? tried.substring(0, 100) : tried).replaceAll("\\p{Cntrl}", "?");
        String why = refusal.reason() == BrokerAddressThrottle.Reason.ADDRESS_CLOSED
                ? "too many failed logins from the address"
                : "a wrong user name or password";
        return new AuditEntry(0, at, tried, "", AuditAction.LOGIN_REFUSED, null, "Broker login refused: " + why,
                "broker " + refusal.address(), nodeId);
    }
}
