package ua.gov.nsoz.reports.internal;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jfree.chart.JFreeChart;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;

/**
 * The quarterly report to the Secretariat (R15) as a PDF: a title page, the totals beside the previous quarter with
 * the months' chart, tables by region, by classifier section and by channel (with charts), and the bodies' scorecards.
 * A4 portrait; Liberation Sans embedded (a subset, with its Unicode map, so the text can be searched and copied).
 */
final class QuarterlyPdf {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final String TITLE = "Квартальний звіт про звернення громадян";
    static final String H_TOTALS = "1. Загальні показники";
    static final String H_REGIONS = "2. За регіонами";
    static final String H_SECTIONS = "3. За розділами класифікатора звернень";
    static final String H_CHANNELS = "4. За каналами надходження";
    static final String H_BODIES = "5. Результати органів виконавчої влади";
    private static final String[] ROMAN = {"I", "II", "III", "IV"};
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final float MARGIN = 50;
    private static final float TABLE_FONT = 8;
    private static final Measure[] TABLE_MEASURES = {Measure.RECEIVED, Measure.ANSWERED_ON_TIME, Measure.OVERDUE,
        Measure.REDIRECTED, Measure.MEDIAN_DAYS, Measure.MEAN_RATING};

    private final PDDocument doc;
    private final PDType0Font font;
    private final Font glyphs = Fonts.awt(Font.PLAIN, 10);
    private PDPageContentStream out;
    private float y;
    private float pageWidth;
    private boolean landscape;

    private QuarterlyPdf(PDDocument doc) throws IOException {
        this.doc = doc;
        try (InputStream in = Fonts.open()) {
            this.font = PDType0Font.load(doc, in, true);
        }
    }

    /** @return e.g. {@code I квартал 2026 року} */
    static String quarterName(int year, int quarter) {
        return ROMAN[quarter - 1] + " квартал " + year + " року";
    }

    /**
     * @param stats the figures
     * @param nodeId this node
     * @param nodeName its name
     * @param year the quarter's year
     * @param quarter 1–4
     * @param generatedAt now
     * @return the PDF
     */
    static byte[] build(Statistics stats, String nodeId, String nodeName, int year, int quarter, Instant generatedAt) {
        LocalDate from = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        LocalDate to = from.plusMonths(3).minusDays(1);
        LocalDate prevFrom = from.minusMonths(3);
        LocalDate prevTo = from.minusDays(1);
        int prevQuarter = quarter == 1 ? 4 : quarter - 1;
        int prevYear = quarter == 1 ? year - 1 : year;
        LocalDate today = LocalDate.ofInstant(generatedAt, KYIV);
        try (PDDocument doc = new PDDocument()) {
            QuarterlyPdf pdf = new QuarterlyPdf(doc);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(TITLE + ", " + quarterName(year, quarter));
            info.setSubject("НСОЗ, вузол " + nodeId);
            info.setCreator("NSOZ ua.gov.nsoz.reports");

            StatsResult total = stats.query(new StatsQuery(from, to, Granularity.ALL, null, Scope.ALL));
            StatsResult prevTotal = stats.query(new StatsQuery(prevFrom, prevTo, Granularity.ALL, null, Scope.ALL));

            // Title page
            pdf.page(false);
            pdf.y -= 120;
            pdf.text(TITLE, 20, MARGIN);
            pdf.y -= 12;
            pdf.text("до Секретаріату Кабінету Міністрів України", 14, MARGIN);
            pdf.y -= 30;
            pdf.text(quarterName(year, quarter) + " (" + Charts.period(from, to) + ")", 14, MARGIN);
            pdf.text("Вузол: " + nodeName + " (" + nodeId + ")", 12, MARGIN);
            pdf.text("Сформовано: " + DATE_TIME.format(generatedAt.atZone(KYIV)) + " (за київським часом)", 12,
                    MARGIN);
            pdf.text("Дані станом на: " + DATE_TIME.format(total.asOf().atZone(KYIV)), 12, MARGIN);
            if (!to.isBefore(today)) {
                pdf.y -= 10;
                pdf.text("Квартал ще триває: наведено дані за його частину.", 12, MARGIN);
            }
            pdf.y -= 20;
            pdf.paragraph("Показники обчислено за зверненнями, що надійшли протягом кварталу (за датою надходження, "
                    + "київський час), незалежно від того, на якому етапі розгляду вони перебувають зараз. "
                    + "Для порівняння наведено ті самі показники за " + quarterName(prevYear, prevQuarter) + ".", 11);

            // 1. Totals
            pdf.page(false);
            pdf.heading(H_TOTALS);
            StatsRow cur = total.rows().isEmpty() ? null : total.rows().get(0);
            StatsRow prev = prevTotal.rows().isEmpty() ? null : prevTotal.rows().get(0);
            List<String[]> rows = new ArrayList<>();
            for (Measure m : Measure.values()) {
                Double a = cur == null ? null : cur.values().get(m);
                Double b = prev == null ? null : prev.values().get(m);
                rows.add(new String[] {m.labelUk(), num(a, m), num(b, m), change(a, b, m)});
            }
            pdf.table(new String[] {"Показник", quarterName(year, quarter), quarterName(prevYear, prevQuarter),
                "Зміна"}, new float[] {215, 95, 95, 90}, rows);
            StatsResult months = stats.query(new StatsQuery(from, to, Granularity.MONTH, null, Scope.ALL));
            pdf.chart(Charts.chart(months, Measure.RECEIVED), 495, 250);

            // 2.–4. Tables by dimension
            pdf.dimension(stats, H_REGIONS, Dimension.REGION, from, to, prevFrom, prevTo, true);
            pdf.dimension(stats, H_SECTIONS, Dimension.SECTION, from, to, prevFrom, prevTo, false);
            pdf.dimension(stats, H_CHANNELS, Dimension.CHANNEL, from, to, prevFrom, prevTo, true);

            // 5. Bodies: a wide table, on landscape pages
            pdf.page(true);
            pdf.heading(H_BODIES);
            pdf.paragraph("Місце: 1 — найкраще (за часткою відповідей у строк, далі за меншою кількістю "
                    + "прострочених зараз, далі за медіаною днів до відповіді). У дужках — попередній період.",
                    9);
            List<Scorecard> cards = stats.scorecards(from, to, Scope.ALL);
            List<String[]> cardRows = new ArrayList<>();
            for (Scorecard c : cards) {
                cardRows.add(new String[] {c.rank() + (c.previousRank() == null ? "" : " (" + c.previousRank() + ")"),
                    c.name() == null || c.name().isBlank() ? c.body() : c.name(),
                    num(c.values().get(Measure.RECEIVED), Measure.RECEIVED)
                        + " (" + num(c.previous().get(Measure.RECEIVED), Measure.RECEIVED) + ")",
                    num(c.values().get(Measure.ANSWERED_ON_TIME), Measure.ANSWERED_ON_TIME),
                    String.valueOf(c.overdueNow()),
                    num(c.values().get(Measure.EXTENDED), Measure.EXTENDED),
                    num(c.values().get(Measure.REDIRECTED), Measure.REDIRECTED),
                    num(c.values().get(Measure.REPEATED), Measure.REPEATED),
                    num(c.values().get(Measure.MEDIAN_DAYS), Measure.MEDIAN_DAYS),
                    num(c.values().get(Measure.MEAN_RATING), Measure.MEAN_RATING)});
            }
            if (cardRows.isEmpty()) {
                pdf.paragraph("Звернень до органів виконавчої влади за квартал немає.", 10);
            } else {
                pdf.table(new String[] {"Місце", "Орган", "Надійшло (попередній період)", "Відповідь у строк",
                    "Прострочено зараз", "Строк продовжено", "Переадресовано", "Повторні", "Медіана днів",
                    "Середня оцінка"}, new float[] {40, 240, 60, 55, 60, 60, 75, 50, 50, 52}, cardRows);
            }
            pdf.footers(nodeId, quarterName(year, quarter));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dimension(Statistics stats, String heading, Dimension d, LocalDate from, LocalDate to,
            LocalDate prevFrom, LocalDate prevTo, boolean withChart) throws IOException {
        StatsResult now = stats.query(new StatsQuery(from, to, Granularity.ALL, d, Scope.ALL));
        StatsResult before = stats.query(new StatsQuery(prevFrom, prevTo, Granularity.ALL, d, Scope.ALL));
        Map<String, StatsRow> current = byKey(now);
        Map<String, StatsRow> previous = byKey(before);
        Map<String, String> names = new LinkedHashMap<>();
        current.forEach((k, r) -> names.put(k, label(r)));
        previous.forEach((k, r) -> names.putIfAbsent(k, label(r)));
        page(false);
        heading(heading);
        if (names.isEmpty()) {
            paragraph("Звернень за квартал і попередній квартал немає.", 10);
            return;
        }
        List<String> header = new ArrayList<>(List.of(d.labelUk(), Measure.RECEIVED.labelUk(),
                "Попередній квартал", "Відповідь у строк", "Прострочено", "Переадресовано", "Медіана днів",
                "Середня оцінка"));
        List<String[]> rows = new ArrayList<>();
        Map<String, double[]> chart = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            StatsRow c = current.get(e.getKey());
            StatsRow p = previous.get(e.getKey());
            Function<Measure, String> v = m -> num(c == null ? (m.isCount() ? 0.0 : null) : c.values().get(m), m);
            List<String> row = new ArrayList<>(List.of(e.getValue(), v.apply(Measure.RECEIVED),
                    num(p == null ? 0.0 : p.values().get(Measure.RECEIVED), Measure.RECEIVED)));
            for (int i = 1; i < TABLE_MEASURES.length; i++) {
                row.add(v.apply(TABLE_MEASURES[i]));
            }
            rows.add(row.toArray(String[]::new));
            chart.put(e.getValue(), new double[] {c == null ? 0 : c.value(Measure.RECEIVED),
                p == null ? 0 : p.value(Measure.RECEIVED)});
        }
        table(header.toArray(String[]::new), new float[] {140, 45, 50, 45, 55, 65, 45, 50}, rows);
        if (withChart) {
            chart(Charts.bars(Measure.RECEIVED.labelUk() + ": " + d.labelUk().toLowerCase(), d.labelUk(),
                    Measure.RECEIVED.labelUk(), chart), 495, 280);
        }
    }

    private static Map<String, StatsRow> byKey(StatsResult r) {
        Map<String, StatsRow> m = new LinkedHashMap<>();
        for (StatsRow row : r.rows()) {
            m.put(row.key() == null ? "" : row.key(), row);
        }
        return m;
    }

    private static String label(StatsRow r) {
        return r.label() == null || r.label().isBlank() ? String.valueOf(r.key()) : r.label();
    }

    static String num(Double v, Measure m) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "—";
        }
        return Csv.format(v, m);
    }

    static String change(Double a, Double b, Measure m) {
        if (a == null || b == null || a.isNaN() || b.isNaN()) {
            return "—";
        }
        double d = a - b;
        String s = Csv.format(Math.abs(d), m);
        return d > 0 ? "+" + s : d < 0 ? "−" + s : "0";
    }

    // ---- layout ----

    private void page() throws IOException {
        page(landscape);
    }

    private void page(boolean wide) throws IOException {
        if (out != null) {
            out.close();
        }
        landscape = wide;
        PDRectangle size = wide ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth())
                : PDRectangle.A4;
        PDPage page = new PDPage(size);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        pageWidth = size.getWidth();
        y = size.getHeight() - MARGIN;
    }

    private void ensure(float height) throws IOException {
        if (y - height < MARGIN + 20) {
            page();
        }
    }

    private void heading(String s) throws IOException {
        ensure(40);
        text(s, 15, MARGIN);
        y -= 8;
    }

    private void text(String s, float size, float x) throws IOException {
        ensure(size * 1.5f);
        y -= size * 1.4f;
        show(s, size, x, y);
    }

    private void show(String s, float size, float x, float baseline) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, baseline);
        out.showText(clean(s));
        out.endText();
    }

    private void paragraph(String s, float size) throws IOException {
        for (String line : wrap(clean(s), size, pageWidth - 2 * MARGIN)) {
            text(line, size, MARGIN);
        }
        y -= size * 0.6f;
    }

    private void table(String[] header, float[] widths, List<String[]> rows) throws IOException {
        List<List<String>> head = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < header.length; i++) {
            List<String> w = wrap(clean(header[i]), TABLE_FONT, widths[i] - 4);
            head.add(w);
            lines = Math.max(lines, w.size());
        }
        float lh = TABLE_FONT * 1.3f;
        float headHeight = lines * lh + 4;
        drawHeader(head, widths, headHeight, lh);
        float widest = 0;
        for (float w : widths) {
            widest = Math.max(widest, w);
        }
        for (String[] row : rows) {
            List<List<String>> cells = new ArrayList<>();
            int rowLines = 1;
            for (int i = 0; i < row.length && i < widths.length; i++) {
                List<String> w = wrap(clean(row[i] == null ? "" : row[i]), TABLE_FONT, widths[i] - 4);
                cells.add(w);
                rowLines = Math.max(rowLines, w.size());
            }
            float rowHeight = rowLines * lh + 2;
            if (y - rowHeight < MARGIN + 20) {
                page();
                drawHeader(head, widths, headHeight, lh);
            }
            float x = MARGIN;
            float top = y;
            y -= rowHeight;
            for (int i = 0; i < cells.size(); i++) {
                // the first column and the widest (a name) to the left, figures to the right
                boolean left = i == 0 || widths[i] == widest;
                float ty = top - lh + 1;
                for (String line : cells.get(i)) {
                    float tx = left ? x + 2 : x + widths[i] - 2 - width(line, TABLE_FONT);
                    show(line, TABLE_FONT, tx, ty);
                    ty -= lh;
                }
                x += widths[i];
            }
            out.setLineWidth(0.3f);
            out.moveTo(MARGIN, y);
            out.lineTo(MARGIN + sum(widths), y);
            out.stroke();
        }
        y -= 12;
    }

    private void drawHeader(List<List<String>> head, float[] widths, float height, float lh) throws IOException {
        ensure(height + 20);
        float x = MARGIN;
        out.setNonStrokingColor(0.88f, 0.91f, 0.96f);
        out.addRect(MARGIN, y - height, sum(widths), height);
        out.fill();
        out.setNonStrokingColor(0f, 0f, 0f);
        for (int i = 0; i < head.size(); i++) {
            float ty = y - lh;
            for (String line : head.get(i)) {
                show(line, TABLE_FONT, x + 2, ty);
                ty -= lh;
            }
            x += widths[i];
        }
        y -= height;
    }

    private void chart(JFreeChart chart, float width, float height) throws IOException {
        ensure(height + 10);
        // drawn at twice the size for a sharp print
        BufferedImage image = Charts.image(chart, Math.round(width * 2), Math.round(height * 2));
        PDImageXObject x = LosslessFactory.createFromImage(doc, image);
        y -= height + 6;
        out.drawImage(x, MARGIN, y, width, height);
        y -= 10;
    }

    private void footers(String nodeId, String quarter) throws IOException {
        out.close();
        out = null;
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream s = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND,
                    true, true)) {
                String text = clean("НСОЗ · " + nodeId + " · " + quarter + " · сторінка " + (i + 1) + " з " + n);
                s.beginText();
                s.setFont(font, 8);
                s.newLineAtOffset(MARGIN, 25);
                s.showText(text);
                s.endText();
            }
        }
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float f : a) {
            s += f;
        }
        return s;
    }

    private float width(String s, float size) throws IOException {
        return font.getStringWidth(s) / 1000f * size;
    }

    private String fit(String s, float size, float max) throws IOException {
        if (width(s, size) <= max) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && width(t + "…", size) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private List<String> wrap(String s, float size, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            String tryLine = line.length() == 0 ? word : line + " " + word;
            if (width(tryLine, size) <= max || line.length() == 0) {
                line.setLength(0);
                line.append(fit(tryLine, size, max));
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(fit(word, size, max));
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** @return the text with every character the font cannot show (and every control character) as '?' */
    private String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(' ');
            } else if (glyphs.canDisplay(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }
}
