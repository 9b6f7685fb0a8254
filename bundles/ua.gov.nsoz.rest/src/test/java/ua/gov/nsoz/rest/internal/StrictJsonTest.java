package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.BadRequestException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;

/**
 * Request bodies through the API's reader ({@link StrictJsonProvider}, {@link JsonShape}): one 400 names every problem,
 * with its path, and text is text.
 */
@DisplayName("REST: a request body's every problem is named at once")
class StrictJsonTest {

    private final StrictJsonProvider reader = new StrictJsonProvider(RestServer.objectMapper());

    private Object read(String json, Class<?> type) throws IOException {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    /** @return field -> message of every problem the reader names for this body */
    private Map<String, String> problems(String json, Class<?> type) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> read(json, type), json);
        ValidationException v = assertInstanceOf(ValidationException.class, e.getCause());
        Map<String, String> out = new TreeMap<>();
        for (FieldError f : v.errors()) {
            out.put(f.field(), f.message());
        }
        return out;
    }

    private static void assertBilingual(String message) {
        assertTrue(message.contains(" / ") && message.chars().anyMatch(c -> c >= 'А' && c <= 'я'), message);
    }

    @Test
    @DisplayName("Two misspelled fields: both named, each with the field it was probably meant to be")
    void everyUnknownField() {
        Map<String, String> p = problems("{\"kind\":\"PROPOSAL\",\"chanel\":\"WEB\",\"txt\":\"x\"}",
                Dto.AppealRequest.class);
        assertEquals(List.of("chanel", "txt"), List.copyOf(p.keySet()));
        assertTrue(p.get("chanel").contains("'channel'"), p.toString());
        assertTrue(p.get("txt").contains("'text'"), p.toString());
        p.values().forEach(StrictJsonTest::assertBilingual);
        assertTrue(problems("{\"colour\":\"red\"}", Dto.AppealRequest.class).get("colour").contains("known: ["),
                "a name near none lists the known ones");
    }

    @Test
    @DisplayName("A bad kind and a bad channel: both named, with the values expected")
    void everyBadEnum() {
        Map<String, String> p = problems("{\"kind\":\"RANT\",\"channel\":\"FAX\",\"text\":\"x\"}",
                Dto.AppealRequest.class);
        assertEquals(List.of("channel", "kind"), List.copyOf(p.keySet()));
        assertTrue(p.get("kind").contains("'RANT'") && p.get("kind").contains("COMPLAINT"), p.get("kind"));
        assertTrue(p.get("channel").contains("IN_PERSON"), p.get("channel"));
        assertTrue(problems("{\"kind\":1}", Dto.AppealRequest.class).get("kind").contains("got a number"));
        assertTrue(problems("{\"kind\":\"complaint\"}", Dto.AppealRequest.class).containsKey("kind"),
                "an enumeration's values are exact");
    }

    @Test
    @DisplayName("Text is text: a number, boolean, object or array where a string is expected is refused")
    void textIsText() {
        for (String v : List.of("5", "5.5", "true", "{\"a\":1}", "[\"x\"]")) {
            Map<String, String> p = problems("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":" + v + "}",
                    Dto.AppealRequest.class);
            assertEquals(List.of("text"), List.copyOf(p.keySet()), v);
            assertTrue(p.get("text").contains("expected a string"), p.get("text"));
            assertBilingual(p.get("text"));
        }
        assertTrue(problems("{\"applicant\":{\"fullName\":7}}", Dto.AppealRequest.class)
                .containsKey("applicant.fullName"));
    }

    @Test
    @DisplayName("Every problem of one body in one answer, each by its path, nested and in arrays")
    void everyProblemWithItsPath() {
        Map<String, String> p = problems("""
                {"kind":"RANT","chanel":"WEB","text":5,"collective":"yes","coSigners":99999999999999,
                 "receivedAt":"yesterday","applicant":{"type":"ROBOT","fullName":"Х","nick":"x"},
                 "attachments":[{"fileName":"a.pdf"},{"fileName":"b.pdf","sizeBytes":1},{"sizeBytes":"big"},7],
                 "contestedDecision":{"decidedOn":"31.01.2026"}}""", Dto.AppealRequest.class);
        assertEquals(List.of("applicant.nick", "applicant.type", "attachments[2].sizeBytes", "attachments[3]", "chanel",
                "coSigners", "collective", "contestedDecision.decidedOn", "kind", "receivedAt", "text"),
                List.copyOf(p.keySet()));
        assertTrue(p.get("coSigners").contains("out of range"), p.get("coSigners"));
        assertTrue(p.get("receivedAt").contains("2026-01-31T10:00:00Z"), p.get("receivedAt"));
        assertTrue(p.get("attachments[3]").contains("expected an object"), p.get("attachments[3]"));
        p.values().forEach(StrictJsonTest::assertBilingual);
    }

    @Test
    @DisplayName("An action: a bad action and days as text both named; a good one binds as before")
    void actions() throws IOException {
        Map<String, String> p = problems("{\"action\":\"DELETE\",\"days\":\"14\",\"documents\":[{\"fileNam\":\"a\"}]}",
                Dto.ActionRequest.class);
        assertEquals(List.of("action", "days", "documents[0].fileNam"), List.copyOf(p.keySet()));
        Dto.ActionRequest a = (Dto.ActionRequest) read("{\"action\":\"EXTEND\",\"days\":14,\"comment\":\"Так\"}",
                Dto.ActionRequest.class);
        assertEquals(AppealAction.EXTEND, a.action());
        assertEquals(14, a.days());
    }

    @Test
    @DisplayName("The other bodies of the API: the public rating, a body and a rule of the reference data")
    void otherBodies() {
        assertEquals(List.of("numbr", "rating"), List.copyOf(problems("{\"numbr\":\"LV\",\"rating\":\"5\"}",
                PublicResource.RatingRequest.class).keySet()));
        assertEquals(List.of("order"), List.copyOf(problems("{\"order\":null}", ReferenceResource.RuleJson.class)
                .keySet()), "null for a number the rule needs");
        assertEquals(List.of("nameUk"), List.copyOf(problems("{\"nameUk\":1}", ReferenceResource.BodyJson.class)
                .keySet()));
    }

    @Test
    @DisplayName("A good body binds to what it says; empty and null bodies are left to the resource to refuse")
    void goodBodyBinds() throws IOException {
        Dto.AppealRequest r = (Dto.AppealRequest) read("""
                {"kind":"COMPLAINT","channel":"WEB","text":"Опалення","receivedAt":"2026-01-31T10:00:00Z",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник"},"coSigners":null,
                 "attachments":[{"fileName":"a.pdf","sizeBytes":12345},null],
                 "contestedDecision":{"decidedOn":"2026-01-02"}}""", Dto.AppealRequest.class);
        assertEquals(AppealKind.COMPLAINT, r.kind());
        assertEquals(Channel.WEB, r.channel());
        assertEquals(ApplicantType.CITIZEN, r.applicant().type());
        assertEquals(Instant.parse("2026-01-31T10:00:00Z"), r.receivedAt());
        assertEquals(12345L, r.attachments().get(0).sizeBytes());
        assertNull(r.attachments().get(1), "a null item is the intake's to name (attachments[1])");
        assertEquals("2026-01-02", r.contestedDecision().decidedOn().toString());
        assertNull(read("", Dto.AppealRequest.class));
        assertNull(read("null", Dto.AppealRequest.class));
        assertEquals(List.of("body"), List.copyOf(problems("[]", Dto.AppealRequest.class).keySet()));
        assertEquals(List.of("body"), List.copyOf(problems("\"x\"", Dto.AppealRequest.class).keySet()));
    }

    @Test
    @DisplayName("Malformed JSON stays the parser's error: syntax, a duplicate key, trailing tokens, nesting too deep")
    void malformed() {
        for (String json : List.of("{\"kind\":\"COMPLAINT\",", "not json", "{\"kind\":\"A\",\"kind\":\"B\"}",
                "{\"kind\":\"COMPLAINT\"} {}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            assertThrows(JsonProcessingException.class, () -> read(json, Dto.AppealRequest.class),
                    json.length() > 40 ? json.substring(0, 40) : json);
        }
    }

    @Test
    @DisplayName("The hint for a misspelled name is the nearest known one, within two edits")
    void nearestName() {
        assertEquals(1, JsonShape.distance("chanel", "channel"));
        assertEquals(0, JsonShape.distance("text", "text"));
        assertTrue(JsonShape.unknownField("staus", List.of("status", "kind")).contains("'status'"));
        assertTrue(JsonShape.unknownField("zzzzzz", List.of("status", "kind")).contains("known: [status, kind]"));
    }
}
