package ua.gov.nsoz.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;

class ChartsTest {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 3, 31);

    private static StatsResult byRegion(double... received) {
        StatsQuery q = new StatsQuery(FROM, TO, Granularity.ALL, Dimension.REGION, null);
        String[][] keys = {{"UA-30", "м. Київ"}, {"UA-46", "Львівська область"}, {"UA-63", "Харківська область"}};
        List<StatsRow> rows = new ArrayList<>();
        for (int i = 0; i < received.length; i++) {
            rows.add(new StatsRow(FROM, keys[i][0], keys[i][1], Map.of(Measure.RECEIVED, received[i]),
                    Map.of(Measure.RECEIVED, 10.0)));
        }
        return new StatsResult(q, rows, FakeStatistics.AS_OF);
    }

    @Test
    void theShippedFontShowsEveryUkrainianLabel() {
        Font f = Fonts.awt(Font.PLAIN, 12);
        assertEquals("Liberation Sans", f.getFamily(java.util.Locale.ROOT));
        List<String> labels = new ArrayList<>(List.of("Львівська область", "Житлово-комунальне господарство",
                "Ґанок, їжак, європейський, ʼ", Charts.THIS_PERIOD, Charts.PREVIOUS_PERIOD, Charts.OTHERS, "−…·—"));
        for (Measure m : Measure.values()) {
            labels.add(m.labelUk());
        }
        for (Dimension d : Dimension.values()) {
            labels.add(d.labelUk());
        }
        for (String s : labels) {
            assertEquals(-1, f.canDisplayUpTo(s), s);
        }
    }

    @Test
    void barsOfAPngStandInTheValuesProportionsAndTheTitleIsDrawn() throws IOException {
        byte[] png = Charts.png(byRegion(100, 50, 25), Measure.RECEIVED, 800, 500);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        int blue = Charts.CURRENT.getRGB() & 0xFFFFFF;
        // runs of columns holding this period's colour; in each, the tallest column of that colour is the bar
        List<Integer> heights = new ArrayList<>();
        int run = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            int h = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == blue) {
                    h++;
                }
            }
            if (h > 0) {
                run = Math.max(run, h);
            } else if (run > 0) {
                heights.add(run);
                run = 0;
            }
        }
        // the legend's swatch is a small square: the bars are the tall runs
        List<Integer> bars = heights.stream().filter(h -> h > 20).toList();
        assertEquals(3, bars.size(), "three bars of this period, got runs " + heights);
        assertEquals(2.0, bars.get(0) / (double) bars.get(1), 0.05, "100 : 50, got " + bars);
        assertEquals(4.0, bars.get(0) / (double) bars.get(2), 0.1, "100 : 25, got " + bars);
        assertTrue(bars.get(0) > 200, "the biggest bar fills most of the plot: " + bars);
        int dark = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 100 && ((rgb >> 8) & 0xFF) < 100 && (rgb & 0xFF) < 100) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 200, "the title's text is drawn in the top band, dark pixels: " + dark);
    }

    @Test
    void aChartOverTimeWithoutGroupingIsALineOfThePeriods() {
        StatsQuery q = new StatsQuery(FROM, TO, Granularity.MONTH, null, null);
        StatsResult r = new StatsResult(q, List.of(
                new StatsRow(FROM, null, null, Map.of(Measure.RECEIVED, 70.0), Map.of()),
                new StatsRow(FROM.plusMonths(1), null, null, Map.of(Measure.RECEIVED, 61.0), Map.of()),
                new StatsRow(FROM.plusMonths(2), null, null, Map.of(Measure.RECEIVED, 69.0), Map.of())),
                FakeStatistics.AS_OF);
        JFreeChart chart = Charts.chart(r, Measure.RECEIVED);
        CategoryPlot plot = chart.getCategoryPlot();
        assertInstanceOf(LineAndShapeRenderer.class, plot.getRenderer());
        assertEquals(List.of("01.2026", "02.2026", "03.2026"), plot.getDataset().getColumnKeys());
        assertEquals(61.0, plot.getDataset().getValue(0, 1).doubleValue());
        assertEquals("Надійшло", chart.getTitle().getText());
    }

    @Test
    void aChartOverTimeAndGroupedDrawsTheBiggestKeysAndTheRestTogether() {
        StatsQuery q = new StatsQuery(FROM, TO, Granularity.MONTH, Dimension.REGION, null);
        List<StatsRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new StatsRow(FROM, "K" + i, "Ключ " + i, Map.of(Measure.RECEIVED, 10.0 + i), Map.of()));
        }
        JFreeChart chart = Charts.chart(new StatsResult(q, rows, FakeStatistics.AS_OF), Measure.RECEIVED);
        CategoryPlot plot = chart.getCategoryPlot();
        assertEquals(Charts.MAX_LINES + 1, plot.getDataset().getRowCount());
        assertEquals(10.0 + 11.0, plot.getDataset().getValue(Charts.OTHERS, "01.2026").doubleValue(),
                "the two smallest, together");
        assertEquals(19.0, plot.getDataset().getValue("Ключ 9", "01.2026").doubleValue());
        assertInstanceOf(BarRenderer.class, Charts.chart(byRegion(1, 2), Measure.RECEIVED).getCategoryPlot()
                .getRenderer(), "over the whole period: bars");
    }

    @Test
    void theSvgIsWellFormedAndCarriesTheUkrainianText() throws Exception {
        String svg = Charts.svg(byRegion(100, 50, 25), Measure.RECEIVED, 800, 500);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // JFreeSVG writes the SVG 1.1 DOCTYPE: parse offline, without fetching its DTD
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        String text = doc.getDocumentElement().getTextContent();
        for (String s : List.of("Надійшло: регіон", "Львівська область", "Харківська область", "м. Київ",
                Charts.THIS_PERIOD, Charts.PREVIOUS_PERIOD, "з 01.01.2026 по 31.03.2026")) {
            assertTrue(text.contains(s), s);
        }
    }

    @Test
    void aSizeOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Charts.png(byRegion(1), Measure.RECEIVED, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> Charts.svg(byRegion(1), Measure.RECEIVED, 800, 5000));
    }
}
