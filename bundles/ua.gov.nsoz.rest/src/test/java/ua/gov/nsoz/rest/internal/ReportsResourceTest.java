package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.reports.ReportInfo;
import ua.gov.nsoz.reports.Reports;

/** {@code /api/v1/reports}: the analysts' quarterly reports: list, make, fetch the PDF. */
@DisplayName("REST: /reports lists, makes and serves the quarterly PDF, to analysts only")
class ReportsResourceTest {

    static final ReportInfo Q1 = new ReportInfo("2026-Q1-20260401T030000000Z", 2026, 1, "ucc",
            Instant.parse("2026-04-01T03:00:00Z"), 4, "ab");

    final List<String> made = new ArrayList<>();

    final ReportsResource resource = new ReportsResource((Reports) Proxy.newProxyInstance(
            Reports.class.getClassLoader(), new Class<?>[] {Reports.class}, (p, m, a) -> switch (m.getName()) {
                case "list" -> List.of(Q1);
                case "generateQuarterly" -> {
                    made.add(a[0] + "-Q" + a[1]);
                    yield Q1;
                }
                case "pdf" -> Q1.id().equals(a[0]) ? Optional.of("%PDF".getBytes()) : Optional.empty();
                default -> throw new UnsupportedOperationException(m.getName());
            }), new Callers(CallersTest.node("ucc"), CallersTest.audit(new ArrayList<>())));

    static final BasicAuth.UserContext ANALYST = StatsResourceTest.as("analyst", "nsoz-analyst");

    @Test
    @DisplayName("An analyst lists, makes (201 with Location) and fetches a report as application/pdf")
    void analyst() {
        ReportsResource.ReportJson listed = resource.list(ANALYST).items().get(0);
        assertEquals(LocalDate.of(2026, 1, 1), listed.from());
        assertEquals(LocalDate.of(2026, 3, 31), listed.to());
        assertEquals("/api/v1/reports/" + Q1.id(), listed.pdf());

        Response r = resource.generate("2026", "1", null, ANALYST);
        assertEquals(201, r.getStatus());
        assertTrue(r.getLocation().toString().endsWith("/reports/" + Q1.id()), r.getLocation().toString());
        assertInstanceOf(ReportsResource.ReportJson.class, r.getEntity());
        assertEquals(List.of("2026-Q1"), made);

        Response pdf = resource.pdf(Q1.id(), ANALYST);
        assertEquals("application/pdf", pdf.getMediaType().toString());
        assertEquals("%PDF", new String((byte[]) pdf.getEntity()));
        assertThrows(NotFoundException.class, () -> resource.pdf("2026-Q9-x", ANALYST));
    }

    @Test
    @DisplayName("Supervisors and heads (who may see their own figures) may not see or make the national report")
    void othersRefused() {
        for (BasicAuth.UserContext who : List.of(StatsResourceTest.as("supervisor", "nsoz-supervisor"),
                StatsResourceTest.as("head", "nsoz-head", "nsoz-body-MOZ"))) {
            assertThrows(SecurityException.class, () -> resource.list(who));
            assertThrows(SecurityException.class, () -> resource.generate("2026", "1", null, who));
            assertThrows(SecurityException.class, () -> resource.pdf(Q1.id(), who));
        }
        assertTrue(made.isEmpty());
    }

    @Test
    @DisplayName("year and quarter are required whole numbers in range; each named in one bilingual 400")
    void badParameters() {
        ValidationException none = assertThrows(ValidationException.class,
                () -> resource.generate(null, "five", null, ANALYST));
        assertEquals(List.of("year", "quarter"), none.errors().stream().map(FieldError::field).toList());
        none.errors().forEach(f -> StatsResourceTest.assertBilingual(f.message()));
        ValidationException range = assertThrows(ValidationException.class,
                () -> resource.generate("1999", "5", null, ANALYST));
        assertEquals(List.of("year", "quarter"), range.errors().stream().map(FieldError::field).toList());
        assertTrue(made.isEmpty());
    }
}
