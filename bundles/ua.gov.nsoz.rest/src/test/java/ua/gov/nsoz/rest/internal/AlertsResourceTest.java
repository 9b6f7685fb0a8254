package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.ws.rs.ClientErrorException;
import javax.ws.rs.NotFoundException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Alerts;
import ua.gov.nsoz.monitoring.Severity;

/** {@code /api/v1/alerts}: the analysts' monitoring alerts: list, acknowledge, close, scan. */
@DisplayName("REST: /alerts lists, acknowledges, closes and scans, for analysts only, with the analyst's name")
class AlertsResourceTest {

    static Alert alert(AlertStatus status) {
        return new Alert("a-1", AlertKind.SPIKE, "110", "UA-46", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2),
                40, 6.5, 15, Severity.MEDIUM, List.of("appeal-1"), status, Instant.parse("2026-03-02T05:00:00Z"),
                null, null, null, null, null);
    }

    final List<String> calls = new ArrayList<>();

    final AlertsResource resource = new AlertsResource((Alerts) Proxy.newProxyInstance(
            Alerts.class.getClassLoader(), new Class<?>[] {Alerts.class}, (p, m, a) -> {
                calls.add(m.getName() + " " + java.util.Arrays.toString(a));
                return switch (m.getName()) {
                    case "list" -> List.of(alert(AlertStatus.OPEN));
                    case "get" -> "a-1".equals(a[0]) ? Optional.of(alert(AlertStatus.OPEN)) : Optional.empty();
                    case "acknowledge" -> {
                        if (!"a-1".equals(a[0])) {
                            throw new NoSuchElementException((String) a[0]);
                        }
                        yield alert(AlertStatus.ACKNOWLEDGED);
                    }
                    case "close" -> {
                        if ("closed".equals(a[0])) {
                            throw new IllegalStateException("already closed");
                        }
                        yield alert(AlertStatus.CLOSED);
                    }
                    case "scan" -> List.of(alert(AlertStatus.OPEN));
                    default -> throw new UnsupportedOperationException(m.getName());
                };
            }), new Callers(CallersTest.node("ucc"), CallersTest.audit(new ArrayList<>())));

    static final BasicAuth.UserContext ANALYST = StatsResourceTest.as("analyst", "nsoz-analyst");

    @Test
    @DisplayName("An analyst lists by status, acknowledges and closes under their own name, and scans up to today (Kyiv)")
    void analyst() {
        assertEquals(1, resource.list("acknowledged", "10", ANALYST).items().size());
        assertEquals(AlertStatus.ACKNOWLEDGED, resource.acknowledge("a-1", ANALYST).status());
        assertEquals(AlertStatus.CLOSED, resource.close("a-1", new AlertsResource.CloseRequest("хибна тривога"),
                ANALYST).status());
        resource.close("a-1", null, ANALYST);
        AlertsResource.ScanJson scan = resource.scan(ANALYST);
        assertEquals(1, scan.raised().size());
        assertEquals(List.of("list [ACKNOWLEDGED, 10]", "acknowledge [a-1, analyst]",
                "close [a-1, analyst, хибна тривога]", "close [a-1, analyst, null]",
                "scan [" + LocalDate.now(Analysis.KYIV) + "]"), calls);
    }

    @Test
    @DisplayName("The JSON of an alert: counts, example ids and who, nothing else")
    void json() {
        JsonNode j = RestServer.objectMapper().valueToTree(alert(AlertStatus.OPEN));
        assertEquals("SPIKE", j.get("kind").asText());
        assertEquals("2026-03-01", j.get("since").asText());
        assertEquals(40, j.get("observed").asInt());
        assertEquals("appeal-1", j.get("exampleIds").get(0).asText());
        assertTrue(j.has("acknowledgedBy") && j.get("acknowledgedBy").isNull());
    }

    @Test
    @DisplayName("Unknown alert 404, a closed one 409 (bilingual); bad status or limit and a long note are 400s")
    void errors() {
        NotFoundException nf = assertThrows(NotFoundException.class, () -> resource.acknowledge("zzz", ANALYST));
        StatsResourceTest.assertBilingual(nf.getMessage());
        assertThrows(NotFoundException.class, () -> resource.get("zzz", ANALYST));
        ClientErrorException conflict = assertThrows(ClientErrorException.class,
                () -> resource.close("closed", null, ANALYST));
        assertEquals(409, conflict.getResponse().getStatus());
        StatsResourceTest.assertBilingual(conflict.getMessage());
        ValidationException bad = assertThrows(ValidationException.class,
                () -> resource.list("LOST", "501", ANALYST));
        assertEquals(List.of("status", "limit"), bad.errors().stream().map(FieldError::field).toList());
        ValidationException note = assertThrows(ValidationException.class,
                () -> resource.close("a-1", new AlertsResource.CloseRequest("x".repeat(2001)), ANALYST));
        assertEquals("note", note.errors().get(0).field());
    }

    @Test
    @DisplayName("Supervisors, heads and others are refused (403) and nothing is done")
    void othersRefused() {
        for (BasicAuth.UserContext who : List.of(StatsResourceTest.as("supervisor", "nsoz-supervisor"),
                StatsResourceTest.as("head", "nsoz-head", "nsoz-body-MOZ"),
                StatsResourceTest.as("operator", "nsoz-operator"))) {
            assertThrows(SecurityException.class, () -> resource.list(null, null, who));
            assertThrows(SecurityException.class, () -> resource.acknowledge("a-1", who));
            assertThrows(SecurityException.class, () -> resource.close("a-1", null, who));
            assertThrows(SecurityException.class, () -> resource.scan(who));
        }
        assertTrue(calls.isEmpty(), calls.toString());
    }
}
