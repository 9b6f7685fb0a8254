package ua.gov.nsoz.shell.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.access.Operation;

/**
 * {@code nsoz:deadline-scan}: the appeals under consideration whose deadline is past or comes within the given
 * number of days, soonest first, and the overdue count per region (R7). Reads every open appeal of this node's
 * store: a report for an operator, not a hot path.
 */
@Service
@Command(scope = "nsoz", name = "deadline-scan",
        description = "Строки розгляду: прострочені й ті, що спливають / Deadlines: overdue and coming due")
public class DeadlineScanCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    @Reference
    AppealService appeals;

    @Option(name = "--within", aliases = "-w",
            description = "Спливає за стільки днів / Coming due within this many days (default 3)")
    int within = 3;

    @Option(name = "--max", aliases = "-n", description = "Показати не більше / Show at most this many (default 50)")
    int max = 50;

    record Row(Appeal appeal, Deadline deadline, long daysLeft) {
    }

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.REPORT_READ);
        if (within < 0 || max < 1) {
            throw new IllegalArgumentException("--within ≥ 0, --max ≥ 1");
        }
        LocalDate today = LocalDate.now(KYIV);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> overdueByRegion = new TreeMap<>();
        int open = 0;
        for (AppealStatus status : AppealStatus.values()) {
            if (!status.isOpen()) {
                continue;
            }
            for (int offset = 0;; offset += AppealQuery.MAX_LIMIT) {
                Page<Appeal> page = appeals.search(new AppealQuery(status, null, null, null, null, null, null, offset,
                        AppealQuery.MAX_LIMIT));
                for (Appeal a : page.items()) {
                    open++;
                    Deadline d = appeals.deadline(a);
                    long left = ChronoUnit.DAYS.between(today, d.dueDate());
                    if (left < 0) {
                        overdueByRegion.merge(a.region() == null ? "—" : a.region(), 1, Integer::sum);
                    }
                    if (left <= within) {
                        rows.add(new Row(a, d, left));
                    }
                }
                if (offset + page.items().size() >= page.total() || page.items().isEmpty()) {
                    break;
                }
            }
        }
        rows.sort(Comparator.comparingLong(Row::daysLeft));
        ShellTable t = new ShellTable();
        t.column("Реєстр. № / Number");
        t.column(Format.PRIORITY_COLUMN);
        t.column("Статус / Status");
        t.column("Строк / Due");
        t.column("Днів / Days left").alignRight();
        t.column("Регіон / Region");
        List<Row> shown = rows.subList(0, Math.min(max, rows.size()));
        for (Row r : shown) {
            t.addRow().addContent(r.appeal().registrationNumber(), Format.flag(r.appeal()), r.appeal().status(),
                    r.deadline().dueDate(), r.daysLeft() < 0 ? r.daysLeft() + " (прострочено / overdue)" : r.daysLeft(),
                    r.appeal().region() == null ? "—" : r.appeal().region());
        }
        t.print(System.out);
        if (shown.stream().anyMatch(r -> r.appeal().processing().priority())) {
            System.out.println(Format.PRIORITY_LEGEND);
        }
        long overdue = overdueByRegion.values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("На розгляді / Open: %d; прострочено / overdue: %d; спливає за %d дн. / due within %d days: %d%n",
                open, overdue, within, within, rows.stream().filter(r -> r.daysLeft() >= 0).count());
        overdueByRegion.forEach((region, n) -> System.out.printf("  прострочено в / overdue in %s: %d%n", region, n));
        return null;
    }
}
