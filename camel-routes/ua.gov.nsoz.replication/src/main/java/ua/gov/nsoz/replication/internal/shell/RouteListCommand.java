package ua.gov.nsoz.replication.internal.shell;

import java.io.PrintStream;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code camel:route-list}: the link's routes, their state and exchanges. */
@Service
@Command(scope = "camel", name = "route-list",
        description = "Маршрути зв'язку: стан і обміни / The link's routes: state and exchanges")
public class RouteListCommand extends CamelCommand {

    @Override
    Object execute(CamelContext context) {
        print(context, System.out);
        return null;
    }

    static void print(CamelContext context, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Контекст / Context");
        table.column("Маршрут / Route");
        table.column("Стан / Status");
        table.column("Працює / Uptime");
        table.column("Усього / Total").alignRight();
        table.column("Невдалих / Failed").alignRight();
        table.column("Оброблених помилок / Handled").alignRight();
        table.column("В обробці / Inflight").alignRight();
        table.column("Остання невдача / Last failure");
        for (LinkRoutes.Row r : LinkRoutes.rows(context)) {
            table.addRow().addContent(context.getName(), r.id(), r.status(), r.uptime(), r.count(r.total()),
                    r.count(r.failed()), r.count(r.failuresHandled()), r.inflight(), r.lastFailureText());
        }
        table.print(out);
        out.println(LinkRoutes.KYIV_TIME);
    }
}
