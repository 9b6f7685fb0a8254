package ua.gov.nsoz.replication.internal;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.node.Leadership;

/**
 * The deadline watch (R7) on a timer in the node's CamelContext: every {@code deadlineWatchPeriodMillis}, the first
 * time {@code deadlineWatchDelayMillis} after the start, one {@link DeadlineWatch} run reminds of terms ending within
 * {@code deadlineRemindDays} and escalates overdue appeals to the center. Added to the context by
 * {@link CamelContextOwner} like the link's routes; the timer has a thread of its own, so a long run never holds
 * up the outbox.
 */
@Component(service = RoutesBuilder.class, configurationPid = "ua.gov.nsoz.replication",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class DeadlineWatchRoutes extends RouteBuilder {

    /** The route's id (also in {@code camel:route-list}). */
    static final String ROUTE_ID = "nsoz-deadline-watch";

    private final ReplicationConfig config;
    private final DeadlineWatch watch;
    private volatile Leadership leadership;

    /**
     * @param config the replication configuration (the {@code deadline*} properties)
     * @param appeals this node's appeals
     * @param leadership whether this node runs the watch (a center of several nodes runs it at one node only)
     */
    @Activate
    public DeadlineWatchRoutes(ReplicationConfig config, @Reference AppealService appeals,
            @Reference Leadership leadership) {
        this(config, appeals, Clock.system(DeadlineWatch.KYIV));
        this.leadership = leadership;
    }

    /**
     * @param config the replication configuration
     * @param appeals this node's appeals
     * @param clock the time, for tests
     */
    DeadlineWatchRoutes(ReplicationConfig config, AppealService appeals, Clock clock) {
        this.config = config;
        this.watch = new DeadlineWatch(appeals, clock, config.deadlineRemindDays(), config.deadlineWatchBatch());
    }

    /** @return what the last run did, for an operator's view */
    DeadlineWatch.Run lastRun() {
        return watch.lastRun();
    }

    @Override
    public void configure() {
        long period = config.deadlineWatchPeriodMillis();
        if (period <= 0) {
            return;
        }
        long delay = Math.max(0, config.deadlineWatchDelayMillis());
        from("timer:" + ROUTE_ID + "?delay=" + delay + "&period=" + period)
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    if (!Leadership.leads(leadership)) {
                        return; // the center's other node, whose broker is live, runs it (docs/center-cluster.md)
                    }
                    CamelContext context = exchange.getContext();
                    // A big backlog must not hold up a shutdown or a re-configuration: stop between appeals.
                    watch.runOnce(() -> {
                        ServiceStatus status = context.getRouteController().getRouteStatus(ROUTE_ID);
                        return !context.isStopping() && !Thread.currentThread().isInterrupted()
                                && (status == null || status.isStarted());
                    });
                });
    }
}
