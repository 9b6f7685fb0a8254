package ua.gov.nsoz.replication.internal;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A real Artemis for the transport's tests: persistent journal, TCP, {@code nsoz.dead} as dead-letter address. */
public final class TestBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final ActiveMQConnectionFactory factory;

    /**
     * @param dir the journal's directory
     * @param queues the anycast queues to make ({@code nsoz.dead} is always made)
     */
    public TestBroker(Path dir, String... queues) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE")
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("nsoz.dead"))
                        .setMaxDeliveryAttempts(10).setRedeliveryDelay(0));
        List<String> all = new ArrayList<>(List.of(queues));
        all.add("nsoz.dead");
        for (String q : all) {
            config.addQueueConfiguration(QueueConfiguration.of(q).setRoutingType(RoutingType.ANYCAST));
        }
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port
                + "?reconnectAttempts=-1&retryInterval=100&maxRetryInterval=500");
    }

    public ActiveMQConnectionFactory factory() {
        return factory;
    }

    public void stopBroker() throws Exception {
        broker.stop();
    }

    public void startBroker() throws Exception {
        broker.start();
    }

    /** Sends text messages, each with the given property pairs, outside a transaction. */
    public void send(String queue, List<String> texts, String... properties) throws Exception {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (String t : texts) {
                TextMessage m = s.createTextMessage(t);
                for (int i = 0; i + 1 < properties.length; i += 2) {
                    m.setStringProperty(properties[i], properties[i + 1]);
                }
                p.send(m);
            }
        }
    }

    /** Takes everything on the queue (waiting 200 ms for each next message). */
    public List<TextMessage> drain(String queue) throws Exception {
        List<TextMessage> got = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            for (Message m; (m = consumer.receive(200)) != null;) {
                got.add((TextMessage) m);
            }
        }
        return got;
    }

    /** Waits until the condition holds, at most {@code deadline}; fails with the description otherwise. */
    public static void await(Duration deadline, BooleanSupplier condition, Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline + ": " + what.get());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        factory.close();
        broker.stop();
    }
}
