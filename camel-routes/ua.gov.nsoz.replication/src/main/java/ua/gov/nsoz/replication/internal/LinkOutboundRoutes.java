package ua.gov.nsoz.replication.internal;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;

/**
 * The sending side of the link: the outbox, drained in commit order to the local broker, never on
 * the path of the request that made the change. A region sends everything to {@code outQueue} (the
 * core bridge forwards it to the center); the center sends to {@code toQueuePrefix + region} on its own
 * broker (the region pulls it). Each message carries its id as Artemis' duplicate-detection id.
 *
 * <p>A batch of up to {@code batchSize} documents goes in one local JMS transaction (one journal sync
 * instead of one per message); the entries leave the outbox only after the broker committed them, so a
 * crash in between resends them, and the receiver's duplicate detection and inbox make that harmless.
 * The route wakes as soon as a local change commits ({@link OutboxSignal}) and lets {@code lingerMillis}
 * pass so that what commits meanwhile goes in the same batch; else it looks every {@code shipIntervalMillis}.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkOutboundRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(LinkOutboundRoutes.class);

    private final ReplicationConfig config;
    private final ExchangeGateway gateway;
    private final ReplicationStore store;
    private final OutboxSignal signal;
    private boolean failing;
    /** At the center: the regions whose queue is known to exist on this broker (made on their first message). */
    private final java.util.Set<String> queuesMade = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param config the link's configuration
     * @param gateway turns outbox entries into exchange documents
     * @param store lists the peers with something waiting
     * @param signal wakes the route when a local change commits
     */
    @Activate
    public LinkOutboundRoutes(ReplicationConfig config, @Reference ExchangeGateway gateway,
            @Reference ReplicationStore store, @Reference OutboxSignal signal) {
        this.config = config;
        this.gateway = gateway;
        this.store = store;
        this.signal = signal;
    }

    @Override
    public void configure() {
        String nodeId = Links.requireNodeId("nodeId", config.nodeId());
        boolean central = nodeId.equals(config.centerNodeId());
        ConnectionFactory connections = getContext().getRegistry().lookupByNameAndType(CamelContextOwner.CONNECTIONS,
                ConnectionFactory.class);
        long interval = Math.max(50, config.shipIntervalMillis());
        int batch = Math.max(1, config.batchSize());
        long linger = Math.max(0, config.lingerMillis());
        // Each round waits for a signal (or the interval) itself; the timer only starts the next round.
        from("timer:nsoz-outbox?delay=1000&period=1")
                .routeId("nsoz-outbox")
                .process(exchange -> {
                    if (signal.await(interval) && linger > 0) {
                        // Under load, a batch per commit costs a journal sync each: let a few gather.
                        Thread.sleep(linger);
                    }
                    List<String> peers = central ? centralPeers() : List.of(config.centerNodeId());
                    Thread thread = Thread.currentThread();
                    ClassLoader previous = thread.getContextClassLoader();
                    // The Artemis client looks some classes up through the context class loader.
                    thread.setContextClassLoader(LinkOutboundRoutes.class.getClassLoader());
                    try {
                        for (String peer : peers) {
                            if (!Links.isNodeId(peer) || peer.equals(nodeId)) {
                                continue;
                            }
                            String queue = central ? config.toQueuePrefix() + peer : config.outQueue();
                            if (central && !queuesMade.contains(peer)) {
                                // A region's federation pulls this queue and retries (a login a second) until it
                                // exists: make it as soon as the region is known here, not on the first answer.
                                makeQueue(connections, queue);
                                queuesMade.add(peer);
                            }
                            ship(connections, nodeId, peer, queue, batch);
                        }
                        if (failing) {
                            LOG.info("Shipping to the node's broker again");
                            failing = false;
                        }
                    } catch (JMSException e) {
                        // The outbox keeps everything; the next round tries again.
                        if (!failing) {
                            LOG.warn("Cannot ship to the node's broker (retrying every {} ms): {}", interval,
                                    e.toString());
                            failing = true;
                        }
                    } finally {
                        thread.setContextClassLoader(previous);
                    }
                });
    }

    /**
     * @return at the center: the configured regions (their queues are made at once, so a region's federation finds
     *         its queue at its first try), then every other peer the outbox or inbox knows
     */
    private List<String> centralPeers() {
        java.util.LinkedHashSet<String> peers = new java.util.LinkedHashSet<>(Links.regions(config));
        peers.addAll(store.peers());
        return List.copyOf(peers);
    }

    /** A producer on an address that does not exist yet makes it (auto-create for nsoz.to.# in artemis-central.xml). */
    private static void makeQueue(ConnectionFactory connections, String queue) throws JMSException {
        try (Connection connection = connections.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(session.createQueue(queue)).close();
        }
    }

    /** Sends what waits for one peer, batch after batch, until the outbox is empty or the broker fails. */
    private void ship(ConnectionFactory connections, String nodeId, String peer, String queue, int max)
            throws JMSException {
        while (true) {
            List<Outgoing> batch = gateway.outgoing(peer, max);
            if (batch.isEmpty()) {
                return;
            }
            send(connections, queue, nodeId, peer, batch);
            gateway.shipped(peer, batch);
            LOG.debug("Shipped {} documents to {}", batch.size(), peer);
            if (batch.size() < max) {
                return;
            }
        }
    }

    /**
     * One local JMS transaction: all of the batch is on the broker, or none of it. Artemis refuses the commit
     * of a transaction that holds a message it has seen before (a batch resent after a crash between the
     * broker's commit and the outbox's update): then the batch goes again one message at a time, outside a
     * transaction, where the broker drops each duplicate silently and keeps the rest.
     */
    static void send(ConnectionFactory connections, String queue, String nodeId, String peer, List<Outgoing> batch)
            throws JMSException {
        try {
            send(connections, queue, nodeId, peer, batch, true);
        } catch (JMSException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            LOG.info("{} documents for {} had partly reached the broker before: sent again one by one", batch.size(),
                    peer);
            send(connections, queue, nodeId, peer, batch, false);
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private static void send(ConnectionFactory connections, String queue, String nodeId, String peer,
            List<Outgoing> batch, boolean transacted) throws JMSException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LinkOutboundRoutes.class.getClassLoader());
        // The caching factory hands out its one shared connection and a cached session: closing returns them.
        try (Connection connection = connections.createConnection();
                Session session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED)
                        : connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            try {
                for (Outgoing o : batch) {
                    TextMessage m = session.createTextMessage(o.xml());
                    m.setStringProperty(Links.DUPLICATE_ID, o.messageId());
                    m.setStringProperty(Links.MESSAGE_ID, o.messageId());
                    m.setStringProperty(Links.ORIGIN, nodeId);
                    m.setStringProperty(Links.TARGET, peer);
                    producer.send(m);
                }
                if (transacted) {
                    session.commit();
                }
            } catch (JMSException | RuntimeException e) {
                try {
                    if (transacted) {
                        session.rollback();
                    }
                } catch (JMSException | RuntimeException ignored) {
                    // the connection is gone: nothing was committed
                }
                throw e;
            }
        }
    }
}
