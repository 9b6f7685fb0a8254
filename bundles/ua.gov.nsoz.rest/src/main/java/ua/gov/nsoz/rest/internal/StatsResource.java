package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.reports.Reports;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.rest.internal.Analysis.Format;

/**
 * {@code /api/v1/stats}: the statistics of the appeals received in a period (R14) and the executive bodies'
 * scorecards (R15), as JSON or CSV (and, with the reports bundle, as a chart), within the caller's scope: an analyst
 * everything, a supervisor their contact center's appeals, a head their body's ({@link Analysis#scope}). CSV and
 * charts are the reports bundle's ({@link Reports}). No personal data: counts and measures only, so nothing here is
 * in the audit log.
 */
@Component(service = RestResource.class)
@Path("/stats")
@Produces({MediaType.APPLICATION_JSON, Analysis.TEXT_CSV, Analysis.IMAGE_PNG, Analysis.IMAGE_SVG})
public class StatsResource implements RestResource {

    /** The chart's size when none is asked, in pixels. */
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    private final Statistics statistics;
    private final Callers callers;

    /** CSV and charts (the reports bundle); without it those answer 503 and JSON still works. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Reports reports;

    /**
     * @param statistics the analysis of this node's appeals
     * @param callers who is calling
     */
    @Activate
    public StatsResource(@Reference Statistics statistics, @Reference Callers callers) {
        this.statistics = statistics;
        this.callers = callers;
    }

    /** @param reports CSV and charts, or {@code null} (tests; DS sets the field) */
    void setReports(Reports reports) {
        this.reports = reports;
    }

    private Reports reports() {
        Reports r = reports;
        if (r == null) {
            throw new ServiceUnavailableException("CSV і діаграми робить пакет звітів, його на цьому вузлі не "
                    + "запущено; JSON працює / CSV and charts are made by the reports bundle, which is not running "
                    + "on this node; JSON works");
        }
        return r;
    }

    /** A measure's code and names, so that a client can label the columns. */
    record MeasureJson(String code, String uk, String en, boolean count) {
        static List<MeasureJson> all() {
            List<MeasureJson> out = new ArrayList<>();
            for (Measure m : Measure.values()) {
                out.add(new MeasureJson(m.name(), m.labelUk(), m.labelEn(), m.isCount()));
            }
            return out;
        }
    }

    /** Whose appeals were counted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScopeJson(String node, String body) {
        static ScopeJson of(Scope s) {
            return new ScopeJson(s.node(), s.body());
        }
    }

    /** One line: a time bucket and a value of the grouping. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RowJson(LocalDate periodStart, String key, String label, Map<String, Number> values,
            Map<String, Number> previous) {
    }

    /** A statistics answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatsJson(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
            Granularity granularity, Dimension groupBy, ScopeJson scope, Instant asOf, List<MeasureJson> measures,
            List<RowJson> rows) {
    }

    /** One body's card. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScorecardJson(int rank, String body, String name, Map<String, Number> values, long overdueNow,
            Integer previousRank, Integer rankChange, Map<String, Number> previous) {
    }

    /** The scorecards of a period. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScorecardsJson(LocalDate from, LocalDate to, ScopeJson scope, List<MeasureJson> measures,
            List<ScorecardJson> items) {
    }

    static Map<String, Number> values(Map<Measure, Double> values) {
        Map<String, Number> out = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            Double v = values.get(m);
            if (v != null) {
                out.put(m.name(), Analysis.number(v, m.isCount()));
            }
        }
        return out;
    }

    /**
     * The figures of a period.
     *
     * @param from first day (Kyiv), default the first day of this month
     * @param to last day (Kyiv, inclusive), default today
     * @param granularity DAY, WEEK, MONTH, QUARTER, YEAR or ALL (default)
     * @param groupBy a {@link Dimension}, or none for totals
     * @param body an analyst's or a head's choice of one executive body
     * @param format json, csv, png or svg (else the Accept header decides)
     * @param measure what a chart shows (default RECEIVED)
     * @param width a chart's width in pixels, 200–4000 (default 1000)
     * @param height a chart's height in pixels, 150–4000 (default 600)
     * @return the answer in the format asked
     */
    @GET
    @Allowed(Operation.REPORT_READ)
    public Response stats(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("groupBy") String groupBy,
            @QueryParam("body") String body, @QueryParam("format") String format,
            @QueryParam("measure") String measure, @QueryParam("width") String width,
            @QueryParam("height") String height, @HeaderParam("Accept") String accept,
            @Context SecurityContext security) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(Analysis.KYIV);
        LocalDate f = Analysis.date(errors, "from", from, today.withDayOfMonth(1));
        LocalDate t = Analysis.date(errors, "to", to, today);
        Analysis.period(errors, f, t);
        Granularity g = Analysis.option(errors, "granularity", granularity, Granularity.class, Granularity.ALL);
        Dimension d = Analysis.option(errors, "groupBy", groupBy, Dimension.class, null);
        Measure m = Analysis.option(errors, "measure", measure, Measure.class, Measure.RECEIVED);
        Format out = Analysis.format(errors, format, accept, Format.JSON, Format.CSV, Format.PNG, Format.SVG);
        int w = size(errors, "width", width, WIDTH, 200);
        int h = size(errors, "height", height, HEIGHT, 150);
        Analysis.check(errors);
        Scope scope = Analysis.scope(callers.of(security), body);
        Reports draw = out == Format.JSON ? null : reports();
        StatsResult result = query(new StatsQuery(f, t, g, d, scope));
        return switch (out) {
            case CSV -> Analysis.csvAnswer(draw.csv(result), "stats-" + f + "-" + t + ".csv");
            case PNG -> Response.ok(draw.png(result, m, w, h), Analysis.IMAGE_PNG).build();
            case SVG -> Response.ok(draw.svg(result, m, w, h).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Analysis.IMAGE_SVG + ";charset=UTF-8").build();
            default -> Response.ok(json(result), MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    private StatsResult query(StatsQuery q) {
        try {
            return statistics.query(q);
        } catch (IllegalArgumentException e) {
            // The analytics' own limits (a period it cannot answer): the caller's error, said as it said it.
            throw new ValidationException(List.of(new FieldError("to", "Запит не можна виконати / The question "
                    + "cannot be answered: " + e.getMessage())));
        }
    }

    static StatsJson json(StatsResult r) {
        StatsQuery q = r.query();
        StatsQuery p = q.previous();
        List<RowJson> rows = r.rows().stream().map(x -> new RowJson(x.periodStart(), x.key(), x.label(),
                values(x.values()), values(x.previous()))).toList();
        return new StatsJson(q.from(), q.to(), p.from(), p.to(), q.granularity(), q.groupBy(),
                ScopeJson.of(q.scope()), r.asOf(), MeasureJson.all(), rows);
    }

    /**
     * Every executive body's results over a period, best first, with the previous period's rank beside.
     *
     * @param from first day (Kyiv), default the first day of this month
     * @param to last day (inclusive), default today
     * @param body an analyst's or a head's choice of one body
     * @param format json or csv (else the Accept header decides)
     * @return the cards
     */
    @GET
    @Path("/scorecards")
    @Allowed(Operation.REPORT_READ)
    public Response scorecards(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("body") String body, @QueryParam("format") String format,
            @HeaderParam("Accept") String accept, @Context SecurityContext security) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(Analysis.KYIV);
        LocalDate f = Analysis.date(errors, "from", from, today.withDayOfMonth(1));
        LocalDate t = Analysis.date(errors, "to", to, today);
        Analysis.period(errors, f, t);
        Format out = Analysis.format(errors, format, accept, Format.JSON, Format.CSV);
        Analysis.check(errors);
        AccessRules.Caller caller = callers.of(security);
        Scope scope = Analysis.scope(caller, body);
        Reports csv = out == Format.CSV ? reports() : null;
        List<Scorecard> cards;
        try {
            cards = statistics.scorecards(f, t, scope);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new FieldError("to", "Запит не можна виконати / The question "
                    + "cannot be answered: " + e.getMessage())));
        }
        if (out == Format.CSV) {
            return Analysis.csvAnswer(csv.csvScorecards(cards), "scorecards-" + f + "-" + t + ".csv");
        }
        List<ScorecardJson> items = cards.stream().map(c -> new ScorecardJson(c.rank(), c.body(), c.name(),
                values(c.values()), c.overdueNow(), c.previousRank(),
                c.previousRank() == null ? null : c.previousRank() - c.rank(), values(c.previous()))).toList();
        return Response.ok(new ScorecardsJson(f, t, ScopeJson.of(scope), MeasureJson.all(), items),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A chart's side in pixels: from {@code min} to 4000. */
    static int size(List<FieldError> errors, String field, String value, int dflt, int min) {
        int n = Params.parseInt(errors, field, value, dflt);
        if (n < min || n > 4000) {
            errors.add(new FieldError(field, "Має бути від " + min + " до 4000 пікселів / Must be " + min
                    + " to 4000 pixels"));
        }
        return n;
    }
}
