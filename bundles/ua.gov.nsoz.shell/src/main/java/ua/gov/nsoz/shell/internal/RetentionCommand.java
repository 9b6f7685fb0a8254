package ua.gov.nsoz.shell.internal;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Retention;
import ua.gov.nsoz.api.ValidationException;

/**
 * {@code nsoz:retention [--dry-run|-n] [--days N]}: anonymizes the closed appeals of this node's store whose retention
 * period has passed since they last changed (R19); with {@code --dry-run} only counts and lists them. The period is
 * PID {@code ua.gov.nsoz.retention}, key {@code retentionDays}, unless {@code --days} gives one for this run.
 */
@Service
@Command(scope = "nsoz", name = "retention",
        description = "Знеособити закриті звернення після строку зберігання / Anonymize closed appeals past the "
                + "retention period")
public class RetentionCommand implements Action {

    @Reference
    Retention retention;

    @Reference
    ua.gov.nsoz.api.NodeIdentity nsozNode;

    @Option(name = "--dry-run", aliases = "-n",
            description = "Лише порахувати й показати, нічого не змінювати / Only count and list, change nothing")
    boolean dryRun;

    @Option(name = "--days",
            description = "Строк зберігання в днях для цього запуску (не менше 30) / Retention period in days for this "
                    + "run (at least 30); default: the configured one")
    Integer days;

    @Override
    public Object execute() {
        ua.gov.nsoz.api.access.AccessRules.Caller caller = ShellAccess.require(nsozNode,
                ua.gov.nsoz.api.access.Operation.RETENTION_RUN);
        Retention.Report r;
        try {
            r = retention.run(dryRun, days, caller.actor().name());
        } catch (ValidationException e) {
            throw new IllegalArgumentException(e.errors().stream().map(FieldError::message)
                    .collect(Collectors.joining("; ")), e);
        }
        System.out.printf("Строк зберігання / Retention period: %d дн. / days%n", r.retentionDays());
        System.out.printf("Межа / Cutoff: %s (закриті й не змінені до цієї миті / closed and unchanged before it)%n",
                Format.time(r.cutoff()));
        if (r.dryRun()) {
            System.out.printf("Буде знеособлено / Would be anonymized: %d%n", r.count());
        } else {
            System.out.printf("Знеособлено / Anonymized: %d%n", r.count());
        }
        if (!r.registrationNumbers().isEmpty()) {
            ShellTable t = new ShellTable();
            t.column("Реєстр. № / Number");
            r.registrationNumbers().forEach(n -> t.addRow().addContent(n));
            t.print(System.out);
            if (r.count() > r.registrationNumbers().size()) {
                long more = r.count() - r.registrationNumbers().size();
                System.out.printf("… та ще %d / and %d more%n", more, more);
            }
        }
        if (r.dryRun()) {
            System.out.println("Пробний запуск: нічого не змінено / Dry run: nothing was changed");
        }
        return null;
    }
}
