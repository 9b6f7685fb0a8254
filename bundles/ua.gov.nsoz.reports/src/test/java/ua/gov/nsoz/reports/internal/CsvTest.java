package ua.gov.nsoz.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;

class CsvTest {

    private final FakeStatistics stats = new FakeStatistics();

    private static List<CSVRecord> parse(byte[] csv) throws IOException {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3),
                "starts with the UTF-8 byte order mark");
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\n"), "CRLF line ends");
        try (CSVParser p = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    @Test
    void aGroupedAnswerHasAUkrainianHeaderAndEachMeasureBesideThePreviousPeriod() throws IOException {
        StatsResult r = stats.query(new StatsQuery(FakeStatistics.Q1, LocalDate.of(2026, 3, 31), Granularity.ALL,
                Dimension.REGION, Scope.ALL));
        List<CSVRecord> rows = parse(Csv.stats(r));
        List<String> header = rows.get(0).toList();
        assertEquals(List.of("Період з", "Регіон (код)", "Регіон", "Надійшло", "Надійшло (попередній період)"),
                header.subList(0, 5));
        assertEquals(3 + 2 * Measure.values().length, header.size());
        assertEquals(3, rows.size());
        CSVRecord lviv = rows.get(2);
        assertEquals(List.of("2026-01-01", "UA-46", "Львівська область", "120", "60"), lviv.toList().subList(0, 5));
        int median = header.indexOf("Медіана днів до відповіді");
        assertEquals("7.5", lviv.get(median));
        assertEquals("4.25", lviv.get(header.indexOf("Середня оцінка")));
    }

    @Test
    void totalsHaveNoKeyColumnsAndAnAbsentMeasureIsAnEmptyCell() throws IOException {
        StatsQuery q = new StatsQuery(FakeStatistics.Q1, LocalDate.of(2026, 3, 31), null, null, null);
        StatsResult r = new StatsResult(q, List.of(new ua.gov.nsoz.analytics.StatsRow(q.from(), null, null,
                java.util.Map.of(Measure.RECEIVED, 3.0), java.util.Map.of())), FakeStatistics.AS_OF);
        List<CSVRecord> rows = parse(Csv.stats(r));
        assertEquals("Надійшло", rows.get(0).get(1));
        assertEquals("3", rows.get(1).get(1));
        assertEquals("", rows.get(1).get(2), "previous absent");
        assertEquals("", rows.get(1).get(rows.get(0).toList().indexOf("Середня оцінка")));
    }

    @Test
    void scorecardsCarryRanksBodiesAndOverdueNow() throws IOException {
        List<CSVRecord> rows = parse(Csv.scorecards(stats.scorecards(FakeStatistics.Q1, LocalDate.of(2026, 3, 31),
                Scope.ALL)));
        List<String> header = rows.get(0).toList();
        assertEquals(List.of("Місце", "Місце (попередній період)", "Орган (код)", "Орган", "Надійшло"),
                header.subList(0, 5));
        assertEquals("Прострочено зараз", header.get(header.size() - 1));
        assertEquals(List.of("1", "2", "MOZ", "Міністерство охорони здоров'я України", "137", "95"),
                rows.get(1).toList().subList(0, 6));
        assertEquals("", rows.get(2).get(1), "no previous rank");
        assertEquals("17", rows.get(2).get(header.size() - 1));
    }

    @Test
    void formulaCellsAreNeutralizedAndQuotingRoundTrips() throws IOException {
        List<List<String>> in = List.of(
                List.of("=HYPERLINK(\"http://evil\",\"x\")", "+380 44 000 00 00", "-5", "@SUM(A1:A2)"),
                Arrays.asList("-1+1|cmd", "\tTab", null, "рядок, з комою \"і лапками\"\nі новим рядком"));
        List<CSVRecord> rows = parse(Csv.table(List.of("Перше", "=Друге", "Третє", "Четверте"), in));
        assertEquals(List.of("Перше", "'=Друге", "Третє", "Четверте"), rows.get(0).toList());
        assertEquals(List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+380 44 000 00 00", "-5", "'@SUM(A1:A2)"),
                rows.get(1).toList(), "a plain number stays a number");
        assertEquals(List.of("'-1+1|cmd", "'\tTab", "", "рядок, з комою \"і лапками\"\nі новим рядком"),
                rows.get(2).toList());
    }
}
