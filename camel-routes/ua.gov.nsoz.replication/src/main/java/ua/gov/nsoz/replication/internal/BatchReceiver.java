package ua.gov.nsoz.replication.internal;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.ExchangeGateway.Received;

/**
 * Takes up to {@code max} messages from one queue in one local JMS transaction, applies them through the
 * gateway in one store transaction, puts the refused ones on {@code nsoz.dead} (with the reason) in the
 * same JMS transaction, and commits the store first, then the broker. A crash in between makes the broker
 * deliver the batch again, which the inbox makes harmless; a store failure rolls the JMS transaction back
 * and the broker redelivers later ({@code redelivery-delay} in artemis.xml), and after its attempts moves
 * the messages to {@code nsoz.dead} itself.
 *
 * <p>One commit per batch instead of one per message: what Camel 2's {@code sjms-batch} component did, which
 * Camel 4 no longer ships, and what camel-jms' per-message listener cannot do. The consumer stays open
 * between rounds, so a region's federation keeps pulling its queue from the center.
 */
final class BatchReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReceiver.class);
    /** Longest reason kept on a dead letter. */
    private static final int REASON_MAX = 2000;

    private final ConnectionFactory factory;
    private final String queue;
    private final ExchangeGateway gateway;
    private final int max;
    private final long waitMillis;

    private Connection connection;
    private Session session;
    private MessageConsumer consumer;
    private MessageProducer dead;
    private boolean failing;

    /**
     * @param factory the node's own broker (not a caching factory: the consumer is kept here)
     * @param queue the queue to drain
     * @param gateway applies the documents
     * @param max messages per transaction
     * @param waitMillis how long one round waits for the first message
     */
    BatchReceiver(ConnectionFactory factory, String queue, ExchangeGateway gateway, int max, long waitMillis) {
        this.factory = factory;
        this.queue = queue;
        this.gateway = gateway;
        this.max = max;
        this.waitMillis = waitMillis;
    }

    /**
     * One round: waits up to {@code waitMillis} for a message, then takes what else is there, up to the batch size.
     *
     * @return how many messages were taken (0 if none came)
     * @throws JMSException if the broker cannot be reached: the connection is dropped and made again next round
     */
    int drainOnce() throws JMSException {
        try {
            open();
            Message first = consumer.receive(waitMillis);
            if (first == null) {
                return 0;
            }
            List<Message> batch = new ArrayList<>();
            batch.add(first);
            while (batch.size() < max) {
                Message next = consumer.receiveNoWait();
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            apply(batch);
            if (failing) {
                LOG.info("Receiving from {} again", queue);
                failing = false;
            }
            return batch.size();
        } catch (JMSException e) {
            if (!failing) {
                LOG.warn("Cannot receive from {} on the node's broker (retrying): {}", queue, e.toString());
                failing = true;
            }
            close();
            throw e;
        }
    }

    private void apply(List<Message> batch) throws JMSException {
        List<String> documents = new ArrayList<>(batch.size());
        List<Message> texts = new ArrayList<>(batch.size());
        int rejected = 0;
        for (Message m : batch) {
            if (m instanceof TextMessage t && t.getText() != null) {
                documents.add(t.getText());
                texts.add(m);
            } else {
                toDead(m, "Not an exchange document: a " + m.getClass().getSimpleName() + " without text");
                rejected++;
            }
        }
        List<Received> results;
        try {
            results = gateway.receiveAll(documents);
        } catch (RuntimeException e) {
            session.rollback();
            LOG.warn("{} messages from {} not applied, the broker delivers them again: {}", batch.size(), queue,
                    e.toString());
            throw e;
        }
        for (int i = 0; i < results.size(); i++) {
            Received r = results.get(i);
            if (r.rejected() != null) {
                Message m = texts.get(i);
                LOG.warn("Rejected {} from {} to {}: {}", m.getStringProperty(Links.MESSAGE_ID),
                        m.getStringProperty(Links.ORIGIN), LinkInboundRoutes.DEAD, r.rejected().getMessage());
                toDead(m, r.rejected().getMessage());
                rejected++;
            }
        }
        session.commit();
        LOG.debug("{} messages from {} applied, {} refused", batch.size() - rejected, queue, rejected);
    }

    private void toDead(Message original, String reason) throws JMSException {
        TextMessage copy = session.createTextMessage(original instanceof TextMessage t ? t.getText() : null);
        for (String name : List.of(Links.MESSAGE_ID, Links.ORIGIN, Links.TARGET)) {
            String value = original.getStringProperty(name);
            if (value != null) {
                copy.setStringProperty(name, value);
            }
        }
        String why = reason == null ? "refused" : reason;
        copy.setStringProperty(LinkInboundRoutes.REASON, why.length() > REASON_MAX ? why.substring(0, REASON_MAX) : why);
        copy.setStringProperty(LinkInboundRoutes.FROM_QUEUE, queue);
        dead.send(copy);
    }

    private void open() throws JMSException {
        if (session != null) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BatchReceiver.class.getClassLoader());
        try {
            connection = factory.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            consumer = session.createConsumer(session.createQueue(queue));
            dead = session.createProducer(session.createQueue(LinkInboundRoutes.DEAD));
            connection.start();
        } catch (JMSException e) {
            close();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Drops the connection; what was taken and not committed goes back to the queue. */
    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        session = null;
        consumer = null;
        dead = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the connection to the broker", e);
            }
        }
    }
}
