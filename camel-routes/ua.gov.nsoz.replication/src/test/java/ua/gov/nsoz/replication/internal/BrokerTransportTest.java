package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * The link's two ends against a real Artemis broker (persistent journal, TCP): the outbound batch send and
 * the inbound batch receive, with a gateway that stands in for the store. What goes through the gateway
 * itself is tested in the sync bundle; here: transactions, dead letters, duplicate detection.
 */
class BrokerTransportTest {

    private static final String QUEUE = "nsoz.in";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;
    private final FakeGateway gateway = new FakeGateway();

    /** Accepts documents that start with {@code <ok}, refuses the rest, or fails like a store that is down. */
    static final class FakeGateway implements ExchangeGateway {
        final List<String> applied = new CopyOnWriteArrayList<>();
        volatile boolean storeDown;

        @Override
        public List<Outgoing> outgoing(String peer, int max) {
            return List.of();
        }

        @Override
        public void shipped(String peer, List<Outgoing> shipped) {
        }

        @Override
        public Outcome receive(String xml) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Received> receiveAll(List<String> documents) {
            if (storeDown) {
                throw new IllegalStateException("the store is down");
            }
            List<Received> out = new ArrayList<>();
            for (String d : documents) {
                if (d.startsWith("<ok")) {
                    boolean first = !applied.contains(d);
                    applied.add(d);
                    out.add(new Received(first ? Outcome.APPLIED : Outcome.DUPLICATE, null));
                } else {
                    out.add(new Received(null, new RejectedMessageException("not valid: " + d, null)));
                }
            }
            return out;
        }
    }

    @BeforeEach
    void start() throws Exception {
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
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(
                        org.apache.activemq.artemis.api.core.SimpleString.of(LinkInboundRoutes.DEAD))
                        .setMaxDeliveryAttempts(10).setRedeliveryDelay(0));
        for (String q : List.of(QUEUE, LinkInboundRoutes.DEAD)) {
            config.addQueueConfiguration(QueueConfiguration.of(q).setRoutingType(RoutingType.ANYCAST));
        }
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() throws Exception {
        factory.close();
        broker.stop();
    }

    private static ExchangeGateway.Outgoing out(int i) {
        return new ExchangeGateway.Outgoing("00000000-0000-7000-8000-" + String.format("%012d", i), i,
                "<ok n=\"" + i + "\"/>");
    }

    private void send(int from, int to) throws Exception {
        List<ExchangeGateway.Outgoing> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(out(i));
        }
        LinkOutboundRoutes.send(factory, QUEUE, "lviv", "ucc", batch);
    }

    private List<TextMessage> drain(String queue) throws Exception {
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

    private static boolean propertyIs(Message m, String name, String value) {
        try {
            return value.equals(m.getStringProperty(name));
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("A batch goes to the broker in order with the message id as duplicate-detection id; a resend is dropped")
    void sendsBatchOnceInOrder() throws Exception {
        send(0, 300);
        // The sender crashed before it marked them shipped: the same batch again, and more after it.
        send(0, 300);
        send(200, 400);
        List<TextMessage> got = drain(QUEUE);
        assertEquals(400, got.size(), "the broker's duplicate detection dropped the resent copies");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(out(i).xml(), got.get(i).getText());
            assertEquals(out(i).messageId(), got.get(i).getStringProperty(Links.MESSAGE_ID));
            assertEquals("lviv", got.get(i).getStringProperty(Links.ORIGIN));
        }
    }

    @Test
    @DisplayName("Received in batches: good documents applied, a bad one and a non-text message go to nsoz.dead with the reason")
    void receivesBatchesAndDeadLetters() throws Exception {
        send(0, 1200);
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(QUEUE));
            TextMessage bad = s.createTextMessage("<bad/>");
            bad.setStringProperty(Links.MESSAGE_ID, "bad-1");
            p.send(bad);
            p.send(s.createBytesMessage());
        }
        try (BatchReceiver receiver = new BatchReceiver(factory, QUEUE, gateway, 500, 1000)) {
            int total = 0;
            List<Integer> rounds = new ArrayList<>();
            for (int n; (n = receiver.drainOnce()) > 0;) {
                rounds.add(n);
                total += n;
            }
            assertEquals(1202, total);
            assertTrue(rounds.stream().allMatch(n -> n <= 500), "at most a batch per transaction: " + rounds);
        }
        assertEquals(1200, gateway.applied.size());
        List<TextMessage> dead = drain(LinkInboundRoutes.DEAD);
        assertEquals(2, dead.size());
        TextMessage bad = dead.stream().filter(m -> propertyIs(m, Links.MESSAGE_ID, "bad-1")).findFirst().orElseThrow();
        assertEquals("not valid: <bad/>", bad.getStringProperty(LinkInboundRoutes.REASON));
        assertEquals(QUEUE, bad.getStringProperty(LinkInboundRoutes.FROM_QUEUE));
        for (TextMessage m : dead) {
            assertNotNull(m.getStringProperty(LinkInboundRoutes.REASON));
        }
        assertTrue(drain(QUEUE).isEmpty());
    }

    @Test
    @DisplayName("A store failure rolls the batch back: nothing is lost, the broker delivers it again")
    void storeFailureRollsBack() throws Exception {
        send(0, 50);
        try (BatchReceiver receiver = new BatchReceiver(factory, QUEUE, gateway, 500, 1000)) {
            gateway.storeDown = true;
            assertThrows(IllegalStateException.class, receiver::drainOnce);
            assertTrue(gateway.applied.isEmpty());
            gateway.storeDown = false;
            int total = 0;
            for (int n; (n = receiver.drainOnce()) > 0;) {
                total += n;
            }
            assertEquals(50, total);
        }
        assertEquals(50, gateway.applied.size());
        assertTrue(drain(LinkInboundRoutes.DEAD).isEmpty());
    }

    @Test
    @DisplayName("With no broker, a round fails with a JMS error and the next round connects once the broker is back")
    void reconnects() throws Exception {
        BatchReceiver receiver = new BatchReceiver(factory, QUEUE, gateway, 500, 200);
        broker.stop();
        assertThrows(jakarta.jms.JMSException.class, receiver::drainOnce);
        broker.start();
        send(0, 3);
        int total = 0;
        for (int n; (n = receiver.drainOnce()) > 0;) {
            total += n;
        }
        receiver.close();
        assertEquals(3, total);
    }
}
