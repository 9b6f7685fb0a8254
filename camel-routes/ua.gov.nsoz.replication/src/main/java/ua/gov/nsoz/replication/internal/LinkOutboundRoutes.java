package ua.gov.nsoz.replication.internal;

import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;

/**
 * The sending side of the link: the outbox, drained in commit order to the local broker, never on
 * the path of the request that made the change. A region sends everything to {@code outQueue} (the
 * core bridge forwards it to the center); the center sends to {@code toQueuePrefix + region} on its own
 * broker (the region pulls it). Each message carries its id as Artemis' duplicate-detection id; an
 * entry leaves the outbox only after the broker took it, so a crash in between resends it, and the
 * receiver's duplicate detection and inbox make that harmless.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkOutboundRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(LinkOutboundRoutes.class);
    /** Documents taken from the outbox per round. */
    static final int BATCH = 500;

    private final ReplicationConfig config;
    private final ExchangeGateway gateway;
    private final ReplicationStore store;

    /**
     * @param config the link's configuration
     * @param gateway turns outbox entries into exchange documents
     * @param store lists the peers with something waiting
     */
    @Activate
    public LinkOutboundRoutes(ReplicationConfig config, @Reference ExchangeGateway gateway,
            @Reference ReplicationStore store) {
        this.config = config;
        this.gateway = gateway;
        this.store = store;
    }

    @Override
    public void configure() {
        String nodeId = Links.requireNodeId("nodeId", config.nodeId());
        boolean central = nodeId.equals(config.centerNodeId());
        from("timer:nsoz-outbox?period=" + Math.max(50, config.shipIntervalMillis()) + "&delay=1000")
                .routeId("nsoz-outbox")
                .process(exchange -> {
                    // One template for the route's life (not one per tick): the context stops it.
                    ProducerTemplate producer = producer(exchange.getContext());
                    List<String> peers = central ? store.peers() : List.of(config.centerNodeId());
                    for (String peer : peers) {
                        if (!Links.isNodeId(peer) || peer.equals(nodeId)) {
                            continue;
                        }
                        String endpoint = "jms:queue:" + (central ? config.toQueuePrefix() + peer : config.outQueue());
                        ship(producer, nodeId, peer, endpoint);
                    }
                });
    }

    private ProducerTemplate producer;

    private synchronized ProducerTemplate producer(org.apache.camel.CamelContext context) {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    /** Sends what waits for one peer, batch after batch, until the outbox is empty or the broker fails. */
    private void ship(ProducerTemplate producer, String nodeId, String peer, String endpoint) {
        while (true) {
            List<Outgoing> batch = gateway.outgoing(peer, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (Outgoing o : batch) {
                producer.sendBodyAndHeaders(endpoint, o.xml(), Map.of(Links.DUPLICATE_ID, o.messageId(),
                        Links.MESSAGE_ID, o.messageId(), Links.ORIGIN, nodeId, Links.TARGET, peer));
            }
            gateway.shipped(peer, batch);
            LOG.debug("Shipped {} documents to {}", batch.size(), peer);
            if (batch.size() < BATCH) {
                return;
            }
        }
    }
}
