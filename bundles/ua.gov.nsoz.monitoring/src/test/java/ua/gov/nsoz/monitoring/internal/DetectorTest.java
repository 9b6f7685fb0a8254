package ua.gov.nsoz.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.monitoring.AlertKind;

@DisplayName("Detector: small cases by hand")
class DetectorTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    final Detector detector = new Detector(DetectorSettings.DEFAULT);

    @Test
    @DisplayName("the section of a topic")
    void sections() {
        assertEquals("110", SeriesKey.sectionOf("110.02"));
        assertEquals("008", SeriesKey.sectionOf(" 008.01.3 "));
        assertEquals("Житлово-комунальне господарство", SeriesKey.sectionOf("Житлово-комунальне господарство"));
        assertEquals("м. Київ. Транспорт", SeriesKey.sectionOf("м. Київ. Транспорт"));
        assertEquals("—", SeriesKey.sectionOf(null));
    }

    @Test
    @DisplayName("a flat series gives nothing; a jump is a spike from its day; nothing before 35 days of history")
    void spike() {
        long[] y = new long[60];
        Arrays.fill(y, 6);
        SeriesKey key = new SeriesKey("110", "UA-46");
        assertEquals(List.of(), detector.detect(MONDAY, Map.of(key, y), 0, 59));
        y[50] = 30;
        List<Detection> found = detector.detect(MONDAY, Map.of(key, y), 0, 59);
        assertEquals(1, found.size(), found::toString);
        Detection d = found.get(0);
        assertEquals(AlertKind.SPIKE, d.kind());
        assertEquals(MONDAY.plusDays(50), d.since());
        assertEquals(MONDAY.plusDays(50), d.detectedOn());
        assertTrue(d.observed() > d.threshold(), d::toString);
        y[20] = 100;
        assertTrue(detector.detect(MONDAY, Map.of(key, y), 0, 34).isEmpty(), "no test without its baseline");
    }

    @Test
    @DisplayName("appeals on a topic the region never had are a new issue; below the minimum count they are not")
    void newIssue() {
        long[] y = new long[50];
        SeriesKey key = new SeriesKey("204", "UA-30");
        y[45] = 2;
        y[46] = 2;
        assertEquals(List.of(), detector.detect(MONDAY, Map.of(key, y), 35, 49), "4 appeals: under the minimum");
        y[47] = 2;
        List<Detection> found = detector.detect(MONDAY, Map.of(key, y), 35, 49);
        assertEquals(1, found.size(), found::toString);
        assertEquals(AlertKind.NEW_ISSUE, found.get(0).kind());
        assertEquals(MONDAY.plusDays(45), found.get(0).since(), "since the first day of the excess");
        assertEquals(MONDAY.plusDays(47), found.get(0).detectedOn());
    }

    @Test
    @DisplayName("weekday factors: a quiet weekend is expected, not a drop, and a busy Monday is not a spike")
    void weekdays() {
        long[] y = new long[70];
        for (int i = 0; i < y.length; i++) {
            int dow = (MONDAY.getDayOfWeek().getValue() - 1 + i) % 7;
            y[i] = dow == 0 ? 20 : dow >= 5 ? 1 : 8;
        }
        double[] w = Detector.weekdayFactors(MONDAY, List.of(y), 69);
        assertTrue(w[0] > 2 && w[6] < 0.3, Arrays.toString(w));
        assertEquals(List.of(), detector.detect(MONDAY, Map.of(new SeriesKey("1", "UA-1"), y), 0, 69));
    }
}
