package ua.gov.nsoz.replication.internal.shell;

import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code camel:route-stop ID}: stops one route gracefully (in-flight exchanges finish). What it would carry waits
 * (in the outbox, on the broker) until {@code camel:route-start}; a restart of the node or of the link's
 * configuration starts every route again.
 */
@Service
@Command(scope = "camel", name = "route-stop",
        description = "Зупинити маршрут (обміни в обробці завершуються) / Stop a route (in-flight exchanges finish)")
public class RouteStopCommand extends CamelCommand {

    @Argument(index = 0, name = "route", required = true,
            description = "Ідентифікатор маршруту (camel:route-list) / The route id (camel:route-list)")
    @Completion(RouteIdCompleter.class)
    String routeId;

    @Override
    Object execute(CamelContext context) throws Exception {
        LinkRoutes.Row r = LinkRoutes.stop(context, routeId);
        System.out.println("Маршрут " + r.id() + ": " + r.status() + " / Route " + r.id() + ": " + r.status());
        return null;
    }
}
