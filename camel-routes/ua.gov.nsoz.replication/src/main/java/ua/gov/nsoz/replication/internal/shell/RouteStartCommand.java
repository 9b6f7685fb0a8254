package ua.gov.nsoz.replication.internal.shell;

import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code camel:route-start ID}: starts a stopped route. */
@Service
@Command(scope = "camel", name = "route-start", description = "Запустити маршрут / Start a route")
public class RouteStartCommand extends CamelCommand {

    @Argument(index = 0, name = "route", required = true,
            description = "Ідентифікатор маршруту (camel:route-list) / The route id (camel:route-list)")
    @Completion(RouteIdCompleter.class)
    String routeId;

    @Override
    Object execute(CamelContext context) throws Exception {
        LinkRoutes.Row r = LinkRoutes.start(context, routeId);
        System.out.println("Маршрут " + r.id() + ": " + r.status() + " / Route " + r.id() + ": " + r.status());
        return null;
    }
}
