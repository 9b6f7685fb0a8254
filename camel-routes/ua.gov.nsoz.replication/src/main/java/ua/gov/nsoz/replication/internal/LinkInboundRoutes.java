package ua.gov.nsoz.replication.internal;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.replication.internal.batch.BatchJmsComponent;
import ua.gov.nsoz.replication.internal.batch.BatchMessage;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.ExchangeGateway.Received;

/**
 * The receiving side of the link: at the center, route {@value #FROM_REGIONS} on {@code inQueue} (every region's
 * appeal events and answers); at a region, route {@value #FROM_CENTER} on its own {@code toQueuePrefix + nodeId},
 * filled by the broker's federation from the center (change requests and reference updates). The gateway tells the
 * kinds of document apart; all of a batch go through one store transaction.
 *
 * <pre>
 * from("nsoz-batch:queue:nsoz.in?batchSize=500&amp;waitMillis=500")   // one JMS transaction per batch
 *   .routeId("nsoz-from-regions")
 *   .errorHandler(noErrorHandler())     // a failure rolls the batch back: the broker redelivers, then its DLA
 *   .process(toDocuments)               // text → document with its authenticated sender; anything else refused
 *   .process(apply)                     // ExchangeGateway.receiveAll: validate, apply once, ONE store transaction
 *   .filter(refused)
 *     .process(deadLetters)             // reason, from-queue and sender on a copy of each refused message
 *     .to("nsoz-batch:queue:nsoz.dead") // in the batch's JMS transaction: dead letters and removal commit together
 *   .end();                             // then the consumer commits the JMS transaction: store first, then broker
 * </pre>
 *
 * A document that is invalid or cannot be applied goes to {@code nsoz.dead} with its reason in {@value #REASON}, its
 * queue in {@value #FROM_QUEUE} and the sender the link authenticated in {@code NsozSender}, and is never retried; any
 * other failure (the store is down) fails the exchange, so {@link BatchJmsComponent}'s consumer rolls the JMS
 * transaction back, the broker redelivers the batch later and after its attempts moves it to {@code nsoz.dead} itself.
 * A crash between the store's commit and the broker's makes the broker deliver the batch again, which the inbox makes
 * harmless.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkInboundRoutes extends RouteBuilder {

    /** The center's inbound route. */
    static final String FROM_REGIONS = "nsoz-from-regions";
    /** A region's inbound route. */
    static final String FROM_CENTER = "nsoz-from-center";
    /** The dead-letter queue of every node. */
    static final String DEAD = "nsoz.dead";
    /** The header that says why a message is dead. */
    static final String REASON = "NsozReason";
    /** The header that says which queue a dead message came from, for a replay. */
    static final String FROM_QUEUE = "NsozFromQueue";
    /** How long one round of a receiver waits for the first message, in milliseconds. */
    static final long WAIT_MILLIS = 500;
    /** Exchange property: the text messages whose documents the gateway takes, in order. */
    static final String TEXTS = "NsozTexts";
    /** Exchange property: the refused messages ({@link Refused}). */
    static final String REFUSED = "NsozRefused";
    /** Longest reason kept on a dead letter. */
    private static final int REASON_MAX = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(LinkInboundRoutes.class);

    /** A message refused, and why. */
    record Refused(Message message, String reason) {
    }

    private final ReplicationConfig config;
    private final Links.Node node;
    private final ExchangeGateway gateway;

    /**
     * @param config the link's configuration
     * @param identity this node
     * @param gateway applies received documents to the store
     */
    @Activate
    public LinkInboundRoutes(ReplicationConfig config, @Reference NodeIdentity identity,
            @Reference ExchangeGateway gateway) {
        this(config, Links.Node.of(identity), gateway);
    }

    LinkInboundRoutes(ReplicationConfig config, Links.Node node, ExchangeGateway gateway) {
        this.config = config;
        this.node = node;
        this.gateway = gateway;
    }

    /** @return the queue this node receives from */
    String queue() {
        return node.central() ? config.inQueue() : config.toQueuePrefix() + node.nodeId();
    }

    @Override
    public void configure() {
        if (!node.linked()) {
            LOG.info("Node {} names no center (ua.gov.nsoz.node 'center'): nothing is received", node.nodeId());
            return;
        }
        from(BatchJmsComponent.SCHEME + ":queue:" + queue() + "?batchSize=" + Math.max(1, config.batchSize())
                + "&waitMillis=" + WAIT_MILLIS + "&concurrentConsumers=" + Math.max(1, config.concurrentConsumers())
                + "&recoveryIntervalMillis=" + Math.max(100, config.recoveryIntervalMillis()))
                .routeId(node.central() ? FROM_REGIONS : FROM_CENTER)
                // No redelivery in Camel: the consumer rolls the JMS transaction back and the broker redelivers the
                // batch (redelivery-delay), then moves it to its dead-letter address (max-delivery-attempts).
                .errorHandler(noErrorHandler())
                .process(this::toDocuments)
                .process(this::apply)
                .filter(exchange -> !exchange.getProperty(REFUSED, List.class).isEmpty())
                    .process(this::deadLetters)
                    .to(BatchJmsComponent.SCHEME + ":queue:" + DEAD)
                .end();
    }

    /** @return who the link authenticated as the message's sender ({@link Links#sender}) */
    String sender(Message m) throws JMSException {
        return Links.sender(node.central(), node.centerNodeId(), config.user(),
                m.getStringProperty(Links.VALIDATED_USER), m.getStringProperty(Links.SENDER));
    }

    /** The batch's text messages become documents with their senders; any other message is refused. */
    void toDocuments(Exchange exchange) throws JMSException {
        @SuppressWarnings("unchecked")
        List<Message> batch = exchange.getIn().getBody(List.class);
        List<ExchangeGateway.Incoming> documents = new ArrayList<>(batch.size());
        List<Message> texts = new ArrayList<>(batch.size());
        List<Refused> refused = new ArrayList<>();
        for (Message m : batch) {
            if (m instanceof TextMessage t && t.getText() != null) {
                documents.add(new ExchangeGateway.Incoming(t.getText(), sender(m)));
                texts.add(m);
            } else {
                refused.add(new Refused(m, "Not an exchange document: a " + m.getClass().getSimpleName()
                        + " without text"));
            }
        }
        exchange.setProperty(TEXTS, texts);
        exchange.setProperty(REFUSED, refused);
        exchange.getIn().setBody(documents);
    }

    /** Validates and applies the documents in one store transaction; a store failure fails the exchange. */
    void apply(Exchange exchange) throws JMSException {
        @SuppressWarnings("unchecked")
        List<ExchangeGateway.Incoming> documents = exchange.getIn().getBody(List.class);
        @SuppressWarnings("unchecked")
        List<Message> texts = exchange.getProperty(TEXTS, List.class);
        @SuppressWarnings("unchecked")
        List<Refused> refused = exchange.getProperty(REFUSED, List.class);
        List<Received> results = documents.isEmpty() ? List.of() : gateway.receiveAll(documents);
        int rejected = 0;
        for (int i = 0; i < results.size(); i++) {
            Received r = results.get(i);
            if (r.rejected() != null) {
                Message m = texts.get(i);
                LOG.warn("Rejected {} from {} to {}: {}", m.getStringProperty(Links.MESSAGE_ID),
                        m.getStringProperty(Links.ORIGIN), DEAD, r.rejected().getMessage());
                refused.add(new Refused(m, r.rejected().getMessage()));
                rejected++;
            }
        }
        LOG.debug("{} messages from {} applied, {} refused", documents.size() - rejected, queue(), refused.size());
        exchange.getIn().setBody(results);
    }

    /** A copy of each refused message, with why, where from and who sent it: the body for {@code nsoz.dead}. */
    void deadLetters(Exchange exchange) throws JMSException {
        @SuppressWarnings("unchecked")
        List<Refused> refused = exchange.getProperty(REFUSED, List.class);
        String from = exchange.getIn().getHeader(BatchJmsComponent.QUEUE, queue(), String.class);
        List<BatchMessage> letters = new ArrayList<>(refused.size());
        for (Refused r : refused) {
            letters.add(deadLetter(r.message(), r.reason(), from, sender(r.message())));
        }
        exchange.getIn().setBody(letters);
    }

    /**
     * @param original the refused message
     * @param reason why
     * @param fromQueue the queue it came from (a replay sends it back there)
     * @param sender the node the link authenticated as its sender, or null
     * @return the dead letter
     */
    static BatchMessage deadLetter(Message original, String reason, String fromQueue, String sender)
            throws JMSException {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : List.of(Links.MESSAGE_ID, Links.ORIGIN, Links.TARGET)) {
            String value = original.getStringProperty(name);
            if (value != null) {
                p.put(name, value);
            }
        }
        String why = reason == null ? "refused" : reason;
        p.put(REASON, why.length() > REASON_MAX ? why.substring(0, REASON_MAX) : why);
        p.put(FROM_QUEUE, fromQueue);
        if (sender != null) {
            p.put(Links.SENDER, sender);
        }
        return new BatchMessage(original instanceof TextMessage t ? t.getText() : null, p);
    }
}
