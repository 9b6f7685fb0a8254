package ua.gov.nsoz.shell.internal;

import java.util.List;
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
import ua.gov.nsoz.api.access.Role;
import ua.gov.nsoz.reports.ReportInfo;
import ua.gov.nsoz.reports.Reports;

/**
 * {@code nsoz:report [list]} and {@code nsoz:report generate --year Y --quarter Q}: the quarterly reports to the
 * Secretariat, as {@code GET} and {@code POST /api/v1/reports} (the PDF itself is fetched over REST,
 * {@code GET /api/v1/reports/{id}}). The center's analysts' work.
 */
@Service
@Command(scope = "nsoz", name = "report",
        description = "Квартальні звіти: перелік, сформувати / Quarterly reports: list, generate")
public class ReportCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    Reports reports;

    @Argument(index = 0, name = "action", description = "list (типово / default) | generate")
    @Completion(ActionCompleter.class)
    String action = "list";

    @Option(name = "--year", aliases = "-y", description = "Рік / Year (generate)")
    Integer year;

    @Option(name = "--quarter", aliases = "-q", description = "Квартал 1–4 / Quarter 1-4 (generate)")
    Integer quarter;

    @Override
    public Object execute() {
        requireAnalyst(ShellAccess.require(nsozNode, Operation.REPORT_READ));
        switch (action == null ? "list" : action.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "list" -> print(reports.list());
            case "generate" -> {
                if (year == null || quarter == null) {
                    throw new IllegalArgumentException("Потрібні --year і --quarter / --year and --quarter are needed");
                }
                if (quarter < 1 || quarter > 4) {
                    throw new IllegalArgumentException("--quarter: від 1 до 4 / 1 to 4");
                }
                ReportInfo r = reports.generateQuarterly(year, quarter);
                System.out.printf("Сформовано / Generated: %s (%d-Q%d, %d bytes); PDF: GET /api/v1/reports/%s%n",
                        r.id(), r.year(), r.quarter(), r.size(), r.id());
            }
            default -> throw new IllegalArgumentException("Невідома дія / Unknown action '" + action
                    + "'; expected list or generate");
        }
        return null;
    }

    static void print(List<ReportInfo> list) {
        ShellTable t = new ShellTable();
        t.column("Id");
        t.column("Квартал / Quarter");
        t.column("Період / Period");
        t.column("Сформовано / Made (Kyiv)");
        t.column("Байт / Bytes").alignRight();
        for (ReportInfo r : list) {
            t.addRow().addContent(r.id(), r.year() + "-Q" + r.quarter(), r.from() + " – " + r.to(),
                    Format.time(r.generatedAt()), r.size());
        }
        t.print(System.out);
        System.out.printf("Звітів: %d / Reports: %d%n", list.size(), list.size());
    }

    /**
     * Monitoring alerts and the national quarterly report are the center's analysts' (docs/security.md).
     *
     * @throws SecurityException otherwise
     */
    static void requireAnalyst(AccessRules.Caller caller) {
        if (!caller.roles().contains(Role.ANALYST)) {
            throw new SecurityException("Вашим ролям це не дозволено / Not allowed to your roles: needs "
                    + Role.ANALYST.jaasName());
        }
    }

    /** list, generate. */
    @Service
    public static final class ActionCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return new StringsCompleter(List.of("list", "generate")).complete(session, commandLine, candidates);
        }
    }
}
