package ua.gov.nsoz.replication.internal.shell;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.RouteError;

/**
 * What the {@code camel:*} commands read and do on the node's one CamelContext (owned by
 * {@code CamelContextOwner}): the routes with their state and exchange counters, and stop / start of one route.
 * The counters come from Camel's management ({@link ManagedRouteMBean}, camel-management embedded in this bundle);
 * without it the counters show "—" and only the in-flight count is known.
 */
public final class LinkRoutes {

    /** "—": a value that is not known. */
    static final String NONE = "—";
    /** How long a stop waits for the route's in-flight exchanges before it forces them (Camel's graceful stop). */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Europe/Kyiv"));
    /** The note under every table with a time. */
    static final String KYIV_TIME = "Час київський / Times are Kyiv local time";

    private LinkRoutes() {
    }

    /**
     * One route as the shell shows it.
     *
     * @param id the route id
     * @param status Camel's status (Started, Stopped, …)
     * @param uptime how long it has been started, as Camel says it
     * @param statistics whether the counters below are known
     * @param total exchanges finished (completed + failed)
     * @param completed exchanges completed
     * @param failed exchanges failed (an exception not handled)
     * @param failuresHandled failures handled by the route's error handling (e.g. sent to the dead-letter queue)
     * @param inflight exchanges being processed now
     * @param lastFailure when an exchange last failed, or null
     * @param lastFailureExchange that exchange's id, or null
     * @param from the route's input endpoint
     * @param lastError the last error of the route itself (starting, stopping), or null
     */
    public record Row(String id, String status, String uptime, boolean statistics, long total, long completed,
            long failed, long failuresHandled, long inflight, Date lastFailure, String lastFailureExchange,
            String from, String lastError) {

        /** @return the counter, or "—" when not known */
        String count(long value) {
            return statistics ? Long.toString(value) : NONE;
        }

        /** @return when an exchange last failed, Kyiv time, or "—" */
        String lastFailureText() {
            return lastFailure == null ? NONE : TIME.format(lastFailure.toInstant());
        }
    }

    /**
     * @param camel the node's CamelContext
     * @return its routes, by id
     */
    public static List<Row> rows(CamelContext camel) {
        List<Row> rows = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            rows.add(row(camel, route));
        }
        rows.sort(Comparator.comparing(Row::id));
        return rows;
    }

    /**
     * @param camel the node's CamelContext
     * @param routeId a route id
     * @return the route
     * @throws IllegalArgumentException naming the routes there are, if there is no such route
     */
    public static Row row(CamelContext camel, String routeId) {
        return row(camel, route(camel, routeId));
    }

    /**
     * Stops a route gracefully: its consumer stops taking messages, in-flight exchanges finish (at most
     * {@link #STOP_TIMEOUT}). What waits on the broker or in the outbox stays there until the route starts again.
     *
     * @return the route after the stop
     */
    public static Row stop(CamelContext camel, String routeId) throws Exception {
        route(camel, routeId);
        camel.getRouteController().stopRoute(routeId, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return row(camel, routeId);
    }

    /** @return the route after the start */
    public static Row start(CamelContext camel, String routeId) throws Exception {
        route(camel, routeId);
        camel.getRouteController().startRoute(routeId);
        return row(camel, routeId);
    }

    /** @return the ids of the context's routes, sorted (for completion) */
    public static List<String> ids(CamelContext camel) {
        return camel.getRoutes().stream().map(Route::getId).sorted().toList();
    }

    private static Route route(CamelContext camel, String routeId) {
        Route route = routeId == null ? null : camel.getRoute(routeId);
        if (route == null) {
            throw new IllegalArgumentException("Немає маршруту '" + routeId + "'; є: " + ids(camel)
                    + " / No route '" + routeId + "'; there are: " + ids(camel));
        }
        return route;
    }

    private static Row row(CamelContext camel, Route route) {
        String id = route.getId();
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        ManagedRouteMBean managed = managed(camel, id);
        InflightRepository inflight = camel.getInflightRepository();
        RouteError error = route.getLastError();
        String lastError = error == null ? null : error.getPhase() + ": " + error.getException();
        String from = route.getEndpoint() == null ? NONE : route.getEndpoint().getEndpointUri();
        String uptime = status == ServiceStatus.Started ? route.getUptime() : NONE;
        if (managed == null) {
            return new Row(id, String.valueOf(status), uptime, false, 0, 0, 0, 0,
                    inflight == null ? 0 : inflight.size(id), null, null, from, lastError);
        }
        return new Row(id, String.valueOf(status), uptime, true, managed.getExchangesTotal(),
                managed.getExchangesCompleted(), managed.getExchangesFailed(), managed.getFailuresHandled(),
                managed.getExchangesInflight(), managed.getLastExchangeFailureTimestamp(),
                managed.getLastExchangeFailureExchangeId(), from, lastError);
    }

    private static ManagedRouteMBean managed(CamelContext camel, String routeId) {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        if (managed == null || managed.getManagedCamelContext() == null) {
            return null;
        }
        return managed.getManagedRoute(routeId);
    }
}
