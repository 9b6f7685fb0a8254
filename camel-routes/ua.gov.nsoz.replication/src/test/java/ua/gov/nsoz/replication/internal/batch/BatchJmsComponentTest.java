package ua.gov.nsoz.replication.internal.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.replication.internal.TestBroker;

/** The {@code nsoz-batch:} component against a real Artemis: one exchange per batch, one commit or one rollback. */
class BatchJmsComponentTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private TestBroker broker;
    private DefaultCamelContext camel;
    /** What each exchange got: the texts, and whether the broker said they were redelivered. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<Boolean> redelivered = new CopyOnWriteArrayList<>();
    private final List<Boolean> completed = new CopyOnWriteArrayList<>();
    /** How many exchanges still fail (after their dead letters were sent). */
    private final AtomicInteger failures = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        broker = new TestBroker(dir, "q", "big");
        camel = new DefaultCamelContext();
        camel.addComponent(BatchJmsComponent.SCHEME, new BatchJmsComponent(broker.factory()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("nsoz-batch:queue:q?batchSize=10&waitMillis=100&recoveryIntervalMillis=100")
                        .routeId("batch")
                        .errorHandler(noErrorHandler())
                        .process(BatchJmsComponentTest.this::record)
                        .process(BatchJmsComponentTest.this::refuseBad)
                        .to("nsoz-batch:queue:nsoz.dead")
                        .process(e -> {
                            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                throw new IllegalStateException("the store is down");
                            }
                            completed.add(true); // the consumer commits right after this
                        });
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        broker.close();
    }

    private void record(Exchange exchange) throws JMSException {
        @SuppressWarnings("unchecked")
        List<Message> batch = exchange.getIn().getBody(List.class);
        List<String> texts = new ArrayList<>();
        boolean again = false;
        for (Message m : batch) {
            texts.add(((TextMessage) m).getText());
            again |= m.getJMSRedelivered();
        }
        assertEquals("q", exchange.getIn().getHeader(BatchJmsComponent.QUEUE));
        batches.add(texts);
        redelivered.add(again);
    }

    /** The body for nsoz.dead: a letter for each text starting with "bad". */
    private void refuseBad(Exchange exchange) throws JMSException {
        @SuppressWarnings("unchecked")
        List<Message> batch = exchange.getIn().getBody(List.class);
        List<BatchMessage> letters = new ArrayList<>();
        for (Message m : batch) {
            String text = ((TextMessage) m).getText();
            if (text.startsWith("bad")) {
                letters.add(new BatchMessage(text, Map.of("NsozReason", "refused")));
            }
        }
        exchange.getIn().setBody(letters);
    }

    private static List<String> texts(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private int taken() {
        return batches.stream().mapToInt(List::size).sum();
    }

    @Test
    @DisplayName("A good batch is taken in one exchange and committed once: nothing comes again")
    void goodBatchesAreCommittedOnce() throws Exception {
        broker.send("q", texts("ok", 25));
        camel.start();
        TestBroker.await(DEADLINE, () -> completed.size() == batches.size() && taken() == 25, () -> "batches " + batches);
        camel.getRouteController().stopRoute("batch");

        assertTrue(batches.stream().allMatch(b -> b.size() <= 10), "at most batchSize per exchange: " + batches);
        assertEquals(texts("ok", 25), batches.stream().flatMap(List::stream).toList(), "in order, each once");
        assertFalse(redelivered.contains(true), "nothing was delivered twice");
        assertTrue(broker.drain("q").isEmpty(), "the commits took them off the queue");
        assertTrue(broker.drain("nsoz.dead").isEmpty());
    }

    @Test
    @DisplayName("A batch stops at maxBatchChars of text (documents' content), whatever batchSize allows")
    void batchesOfBigMessagesStopAtTheirSize() throws Exception {
        List<List<Integer>> sizes = new CopyOnWriteArrayList<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("nsoz-batch:queue:big?batchSize=10&waitMillis=100&maxBatchChars=2500")
                        .routeId("big")
                        .process(e -> {
                            List<Integer> lengths = new ArrayList<>();
                            for (Object m : e.getIn().getBody(List.class)) {
                                lengths.add(((TextMessage) m).getText().length());
                            }
                            sizes.add(lengths);
                        });
            }
        });
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            big.add(Integer.toString(i).repeat(1000));
        }
        broker.send("big", big);
        camel.start();
        TestBroker.await(DEADLINE, () -> sizes.stream().mapToInt(List::size).sum() == 5, () -> "batches " + sizes);
        camel.getRouteController().stopRoute("big");
        assertEquals(List.of(List.of(1000, 1000, 1000), List.of(1000, 1000)), sizes,
                "a batch takes messages until it holds 2500 characters or more");
        assertTrue(broker.drain("big").isEmpty());
    }

    @Test
    @DisplayName("A failing exchange rolls the whole batch back, its dead letters too; the broker redelivers it")
    void failureRollsTheWholeBatchBack() throws Exception {
        List<String> sent = List.of("ok0", "bad1", "ok2", "bad3", "ok4");
        broker.send("q", sent);
        failures.set(2);
        camel.start();
        TestBroker.await(DEADLINE, () -> !completed.isEmpty(), () -> "batches " + batches);
        camel.getRouteController().stopRoute("batch");

        assertEquals(3, batches.size(), "two failed rounds, then the one that completed: " + batches);
        for (List<String> b : batches) {
            assertEquals(sent, b, "the whole batch every time, in order");
        }
        assertEquals(List.of(false, true, true), redelivered);
        List<TextMessage> dead = broker.drain("nsoz.dead");
        assertEquals(List.of("bad1", "bad3"), dead.stream().map(BatchJmsComponentTest::text).toList(),
                "the dead letters of the rolled-back rounds went with them; those of the committed round stayed");
        assertEquals("refused", dead.get(0).getStringProperty("NsozReason"));
        assertTrue(broker.drain("q").isEmpty());
    }

    @Test
    @DisplayName("With no broker the consumer keeps trying, and takes the messages once the broker is back")
    void reconnects() throws Exception {
        broker.stopBroker();
        camel.start();
        broker.startBroker();
        broker.send("q", texts("ok", 3));
        TestBroker.await(DEADLINE, () -> taken() == 3 && !completed.isEmpty(), () -> "batches " + batches);
    }

    @Test
    @DisplayName("Outside a consumer's exchange the producer sends the list in one transaction of its own")
    void producerAlone() throws Exception {
        camel.start();
        camel.getRouteController().stopRoute("batch");
        List<BatchMessage> list = List.of(new BatchMessage("a", Map.of("k", "1")), new BatchMessage("b", Map.of()));
        camel.createProducerTemplate().sendBody("nsoz-batch:queue:q", list);
        List<TextMessage> got = broker.drain("q");
        assertEquals(List.of("a", "b"), got.stream().map(BatchJmsComponentTest::text).toList());
        assertEquals("1", got.get(0).getStringProperty("k"));
        assertThrows(org.apache.camel.CamelExecutionException.class,
                () -> camel.createProducerTemplate().sendBody("nsoz-batch:queue:q", "not a list"));
    }

    private static String text(TextMessage m) {
        try {
            return m.getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
