package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.analytics.OpenDataSet;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;

/** {@code /api/v1/open-data}: public, whole months, JSON or CSV with suppressed cells empty, its dictionary. */
@DisplayName("REST: /open-data is public, JSON or CSV, suppressed cells empty, with a bilingual dictionary")
class OpenDataResourceTest {

    final List<LocalDate[]> asked = new ArrayList<>();

    final OpenDataResource resource = new OpenDataResource((Statistics) Proxy.newProxyInstance(
            Statistics.class.getClassLoader(), new Class<?>[] {Statistics.class}, (p, m, a) -> switch (m.getName()) {
                case "openData" -> {
                    LocalDate from = (LocalDate) a[0];
                    LocalDate to = (LocalDate) a[1];
                    asked.add(new LocalDate[] {from, to});
                    yield new OpenDataSet(from, to, List.of(
                            new OpenDataSet.Row(LocalDate.of(2026, 1, 1), "UA-46", "008", 120L, 100L, 90L),
                            new OpenDataSet.Row(LocalDate.of(2026, 1, 1), "UA-30", "110", 6L, null, null)));
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }));

    @Test
    @DisplayName("Both operations are public (no login)")
    void publicOperations() throws NoSuchMethodException {
        for (Method m : OpenDataResource.class.getMethods()) {
            if (m.isAnnotationPresent(javax.ws.rs.GET.class)) {
                assertEquals(Operation.PUBLIC, m.getAnnotation(Allowed.class).value(), m.getName());
            }
        }
    }

    @Test
    @DisplayName("JSON: months as yyyy-MM, suppressed cells null, the dictionary named")
    void json() {
        Response r = resource.get("2026-01-01", "2026-03-31", null, "application/json");
        assertEquals("application/json", r.getMediaType().toString());
        OpenDataResource.OpenDataJson j = assertInstanceOf(OpenDataResource.OpenDataJson.class, r.getEntity());
        assertEquals(5, j.minCell());
        assertEquals("2026-01", j.rows().get(0).month());
        assertEquals(120L, j.rows().get(0).received());
        assertNull(j.rows().get(1).answered());
        assertEquals(OpenDataResource.DICTIONARY_PATH, j.dictionary());
    }

    @Test
    @DisplayName("CSV by Accept: text/csv or by format=csv: UTF-8 with a BOM, the dictionary's columns, suppressed empty")
    void csv() {
        for (Response r : List.of(resource.get("2026-01-01", "2026-01-31", null, "text/csv"),
                resource.get("2026-01-01", "2026-01-31", "csv", null),
                resource.get("2026-01-01", "2026-01-31", null, "application/json;q=0.5, text/csv"))) {
            assertEquals("text/csv;charset=UTF-8", r.getMediaType().toString().replace(" ", ""));
            byte[] body = assertInstanceOf(byte[].class, r.getEntity());
            assertEquals((byte) 0xEF, body[0]);
            List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
            assertEquals("month,region,section,received,answered,answeredOnTime", lines.get(0));
            assertEquals("2026-01,UA-46,008,120,100,90", lines.get(1));
            assertEquals("2026-01,UA-30,110,6,,", lines.get(2));
        }
        Response json = resource.get("2026-01-01", "2026-01-31", null, "text/csv;q=0.2, application/json");
        assertEquals("application/json", json.getMediaType().toString(), "the higher q wins");
    }

    @Test
    @DisplayName("Whole months only, from not after to, at most 60 months, known formats; each named in a 400")
    void badParameters() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> resource.get("2026-01-15", "2026-02-27", "xml", null));
        assertEquals(List.of("from", "to", "format"), e.errors().stream().map(FieldError::field).toList());
        e.errors().forEach(f -> StatsResourceTest.assertBilingual(f.message()));
        assertEquals("from", assertThrows(ValidationException.class,
                () -> resource.get("2026-03-01", "2026-01-31", null, null)).errors().get(0).field());
        assertEquals("to", assertThrows(ValidationException.class,
                () -> resource.get("2020-01-01", "2025-01-31", null, null)).errors().get(0).field());
        resource.get("2020-01-01", "2024-12-31", null, null);
        assertEquals(1, asked.size(), "60 months is allowed; nothing else was asked");
    }

    @Test
    @DisplayName("Without a period: the twelve closed months before this one")
    void defaultPeriod() {
        resource.get(null, null, null, null);
        LocalDate first = asked.get(0)[0];
        LocalDate last = asked.get(0)[1];
        assertEquals(1, first.getDayOfMonth());
        assertEquals(last, last.withDayOfMonth(last.lengthOfMonth()));
        assertEquals(first.plusMonths(12).minusDays(1), last);
        assertTrue(last.isBefore(LocalDate.now(Analysis.KYIV).withDayOfMonth(1)));
    }

    @Test
    @DisplayName("The dictionary names every column in Ukrainian and English and states the suppression rule")
    void dictionary() {
        OpenDataResource.DictionaryJson d = resource.dictionary();
        assertEquals(List.of("month", "region", "section", "received", "answered", "answeredOnTime"),
                d.columns().stream().map(OpenDataResource.ColumnJson::name).toList());
        d.columns().forEach(c -> assertTrue(!c.uk().isBlank() && !c.en().isBlank() && c.uk().chars()
                .anyMatch(ch -> ch >= 'А' && ch <= 'я'), c.name()));
        assertEquals(OpenDataSet.MIN_CELL, d.minCell());
        assertTrue(d.suppressionUk().contains("менше 5") && d.suppressionEn().contains("under 5"));
    }
}
