package ua.gov.nsoz.shell.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AuditChain;

/**
 * {@code nsoz:audit [--user U] [--appeal ID] [--action A] [--from DATE] [--to DATE] [--limit N] [--verify]}: the audit
 * log of personal data, newest first; {@code --verify} walks the log's hash chain instead and says whether it holds.
 */
@Service
@Command(scope = "nsoz", name = "audit",
        description = "Журнал доступу до персональних даних / Audit log of personal data, newest first")
public class AuditCommand implements Action {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    @Reference
    AuditLog audit;

    @Reference
    ua.gov.nsoz.api.NodeIdentity nsozNode;

    /** Only for --verify: the store that keeps the chain. */
    @Reference(optional = true)
    AuditChain chain;

    /** Turns a registration number into the appeal's id, and an id into its number for the table. */
    @Reference(optional = true)
    AppealService appeals;

    @Option(name = "--user", aliases = "-u", description = "Користувач / User name")
    String user;

    @Option(name = "--appeal", aliases = "-a",
            description = "Id або реєстраційний номер звернення / Appeal id or registration number")
    @Completion(Completers.AppealIdCompleter.class)
    String appeal;

    @Option(name = "--action", description = "Дія / Action: READ, SEARCH, CREATE, CHANGE, EXPORT, ANONYMIZE, DENIED")
    @Completion(Completers.AuditActionCompleter.class)
    String action;

    @Option(name = "--from", description = "З дати (включно) / From date, yyyy-MM-dd, Kyiv time")
    String from;

    @Option(name = "--to", description = "По дату (включно) / To date, yyyy-MM-dd, Kyiv time, inclusive")
    String to;

    @Option(name = "--limit", aliases = "-n", description = "Скільки показати / How many to show (1-1000, default 50)")
    int limit = 50;

    @Option(name = "--verify",
            description = "Перевірити ланцюжок хешів журналу / Check the log's hash chain")
    boolean verify;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, ua.gov.nsoz.api.access.Operation.AUDIT_READ);
        if (verify) {
            return verify();
        }
        AuditQuery q = new AuditQuery(blankToNull(user), appealId(), parse(action), day(from, 0), day(to, 1), 0, limit);
        Page<AuditEntry> page;
        try {
            page = audit.search(q);
        } catch (ValidationException e) {
            throw new IllegalArgumentException(e.errors().stream().map(f -> f.field() + ": " + f.message())
                    .collect(Collectors.joining("; ")), e);
        }
        ShellTable t = new ShellTable();
        t.column("№ / Seq").alignRight();
        t.column("Коли / At (Kyiv)");
        t.column("Хто / Actor");
        t.column("Дія / Action");
        t.column("Звернення / Appeal");
        t.column("Що / What").maxSize(60);
        t.column("Звідки / Origin");
        for (AuditEntry e : page.items()) {
            t.addRow().addContent(e.seq(), Format.time(e.at()), e.actor(), e.action(), appealLabel(e.appealId()),
                    Format.abbreviate(e.what(), 60), e.origin());
        }
        t.print(System.out);
        System.out.printf("Показано %d з %d / Showing %d of %d%n", page.items().size(), page.total(),
                page.items().size(), page.total());
        return null;
    }

    private Object verify() {
        if (chain == null) {
            throw new IllegalStateException("Сховище цього вузла не веде ланцюжок журналу / This node's store keeps no "
                    + "chain for its audit log");
        }
        OptionalLong broken = chain.verify();
        if (broken.isEmpty()) {
            System.out.println("Ланцюжок цілий: OK / Chain intact: OK");
        } else {
            System.out.printf("Ланцюжок порушено з запису № %d / Chain broken at seq %d%n", broken.getAsLong(),
                    broken.getAsLong());
        }
        return null;
    }

    /** The id the log keeps: a registration number is looked up, anything else is taken as an id. */
    private String appealId() {
        String value = blankToNull(appeal);
        if (value == null || appeals == null) {
            return value;
        }
        return appeals.find(value).map(Appeal::id).orElse(value);
    }

    private String appealLabel(String appealId) {
        if (appealId == null) {
            return "—";
        }
        if (appeals == null) {
            return appealId;
        }
        return appeals.get(appealId).map(Appeal::registrationNumber).orElse(appealId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static AuditAction parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Невідома дія / Unknown action '" + value + "'; expected one of "
                    + java.util.Arrays.toString(AuditAction.values()));
        }
    }

    static Instant day(String value, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(KYIV).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Очікується дата yyyy-MM-dd / Expected a date like 2026-01-31, got '"
                    + value + "'");
        }
    }
}
