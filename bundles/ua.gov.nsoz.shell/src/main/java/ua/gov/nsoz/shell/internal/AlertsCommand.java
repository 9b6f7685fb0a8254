package ua.gov.nsoz.shell.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Alerts;

/**
 * {@code nsoz:alerts [list] [--status S]}, {@code nsoz:alerts ack ID}, {@code nsoz:alerts close ID [--note TEXT]},
 * {@code nsoz:alerts scan}: the alerts of the monitoring of public opinion, as {@code /api/v1/alerts}. The center's
 * analysts' work; an alert carries no applicant's data.
 */
@Service
@Command(scope = "nsoz", name = "alerts",
        description = "Сповіщення моніторингу: перелік, прийняти, закрити, перевірити / Monitoring alerts: list, ack, "
                + "close, scan")
public class AlertsCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    Alerts alerts;

    @Argument(index = 0, name = "action", description = "list (типово / default) | ack | close | scan")
    @Completion(ActionCompleter.class)
    String action = "list";

    @Argument(index = 1, name = "id", description = "Id сповіщення / The alert's id (ack, close)")
    String id;

    @Option(name = "--status", aliases = "-s", description = "OPEN, ACKNOWLEDGED, CLOSED (list)")
    String status;

    @Option(name = "--note", description = "Примітка / Note (close): what was done, or why a false alarm")
    String note;

    @Option(name = "--limit", aliases = "-n", description = "Скільки показати / How many (1-500, default 50)")
    int limit = 50;

    @Override
    public Object execute() {
        AccessRules.Caller caller = ShellAccess.require(nsozNode, Operation.REPORT_READ);
        ReportCommand.requireAnalyst(caller);
        String analyst = caller.actor().name();
        switch (action == null ? "list" : action.strip().toLowerCase(Locale.ROOT)) {
            case "list" -> print(alerts.list(StatsCommand.option("--status", status, AlertStatus.class, null),
                    Math.max(1, Math.min(Alerts.MAX_LIMIT, limit))));
            case "ack", "acknowledge" -> done("Прийнято до уваги / Acknowledged", alerts.acknowledge(id(), analyst));
            case "close" -> done("Закрито / Closed", alerts.close(id(), analyst, note));
            case "scan" -> {
                List<Alert> raised = alerts.scan(LocalDate.now(StatsCommand.KYIV));
                System.out.printf("Нових сповіщень: %d / New alerts: %d%n", raised.size(), raised.size());
                if (!raised.isEmpty()) {
                    print(raised);
                }
            }
            default -> throw new IllegalArgumentException("Невідома дія / Unknown action '" + action
                    + "'; expected list, ack, close or scan");
        }
        return null;
    }

    private String id() {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Потрібен id сповіщення / The alert's id is needed");
        }
        return id.strip();
    }

    private static void done(String what, Alert a) {
        System.out.println(what + ": " + a.id() + " — " + a.summary());
    }

    static void print(List<Alert> list) {
        ShellTable t = new ShellTable();
        t.column("Id");
        t.column("Вид / Kind");
        t.column("Розділ / Section");
        t.column("Регіон / Region");
        t.column("З / Since");
        t.column("По / Last day");
        t.column("Є / Observed").alignRight();
        t.column("Очік. / Expected").alignRight();
        t.column("Поріг / Threshold").alignRight();
        t.column("Рівень / Severity");
        t.column("Стан / Status");
        for (Alert a : list) {
            t.addRow().addContent(a.id(), a.kind(), a.section(), a.region(), a.since(), a.lastDay(), a.observed(),
                    String.format(Locale.ROOT, "%.1f", a.expected()), a.threshold(),
                    a.severity() == null ? "—" : a.severity(), a.status());
        }
        t.print(System.out);
        System.out.printf("Сповіщень: %d / Alerts: %d%n", list.size(), list.size());
    }

    /** list, ack, close, scan. */
    @Service
    public static final class ActionCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return new StringsCompleter(List.of("list", "ack", "close", "scan")).complete(session, commandLine,
                    candidates);
        }
    }
}
