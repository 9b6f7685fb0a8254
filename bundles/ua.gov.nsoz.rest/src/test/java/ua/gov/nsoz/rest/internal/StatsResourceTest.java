package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.analytics.Granularity;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scope;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.analytics.StatsQuery;
import ua.gov.nsoz.analytics.StatsResult;
import ua.gov.nsoz.analytics.StatsRow;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.reports.Reports;

/**
 * {@code /api/v1/stats}: the scope each role's figures are counted in (what the resource passes to the statistics),
 * the parameters' errors, the JSON shape.
 */
@DisplayName("REST: /stats counts within the caller's scope, names every bad parameter")
class StatsResourceTest {

    static final Instant AS_OF = Instant.parse("2026-04-01T08:00:00Z");

    final List<StatsQuery> queries = new ArrayList<>();
    final List<Scope> cardScopes = new ArrayList<>();
    final List<AuditEntry> audit = new ArrayList<>();

    static final Map<Measure, Double> NOW = Map.of(Measure.RECEIVED, 12.0, Measure.ANSWERED, 7.0,
            Measure.MEDIAN_DAYS, 4.5);
    static final Map<Measure, Double> BEFORE = Map.of(Measure.RECEIVED, 9.0);

    final Statistics statistics = (Statistics) Proxy.newProxyInstance(Statistics.class.getClassLoader(),
            new Class<?>[] {Statistics.class}, (p, m, a) -> switch (m.getName()) {
                case "query" -> {
                    StatsQuery q = (StatsQuery) a[0];
                    queries.add(q);
                    yield new StatsResult(q, List.of(new StatsRow(q.from(), "UA-46", "Львівська область", NOW,
                            BEFORE)), AS_OF);
                }
                case "scorecards" -> {
                    cardScopes.add((Scope) a[2]);
                    yield List.of(new Scorecard(1, "MOZ", "Міністерство охорони здоров'я", NOW, 3, 2, BEFORE));
                }
                default -> throw new UnsupportedOperationException(m.getName());
            });

    final StatsResource resource = new StatsResource(statistics,
            new Callers(CallersTest.node("ucc"), CallersTest.audit(audit)));

    static BasicAuth.UserContext as(String user, String... roles) {
        return new BasicAuth.UserContext(new Actor(user, Set.of(roles)), true);
    }

    private Response stats(BasicAuth.UserContext who, String body) {
        return resource.stats("2026-01-01", "2026-03-31", "month", "region", body, null, null, null, null, null, who);
    }

    @Test
    @DisplayName("An analyst counts everything, a supervisor their center, a head their body")
    void eachRoleItsScope() {
        stats(as("analyst", "nsoz-analyst"), null);
        stats(as("supervisor", "nsoz-supervisor"), null);
        stats(as("head", "nsoz-head", "nsoz-body-MOZ"), null);
        stats(as("analyst", "nsoz-analyst"), "mon");
        assertEquals(List.of(Scope.ALL, Scope.node("ucc"), Scope.body("MOZ"), Scope.body("MON")),
                queries.stream().map(StatsQuery::scope).toList());
        StatsQuery q = queries.get(0);
        assertEquals(LocalDate.of(2026, 1, 1), q.from());
        assertEquals(LocalDate.of(2026, 3, 31), q.to());
        assertEquals(Granularity.MONTH, q.granularity());
        assertEquals(Dimension.REGION, q.groupBy());
        assertTrue(audit.isEmpty(), "counts only: nothing for the audit log");

        resource.scorecards("2026-01-01", "2026-03-31", null, null, null, as("head", "nsoz-head", "nsoz-body-MOZ"));
        assertEquals(List.of(Scope.body("MOZ")), cardScopes, "a head gets their body's card only");
    }

    @Test
    @DisplayName("Whoever may not see reports is refused (403): an operator, a clerk, an auditor, an admin, a head of another body")
    void othersRefused() {
        for (BasicAuth.UserContext who : List.of(as("operator", "nsoz-operator"),
                as("clerk", "nsoz-clerk", "nsoz-body-MOZ"), as("auditor", "nsoz-auditor"), as("admin", "nsoz-admin"))) {
            assertThrows(SecurityException.class, () -> stats(who, null), who.actor().name());
            assertTrue(!AccessRules.may(new AccessRules.Caller(who.actor(), "ucc"), Operation.REPORT_READ),
                    "the Authorize filter refuses " + who.actor().name() + " before the resource runs");
        }
        assertThrows(SecurityException.class, () -> stats(as("head", "nsoz-head", "nsoz-body-MOZ"), "MON"),
                "not their body");
        assertThrows(SecurityException.class, () -> stats(as("supervisor", "nsoz-supervisor"), "MOZ"),
                "a supervisor's scope is their center");
        ValidationException several = assertThrows(ValidationException.class,
                () -> stats(as("head", "nsoz-head", "nsoz-body-MOZ", "nsoz-body-MON"), null));
        assertEquals("body", several.errors().get(0).field());
        assertTrue(queries.isEmpty(), "nothing was counted for them");
    }

    @Test
    @DisplayName("Every bad parameter is named at once, bilingual: unknown dimension, granularity, format; from after to")
    void badParameters() {
        ValidationException e = assertThrows(ValidationException.class, () -> resource.stats("2026-03-01",
                "2026-01-31", "fortnight", "colour", null, "xlsx", "loudness", "10", "x", null,
                as("analyst", "nsoz-analyst")));
        assertEquals(List.of("from", "granularity", "groupBy", "measure", "format", "width", "height"),
                e.errors().stream().map(FieldError::field).toList());
        e.errors().forEach(f -> assertBilingual(f.message()));
        assertTrue(e.errors().get(2).message().contains("APPLICANT_TYPE"), "names the dimensions");

        ValidationException tooLong = assertThrows(ValidationException.class, () -> resource.stats("2000-01-01",
                "2026-01-31", null, null, null, null, null, null, null, null, as("analyst", "nsoz-analyst")));
        assertEquals("to", tooLong.errors().get(0).field());
        assertBilingual(tooLong.errors().get(0).message());

        ValidationException notADate = assertThrows(ValidationException.class, () -> resource.scorecards("01.01.2026",
                null, null, null, null, as("analyst", "nsoz-analyst")));
        assertEquals("from", notADate.errors().get(0).field());
        assertTrue(queries.isEmpty() && cardScopes.isEmpty());
    }

    @Test
    @DisplayName("A dimension is taken in any case and with dashes: applicant-type")
    void dimensionSpelling() {
        resource.stats("2026-01-01", "2026-01-31", null, "applicant-type", null, null, null, null, null, null,
                as("analyst", "nsoz-analyst"));
        assertEquals(Dimension.APPLICANT_TYPE, queries.get(0).groupBy());
        assertEquals(Granularity.ALL, queries.get(0).granularity());
    }

    @Test
    @DisplayName("JSON: the period and the previous one, counts as whole numbers, days as they are, absent measures absent")
    void json() {
        Response r = stats(as("analyst", "nsoz-analyst"), null);
        assertEquals("application/json", r.getMediaType().toString());
        StatsResource.StatsJson j = assertInstanceOf(StatsResource.StatsJson.class, r.getEntity());
        assertEquals(LocalDate.of(2025, 10, 3), j.previousFrom());
        assertEquals(LocalDate.of(2025, 12, 31), j.previousTo());
        assertEquals(AS_OF, j.asOf());
        assertEquals(Measure.values().length, j.measures().size());
        StatsResource.RowJson row = j.rows().get(0);
        assertEquals(12L, row.values().get("RECEIVED"));
        assertEquals(4.5, row.values().get("MEDIAN_DAYS"));
        assertNull(row.values().get("MEAN_RATING"));
        assertEquals(9L, row.previous().get("RECEIVED"));
        assertNull(j.scope().node());
    }

    /** A fake reports bundle: says what it was asked to draw. */
    final List<String> drawn = new ArrayList<>();

    final Reports reports = (Reports) Proxy.newProxyInstance(Reports.class.getClassLoader(),
            new Class<?>[] {Reports.class}, (p, m, a) -> {
                drawn.add(m.getName() + (a != null && a.length > 1 ? " " + a[1] + " " + a[2] + "x" + a[3] : ""));
                return switch (m.getName()) {
                    case "csv", "csvScorecards" -> "\uFEFFПеріод з\r\n".getBytes(StandardCharsets.UTF_8);
                    case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G'};
                    case "svg" -> "<svg>Надійшло</svg>";
                    default -> throw new UnsupportedOperationException(m.getName());
                };
            });

    @Test
    @DisplayName("CSV (format=csv or Accept: text/csv) and charts (png, svg) come from the reports bundle, typed")
    void csvAndCharts() {
        resource.setReports(reports);
        BasicAuth.UserContext analyst = as("analyst", "nsoz-analyst");
        Response byAccept = resource.stats("2026-01-01", "2026-01-31", null, "region", null, null, null, null, null,
                "text/csv", analyst);
        assertEquals("text/csv;charset=UTF-8", byAccept.getMediaType().toString().replace(" ", ""));
        assertTrue(byAccept.getHeaderString("Content-Disposition").contains("stats-2026-01-01-2026-01-31.csv"));
        Response byFormat = resource.stats("2026-01-01", "2026-01-31", null, null, null, "CSV", null, null, null,
                "application/json", analyst);
        assertEquals("text/csv;charset=UTF-8", byFormat.getMediaType().toString().replace(" ", ""),
                "format wins over Accept");
        Response png = resource.stats("2026-01-01", "2026-01-31", "day", null, null, "png", "overdue", "800", null,
                null, analyst);
        assertEquals("image/png", png.getMediaType().toString());
        Response svg = resource.stats("2026-01-01", "2026-01-31", null, null, null, null, null, null, null,
                "image/svg+xml", analyst);
        assertTrue(svg.getMediaType().toString().startsWith("image/svg+xml"), svg.getMediaType().toString());
        assertEquals("<svg>Надійшло</svg>", new String((byte[]) svg.getEntity(), StandardCharsets.UTF_8));
        Response cards = resource.scorecards("2026-01-01", "2026-01-31", null, null, "text/csv", analyst);
        assertEquals("text/csv;charset=UTF-8", cards.getMediaType().toString().replace(" ", ""));
        assertEquals(List.of("csv", "csv", "png OVERDUE 800x600", "svg RECEIVED 1000x600", "csvScorecards"), drawn);
    }

    @Test
    @DisplayName("Without the reports bundle: JSON still answers, CSV and charts are a 503 that says why, before counting")
    void withoutReports() {
        BasicAuth.UserContext analyst = as("analyst", "nsoz-analyst");
        javax.ws.rs.ServiceUnavailableException e = assertThrows(javax.ws.rs.ServiceUnavailableException.class,
                () -> resource.stats("2026-01-01", "2026-01-31", null, null, null, "csv", null, null, null, null,
                        analyst));
        assertBilingual(e.getMessage());
        assertTrue(queries.isEmpty());
        assertEquals(200, resource.stats("2026-01-01", "2026-01-31", null, null, null, null, null, null, null,
                "text/html, */*", analyst).getStatus());
    }

    static void assertBilingual(String message) {
        assertTrue(message.contains(" / ") && message.chars().anyMatch(c -> c >= 'А' && c <= 'я'), message);
    }
}
