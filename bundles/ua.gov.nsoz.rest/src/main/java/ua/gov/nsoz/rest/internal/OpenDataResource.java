package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.analytics.OpenDataSet;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.rest.internal.Analysis.Format;

/**
 * {@code /api/v1/open-data}: anonymized aggregate statistics published without login (R18), per month, region and
 * section of the classifier: counts only, no free text, no personal data, a cell under {@link OpenDataSet#MIN_CELL}
 * suppressed; as JSON or CSV, with its data dictionary at {@code /open-data/dictionary}.
 */
@Component(service = RestResource.class)
@Path("/open-data")
@Produces({MediaType.APPLICATION_JSON, Analysis.TEXT_CSV})
public class OpenDataResource implements RestResource {

    /** The longest period one request may ask (a public endpoint: kept bounded). */
    static final int MAX_MONTHS = 60;

    private final Statistics statistics;

    /** @param statistics the analysis of this node's appeals */
    @Activate
    public OpenDataResource(@Reference Statistics statistics) {
        this.statistics = statistics;
    }

    /** One cell line; {@code null} = suppressed. */
    record RowJson(String month, String region, String section, Long received, Long answered, Long answeredOnTime) {
    }

    /** The data set. */
    record OpenDataJson(LocalDate from, LocalDate to, int minCell, String dictionary, List<RowJson> rows) {
    }

    /** One column of the data set. */
    record ColumnJson(String name, String type, String uk, String en) {
    }

    /** The data dictionary. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DictionaryJson(String title, String titleEn, List<ColumnJson> columns, int minCell,
            String suppressionUk, String suppressionEn, String periodUk, String periodEn, String formatsUk,
            String formatsEn) {
    }

    static final String DICTIONARY_PATH = "/api/v1/open-data/dictionary";

    static final List<ColumnJson> COLUMNS = List.of(
            new ColumnJson("month", "string (yyyy-MM)", "Місяць надходження звернень (за київським часом)",
                    "Month the appeals were received (Kyiv time)"),
            new ColumnJson("region", "string", "Код регіону (ISO 3166-2:UA, напр. UA-46) або ідентифікатор "
                    + "центру для звернень, що надійшли до Урядового контактного центру",
                    "Region code (ISO 3166-2:UA, e.g. UA-46), or the node id for appeals received by the Government "
                            + "Contact Center"),
            new ColumnJson("section", "string", "Розділ класифікатора звернень (постанова КМУ № 858)",
                    "Section of the classifier of appeals (CMU resolution No. 858)"),
            new ColumnJson("received", "integer or empty", "Кількість звернень, що надійшли за місяць",
                    "Appeals received in the month"),
            new ColumnJson("answered", "integer or empty", "З них тих, на які надано відповідь (станом на день "
                    + "запиту)", "Of them, those answered (as of the day of the request)"),
            new ColumnJson("answeredOnTime", "integer or empty", "З них тих, на які відповідь надано в строк (ст. 20 "
                    + "Закону «Про звернення громадян»)", "Of them, those answered on time (Art. 20 of the Law "
                            + "\"On citizens' appeals\")"));

    /**
     * The data set of a period of whole months.
     *
     * @param from a month's first day, default the first day of the month a year before the last closed month
     * @param to a month's last day, default the last day of the last closed month
     * @param format json or csv (else the Accept header decides)
     * @return the cells
     */
    @GET
    @Allowed(Operation.PUBLIC)
    public Response get(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        List<FieldError> errors = new ArrayList<>();
        YearMonth lastClosed = YearMonth.now(Analysis.KYIV).minusMonths(1);
        LocalDate f = Analysis.date(errors, "from", from, lastClosed.minusMonths(11).atDay(1));
        LocalDate t = Analysis.date(errors, "to", to, lastClosed.atEndOfMonth());
        if (f != null && f.getDayOfMonth() != 1) {
            errors.add(new FieldError("from", "Має бути перший день місяця / Must be a month's first day, e.g. "
                    + f.withDayOfMonth(1)));
        }
        if (t != null && !t.equals(YearMonth.from(t).atEndOfMonth())) {
            errors.add(new FieldError("to", "Має бути останній день місяця / Must be a month's last day, e.g. "
                    + YearMonth.from(t).atEndOfMonth()));
        }
        if (errors.isEmpty()) {
            if (f.isAfter(t)) {
                errors.add(new FieldError("from", "Початок періоду (" + f + ") пізніше за кінець (" + t + ") / The "
                        + "period starts (" + f + ") after it ends (" + t + ")"));
            } else if (YearMonth.from(f).plusMonths(MAX_MONTHS).isBefore(YearMonth.from(t).plusMonths(1))) {
                errors.add(new FieldError("to", "Період довший за " + MAX_MONTHS + " місяців / The period is longer "
                        + "than " + MAX_MONTHS + " months"));
            }
        }
        Format out = Analysis.format(errors, format, accept, Format.JSON, Format.CSV);
        Analysis.check(errors);
        OpenDataSet set = statistics.openData(f, t);
        List<RowJson> rows = set.rows().stream().map(r -> new RowJson(YearMonth.from(r.month()).toString(),
                r.region(), r.section(), r.received(), r.answered(), r.answeredOnTime())).toList();
        if (out == Format.CSV) {
            return Analysis.csvAnswer(csv(rows), "nsoz-open-data-" + f + "-" + t + ".csv");
        }
        return Response.ok(new OpenDataJson(set.from(), set.to(), OpenDataSet.MIN_CELL, DICTIONARY_PATH, rows),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** @return the CSV: the dictionary's columns; a suppressed cell is empty */
    static byte[] csv(List<RowJson> rows) {
        return Analysis.csv(COLUMNS.stream().map(ColumnJson::name).toList(), out -> {
            for (RowJson r : rows) {
                out.printRecord(r.month(), r.region(), r.section(), cell(r.received()), cell(r.answered()),
                        cell(r.answeredOnTime()));
            }
        });
    }

    private static Object cell(Long n) {
        return n == null ? "" : n;
    }

    /** @return what each column means, in Ukrainian and English, and the suppression rule */
    @GET
    @Path("/dictionary")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public DictionaryJson dictionary() {
        int min = OpenDataSet.MIN_CELL;
        return new DictionaryJson("Звернення громадян до органів виконавчої влади: відкриті дані НСОЗ",
                "Citizens' appeals to executive bodies: NSOZ open data", COLUMNS, min,
                "Значення менше " + min + " не публікується (порожня клітинка в CSV, null у JSON), щоб не можна "
                        + "було впізнати заявника; повтор запиту за завершений період дає ті самі числа. Вільного "
                        + "тексту й персональних даних немає.",
                "A count under " + min + " is suppressed (an empty cell in CSV, null in JSON) so that no applicant "
                        + "can be recognised; a closed period gives the same numbers on every request. No free "
                        + "text, no personal data.",
                "Звернення, що надійшли з 'from' по 'to' (цілі місяці, за київським часом), хоч би де вони були тепер",
                "The appeals received from 'from' to 'to' (whole months, Kyiv time), wherever they stand now",
                "JSON (format=json або Accept: application/json) і CSV (format=csv або Accept: text/csv; UTF-8 з BOM)",
                "JSON (format=json or Accept: application/json) and CSV (format=csv or Accept: text/csv; UTF-8 "
                        + "with a BOM)");
    }
}
