package ua.gov.nsoz.security.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.CoreNotificationType;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.core.protocol.core.Channel;
import org.apache.activemq.artemis.core.protocol.core.CoreRemotingConnection;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.ChannelImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.ActiveMQExceptionMessage;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.CreateSessionMessage;
import org.apache.activemq.artemis.core.remoting.server.RemotingService;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.management.ManagementService;
import org.apache.activemq.artemis.core.server.management.Notification;
import org.apache.activemq.artemis.core.server.management.NotificationListener;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.utils.collections.TypedProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throttle of failed logins per client address at an Artemis broker (every acceptor of it: a node's own
 * {@code local} and the center's {@code link}), by the policy of {@link LoginThrottle#forAddresses} (10 free failures
 * in a row, then 1 s, 2 s, 4 s … at most 30 s closed; forgotten 60 s after the last failure; a success neither counts
 * nor reopens). Artemis' JAAS login does not see the client's address, so the throttle stands beside it, on the two
 * places where the broker does:
 * <ul>
 * <li>a <b>core incoming interceptor</b>: a CORE client logs in by asking for a session ({@code CreateSessionMessage},
 * user and password). From a closed address that packet never reaches the broker's handler: the interceptor answers
 * it with the same {@link ActiveMQSecurityException} a wrong password gets (so the client, e.g. a region's bridge,
 * treats it as a refused login and retries as it does for one) and stops it, so no password is checked;</li>
 * <li>a <b>management notification listener</b>: every failed authentication (a wrong user or password, a user the
 * realm refuses, a cached failure) is sent as {@link CoreNotificationType#SECURITY_AUTHENTICATION_VIOLATION} with the
 * user and the connection's remote address, synchronously, before the client gets its answer; it counts as a failure
 * of that address.</li>
 * </ul>
 * Each refusal (a wrong login, and the first refusal of a closed address in each window) is handed to the recorder
 * (the component writes it to the audit log and {@code security.log}); never a password. The brokers listen for CORE
 * only (docs/stack.md), which is what the interceptor sees; another protocol would pass the gate unthrottled.
 */
final class BrokerAddressThrottle implements Interceptor, NotificationListener {

    private static final Logger SECURITY = LoggerFactory.getLogger("audit");

    /** Why a broker login was refused. */
    enum Reason {
        /** The realm refused the user name and password (or the user is closed by the realm's per-user throttle). */
        WRONG,
        /** The client's address is closed: no password was checked. */
        ADDRESS_CLOSED
    }

    /**
     * A refused broker login.
     *
     * @param user the user name tried (as the client sent it; may be {@code null})
     * @param address the client's host, without the port
     * @param reason why
     */
    record Refusal(String user, String address, Reason reason) {
    }

    private final LoginThrottle throttle;
    private final Consumer<Refusal> recorder;
    private final Map<ActiveMQServer, ActivateCallback> callbacks = new ConcurrentHashMap<>();

    /**
     * @param throttle the failures per address ({@link LoginThrottle#forAddresses})
     * @param recorder where refusals go; called on the broker's threads, so it must not block
     */
    BrokerAddressThrottle(LoginThrottle throttle, Consumer<Refusal> recorder) {
        this.throttle = throttle;
        this.recorder = recorder;
    }

    /**
     * Throttles the broker's logins from now on, and again after each activation: a backup broker (a center's second
     * node, docs/center-cluster.md) has no management or remoting service until it becomes live, and a broker that
     * fails back makes new ones.
     *
     * @param server a started broker (active or a waiting backup)
     */
    void attach(ActiveMQServer server) {
        ActivateCallback callback = new ActivateCallback() {
            @Override
            public void activationComplete() {
                hook(server);
            }
        };
        if (callbacks.putIfAbsent(server, callback) == null) {
            server.registerActivateCallback(callback);
        }
        hook(server);
    }

    /** @param server a broker {@link #attach}ed before */
    void detach(ActiveMQServer server) {
        ActivateCallback callback = callbacks.remove(server);
        if (callback != null) {
            server.unregisterActivateCallback(callback);
        }
        RemotingService remoting = server.getRemotingService();
        if (remoting != null) {
            remoting.removeIncomingInterceptor(this);
        }
        ManagementService management = server.getManagementService();
        if (management != null) {
            management.removeNotificationListener(this);
        }
    }

    /** @return whether the broker's current services have the throttle (false: a backup, not live yet) */
    synchronized boolean hook(ActiveMQServer server) {
        ManagementService management = server.getManagementService();
        RemotingService remoting = server.getRemotingService();
        if (management == null || remoting == null) {
            return false;
        }
        management.addNotificationListener(this); // a set: once
        if (!remoting.getIncomingInterceptors().contains(this)) {
            remoting.addIncomingInterceptor(this);
        }
        return true;
    }

    /** The gate: a login (a session asked for) from a closed address is answered with a refusal and stopped. */
    @Override
    public boolean intercept(Packet packet, RemotingConnection connection) {
        byte type = packet.getType();
        if (type != PacketImpl.CREATESESSION && type != PacketImpl.CREATESESSION_V2) {
            return true;
        }
        String address = AddressThrottleLoginModule.host(connection.getRemoteAddress());
        long closed = address == null ? 0 : throttle.closedFor(address);
        if (closed <= 0) {
            return true;
        }
        if (throttle.refuse(address)) {
            SECURITY.warn("Broker login from {} refused by the address throttle: too many failed logins from this "
                    + "address; closed for {} ms more", address, closed);
            recorder.accept(new Refusal(((CreateSessionMessage) packet).getUsername(), address,
                    Reason.ADDRESS_CLOSED));
        }
        if (connection instanceof CoreRemotingConnection core) {
            // Where the broker's own handler answers a refused login: channel 1, the same exception message.
            Channel channel = core.getChannel(ChannelImpl.CHANNEL_ID.SESSION.id, -1);
            channel.send(new ActiveMQExceptionMessage(new ActiveMQSecurityException(
                    "Too many failed logins from this address; try again in " + ((closed + 999) / 1000) + " s")));
        } else {
            connection.fail(new ActiveMQSecurityException("Too many failed logins from this address"));
        }
        return false;
    }

    /** The counter: a failed authentication at the broker is a failure of its client's address. */
    @Override
    public void onNotification(Notification notification) {
        if (notification.getType() != CoreNotificationType.SECURITY_AUTHENTICATION_VIOLATION) {
            return;
        }
        TypedProperties p = notification.getProperties();
        String address = AddressThrottleLoginModule.host(text(p, ManagementHelper.HDR_REMOTE_ADDRESS));
        if (address == null || "null".equals(address)) {
            return;
        }
        int failures = throttle.failed(address);
        if (failures > LoginThrottle.FREE_PER_ADDRESS) {
            SECURITY.warn("{} failed broker logins in a row from {}: the address is closed for {} ms", failures,
                    address, throttle.closedFor(address));
        }
        recorder.accept(new Refusal(text(p, ManagementHelper.HDR_USER), address, Reason.WRONG));
    }

    private static String text(TypedProperties p, SimpleString key) {
        if (p == null || !p.containsProperty(key)) {
            return null;
        }
        Object v = p.getProperty(key);
        return v == null ? null : v.toString();
    }
}
