package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The probe routes without a broker: "jms" is Camel's direct component here, so what a route sends to a queue
 * arrives at a test route on the same name. Not for the center's sends: its {@code toD("jms:...${header}")} goes
 * through camel-jms's SendDynamicAware, which only the real JMS component understands (seen in the two-node run).
 */
class LinkProbeRoutesTest {

    @Test
    void regionStampsEachProbeWithAFreshIdAndSendsToItsOutQueue() throws Exception {
        List<Message> out = run("lviv", "jms:queue:nsoz.out", null, 3);
        assertEquals(3, out.size());
        for (Message m : out) {
            assertEquals("lviv", m.getHeader(Links.ORIGIN));
            String id = m.getHeader(Links.MESSAGE_ID, String.class);
            assertNotNull(id);
            assertEquals(id, m.getHeader(Links.DUPLICATE_ID), "the duplicate-detection id is the message id");
        }
        assertEquals(3, out.stream().map(m -> m.getHeader(Links.MESSAGE_ID)).distinct().count());
    }

    @Test
    void centerRefusesATargetThatIsNotANodeId() throws Exception {
        try (DefaultCamelContext camel = context("ucc")) {
            ProducerTemplate template = camel.createProducerTemplate();
            Exchange sent = template.send(LinkProbeRoutes.PROBE_ENDPOINT,
                    e -> e.getMessage().setHeader(Links.TARGET, "../nsoz.in"));
            assertNotNull(sent.getException());
        }
    }

    @Test
    void nodeIdsAreLowerCaseLettersDigitsAndDashes() {
        assertTrue(Links.isNodeId("kyiv-city"));
        assertFalse(Links.isNodeId("Kyiv"));
        assertFalse(Links.isNodeId("a.b"));
        assertFalse(Links.isNodeId(""));
        assertFalse(Links.isNodeId(null));
    }

    private static List<Message> run(String nodeId, String queueUri, String target, int count) throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext camel = context(nodeId)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(queueUri).process(e -> received.add(e.getMessage().copy()));
                }
            });
            ProducerTemplate template = camel.createProducerTemplate();
            for (int i = 0; i < count; i++) {
                Exchange sent = template.send(LinkProbeRoutes.PROBE_ENDPOINT, e -> {
                    if (target != null) {
                        e.getMessage().setHeader(Links.TARGET, target);
                    }
                });
                if (sent.getException() != null) {
                    throw sent.getException();
                }
            }
        }
        return received;
    }

    private static DefaultCamelContext context(String nodeId) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms", new DirectComponent());
        camel.addRoutes(new LinkProbeRoutes(config(nodeId)));
        camel.start();
        return camel;
    }

    /** The defaults of {@link ReplicationConfig}, with this node id. */
    static ReplicationConfig config(String nodeId) {
        return new ReplicationConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ReplicationConfig.class; }
            @Override public String brokerUrl() { return "tcp://127.0.0.1:61616"; }
            @Override public String user() { return "nsoz-node"; }
            @Override public String password() { return ""; }
            @Override public String nodeId() { return nodeId; }
            @Override public String centerNodeId() { return "ucc"; }
            @Override public String outQueue() { return "nsoz.out"; }
            @Override public String inQueue() { return "nsoz.in"; }
            @Override public String toQueuePrefix() { return "nsoz.to."; }
            @Override public int concurrentConsumers() { return 1; }
            @Override public long recoveryIntervalMillis() { return 5000; }
        };
    }
}
