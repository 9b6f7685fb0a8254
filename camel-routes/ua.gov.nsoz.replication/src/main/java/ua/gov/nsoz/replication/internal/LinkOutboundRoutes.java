package ua.gov.nsoz.replication.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.replication.internal.batch.BatchJmsComponent;
import ua.gov.nsoz.replication.internal.batch.BatchMessage;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;

/**
 * The sending side of the link, route {@value #ROUTE_ID}: the outbox, drained in commit order to the local broker,
 * never on the path of the request that made the change.
 *
 * <pre>
 * from("nsoz-outbox:lviv?batchSize=500&amp;lingerMillis=20&amp;intervalMillis=200")   // a batch per peer, in commit order
 *   .routeId("nsoz-outbox")
 *   .errorHandler(noErrorHandler())        // a failed send leaves the batch in the outbox: the next round resends it
 *   .process(toMessages)                   // document → text message, its id as Artemis' duplicate-detection id
 *   .to("nsoz-batch:queue:nsoz.out")       // a region; the center: .toD("nsoz-batch:queue:nsoz.to.${header.NsozPeer}")
 *   .process(markShipped);                 // the entries leave the outbox only after the broker committed them
 * </pre>
 *
 * A region sends everything to {@code outQueue} (the core bridge forwards it to the center); the center sends to
 * {@code toQueuePrefix + region} on its own broker (the region pulls it by federation). A batch of up to
 * {@code batchSize} documents goes in one local JMS transaction ({@link BatchJmsComponent}: one journal sync instead
 * of one per message, and the one-by-one resend when Artemis refuses a transaction holding a duplicate); a crash
 * between the broker's commit and {@code markShipped} resends the batch, which the receiver's duplicate detection
 * and inbox make harmless. The consumer wakes as soon as a local change commits ({@link OutboxSignal}) and lets
 * {@code lingerMillis} pass so that what commits meanwhile goes in the same batch ({@link OutboxComponent}).
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkOutboundRoutes extends RouteBuilder {

    /** The route's id (also in {@code camel:route-list}). */
    static final String ROUTE_ID = "nsoz-outbox";
    /** Exchange property: the outbox entries the exchange carries, marked shipped once the broker has them. */
    static final String SHIPPING = "NsozShipping";
    /**
     * The JMS message group of a region's messages (Artemis' {@code _AMQ_GROUP_ID}): its node id. A center of several
     * nodes has a consumer of {@code nsoz.in} on each; the broker gives all of one group to one consumer at a time, so
     * each region's documents are applied in the order the region sent them (docs/center-cluster.md).
     */
    static final String GROUP_ID = "JMSXGroupID";

    private static final Logger LOG = LoggerFactory.getLogger(LinkOutboundRoutes.class);

    private final ReplicationConfig config;
    private final Links.Node node;
    private final ExchangeGateway gateway;
    private final ReplicationStore store;
    private final OutboxSignal signal;
    private final Leadership leadership;

    /**
     * @param config the link's configuration
     * @param identity this node
     * @param gateway turns outbox entries into exchange documents
     * @param store lists the peers with something waiting
     * @param signal wakes the route when a local change commits
     * @param leadership whether this node ships (a center of several nodes ships from one node only)
     */
    @Activate
    public LinkOutboundRoutes(ReplicationConfig config, @Reference NodeIdentity identity,
            @Reference ExchangeGateway gateway, @Reference ReplicationStore store, @Reference OutboxSignal signal,
            @Reference Leadership leadership) {
        this(config, Links.Node.of(identity), gateway, store, signal, leadership);
    }

    LinkOutboundRoutes(ReplicationConfig config, Links.Node node, ExchangeGateway gateway, ReplicationStore store,
            OutboxSignal signal) {
        this(config, node, gateway, store, signal, null);
    }

    LinkOutboundRoutes(ReplicationConfig config, Links.Node node, ExchangeGateway gateway, ReplicationStore store,
            OutboxSignal signal, Leadership leadership) {
        this.config = config;
        this.node = node;
        this.gateway = gateway;
        this.store = store;
        this.signal = signal;
        this.leadership = leadership;
    }

    @Override
    public void configure() {
        if (!node.linked()) {
            LOG.info("Node {} names no center (ua.gov.nsoz.node 'center'): nothing is shipped", node.nodeId());
            return;
        }
        // The component reads this node's outbox; made again with the routes (a re-configuration re-adds them).
        getContext().removeComponent(OutboxComponent.SCHEME);
        getContext().addComponent(OutboxComponent.SCHEME, new OutboxComponent(gateway, this::peers, signal));
        String from = OutboxComponent.SCHEME + ":" + node.nodeId() + "?batchSize=" + Math.max(1, config.batchSize())
                + "&lingerMillis=" + Math.max(0, config.lingerMillis())
                + "&intervalMillis=" + Math.max(50, config.shipIntervalMillis());
        var route = from(from)
                .routeId(ROUTE_ID)
                // A failure (the broker is down) leaves the batch in the outbox; the consumer's next round resends it.
                .errorHandler(noErrorHandler())
                .process(this::toMessages);
        if (node.central()) {
            // Node ids only (Links.isNodeId, checked in peers()): nothing else can reach the endpoint's URI.
            route.toD(BatchJmsComponent.SCHEME + ":queue:" + config.toQueuePrefix() + "${header."
                    + OutboxComponent.PEER + "}");
        } else {
            route.to(BatchJmsComponent.SCHEME + ":queue:" + config.outQueue());
        }
        route.process(this::markShipped);
    }

    /**
     * @return the peers of a round: at a region its center; at the center its regions, then every peer known; none at
     *     a center node that does not lead (the center's outbox is shared: the leading node ships it)
     */
    List<String> peers() {
        if (!node.central()) {
            return List.of(node.centerNodeId());
        }
        if (!Leadership.leads(leadership)) {
            return List.of();
        }
        // The configured regions first: their queues are made at once, so a region's federation finds its queue at
        // its first try; then every other peer the outbox or inbox knows.
        LinkedHashSet<String> peers = new LinkedHashSet<>(Links.regions(node, config));
        peers.addAll(store.peers());
        return peers.stream().filter(Links::isNodeId).filter(p -> !p.equals(node.nodeId())).toList();
    }

    /** The batch's documents as text messages with the link's properties. */
    void toMessages(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Outgoing> batch = exchange.getIn().getBody(List.class);
        String peer = exchange.getIn().getHeader(OutboxComponent.PEER, String.class);
        List<BatchMessage> messages = new ArrayList<>(batch.size());
        for (Outgoing o : batch) {
            messages.add(message(o, node.nodeId(), peer));
        }
        exchange.setProperty(SHIPPING, batch);
        exchange.getIn().setBody(messages);
    }

    /** @return one document as the broker carries it: its id also the duplicate-detection id */
    static BatchMessage message(Outgoing o, String nodeId, String peer) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Links.DUPLICATE_ID, o.messageId());
        p.put(Links.MESSAGE_ID, o.messageId());
        p.put(Links.ORIGIN, nodeId);
        p.put(Links.TARGET, peer);
        p.put(GROUP_ID, nodeId);
        return new BatchMessage(o.xml(), p);
    }

    /** The broker has committed the batch: its entries leave the outbox. */
    void markShipped(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Outgoing> batch = exchange.getProperty(SHIPPING, List.class);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        String peer = exchange.getIn().getHeader(OutboxComponent.PEER, String.class);
        gateway.shipped(peer, batch);
        LOG.debug("Shipped {} documents to {}", batch.size(), peer);
    }
}
