package ua.gov.nsoz.replication.internal;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * PLACEHOLDER of the outbound side, for proving the link: {@code direct:nsoz-link-probe} sends a probe (a text
 * body with no data) to the center (at a region: local queue {@code outQueue}, bridged by the broker to the
 * center's {@code inQueue}) or to one region (at the center: {@code toQueuePrefix + region}, pulled by the
 * region's broker). The real outbound route (outbox → exchange XML → {@code outQueue}) replaces it.
 *
 * <p>Every message carries a new UUID as its id and as Artemis' duplicate-detection id, so a resend by the bridge
 * after a failure is dropped by the receiving address.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkProbeRoutes extends RouteBuilder {

    /** Where {@code nsoz:link-ping} hands its probes. */
    static final String PROBE_ENDPOINT = "direct:nsoz-link-probe";

    private final ReplicationConfig config;

    /** @param config the link's configuration */
    @Activate
    public LinkProbeRoutes(ReplicationConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        String nodeId = Links.requireNodeId("nodeId", config.nodeId());
        boolean central = nodeId.equals(config.centerNodeId());
        if (central) {
            from(PROBE_ENDPOINT).routeId("nsoz-probe-to-region")
                    .process(exchange -> {
                        String target = exchange.getMessage().getHeader(Links.TARGET, String.class);
                        if (!Links.isNodeId(target) || target.equals(nodeId)) {
                            throw new IllegalArgumentException("not a region's node id: " + target);
                        }
                        stamp(exchange, nodeId);
                    })
                    .toD("jms:queue:" + config.toQueuePrefix() + "${header." + Links.TARGET + "}")
                    .log(LoggingLevel.DEBUG, "ua.gov.nsoz.replication",
                            "Probe ${header." + Links.MESSAGE_ID + "} sent to ${header." + Links.TARGET + "}");
        } else {
            from(PROBE_ENDPOINT).routeId("nsoz-probe-to-center")
                    .process(exchange -> stamp(exchange, nodeId))
                    .to("jms:queue:" + config.outQueue())
                    .log(LoggingLevel.DEBUG, "ua.gov.nsoz.replication",
                            "Probe ${header." + Links.MESSAGE_ID + "} sent to the center");
        }
    }

    private static void stamp(Exchange exchange, String nodeId) {
        String id = UUID.randomUUID().toString();
        exchange.getMessage().setHeader(Links.MESSAGE_ID, id);
        exchange.getMessage().setHeader(Links.DUPLICATE_ID, id);
        exchange.getMessage().setHeader(Links.ORIGIN, nodeId);
        exchange.getMessage().setBody("probe " + id);
    }
}
