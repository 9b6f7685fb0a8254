package ua.gov.nsoz.itests.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A client of a node's Artemis broker, as another node or the node's own routes connect to it. */
public final class Broker implements AutoCloseable {

    /** A message as it sits on a queue: its text and its string properties. */
    public record Doc(String text, Map<String, String> properties) {
    }

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;

    /**
     * @param port the broker's port on localhost
     * @param user a broker user
     * @param password its password
     * @throws JMSException if the broker refuses
     */
    public Broker(int port, String user, String password) throws JMSException {
        this("tcp://127.0.0.1:" + port, user, password);
    }

    /**
     * @param url an Artemis URL, e.g. with TLS parameters
     * @param user a broker user
     * @param password its password
     * @throws JMSException if the broker refuses
     */
    public Broker(String url, String user, String password) throws JMSException {
        factory = new ActiveMQConnectionFactory(url);
        try {
            connection = factory.createConnection(user, password);
            connection.start();
        } catch (JMSException | RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /**
     * Sends one persistent text message.
     *
     * @param queue where to
     * @param text the body
     * @param properties string properties
     * @throws JMSException if the broker refuses
     */
    public void send(String queue, String text, Map<String, String> properties) throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(s.createQueue(queue));
            TextMessage m = s.createTextMessage(text);
            for (Map.Entry<String, String> e : properties.entrySet()) {
                m.setStringProperty(e.getKey(), e.getValue());
            }
            p.send(m);
        }
    }

    /**
     * @param queue the queue
     * @return what is on it, without taking anything
     * @throws JMSException if the broker refuses
     */
    public List<Doc> browse(String queue) throws JMSException {
        List<Doc> out = new ArrayList<>();
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                QueueBrowser b = s.createBrowser(s.createQueue(queue))) {
            Enumeration<?> e = b.getEnumeration();
            while (e.hasMoreElements()) {
                Message m = (Message) e.nextElement();
                Map<String, String> props = new LinkedHashMap<>();
                for (Object name : Collections.list(m.getPropertyNames())) {
                    Object v = m.getObjectProperty(name.toString());
                    if (v != null) {
                        props.put(name.toString(), v.toString());
                    }
                }
                out.add(new Doc(m instanceof TextMessage t ? t.getText() : null, props));
            }
        }
        return out;
    }

    /**
     * Takes one message from a queue (acknowledged: it is gone from the queue).
     *
     * @param queue the queue
     * @param waitMillis how long to wait for one
     * @return the message, or {@code null} if none came
     * @throws JMSException if the broker refuses (e.g. no permission to consume, or the queue does not exist)
     */
    public Doc receive(String queue, long waitMillis) throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            Message m = c.receive(waitMillis);
            return m == null ? null : new Doc(m instanceof TextMessage t ? t.getText() : null, Map.of());
        }
    }

    /**
     * Asks the broker for a temporary queue (a non-durable queue of this connection).
     *
     * @throws JMSException if the broker refuses
     */
    public void makeTemporaryQueue() throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            s.createConsumer(s.createTemporaryQueue()).close();
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
