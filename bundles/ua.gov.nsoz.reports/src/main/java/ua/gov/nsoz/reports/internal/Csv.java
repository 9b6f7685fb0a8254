package ua.gov.nsoz.reports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;

/**
 * CSV as the {@link ua.gov.nsoz.reports.Reports} contract states: UTF-8 with a BOM, RFC 4180 quoting, CRLF, Ukrainian
 * header, text cells neutralized against formula injection (OWASP "CSV injection": a leading apostrophe before
 * {@code = + - @ TAB CR}).
 */
final class Csv {

    static final String BOM = "\uFEFF";
    static final String PREVIOUS = " (попередній період)";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Csv() {
    }

    static byte[] table(List<String> header, List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, FORMAT)) {
            w.write(BOM);
            p.printRecord(header.stream().map(Csv::safe).toList());
            for (List<String> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (String c : row) {
                    cells.add(safe(c));
                }
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] stats(StatsResult result) {
        boolean grouped = result.query().groupBy() != null;
        List<String> header = new ArrayList<>();
        header.add("Період з");
        if (grouped) {
            header.add(result.query().groupBy().labelUk() + " (код)");
            header.add(result.query().groupBy().labelUk());
        }
        for (Measure m : Measure.values()) {
            header.add(m.labelUk());
            header.add(m.labelUk() + PREVIOUS);
        }
        List<List<String>> rows = new ArrayList<>();
        for (StatsRow r : result.rows()) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(r.periodStart()));
            if (grouped) {
                row.add(r.key());
                row.add(r.label());
            }
            for (Measure m : Measure.values()) {
                row.add(number(r.values(), m));
                row.add(number(r.previous(), m));
            }
            rows.add(row);
        }
        return table(header, rows);
    }

    static byte[] scorecards(List<Scorecard> cards) {
        List<String> header = new ArrayList<>(List.of("Місце", "Місце" + PREVIOUS, "Орган (код)", "Орган"));
        for (Measure m : Measure.values()) {
            header.add(m.labelUk());
            header.add(m.labelUk() + PREVIOUS);
        }
        header.add("Прострочено зараз");
        List<List<String>> rows = new ArrayList<>();
        for (Scorecard c : cards) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(c.rank()));
            row.add(c.previousRank() == null ? "" : String.valueOf(c.previousRank()));
            row.add(c.body());
            row.add(c.name());
            for (Measure m : Measure.values()) {
                row.add(number(c.values(), m));
                row.add(number(c.previous(), m));
            }
            row.add(String.valueOf(c.overdueNow()));
            rows.add(row);
        }
        return table(header, rows);
    }

    /**
     * @param values measures
     * @param m one
     * @return a count as an integer, days and ratings with at most 2 decimals and a point; empty if absent
     */
    static String number(Map<Measure, Double> values, Measure m) {
        Double v = values.get(m);
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "";
        }
        return format(v, m);
    }

    static String format(double v, Measure m) {
        if (m.isCount() || v == Math.rint(v)) {
            return String.valueOf(Math.round(v));
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * @param cell a text cell
     * @return it, with a leading apostrophe if a spreadsheet could take it for a formula (a plain number stays)
     */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char c = cell.charAt(0);
        if ((c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
                && !NUMBER.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }
}
