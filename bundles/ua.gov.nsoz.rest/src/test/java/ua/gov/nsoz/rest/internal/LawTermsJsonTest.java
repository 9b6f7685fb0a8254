package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.CategoryCount;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.Processing;

/**
 * The JSON of the Law's terms (issue #13) through the API's own strict mapper: the applicant's category and the
 * contested decision in a registration, the priority, shortened and restored term in an appeal, and the report of
 * appeals per category from {@link AppealResource#byCategory()}.
 */
@DisplayName("REST: the JSON of categories, contested decisions, shortened and restored terms")
class LawTermsJsonTest {

    static final ObjectMapper JSON = RestServer.objectMapper();

    @Test
    @DisplayName("POST /appeals: applicant.category and contestedDecision reach the domain")
    void registrationRequest() throws Exception {
        Dto.AppealRequest r = JSON.readValue("""
                {"kind":"COMPLAINT","channel":"POST","text":"Скарга (синтетична)",
                 "applicant":{"type":"CITIZEN","fullName":"Тестенко Марія","address":"м. Львів","category":"7.1"},
                 "contestedDecision":{"decidedOn":"2024-03-07","learnedOn":"2024-03-20"}}""", Dto.AppealRequest.class);
        NewAppeal a = r.toDomain();
        assertEquals("7.1", a.applicant().category());
        assertEquals(new ContestedDecision(LocalDate.parse("2024-03-07"), LocalDate.parse("2024-03-20")), a.contested());
        assertNull(JSON.readValue("{\"kind\":\"PROPOSAL\",\"channel\":\"WEB\",\"text\":\"т\"}", Dto.AppealRequest.class)
                .toDomain().contested());
    }

    @Test
    @DisplayName("A contested decision with an unknown field or a date that is not one is refused, not guessed")
    void strict() {
        assertThrows(Exception.class, () -> JSON.readValue("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"т\","
                + "\"contestedDecision\":{\"decided\":\"2024-03-07\"}}", Dto.AppealRequest.class));
        assertThrows(Exception.class, () -> JSON.readValue("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"т\","
                + "\"contestedDecision\":{\"decidedOn\":\"07.03.2024\"}}", Dto.AppealRequest.class));
    }

    @Test
    @DisplayName("An appeal shows its category, contested decision, mark, priority, shortened and restored term")
    void appealJson() throws Exception {
        Instant t = Instant.parse("2025-03-10T08:00:00Z");
        Appeal a = new Appeal("0196a000-0000-7000-8000-000000000001", "LV-2025-000001", "lviv", "UA-46",
                AppealKind.COMPLAINT, Channel.POST, new Applicant(ApplicantType.CITIZEN, "Тестенко Марія", "м. Львів",
                        null, null, "7.1"), "Скарга", null, null, false, null, false, true, List.of(),
                Set.of(LegalMark.LATE_COMPLAINT), AppealStatus.REGISTERED, 2, t, t, t,
                Processing.NONE.toBuilder().priority(true).shortened(10, "Лікування").termRestored(true)
                        .dueDate(LocalDate.parse("2025-03-20")).build(),
                new ContestedDecision(LocalDate.parse("2024-03-07"), null));
        JsonNode n = JSON.readTree(JSON.writeValueAsString(Dto.AppealJson.of(a)));
        assertEquals("7.1", n.path("applicant").path("category").asText());
        assertEquals("2024-03-07", n.path("contestedDecision").path("decidedOn").asText());
        assertFalse(n.path("contestedDecision").has("learnedOn"));
        assertEquals("LATE_COMPLAINT", n.path("marks").get(0).path("code").asText());
        assertEquals("17", n.path("marks").get(0).path("article").asText());
        JsonNode p = n.path("processing");
        assertTrue(p.path("priority").asBoolean());
        assertEquals(10, p.path("shortenedDays").asInt());
        assertEquals("Лікування", p.path("shortenedReason").asText());
        assertTrue(p.path("termRestored").asBoolean());
        assertTrue(JSON.readTree(JSON.writeValueAsString(Dto.AppealSummaryJson.of(a))).path("priority").asBoolean());
    }

    @Test
    @DisplayName("GET /appeals/by-category: the counts per category as the service gives them, today in Kyiv")
    void byCategory() throws Exception {
        List<CategoryCount> counts = List.of(new CategoryCount("7.1", 3, 2, 1), new CategoryCount(null, 5, 4, 0));
        AppealService service = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("categoryCounts")) {
                        return counts;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AppealResource resource = new AppealResource(service, null);
        JsonNode n = JSON.readTree(JSON.writeValueAsString(resource.byCategory()));
        assertEquals(LocalDate.now(java.time.ZoneId.of("Europe/Kyiv")).toString(), n.path("today").asText());
        assertEquals("7.1", n.path("items").get(0).path("category").asText());
        assertEquals(1, n.path("items").get(0).path("overdue").asInt());
        assertFalse(n.path("items").get(1).has("category"), "appeals without a category: no code");
        assertEquals(5, n.path("items").get(1).path("total").asInt());
    }
}
