package ua.gov.nsoz.replication.internal;

import java.util.UUID;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * PLACEHOLDER of the inbound side, for proving the link. At the center: consume {@code inQueue} (every region's
 * messages), log the id, and answer the origin region through {@code toQueuePrefix + origin}, a queue on the
 * center's broker that the region pulls. At a region: consume the local {@code toQueuePrefix + nodeId}, filled by
 * the broker's federation from the center, and log the id. The real routes (validate against the exchange XSD,
 * then apply through an OSGi service such as an {@code ExchangeHandler} of another bundle) replace the
 * "placeholder" steps; both consumers are transacted, so a failure rolls back to the broker, which redelivers and
 * finally moves the message to the dead-letter address.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkInboundRoutes extends RouteBuilder {

    private static final String LOG_NAME = "ua.gov.nsoz.replication";

    private final ReplicationConfig config;

    /** @param config the link's configuration */
    @Activate
    public LinkInboundRoutes(ReplicationConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        String nodeId = Links.requireNodeId("nodeId", config.nodeId());
        boolean central = nodeId.equals(config.centerNodeId());
        if (central) {
            from("jms:queue:" + config.inQueue() + "?transacted=true&asyncStartListener=true")
                    .routeId("nsoz-from-regions")
                    .process(exchange -> {
                        Message in = exchange.getMessage();
                        String origin = in.getHeader(Links.ORIGIN, String.class);
                        if (!Links.isNodeId(origin)) {
                            throw new IllegalArgumentException("message without a valid origin node id");
                        }
                    })
                    .log(LoggingLevel.INFO, LOG_NAME,
                            "Received ${header." + Links.MESSAGE_ID + "} from ${header." + Links.ORIGIN + "}")
                    // placeholder: validate → apply (an OSGi service) goes here; then the answer to the origin
                    .process(exchange -> {
                        Message m = exchange.getMessage();
                        String received = m.getHeader(Links.MESSAGE_ID, String.class);
                        String origin = m.getHeader(Links.ORIGIN, String.class);
                        String id = UUID.randomUUID().toString();
                        m.setHeader(Links.TARGET, origin);
                        m.setHeader(Links.ORIGIN, nodeId);
                        m.setHeader(Links.MESSAGE_ID, id);
                        // derived from the received id: a redelivered message yields an answer the address drops
                        m.setHeader(Links.DUPLICATE_ID, "answer:" + received);
                        m.setBody("answer to " + received);
                    })
                    .toD("jms:queue:" + config.toQueuePrefix() + "${header." + Links.TARGET + "}");
        } else {
            from("jms:queue:" + config.toQueuePrefix() + nodeId + "?transacted=true&asyncStartListener=true")
                    .routeId("nsoz-from-center")
                    .log(LoggingLevel.INFO, LOG_NAME,
                            "Received ${header." + Links.MESSAGE_ID + "} from ${header." + Links.ORIGIN + "}");
                    // placeholder: validate → apply (an OSGi service) goes here
        }
    }
}
