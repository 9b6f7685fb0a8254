package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.replication.internal.batch.BatchJmsComponent;
import ua.gov.nsoz.replication.internal.batch.BatchMessage;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * The link's two routes against a real Artemis broker (persistent journal, TCP), with a gateway that stands in for
 * the store: {@code nsoz-outbox} (outbox → broker, one transaction per batch, the duplicate fallback) at a region,
 * and {@code nsoz-from-center} (broker → gateway → dead letters) at a region. What goes through the gateway itself is
 * tested in the sync bundle; here: transactions, dead letters, duplicate detection, redelivery, reconnection.
 */
class BrokerTransportTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Links.Node LVIV = new Links.Node("lviv", "ucc", false);
    private static final String OUT = "nsoz.out";
    private static final String IN = "nsoz.to.lviv";

    @TempDir
    Path dir;

    private TestBroker broker;
    private DefaultCamelContext camel;
    private final FakeGateway gateway = new FakeGateway();
    private final OutboxSignal signal = new OutboxSignal();

    /**
     * An outbox of documents {@code <ok n="i"/>}, and a receiver that accepts documents starting with {@code <ok},
     * refuses the rest, or fails like a store that is down.
     */
    static final class FakeGateway implements ExchangeGateway {
        final List<Outgoing> outbox = new CopyOnWriteArrayList<>();
        final List<Integer> shippedSizes = new CopyOnWriteArrayList<>();
        /** How many calls of shipped() still fail (the node crashed after the broker's commit). */
        final AtomicInteger forget = new AtomicInteger();
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<String> senders = new CopyOnWriteArrayList<>();
        final List<Integer> receivedSizes = new CopyOnWriteArrayList<>();
        /** How many calls of receiveAll() still fail (the store is down). */
        final AtomicInteger storeDown = new AtomicInteger();

        @Override
        public List<Outgoing> outgoing(String peer, int max) {
            return List.copyOf(outbox.subList(0, Math.min(max, outbox.size())));
        }

        @Override
        public void shipped(String peer, List<Outgoing> shipped) {
            if (forget.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the node crashed before it marked them shipped");
            }
            shippedSizes.add(shipped.size());
            outbox.removeAll(shipped);
        }

        @Override
        public Outcome receive(String xml, String sender) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Received> receiveAll(List<Incoming> documents) {
            receivedSizes.add(documents.size());
            if (storeDown.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the store is down");
            }
            List<Received> out = new ArrayList<>();
            for (Incoming i : documents) {
                String d = i.xml();
                senders.add(String.valueOf(i.sender()));
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
        broker = new TestBroker(dir, OUT, IN);
        camel = new DefaultCamelContext();
        camel.addComponent(BatchJmsComponent.SCHEME, new BatchJmsComponent(broker.factory()));
        ReplicationConfig config = DeadlineWatchTest.config(Map.of("recoveryIntervalMillis", 100L,
                "shipIntervalMillis", 50L));
        camel.addRoutes(new LinkOutboundRoutes(config, LVIV, gateway, null, signal));
        camel.addRoutes(new LinkInboundRoutes(config, LVIV, gateway));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        broker.close();
    }

    private static ExchangeGateway.Outgoing out(int i) {
        return new ExchangeGateway.Outgoing("00000000-0000-7000-8000-" + String.format("%012d", i), i,
                "<ok n=\"" + i + "\"/>");
    }

    private static List<BatchMessage> messages(int from, int to) {
        List<BatchMessage> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(LinkOutboundRoutes.message(out(i), "lviv", "ucc"));
        }
        return batch;
    }

    private static List<String> texts(int from, int to) {
        return messages(from, to).stream().map(BatchMessage::text).toList();
    }

    private long failed(String routeId) throws Exception {
        return camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute(routeId)
                .getExchangesFailed();
    }

    @Test
    @DisplayName("The producer: a batch resent after a crash is refused as a transaction, sent one by one: each once")
    void producerSendsBatchOnceWithTheDuplicateFallback() throws Exception {
        camel.start();
        var template = camel.createProducerTemplate();
        template.sendBody("nsoz-batch:queue:" + OUT, messages(0, 300));
        // The sender crashed before it marked them shipped: the same batch again, and more after it.
        template.sendBody("nsoz-batch:queue:" + OUT, messages(0, 300));
        template.sendBody("nsoz-batch:queue:" + OUT, messages(200, 400));
        List<TextMessage> got = broker.drain(OUT);
        assertEquals(texts(0, 400), got.stream().map(BrokerTransportTest::text).toList(),
                "in order, the broker's duplicate detection dropped the resent copies");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(out(i).messageId(), got.get(i).getStringProperty(Links.MESSAGE_ID));
            assertEquals("lviv", got.get(i).getStringProperty(Links.ORIGIN));
            assertEquals("ucc", got.get(i).getStringProperty(Links.TARGET));
        }
    }

    @Test
    @DisplayName("nsoz-outbox: the outbox leaves in batches of at most 500, in order, each message once, also when "
            + "the node crashed between the broker's commit and the outbox's update")
    void outboxRouteShipsInBatchesOnce() throws Exception {
        for (int i = 0; i < 1200; i++) {
            gateway.outbox.add(out(i));
        }
        gateway.forget.set(1);
        camel.start();
        signal.signal();
        TestBroker.await(DEADLINE, gateway.outbox::isEmpty, () -> gateway.outbox.size() + " still in the outbox");

        List<TextMessage> got = broker.drain(OUT);
        assertEquals(texts(0, 1200), got.stream().map(BrokerTransportTest::text).toList());
        assertEquals(out(7).messageId(), got.get(7).getStringProperty(Links.DUPLICATE_ID));
        assertTrue(gateway.shippedSizes.stream().allMatch(n -> n <= 500), "batches " + gateway.shippedSizes);
        assertEquals(1200, gateway.shippedSizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, failed(LinkOutboundRoutes.ROUTE_ID), "the crashed round is a failed exchange of the route");
    }

    @Test
    @DisplayName("nsoz-from-center: batches of at most 500 applied with the authenticated sender; a bad document and a "
            + "non-text message go to nsoz.dead with reason, queue and sender")
    void inboundRouteAppliesBatchesAndDeadLetters() throws Exception {
        broker.send(IN, texts(0, 1200));
        try (Connection c = broker.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(IN));
            TextMessage bad = s.createTextMessage("<bad/>");
            bad.setStringProperty(Links.MESSAGE_ID, "bad-1");
            bad.setStringProperty(Links.ORIGIN, "ucc");
            p.send(bad);
            p.send(s.createBytesMessage());
        }
        camel.start();
        TestBroker.await(DEADLINE, () -> gateway.senders.size() == 1201, () -> gateway.senders.size() + " taken");
        // The stop waits for the batch in hand: its JMS transaction is committed (or rolled back) by then.
        camel.getRouteController().stopRoute(LinkInboundRoutes.FROM_CENTER);

        assertEquals(texts(0, 1200), gateway.applied);
        assertTrue(gateway.receivedSizes.stream().allMatch(n -> n <= 500), "batches " + gateway.receivedSizes);
        assertTrue(gateway.senders.stream().allMatch("ucc"::equals), "a region's queue is filled by the center only");
        List<TextMessage> dead = broker.drain(LinkInboundRoutes.DEAD);
        assertEquals(2, dead.size());
        TextMessage bad = dead.stream().filter(m -> "<bad/>".equals(text(m))).findFirst().orElseThrow();
        assertEquals("bad-1", bad.getStringProperty(Links.MESSAGE_ID));
        assertEquals("ucc", bad.getStringProperty(Links.ORIGIN));
        assertEquals("not valid: <bad/>", bad.getStringProperty(LinkInboundRoutes.REASON));
        for (TextMessage m : dead) {
            assertEquals(IN, m.getStringProperty(LinkInboundRoutes.FROM_QUEUE));
            assertEquals("ucc", m.getStringProperty(Links.SENDER));
            assertTrue(m.getStringProperty(LinkInboundRoutes.REASON).length() > 0);
        }
        assertTrue(broker.drain(IN).isEmpty());
    }

    @Test
    @DisplayName("nsoz-from-center: a store failure fails the exchange and rolls the whole batch back; the broker "
            + "delivers it again and nothing is lost or dead")
    void storeFailureRollsBack() throws Exception {
        broker.send(IN, texts(0, 50));
        gateway.storeDown.set(2);
        camel.start();
        TestBroker.await(DEADLINE, () -> gateway.applied.size() == 50, () -> gateway.receivedSizes + " tried");
        camel.getRouteController().stopRoute(LinkInboundRoutes.FROM_CENTER);

        assertEquals(List.of(50, 50, 50), gateway.receivedSizes, "the whole batch, three times");
        assertEquals(texts(0, 50), gateway.applied);
        assertEquals(2, failed(LinkInboundRoutes.FROM_CENTER));
        assertTrue(broker.drain(LinkInboundRoutes.DEAD).isEmpty());
        assertTrue(broker.drain(IN).isEmpty());
    }

    @Test
    @DisplayName("Both routes wait for a broker that is down and carry on once it is back")
    void reconnects() throws Exception {
        broker.stopBroker();
        for (int i = 0; i < 3; i++) {
            gateway.outbox.add(out(i));
        }
        camel.start();
        TestBroker.await(DEADLINE, () -> failedQuietly(LinkOutboundRoutes.ROUTE_ID) > 0, () -> "no failed send");
        broker.startBroker();
        TestBroker.await(DEADLINE, gateway.outbox::isEmpty, () -> gateway.outbox.size() + " still in the outbox");
        broker.send(IN, texts(0, 3));
        TestBroker.await(DEADLINE, () -> gateway.applied.size() == 3, () -> gateway.applied + " applied");
        assertEquals(texts(0, 3), broker.drain(OUT).stream().map(BrokerTransportTest::text).toList());
    }

    private long failedQuietly(String routeId) {
        try {
            return failed(routeId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(TextMessage m) {
        try {
            return m.getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
