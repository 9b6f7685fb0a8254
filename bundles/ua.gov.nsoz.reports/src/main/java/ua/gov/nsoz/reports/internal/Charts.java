package ua.gov.nsoz.reports.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;

/**
 * Charts of a statistics answer, drawn with JFreeChart in Liberation Sans ({@link Fonts}), Ukrainian labels.
 *
 * <ul>
 * <li>{@link Granularity#ALL}: a bar chart, a bar per key (or one, "Усього", when not grouped), this period in
 * {@link #CURRENT} beside the previous period in {@link #PREVIOUS_COLOUR};</li>
 * <li>time buckets: a line over the periods; when also grouped, a line per key, the {@link #MAX_LINES} biggest and
 * the rest together as "Інші" (for counts).</li>
 * </ul>
 */
final class Charts {

    /** This period's bars and the first line. */
    static final Color CURRENT = new Color(0x1F, 0x4E, 0x9C);
    /** The previous period's bars. */
    static final Color PREVIOUS_COLOUR = new Color(0xB4, 0xB4, 0xB4);
    static final int MAX_LINES = 8;
    static final String THIS_PERIOD = "Звітний період";
    static final String PREVIOUS_PERIOD = "Попередній період";
    static final String TOTAL = "Усього";
    static final String OTHERS = "Інші";
    private static final Color[] LINES = {CURRENT, new Color(0xD6, 0x27, 0x28), new Color(0x2C, 0xA0, 0x2C),
        new Color(0xFF, 0x7F, 0x0E), new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B),
        new Color(0x17, 0xBE, 0xCF), new Color(0xBC, 0xBD, 0x22), new Color(0x7F, 0x7F, 0x7F)};
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final String[] ROMAN = {"I", "II", "III", "IV"};

    private Charts() {
    }

    static byte[] png(StatsResult result, Measure measure, int width, int height) {
        checkSize(width, height);
        return png(chart(result, measure), width, height);
    }

    static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage image = image(chart, width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage image(JFreeChart chart, int width, int height) {
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    static String svg(StatsResult result, Measure measure, int width, int height) {
        checkSize(width, height);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart(result, measure).draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }

    static void checkSize(int width, int height) {
        if (width < 200 || width > 4000 || height < 150 || height > 4000) {
            throw new IllegalArgumentException("Розмір діаграми має бути 200–4000 × 150–4000 пікселів, задано " + width
                    + " × " + height + " / A chart is 200–4000 × 150–4000 pixels, got " + width + " × " + height);
        }
    }

    /**
     * @param result the answer
     * @param measure the measure
     * @return the chart, themed
     */
    static JFreeChart chart(StatsResult result, Measure measure) {
        Dimension by = result.query().groupBy();
        Granularity g = result.query().granularity();
        String title = by == null ? measure.labelUk() : measure.labelUk() + ": " + lower(by.labelUk());
        JFreeChart chart;
        if (g == Granularity.ALL) {
            chart = bars(title, result, measure);
        } else {
            chart = lines(title, result, measure);
        }
        chart.addSubtitle(new TextTitle(period(result.query().from(), result.query().to())));
        theme().apply(chart);
        style(chart, g == Granularity.ALL);
        return chart;
    }

    /** A bar chart of given categories and values, this period beside the previous one (for the PDF report). */
    static JFreeChart bars(String title, String axis, String valueAxis, Map<String, double[]> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((category, v) -> {
            data.addValue(v[0], THIS_PERIOD, category);
            data.addValue(v[1], PREVIOUS_PERIOD, category);
        });
        JFreeChart chart = ChartFactory.createBarChart(title, axis, valueAxis, data, PlotOrientation.VERTICAL, true,
                false, false);
        theme().apply(chart);
        style(chart, true);
        return chart;
    }

    private static JFreeChart bars(String title, StatsResult result, Measure measure) {
        Dimension by = result.query().groupBy();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (StatsRow r : result.rows()) {
            String category = by == null ? TOTAL : unique(values, name(r));
            values.put(category, new double[] {r.value(measure), r.previous().getOrDefault(measure, 0.0)});
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((category, v) -> {
            data.addValue(v[0], THIS_PERIOD, category);
            data.addValue(v[1], PREVIOUS_PERIOD, category);
        });
        return ChartFactory.createBarChart(title, by == null ? "" : by.labelUk(), measure.labelUk(), data,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart lines(String title, StatsResult result, Measure measure) {
        Dimension by = result.query().groupBy();
        Granularity g = result.query().granularity();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<LocalDate> periods = new LinkedHashSet<>();
        result.rows().stream().map(StatsRow::periodStart).sorted().forEach(periods::add);
        if (by == null) {
            Map<LocalDate, Double> byPeriod = new LinkedHashMap<>();
            for (StatsRow r : result.rows()) {
                byPeriod.merge(r.periodStart(), r.value(measure), Double::sum);
            }
            for (LocalDate p : periods) {
                data.addValue(byPeriod.getOrDefault(p, 0.0), measure.labelUk(), bucket(p, g));
            }
        } else {
            Map<String, Double> totals = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            for (StatsRow r : result.rows()) {
                totals.merge(r.key(), r.value(measure), Double::sum);
                names.putIfAbsent(r.key(), name(r));
            }
            List<String> keys = new ArrayList<>(totals.keySet());
            keys.sort(Comparator.comparing((String k) -> -totals.get(k)).thenComparing(k -> k));
            Set<String> shown = new LinkedHashSet<>(keys.subList(0, Math.min(MAX_LINES, keys.size())));
            boolean others = keys.size() > shown.size() && measure.isCount();
            for (LocalDate p : periods) {
                String category = bucket(p, g);
                for (String k : shown) {
                    data.addValue(0.0, names.get(k), category);
                }
                if (others) {
                    data.addValue(0.0, OTHERS, category);
                }
            }
            for (StatsRow r : result.rows()) {
                String category = bucket(r.periodStart(), g);
                String series = shown.contains(r.key()) ? names.get(r.key()) : others ? OTHERS : null;
                if (series != null) {
                    double before = data.getValue(series, category).doubleValue();
                    data.setValue(before + r.value(measure), series, category);
                }
            }
        }
        return ChartFactory.createLineChart(title, "Період", measure.labelUk(), data, PlotOrientation.VERTICAL, true,
                false, false);
    }

    private static String name(StatsRow r) {
        if (r.label() != null && !r.label().isBlank()) {
            return r.label();
        }
        return r.key() == null ? "—" : r.key();
    }

    private static String unique(Map<String, ?> taken, String name) {
        String n = name;
        for (int i = 2; taken.containsKey(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** @return e.g. {@code з 01.01.2026 по 31.03.2026} */
    static String period(LocalDate from, LocalDate to) {
        return "з " + DATE.format(from) + " по " + DATE.format(to);
    }

    /** @return the bucket's name in Ukrainian */
    static String bucket(LocalDate start, Granularity g) {
        return switch (g) {
            case DAY, ALL -> DATE.format(start);
            case WEEK -> "тиж. з " + DATE.format(start);
            case MONTH -> String.format("%02d.%d", start.getMonthValue(), start.getYear());
            case QUARTER -> ROMAN[(start.getMonthValue() - 1) / 3] + " кв. " + start.getYear();
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("nsoz");
        t.setExtraLargeFont(Fonts.awt(Font.BOLD, 18f));
        t.setLargeFont(Fonts.awt(Font.BOLD, 13f));
        t.setRegularFont(Fonts.awt(Font.PLAIN, 12f));
        t.setSmallFont(Fonts.awt(Font.PLAIN, 10f));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(0xE0, 0xE0, 0xE0));
        t.setRangeGridlinePaint(new Color(0xE0, 0xE0, 0xE0));
        t.setBarPainter(new StandardBarPainter());
        t.setShadowVisible(false);
        return t;
    }

    private static void style(JFreeChart chart, boolean bars) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOutlineVisible(false);
        CategoryAxis domain = plot.getDomainAxis();
        if (plot.getDataset().getColumnCount() > 6) {
            domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        domain.setMaximumCategoryLabelWidthRatio(2.0f);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        if (bars) {
            BarRenderer r = (BarRenderer) plot.getRenderer();
            r.setBarPainter(new StandardBarPainter());
            r.setShadowVisible(false);
            r.setDrawBarOutline(false);
            r.setItemMargin(0.05);
            r.setSeriesPaint(0, CURRENT);
            r.setSeriesPaint(1, PREVIOUS_COLOUR);
            r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
            r.setDefaultItemLabelFont(Fonts.awt(Font.PLAIN, 10f));
            r.setDefaultItemLabelsVisible(plot.getDataset().getColumnCount() <= 12);
        } else {
            LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
            r.setDefaultShapesVisible(true);
            for (int i = 0; i < plot.getDataset().getRowCount(); i++) {
                Paint p = LINES[i % LINES.length];
                r.setSeriesPaint(i, p);
                r.setSeriesStroke(i, new BasicStroke(2f));
            }
        }
    }
}
