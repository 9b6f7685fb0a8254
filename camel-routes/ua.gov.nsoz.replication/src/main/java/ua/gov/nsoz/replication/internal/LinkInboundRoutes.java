package ua.gov.nsoz.replication.internal;

import org.apache.camel.LoggingLevel;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * The receiving side of the link. At the center: every region's messages from {@code inQueue}. At a
 * region: its own {@code toQueuePrefix + nodeId}, filled by the broker's federation from the center.
 * Each exchange document goes to the {@link ExchangeGateway}, which validates it and applies it at
 * most once, in one transaction with its inbox row. A document that is invalid or cannot be applied
 * goes to {@code nsoz.dead} with its reason in {@code NsozReason} and is never retried; any other
 * failure (the store is down) rolls the JMS transaction back, so the broker redelivers it and after
 * its attempts moves it to the dead-letter address itself.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LinkInboundRoutes extends RouteBuilder {

    /** The dead-letter queue of every node. */
    static final String DEAD = "nsoz.dead";
    /** The header that says why a message is dead. */
    static final String REASON = "NsozReason";
    /** The header that says which queue a dead message came from, for a replay. */
    static final String FROM_QUEUE = "NsozFromQueue";

    private static final String LOG_NAME = "ua.gov.nsoz.replication";

    private final ReplicationConfig config;
    private final ExchangeGateway gateway;

    /**
     * @param config the link's configuration
     * @param gateway applies received documents to the store
     */
    @Activate
    public LinkInboundRoutes(ReplicationConfig config, @Reference ExchangeGateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    @Override
    public void configure() {
        String nodeId = Links.requireNodeId("nodeId", config.nodeId());
        boolean central = nodeId.equals(config.centerNodeId());
        String queue = central ? config.inQueue() : config.toQueuePrefix() + nodeId;

        onException(RejectedMessageException.class).handled(true)
                .setHeader(REASON, simple("${exception.message}"))
                .setHeader(FROM_QUEUE, constant(queue))
                .log(LoggingLevel.WARN, LOG_NAME, "Rejected ${header." + Links.MESSAGE_ID + "} from ${header."
                        + Links.ORIGIN + "} to " + DEAD + ": ${exception.message}")
                .to("jms:queue:" + DEAD);

        from("jms:queue:" + queue + "?transacted=true&asyncStartListener=true&concurrentConsumers="
                + Math.max(1, config.concurrentConsumers()))
                .routeId(central ? "nsoz-from-regions" : "nsoz-from-center")
                .process(exchange -> {
                    ExchangeGateway.Outcome outcome = gateway.receive(exchange.getMessage().getBody(String.class));
                    exchange.getMessage().setHeader("NsozOutcome", outcome.name());
                })
                .log(LoggingLevel.DEBUG, LOG_NAME, "${header." + Links.MESSAGE_ID + "} from ${header." + Links.ORIGIN
                        + "}: ${header.NsozOutcome}");
    }
}
