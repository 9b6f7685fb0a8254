package ua.gov.nsoz.replication.internal;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.sync.ExchangeGateway;

/**
 * The receiving side of the link. At the center: every region's messages from {@code inQueue}. At a
 * region: its own {@code toQueuePrefix + nodeId}, filled by the broker's federation from the center.
 * Each route takes a batch of documents in one JMS transaction and hands it to the {@link ExchangeGateway},
 * which validates each and applies them at most once, in one store transaction with their inbox rows
 * ({@link BatchReceiver}). A document that is invalid or cannot be applied goes to {@code nsoz.dead} with
 * its reason in {@code NsozReason} and is never retried; any other failure (the store is down) rolls the
 * JMS transaction back, so the broker redelivers it and after its attempts moves it to the dead-letter
 * address itself.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkInboundRoutes extends RouteBuilder {

    /** The dead-letter queue of every node. */
    static final String DEAD = "nsoz.dead";
    /** The header that says why a message is dead. */
    static final String REASON = "NsozReason";
    /** The header that says which queue a dead message came from, for a replay. */
    static final String FROM_QUEUE = "NsozFromQueue";
    /** How long one round of a receiver waits for the first message, in milliseconds. */
    static final long WAIT_MILLIS = 500;

    private final ReplicationConfig config;
    private final ExchangeGateway gateway;
    private final List<BatchReceiver> receivers = new CopyOnWriteArrayList<>();

    /**
     * @param config the link's configuration
     * @param gateway applies received documents to the store
     */
    @Activate
    public LinkInboundRoutes(ReplicationConfig config, @Reference ExchangeGateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    @Override
    public void configure() {
        String nodeId = Links.requireNodeId("nodeId", config.nodeId());
        boolean central = nodeId.equals(config.centerNodeId());
        String queue = central ? config.inQueue() : config.toQueuePrefix() + nodeId;
        ConnectionFactory broker = getContext().getRegistry().lookupByNameAndType(CamelContextOwner.BROKER,
                ConnectionFactory.class);
        int consumers = Math.max(1, config.concurrentConsumers());
        for (int i = 1; i <= consumers; i++) {
            BatchReceiver receiver = new BatchReceiver(broker, queue, gateway, Math.max(1, config.batchSize()),
                    WAIT_MILLIS);
            receivers.add(receiver);
            String id = (central ? "nsoz-from-regions" : "nsoz-from-center") + (consumers > 1 ? "-" + i : "");
            // A round waits for the first message itself; the timer only starts the next round right after.
            from("timer:" + id + "?delay=1000&period=1")
                    .routeId(id)
                    .process(exchange -> {
                        try {
                            receiver.drainOnce();
                        } catch (JMSException e) {
                            // Logged once by the receiver; the broker starts with the node, or is restarting.
                            Thread.sleep(Math.max(100, config.recoveryIntervalMillis()));
                        }
                    });
        }
    }

    /** The routes are stopped by then (the service goes first): close the receivers' connections. */
    @Deactivate
    void deactivate() {
        receivers.forEach(BatchReceiver::close);
    }
}
