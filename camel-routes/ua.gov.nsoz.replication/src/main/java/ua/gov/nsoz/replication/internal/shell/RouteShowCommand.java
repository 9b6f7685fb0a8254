package ua.gov.nsoz.replication.internal.shell;

import java.io.PrintStream;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code camel:route-show ID}: one route, its endpoint, exchanges and last failure. */
@Service
@Command(scope = "camel", name = "route-show",
        description = "Маршрут зв'язку докладно / One route of the link in detail")
public class RouteShowCommand extends CamelCommand {

    @Argument(index = 0, name = "route", required = true,
            description = "Ідентифікатор маршруту (camel:route-list) / The route id (camel:route-list)")
    @Completion(RouteIdCompleter.class)
    String routeId;

    @Override
    Object execute(CamelContext context) {
        print(LinkRoutes.row(context, routeId), System.out);
        return null;
    }

    static void print(LinkRoutes.Row r, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Властивість / Property");
        table.column("Значення / Value");
        table.addRow().addContent("Маршрут / Route", r.id());
        table.addRow().addContent("Стан / Status", r.status());
        table.addRow().addContent("Працює / Uptime", r.uptime());
        table.addRow().addContent("Звідки / From", r.from());
        table.addRow().addContent("Усього / Total", r.count(r.total()));
        table.addRow().addContent("Успішних / Completed", r.count(r.completed()));
        table.addRow().addContent("Невдалих / Failed", r.count(r.failed()));
        table.addRow().addContent("Оброблених помилок / Failures handled", r.count(r.failuresHandled()));
        table.addRow().addContent("В обробці / Inflight", r.inflight());
        table.addRow().addContent("Остання невдача / Last failure", r.lastFailureText());
        table.addRow().addContent("Її обмін / Its exchange",
                r.lastFailureExchange() == null ? LinkRoutes.NONE : r.lastFailureExchange());
        table.addRow().addContent("Помилка маршруту / Route error",
                r.lastError() == null ? LinkRoutes.NONE : r.lastError());
        table.print(out);
        out.println(LinkRoutes.KYIV_TIME);
        if (!r.statistics()) {
            out.println("Лічильники недоступні: керування Camel вимкнено / Counters unavailable: Camel's management "
                    + "is off");
        }
    }
}
