package ua.gov.nsoz.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
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
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.access.Role;
import ua.gov.nsoz.reports.Reports;

/**
 * {@code nsoz:stats --from DATE --to DATE [--granularity G] [--group-by D] [--body CODE] [--csv]}: the statistics of
 * the appeals received in a period, as {@code GET /api/v1/stats}, within the user's scope (an analyst everything, a
 * supervisor their contact center's, a head their body's); a table, or CSV from the reports bundle.
 */
@Service
@Command(scope = "nsoz", name = "stats",
        description = "Статистика звернень за період / Statistics of the appeals received in a period")
public class StatsCommand implements Action {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    /** The measures the table shows (the CSV has them all). */
    static final List<Measure> SHOWN = List.of(Measure.RECEIVED, Measure.ANSWERED, Measure.ANSWERED_ON_TIME,
            Measure.OVERDUE, Measure.EXTENDED, Measure.REDIRECTED, Measure.NOT_CONSIDERED, Measure.MEDIAN_DAYS,
            Measure.P90_DAYS, Measure.MEAN_RATING);

    @Reference
    NodeIdentity nsozNode;

    @Reference
    Statistics statistics;

    /** Only for --csv. */
    @Reference(optional = true)
    Reports reports;

    @Option(name = "--from", description = "Перший день / First day, yyyy-MM-dd (Kyiv); default the 1st of this month")
    String from;

    @Option(name = "--to", description = "Останній день включно / Last day, inclusive; default today")
    String to;

    @Option(name = "--granularity", aliases = "-g",
            description = "Проміжки / Buckets: DAY, WEEK, MONTH, QUARTER, YEAR, ALL (default)")
    @Completion(GranularityCompleter.class)
    String granularity;

    @Option(name = "--group-by", aliases = "-b", description = "Групування / Group by: REGION, NODE, BODY, TOPIC, "
            + "SECTION, KIND, CHANNEL, APPLICANT_TYPE, CATEGORY, STATUS, OUTCOME, TIMELINESS")
    @Completion(DimensionCompleter.class)
    String groupBy;

    @Option(name = "--body", description = "Один орган / One executive body (an analyst; a head of several bodies)")
    String body;

    @Option(name = "--csv", description = "CSV замість таблиці / CSV instead of a table")
    boolean csv;

    @Override
    public Object execute() {
        AccessRules.Caller caller = ShellAccess.require(nsozNode, Operation.REPORT_READ);
        LocalDate today = LocalDate.now(KYIV);
        LocalDate f = date("--from", from, today.withDayOfMonth(1));
        LocalDate t = date("--to", to, today);
        if (f.isAfter(t)) {
            throw new IllegalArgumentException("--from пізніше за --to / --from is after --to: " + f + " > " + t);
        }
        if (f.plusYears(10).isBefore(t)) {
            throw new IllegalArgumentException("Період довший за 10 років / The period is longer than 10 years");
        }
        StatsQuery q = new StatsQuery(f, t, option("--granularity", granularity, Granularity.class, Granularity.ALL),
                option("--group-by", groupBy, Dimension.class, null), scope(caller, body));
        if (csv && reports == null) {
            throw new IllegalStateException("CSV робить пакет звітів, його на цьому вузлі не запущено / CSV is made "
                    + "by the reports bundle, which is not running on this node");
        }
        StatsResult r = statistics.query(q);
        if (csv) {
            String text = new String(reports.csv(r), StandardCharsets.UTF_8);
            System.out.print(text.startsWith("\uFEFF") ? text.substring(1) : text);
            return null;
        }
        print(r);
        return null;
    }

    static void print(StatsResult r) {
        StatsQuery q = r.query();
        StatsQuery p = q.previous();
        System.out.printf("Звернення, що надійшли %s – %s (попередній період %s – %s); %s / Appeals received %s to %s "
                + "(previous period %s to %s); %s%n", q.from(), q.to(), p.from(), p.to(), scopeUk(q.scope()), q.from(),
                q.to(), p.from(), p.to(), scopeEn(q.scope()));
        ShellTable t = new ShellTable();
        t.column("Період з / From");
        boolean grouped = q.groupBy() != null;
        if (grouped) {
            t.column(q.groupBy().labelUk() + " / " + q.groupBy().labelEn()).maxSize(40);
        }
        for (Measure m : SHOWN) {
            t.column(m.labelEn()).alignRight();
        }
        t.column("Received before").alignRight();
        for (StatsRow row : r.rows()) {
            var line = t.addRow();
            line.addContent(row.periodStart());
            if (grouped) {
                line.addContent(row.key() == null ? "—" : row.label() == null || row.label().equals(row.key())
                        ? row.key() : row.key() + " " + row.label());
            }
            for (Measure m : SHOWN) {
                line.addContent(value(row.values().get(m), m));
            }
            line.addContent(value(row.previous().get(Measure.RECEIVED), Measure.RECEIVED));
        }
        t.print(System.out);
        System.out.printf("Рядків: %d / Rows: %d; станом на / as of %s%n", r.rows().size(), r.rows().size(),
                Format.time(r.asOf()));
    }

    static String value(Double v, Measure m) {
        if (v == null) {
            return "—";
        }
        return m.isCount() ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String scopeUk(Scope s) {
        return s.node() != null ? "центр " + s.node() : s.body() != null ? "орган " + s.body() : "усі звернення вузла";
    }

    private static String scopeEn(Scope s) {
        return s.node() != null ? "contact center " + s.node() : s.body() != null ? "body " + s.body()
                : "every appeal of this node";
    }

    /**
     * Whose appeals the user may count, as the REST API decides (docs/security.md): an analyst all (or the body they
     * name), a head their body (one of theirs when they have several), a supervisor their contact center.
     *
     * @throws SecurityException if the user has none of those roles, or names a body not theirs
     * @throws IllegalArgumentException if a head of several bodies names none
     */
    static Scope scope(AccessRules.Caller caller, String body) {
        Set<Role> roles = caller.roles();
        String asked = body == null || body.isBlank() ? null : body.strip().toUpperCase(Locale.ROOT);
        if (roles.contains(Role.ANALYST)) {
            return asked == null ? Scope.ALL : Scope.body(asked);
        }
        if (roles.contains(Role.HEAD) && (asked != null || !roles.contains(Role.SUPERVISOR))) {
            Set<String> bodies = caller.bodies();
            if (asked != null && !bodies.contains(asked)) {
                throw new SecurityException("Не ваш орган / Not your body: " + asked + "; yours: " + bodies);
            }
            if (asked != null) {
                return Scope.body(asked);
            }
            if (bodies.size() == 1) {
                return Scope.body(bodies.iterator().next());
            }
            if (bodies.isEmpty()) {
                throw new SecurityException("Вас не призначено до жодного органу / You are not assigned to an "
                        + "executive body (role " + Role.BODY_PREFIX + "<CODE>)");
            }
            throw new IllegalArgumentException("Оберіть один зі своїх органів (--body) / Choose one of your bodies "
                    + "(--body): " + bodies);
        }
        if (roles.contains(Role.SUPERVISOR)) {
            if (asked != null) {
                throw new SecurityException("Керівник центру бачить статистику свого центру / A supervisor sees "
                        + "their contact center's figures: drop --body");
            }
            return Scope.node(caller.nodeId());
        }
        throw new SecurityException(AccessRules.refusal(Operation.REPORT_READ));
    }

    static LocalDate date(String option, String value, LocalDate dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": очікується дата yyyy-MM-dd / expected a date like "
                    + "2026-01-31, got '" + value + "'");
        }
    }

    static <E extends Enum<E>> E option(String option, String value, Class<E> type, E dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": невідоме значення / unknown value '" + value
                    + "'; expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Time buckets. */
    @Service
    public static final class GranularityCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return names(Granularity.values()).complete(session, commandLine, candidates);
        }
    }

    /** Dimensions. */
    @Service
    public static final class DimensionCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return names(Dimension.values()).complete(session, commandLine, candidates);
        }
    }

    static StringsCompleter names(Enum<?>[] values) {
        StringsCompleter c = new StringsCompleter(false);
        for (Enum<?> v : values) {
            c.getStrings().add(v.name());
        }
        return c;
    }
}
