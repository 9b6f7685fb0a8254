package ua.gov.nsoz.replication.internal;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.sync.LinkMonitor;

/**
 * The broker's side of the link's figures, read from the node's own Artemis: queue depths and consumers
 * and the core bridge's connection from its MBeans (the OSGi broker registers them in the platform MBean
 * server), dead letters by browsing {@code nsoz.dead}. Published by {@link CamelContextOwner} while the link runs.
 */
public final class BrokerLinkMonitor implements LinkMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLinkMonitor.class);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String DOMAIN = "org.apache.activemq.artemis";
    /** The region's bridge to the center, as named in etc/artemis.xml. */
    static final String BRIDGE = "to-center";

    private final ReplicationConfig config;
    private final Links.Node node;
    private final ConnectionFactory broker;
    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    /**
     * @param config the link's configuration
     * @param node this node
     * @param broker the node's broker
     */
    BrokerLinkMonitor(ReplicationConfig config, Links.Node node, ConnectionFactory broker) {
        this.config = config;
        this.node = node;
        this.broker = broker;
    }

    private boolean central() {
        return node.central();
    }

    @Override
    public BrokerState state() {
        List<QueueState> queues = new ArrayList<>();
        List<PeerState> peers = new ArrayList<>();
        boolean up;
        try {
            Set<ObjectName> names = mbeans.queryNames(new ObjectName(DOMAIN + ":broker=*,component=addresses,"
                    + "address=*,subcomponent=queues,routing-type=*,queue=*"), null);
            up = !names.isEmpty();
            for (ObjectName n : names) {
                String queue = ObjectName.unquote(n.getKeyProperty("queue"));
                QueueState q = describe(queue, n);
                if (q != null) {
                    queues.add(q);
                }
            }
            queues.sort((a, b) -> a.queue().compareTo(b.queue()));
            if (central()) {
                for (QueueState q : queues) {
                    if ("outgoing".equals(q.role())) {
                        // A region's federation is a consumer on its queue here while it is connected.
                        peers.add(new PeerState(q.peer(), q.consumers() > 0, q.messages()));
                    }
                }
            } else if (node.linked()) {
                long waiting = queues.stream().filter(q -> "outgoing".equals(q.role())).mapToLong(QueueState::messages)
                        .sum();
                // The bridge's session stays open while it retries a lost center (reconnect-attempts -1), so its
                // "Connected" alone says yes; while it is not forwarding, it is not a consumer of nsoz.out.
                boolean forwarding = queues.stream().anyMatch(q -> "outgoing".equals(q.role()) && q.consumers() > 0);
                Boolean session = bridgeConnected();
                peers.add(new PeerState(node.centerNodeId(), session == null ? null : session && forwarding,
                        waiting));
            }
        } catch (JMException e) {
            LOG.debug("Cannot read the broker's MBeans", e);
            up = false;
        }
        long dead = queues.stream().filter(q -> "dead".equals(q.role())).mapToLong(QueueState::messages).sum();
        return new BrokerState(up, withConfiguredRegions(peers, Links.regions(node, config)), queues, dead);
    }

    /**
     * @param peers the peers the broker knows of
     * @param regions the center's configured regions
     * @return the peers, and every configured region the broker knows nothing of (its queue was never made, or the
     *         broker did not answer) as not connected with nothing waiting
     */
    static List<PeerState> withConfiguredRegions(List<PeerState> peers, List<String> regions) {
        List<PeerState> all = new ArrayList<>(peers);
        for (String region : regions) {
            if (all.stream().noneMatch(p -> p.peer().equals(region))) {
                all.add(new PeerState(region, false, 0));
            }
        }
        return all;
    }

    private QueueState describe(String queue, ObjectName n) throws JMException {
        String role;
        String peer = null;
        if (queue.equals(LinkInboundRoutes.DEAD)) {
            role = "dead";
        } else if (queue.equals(config.outQueue()) && !central()) {
            role = "outgoing";
            peer = node.centerNodeId();
        } else if (queue.equals(config.inQueue()) && central()) {
            role = "incoming";
        } else if (queue.startsWith(config.toQueuePrefix())) {
            String id = queue.substring(config.toQueuePrefix().length());
            role = central() ? "outgoing" : "incoming";
            peer = central() ? id : node.centerNodeId();
        } else {
            return null;
        }
        long messages = ((Number) mbeans.getAttribute(n, "MessageCount")).longValue();
        int consumers = ((Number) mbeans.getAttribute(n, "ConsumerCount")).intValue();
        return new QueueState(queue, peer, role, messages, consumers);
    }

    private Boolean bridgeConnected() throws JMException {
        Set<ObjectName> bridges = mbeans.queryNames(new ObjectName(DOMAIN + ":broker=*,component=bridges,name=*"), null);
        for (ObjectName b : bridges) {
            if (BRIDGE.equals(ObjectName.unquote(b.getKeyProperty("name")))) {
                return (Boolean) mbeans.getAttribute(b, "Connected");
            }
        }
        return null;
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        List<DeadLetter> out = new ArrayList<>();
        try (Connection c = connect()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = s.createBrowser(s.createQueue(LinkInboundRoutes.DEAD))) {
                Enumeration<?> e = browser.getEnumeration();
                while (e.hasMoreElements() && out.size() < max) {
                    out.add(toDeadLetter((Message) e.nextElement()));
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read the dead letters from the node's broker: " + e, e);
        }
        return out;
    }

    private static DeadLetter toDeadLetter(Message m) throws JMSException {
        String from = m.getStringProperty(LinkInboundRoutes.FROM_QUEUE);
        String reason = m.getStringProperty(LinkInboundRoutes.REASON);
        if (from == null) {
            // Moved here by the broker itself after its delivery attempts (artemis.xml max-delivery-attempts).
            from = m.getStringProperty("_AMQ_ORIG_QUEUE");
            if (reason == null) {
                reason = "Not applied after the broker's delivery attempts (the store failed each time); "
                        + "see the node's log";
            }
        }
        return new DeadLetter(m.getStringProperty(Links.MESSAGE_ID), m.getStringProperty(Links.ORIGIN), from, reason,
                m.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(m.getJMSTimestamp()) : null);
    }

    @Override
    public String replay(String messageId) {
        if (messageId == null || !UUID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("Очікується id повідомлення (UUID) / Expected a message id (a UUID)");
        }
        String selector = Links.MESSAGE_ID + " = '" + messageId + "'";
        try (Connection c = connect()) {
            // One local transaction: the copy is on its queue and the original gone, or neither.
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue dead = s.createQueue(LinkInboundRoutes.DEAD);
            MessageConsumer consumer = s.createConsumer(dead, selector);
            Message original = consumer.receive(2000);
            if (original == null) {
                s.rollback();
                throw new NoSuchElementException("Немає такого відхиленого повідомлення / No dead letter with id "
                        + messageId);
            }
            DeadLetter d = toDeadLetter(original);
            if (d.fromQueue() == null || !d.fromQueue().startsWith("nsoz.")) {
                s.rollback();
                throw new IllegalStateException("The dead letter " + messageId + " does not say where it came from");
            }
            TextMessage copy = s.createTextMessage(original instanceof TextMessage t ? t.getText() : null);
            for (String name : Collections.list((Enumeration<?>) original.getPropertyNames()).stream()
                    .map(Object::toString).toList()) {
                if (!name.startsWith("_AMQ") && !name.startsWith("JMSX") && !name.equals(LinkInboundRoutes.REASON)
                        && !name.equals(LinkInboundRoutes.FROM_QUEUE)) {
                    copy.setObjectProperty(name, original.getObjectProperty(name));
                }
            }
            // Who sent it stays who sent it: a letter the broker moved itself (after its attempts) has only the user
            // the center's broker stamped on it; the replay goes as this node's own user.
            if (!copy.propertyExists(Links.SENDER)) {
                String sender = Links.sender(central(), node.centerNodeId(), config.user(),
                        original.getStringProperty(Links.VALIDATED_USER), null);
                if (sender != null) {
                    copy.setStringProperty(Links.SENDER, sender);
                }
            }
            // A fresh duplicate-detection id: the original one is in the address' cache and would be dropped.
            copy.setStringProperty(Links.DUPLICATE_ID, "replay:" + messageId + ":" + System.currentTimeMillis());
            MessageProducer producer = s.createProducer(s.createQueue(d.fromQueue()));
            producer.send(copy);
            s.commit();
            LOG.info("Dead letter {} from {} moved back to {}", messageId, d.origin(), d.fromQueue());
            return d.fromQueue();
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot replay " + messageId + " on the node's broker: " + e, e);
        }
    }

    private Connection connect() throws JMSException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BrokerLinkMonitor.class.getClassLoader());
        try {
            Connection c = broker.createConnection();
            c.start();
            return c;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
