package ua.gov.nsoz.shell.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;

/** {@code nsoz:appeal-list}: appeals of this node, newest first, with filters. */
@Service
@Command(scope = "nsoz", name = "appeal-list", description = "Список звернень / List appeals, newest first")
public class AppealListCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    AppealService appeals;

    @Option(name = "-s", aliases = "--status", description = "Статус / Status")
    @Completion(Completers.StatusCompleter.class)
    String status;

    @Option(name = "-k", aliases = "--kind", description = "Вид / Kind: PROPOSAL, APPLICATION, COMPLAINT")
    @Completion(Completers.KindCompleter.class)
    String kind;

    @Option(name = "-c", aliases = "--channel", description = "Канал / Channel")
    @Completion(Completers.ChannelCompleter.class)
    String channel;

    @Option(name = "-r", aliases = "--region", description = "Регіон / Region code, e.g. UA-46")
    String region;

    @Option(name = "--from", description = "З дати (включно) / From date, yyyy-MM-dd, Kyiv time")
    String from;

    @Option(name = "--to", description = "По дату (включно) / To date, yyyy-MM-dd, Kyiv time, inclusive")
    String to;

    @Option(name = "-q", aliases = "--text", description = "Пошук у тексті й темі / Words in the text or topic")
    String text;

    @Option(name = "-n", aliases = "--limit", description = "Скільки показати / How many to show (1-500)")
    int limit = 20;

    @Option(name = "-o", aliases = "--offset", description = "Скільки пропустити / How many to skip")
    int offset;

    @Override
    public Object execute() {
        AccessRules.Caller caller = ShellAccess.require(nsozNode, Operation.APPEAL_SEARCH);
        AppealQuery q = new AppealQuery(parse(AppealStatus.class, status), parse(AppealKind.class, kind),
                parse(Channel.class, channel), region, day(from, 0), day(to, 1), text, offset, limit);
        Page<Appeal> page = appeals.search(AccessRules.scoped(caller, q));
        ShellTable table = new ShellTable();
        table.column("Реєстр. № / Number");
        table.column(Format.PRIORITY_COLUMN);
        table.column("Статус / Status");
        table.column("Вид / Kind");
        table.column("Канал / Channel");
        table.column("Зареєстровано / Registered");
        table.column("Тема / Topic").maxSize(40);
        table.column("Позначки / Marks");
        table.column("Id");
        for (Appeal shown : page.items()) {
            // The list shows no applicant's data; a confidential appeal's text only to those resolving it.
            Appeal a = AccessRules.seesPersonalData(caller, shown) ? shown : AccessRules.masked(shown);
            table.addRow().addContent(a.registrationNumber(), Format.flag(a), a.status(), a.kind(), a.channel(),
                    Format.time(a.registeredAt()), Format.abbreviate(a.topic() == null ? a.text() : a.topic(), 40),
                    a.marks().isEmpty() ? "" : a.marks().toString(), a.id());
        }
        table.print(System.out);
        if (page.items().stream().anyMatch(a -> a.processing().priority())) {
            System.out.println(Format.PRIORITY_LEGEND);
        }
        System.out.printf("Показано %d з %d / Showing %d of %d (offset %d)%n", page.items().size(), page.total(),
                page.items().size(), page.total(), page.offset());
        return null;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Невідоме значення / Unknown value '" + value + "'; expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Instant day(String value, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(ZoneId.of("Europe/Kyiv")).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Очікується дата yyyy-MM-dd / Expected a date like 2026-01-31, got '"
                    + value + "'");
        }
    }
}
