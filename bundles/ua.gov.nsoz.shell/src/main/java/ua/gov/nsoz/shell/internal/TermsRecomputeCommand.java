package ua.gov.nsoz.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.DueDateChange;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;

/**
 * {@code nsoz:terms-recompute [--dry-run|-n]}: recomputes the last day of the term of every open appeal this node
 * holds under the rule set of terms in force (after the rule set changed) and lists each one that moved
 * ({@link AppealService#recomputeDueDates}); with {@code --dry-run} only lists them. Registration numbers and dates
 * only: nothing of the applicant.
 */
@Service
@Command(scope = "nsoz", name = "terms-recompute",
        description = "Перерахувати строки розгляду відкритих звернень за чинними правилами строків / Recompute the "
                + "due dates of open appeals under the rule set of terms in force")
public class TermsRecomputeCommand implements Action {

    @Reference
    AppealService appeals;

    @Reference
    NodeIdentity nsozNode;

    @Option(name = "--dry-run", aliases = "-n",
            description = "Лише показати, що зміниться, нічого не змінювати / Only list what would move, change "
                    + "nothing")
    boolean dryRun;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.TERMS_RECOMPUTE);
        List<DueDateChange> changes = appeals.recomputeDueDates(!dryRun);
        if (!changes.isEmpty()) {
            ShellTable t = new ShellTable();
            t.column("Реєстр. № / Number");
            t.column("Було / Was");
            t.column("Стало / Now");
            t.column("Записано / Applied");
            for (DueDateChange c : changes) {
                t.addRow().addContent(c.registrationNumber(), c.before() == null ? "—" : c.before(),
                        c.after() == null ? "—" : c.after(), c.applied() ? "так / yes" : "ні / no");
            }
            t.print(System.out);
        }
        long applied = changes.stream().filter(DueDateChange::applied).count();
        if (dryRun) {
            System.out.printf("Буде перенесено строків / Due dates that would move: %d%n", changes.size());
            System.out.println("Пробний запуск: нічого не змінено / Dry run: nothing was changed");
        } else {
            System.out.printf("Перенесено строків / Due dates moved: %d%n", applied);
            long skipped = changes.size() - applied;
            if (skipped > 0) {
                System.out.printf("Не записано, звернення змінилося тим часом (повторіть) / Not written, the appeal "
                        + "changed meanwhile (run again): %d%n", skipped);
            }
        }
        return null;
    }
}
