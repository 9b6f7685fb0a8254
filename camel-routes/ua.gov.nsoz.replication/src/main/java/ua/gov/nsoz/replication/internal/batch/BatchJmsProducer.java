package ua.gov.nsoz.replication.internal.batch;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer of {@link BatchJmsComponent}: a body of {@code List<BatchMessage>} in one JMS transaction, the
 * consumer's if the exchange came from a {@code nsoz-batch:} consumer, else its own with the duplicate fallback.
 */
public final class BatchJmsProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJmsProducer.class);

    private final BatchJmsEndpoint endpoint;

    BatchJmsProducer(BatchJmsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<BatchMessage> batch = messages(exchange);
        Session joined = exchange.getProperty(BatchJmsComponent.SESSION, Session.class);
        if (joined != null) {
            // The consumer's transaction: it commits after the route, or rolls back with the whole batch.
            MessageProducer producer = joined.createProducer(joined.createQueue(endpoint.getQueue()));
            try {
                send(joined, producer, batch);
            } finally {
                producer.close();
            }
            return;
        }
        endpoint.getComponent().producerSessions().use((transacted, plain) -> {
            try {
                sendAlone(transacted, batch, true);
            } catch (JMSException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                LOG.info("{} messages for {} had partly reached the broker before: sent again one by one",
                        batch.size(), endpoint.getQueue());
                sendAlone(plain, batch, false);
            }
            return null;
        });
    }

    private static List<BatchMessage> messages(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getIn().getBody();
        if (!(body instanceof List<?> list)) {
            throw new InvalidPayloadException(exchange, List.class);
        }
        List<BatchMessage> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof BatchMessage m)) {
                throw new InvalidPayloadException(exchange, BatchMessage.class);
            }
            out.add(m);
        }
        return out;
    }

    /** All of the batch in one transaction of the session (committed here), or one by one outside it. */
    private void sendAlone(Session session, List<BatchMessage> batch, boolean transacted) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(endpoint.getQueue()));
        try {
            send(session, producer, batch);
            if (transacted) {
                session.commit();
            }
        } catch (JMSException | RuntimeException e) {
            if (transacted) {
                try {
                    session.rollback();
                } catch (JMSException | RuntimeException ignored) {
                    // the connection is gone: nothing was committed
                }
            }
            throw e;
        } finally {
            try {
                producer.close();
            } catch (JMSException | RuntimeException ignored) {
                // gone with the connection
            }
        }
    }

    private static void send(Session session, MessageProducer producer, List<BatchMessage> batch)
            throws JMSException {
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (BatchMessage b : batch) {
            TextMessage m = session.createTextMessage(b.text());
            for (Map.Entry<String, String> p : b.properties().entrySet()) {
                m.setStringProperty(p.getKey(), p.getValue());
            }
            producer.send(m);
        }
    }

    /** @return whether the broker refused a transaction because it holds a message it has seen before */
    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }
}
