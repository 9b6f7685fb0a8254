package ua.gov.nsoz.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.reports.ReportInfo;

class ReportsComponentTest {

    /** 10 April 2026, 11:00 in Kyiv: the last closed quarter is I 2026. */
    private static final Instant NOW = Instant.parse("2026-04-10T08:00:00Z");

    @TempDir
    Path dir;

    private final FakeStatistics stats = new FakeStatistics();

    static final NodeIdentity UCC = new NodeIdentity() {
        @Override
        public String nodeId() {
            return "ucc";
        }

        @Override
        public String code() {
            return "UC";
        }

        @Override
        public String name() {
            return "Урядовий контактний центр";
        }

        @Override
        public NodeRole role() {
            return NodeRole.CENTRAL;
        }

        @Override
        public String region() {
            return null;
        }

        @Override
        public String centerNodeId() {
            return null;
        }

        @Override
        public String softwareVersion() {
            return "test";
        }

        @Override
        public Instant startedAt() {
            return NOW;
        }
    };

    private ReportsComponent reports(Instant now, boolean scheduled) {
        return new ReportsComponent(stats, UCC, Clock.fixed(now, ZoneOffset.UTC), dir, scheduled);
    }

    private static String text(PDDocument doc, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(doc);
    }

    @Test
    void theQuarterlyReportCarriesTheHeadingsTheFiguresTheChartsAndItsFont() throws IOException {
        ReportInfo info = reports(NOW, false).generateQuarterly(2026, 1);
        byte[] pdf = reports(NOW, false).pdf(info.id()).orElseThrow();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            // title, totals, regions, sections, channels, bodies; a chart that does not fit goes on to the next page
            assertTrue(pages >= 6 && pages <= 9, "pages: " + pages);
            for (int i = 1; i <= pages; i++) {
                assertTrue(text(doc, i).contains("сторінка " + i + " з " + pages), "footer of page " + i);
            }
            String title = text(doc, 1);
            for (String s : List.of(QuarterlyPdf.TITLE, "до Секретаріату Кабінету Міністрів України",
                    "I квартал 2026 року (з 01.01.2026 по 31.03.2026)", "Вузол: Урядовий контактний центр (ucc)",
                    "Сформовано: 10.04.2026 11:00 (за київським часом)", "IV квартал 2025 року")) {
                assertTrue(title.contains(s), s + " in\n" + title);
            }
            String all = new PDFTextStripper().getText(doc);
            for (String s : List.of(QuarterlyPdf.H_TOTALS, QuarterlyPdf.H_REGIONS, QuarterlyPdf.H_SECTIONS,
                    QuarterlyPdf.H_CHANNELS, QuarterlyPdf.H_BODIES)) {
                assertTrue(all.contains(s), s);
            }
            // totals: 200 received against 150 (+50); answered on time 100 against 75; the median 7.5
            assertTrue(all.contains("Надійшло 200 150 +50"), all);
            assertTrue(all.contains("Відповідь у строк 100 75 +25"), all);
            assertTrue(all.contains("Медіана днів до відповіді 7.5 7.5 0"), all);
            // by region: Lviv 120 this quarter, 90 the quarter before, 60 answered on time, 12 overdue
            assertTrue(all.contains("Львівська область 120 90 60 12"), all);
            assertTrue(all.contains("м. Київ 80 60 40 8"), all);
            assertTrue(all.contains("Житлово-комунальне господарство 63 50"), all);
            assertTrue(all.contains("Телефон 151 110"), all);
            // bodies: rank (previous rank), name, received (previous), on time, overdue now
            assertTrue(all.contains("1 (2) Міністерство охорони здоров'я України 137 (95) 68 3"), all);
            assertTrue(all.contains("2 Міністерство розвитку громад 63 (—) 31 17"), all);

            int images = 0;
            boolean embeddedFont = false;
            for (PDPage page : doc.getPages()) {
                for (COSName n : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(n) instanceof PDImageXObject) {
                        images++;
                    }
                }
                for (COSName n : page.getResources().getFontNames()) {
                    PDFont f = page.getResources().getFont(n);
                    embeddedFont |= f instanceof PDType0Font && f.isEmbedded()
                            && f.getName().contains("LiberationSans");
                }
            }
            assertEquals(3, images, "the months' chart, regions' and channels'");
            assertTrue(embeddedFont, "Liberation Sans embedded");
        }
        assertTrue(stats.asked.stream().allMatch(q -> q.scope().equals(Scope.ALL)));
    }

    @Test
    void reportsAreKeptListedNewestFirstAndFetchedById() throws IOException {
        ReportsComponent r = reports(NOW, false);
        ReportInfo first = r.generateQuarterly(2026, 1);
        ReportInfo second = reports(NOW.plusSeconds(60), false).generateQuarterly(2025, 4);
        assertNotEquals(first.id(), second.id());
        assertTrue(first.id().startsWith("2026-Q1-20260410T080000000Z"), first.id());
        assertEquals(LocalDate.of(2026, 1, 1), first.from());
        assertEquals(LocalDate.of(2026, 3, 31), first.to());

        // a new instance over the same folder (a restart) sees both
        ReportsComponent again = reports(NOW, false);
        List<ReportInfo> list = again.list();
        assertEquals(List.of(second, first), list);
        byte[] pdf = again.pdf(first.id()).orElseThrow();
        assertEquals(first.size(), pdf.length);
        assertEquals(ReportStore.sha256(pdf), first.sha256());
        assertEquals("ucc", first.node());
        assertArrayEquals(Files.readAllBytes(dir.resolve(first.id() + ".pdf")), pdf);

        assertEquals(Optional.empty(), again.pdf("../" + ReportStore.INDEX));
        assertEquals(Optional.empty(), again.pdf("2026-Q1-20990101T000000000Z"));
        assertEquals(Optional.empty(), again.pdf(null));

        // the same quarter again, the same millisecond: a new report with its own id
        ReportInfo third = reports(NOW, false).generateQuarterly(2026, 1);
        assertEquals(first.id() + "-2", third.id());
        assertEquals(3, again.list().size());
    }

    @Test
    void aReportChangedOnDiskIsRefused() throws IOException {
        ReportsComponent r = reports(NOW, false);
        ReportInfo info = r.generateQuarterly(2026, 1);
        Path file = dir.resolve(info.id() + ".pdf");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThrows(IllegalStateException.class, () -> r.pdf(info.id()));
    }

    @Test
    void aQuarterOutOfRangeOrNotBegunIsRefused() {
        ReportsComponent r = reports(NOW, false);
        ValidationException e = assertThrows(ValidationException.class, () -> r.generateQuarterly(2026, 5));
        assertEquals("quarter", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains(" / "), "bilingual");
        assertEquals("year", assertThrows(ValidationException.class, () -> r.generateQuarterly(2026, 3)).errors()
                .get(0).field());
        // the current quarter, not over yet, is made with the figures so far and says so
        ReportInfo now = r.generateQuarterly(2026, 2);
        assertEquals(2, now.quarter());
        assertTrue(r.list().size() == 1);
    }

    @Test
    void theCurrentQuarterSaysItIsNotOver() throws IOException {
        ReportsComponent r = reports(NOW, false);
        byte[] pdf = r.pdf(r.generateQuarterly(2026, 2).id()).orElseThrow();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(text(doc, 1).contains("Квартал ще триває"));
        }
        byte[] closed = r.pdf(r.generateQuarterly(2026, 1).id()).orElseThrow();
        try (PDDocument doc = Loader.loadPDF(closed)) {
            assertTrue(!text(doc, 1).contains("Квартал ще триває"));
        }
    }

    @Test
    void theScheduleMakesTheLastClosedQuarterOnce() {
        ReportsComponent r = reports(NOW, false);
        assertEquals(1, r.ensureLastClosedQuarter().orElseThrow().quarter());
        assertEquals(Optional.empty(), r.ensureLastClosedQuarter(), "kept already");
        // in January the last closed quarter is IV of the year before
        ReportInfo q4 = reports(Instant.parse("2027-01-05T10:00:00Z"), false).ensureLastClosedQuarter().orElseThrow();
        assertEquals(List.of(2026, 4), List.of(q4.year(), q4.quarter()));
    }

    @Test
    void onActivationTheScheduleMakesTheReportInTheBackground() throws Exception {
        ReportsComponent r = reports(NOW, true);
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (r.list().isEmpty()) {
                assertTrue(Instant.now().isBefore(deadline), "no report within 30 s");
                Thread.sleep(50);
            }
            ReportInfo made = r.list().get(0);
            assertEquals(List.of(2026, 1), List.of(made.year(), made.quarter()));
        } finally {
            r.deactivate();
        }
    }

    @Test
    void aFailedScheduledRunLeavesNothingAndIsTriedAgainByTheNextRun() {
        stats.failure = new IllegalStateException("analytics not ready");
        ReportsComponent r = reports(NOW, false);
        assertThrows(IllegalStateException.class, r::ensureLastClosedQuarter);
        assertEquals(List.of(), r.list());
        stats.failure = null;
        assertTrue(r.ensureLastClosedQuarter().isPresent());
    }
}
