package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.PublicStatus;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.intake.Challenge;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.intake.PublicIntake;
import ua.gov.nsoz.intake.PublicSubmission;
import ua.gov.nsoz.intake.Receipt;

/** {@code /public/challenge}, {@code /public/appeals} and the extended {@code /public/status} (issue 15). */
@DisplayName("REST: the public intake and the public status, as the contract of issue 15 says")
class PublicIntakeResourceTest {

    static final ObjectMapper JSON = RestServer.objectMapper();
    static final Instant T = Instant.parse("2026-06-02T09:00:00Z");
    static final String SHA = "ab".repeat(32);

    /** An intake that records what it is given and answers as told. */
    static final class FakeIntake implements PublicIntake {
        final List<Origin> origins = new ArrayList<>();
        PublicSubmission last;
        RuntimeException refuse;
        boolean repeated;

        @Override
        public Challenge challenge(Origin origin) {
            origins.add(origin);
            if (refuse != null) {
                throw refuse;
            }
            return new Challenge("tok.sig", 16, T.plusSeconds(600));
        }

        @Override
        public Receipt submit(PublicSubmission submission, Origin origin) {
            origins.add(origin);
            last = submission;
            if (refuse != null) {
                throw refuse;
            }
            return new Receipt(appeal(), "K7QX3-M9TPA", repeated);
        }
    }

    static Appeal appeal() {
        return new Appeal("0190-id", "LV-2026-000123", "lviv", "UA-46", AppealKind.COMPLAINT, Channel.WEB, null,
                "Синтетичний текст", null, null, false, null, false, null, List.of(),
                Set.of(LegalMark.ANONYMOUS), AppealStatus.REGISTERED, 1, T, T, T,
                Processing.NONE.toBuilder().dueDate(LocalDate.of(2026, 7, 2)).build(), null);
    }

    static PublicIntakeResource.AppealForm form(Boolean consent) {
        return new PublicIntakeResource.AppealForm(AppealKind.COMPLAINT, null, null, "a@example.org", null,
                "Синтетичний текст", null, null, null, consent,
                List.of(new Dto.AttachmentJson("akt.pdf", "application/pdf", 12L, SHA)), "tok.sig", "12345");
    }

    static JsonNode json(Object entity) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(entity));
    }

    @Test
    @DisplayName("GET /public/challenge: token, bits and expiry in UTC; the client's address and a shortened "
            + "User-Agent go to the intake")
    void challenge() throws IOException {
        FakeIntake intake = new FakeIntake();
        PublicIntakeResource.Challenges r = new PublicIntakeResource.Challenges(intake, () -> "198.51.100.7");
        JsonNode body = json(r.challenge("x".repeat(500)));
        assertEquals("tok.sig", body.get("token").asText());
        assertEquals(16, body.get("difficultyBits").asInt());
        assertEquals("2026-06-02T09:10:00Z", body.get("expiresAt").asText());
        Origin o = intake.origins.get(0);
        assertEquals("198.51.100.7", o.clientAddress());
        assertEquals(Origin.Via.PORTAL, o.via());
        assertEquals(PublicIntakeResource.MAX_USER_AGENT, o.userAgent().length());
    }

    @Test
    @DisplayName("POST /public/appeals: 201 with number, code, dates, marks and repeated false; the form and the "
            + "Idempotency-Key reach the intake")
    void registered() throws IOException {
        FakeIntake intake = new FakeIntake();
        Response resp = new PublicIntakeResource(intake, () -> "198.51.100.7").submit(form(true), "uuid-1", null);
        assertEquals(201, resp.getStatus());
        JsonNode body = json(resp.getEntity());
        assertEquals("LV-2026-000123", body.get("registrationNumber").asText());
        assertEquals("K7QX3-M9TPA", body.get("accessCode").asText());
        assertEquals("2026-06-02T09:00:00Z", body.get("registeredAt").asText());
        assertEquals("2026-07-02", body.get("dueDate").asText());
        assertEquals("ANONYMOUS", body.get("marks").get(0).get("code").asText());
        assertEquals("8", body.get("marks").get(0).get("article").asText());
        assertFalse(body.get("repeated").asBoolean());
        assertFalse(body.toString().contains("Синтетичний"), "no text in the receipt: " + body);
        PublicSubmission s = intake.last;
        assertEquals("uuid-1", s.idempotencyKey());
        assertTrue(s.consent());
        assertEquals(List.of(new Attachment("akt.pdf", "application/pdf", 12, SHA)), s.documents());
        assertEquals("tok.sig", s.challengeToken());
        assertEquals("12345", s.nonce());
        assertFalse(s.collective());
    }

    @Test
    @DisplayName("A resend of the same key: 200, repeated true")
    void repeated() throws IOException {
        FakeIntake intake = new FakeIntake();
        intake.repeated = true;
        Response resp = new PublicIntakeResource(intake, () -> "a").submit(form(true), "uuid-1", null);
        assertEquals(200, resp.getStatus());
        assertTrue(json(resp.getEntity()).get("repeated").asBoolean());
    }

    @Test
    @DisplayName("Refusals: 422 with the errors named (the ValidationException shape); no consent given is no consent; "
            + "an empty key is none")
    void unprocessable() throws IOException {
        FakeIntake intake = new FakeIntake();
        intake.refuse = new ValidationException(List.of(new FieldError("consent", "Потрібна згода / Consent")));
        Response resp = new PublicIntakeResource(intake, () -> "a").submit(form(null), "", null);
        assertEquals(422, resp.getStatus());
        JsonNode body = json(resp.getEntity());
        assertEquals(422, body.get("status").asInt());
        assertEquals("consent", body.get("errors").get(0).get("field").asText());
        assertFalse(intake.last.consent());
        assertNull(intake.last.idempotencyKey());
        Response none = new PublicIntakeResource(intake, () -> "a").submit(null, null, null);
        assertEquals(422, none.getStatus());
        assertEquals("body", json(none.getEntity()).get("errors").get(0).get("field").asText());
    }

    @Test
    @DisplayName("Too many: the intake's refusal goes to the error mapper, 429 with Retry-After in whole seconds")
    void tooMany() {
        FakeIntake intake = new FakeIntake();
        intake.refuse = new TooManyAttemptsException("Забагато / Too many", Duration.ofMillis(90_500));
        TooManyAttemptsException e = assertThrows(TooManyAttemptsException.class,
                () -> new PublicIntakeResource(intake, () -> "a").submit(form(true), null, null));
        Response resp = new ErrorMappers.TooManyAttempts().toResponse(e);
        assertEquals(429, resp.getStatus());
        assertEquals("90", String.valueOf(resp.getHeaderString("Retry-After")));
        assertThrows(TooManyAttemptsException.class,
                () -> new PublicIntakeResource.Challenges(intake, () -> "a").challenge(null));
    }

    /** An appeal service that knows one status. */
    static AppealService appeals(PublicStatus status) {
        return (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (p, m, a) -> switch (m.getName()) {
                    case "publicStatus" -> "K7QX3-M9TPA".equals(a[1]) ? Optional.of(status) : Optional.empty();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    @DisplayName("GET /public/status: the due date's explanation while the term runs, the answer and its documents "
            + "once answered; the old fields kept")
    void status() throws IOException {
        PublicStatus open = new PublicStatus("LV-2026-000123", AppealKind.COMPLAINT, AppealStatus.REGISTERED, T, null,
                LocalDate.of(2026, 7, 2), null, null, null, false,
                "Отримано 02.06.2026 / Received on 2026-06-02\nСтрок — місяць / The term is a month", null, null);
        JsonNode o = json(new PublicResource(appeals(open)).status("LV-2026-000123", "K7QX3-M9TPA"));
        assertEquals("2026-07-02", o.get("dueDate").asText());
        assertTrue(o.get("dueDateExplanation").asText().contains(" / "), o.toString());
        assertFalse(o.has("answer"), o.toString());
        assertEquals(0, o.get("answerDocuments").size());
        assertEquals("REGISTERED", o.get("status").asText());
        assertFalse(o.get("canRate").asBoolean());

        PublicStatus answered = new PublicStatus("LV-2026-000123", AppealKind.COMPLAINT, AppealStatus.ANSWERED, T,
                "Орган / Body", null, AnswerResult.SATISFIED, T.plusSeconds(3600), null, true, null,
                "Синтетична відповідь.", List.of(new Attachment("vidpovid.pdf", "application/pdf", 99, SHA)));
        JsonNode a = json(new PublicResource(appeals(answered)).status("LV-2026-000123", "K7QX3-M9TPA"));
        assertEquals("Синтетична відповідь.", a.get("answer").asText());
        assertFalse(a.has("dueDateExplanation"));
        JsonNode d = a.get("answerDocuments").get(0);
        assertEquals("vidpovid.pdf", d.get("fileName").asText());
        assertEquals("application/pdf", d.get("mediaType").asText());
        assertEquals(99, d.get("sizeBytes").asLong());
        assertEquals(SHA, d.get("sha256").asText());
        assertEquals("SATISFIED", a.get("result").asText());
        assertThrows(NotFoundException.class,
                () -> new PublicResource(appeals(answered)).status("LV-2026-000123", "WRONG"));
    }

    @Test
    @DisplayName("openapi.json: both intake operations public and bilingual; every field of the JSON shapes described")
    void documented() throws IOException {
        JsonNode doc;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            doc = new ObjectMapper().readTree(in);
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : List.of(PublicIntakeResource.class, PublicIntakeResource.Challenges.class,
                PublicResource.class)) {
            String base = type.getAnnotation(Path.class).value();
            for (Method m : type.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = base + (sub == null ? "" : sub.value());
                JsonNode op = doc.path("paths").path(path).path(verb);
                checked++;
                if (op.isMissingNode()) {
                    problems.add(verb + " " + path + " is not documented");
                    continue;
                }
                if (!(op.path("security").isArray() && op.path("security").isEmpty())
                        || m.getAnnotation(Allowed.class).value() != Operation.PUBLIC) {
                    problems.add(verb + " " + path + " is not public in both");
                }
                if (!op.path("summary").asText().contains(" / ")) {
                    problems.add(verb + " " + path + ": summary not bilingual");
                }
            }
        }
        assertEquals(4, checked);
        JsonNode appeals = doc.path("paths").path("/public/appeals").path("post").path("responses");
        for (String code : List.of("200", "201", "422", "429")) {
            if (appeals.path(code).isMissingNode()) {
                problems.add("POST /public/appeals: no " + code);
            }
        }
        JsonNode schemas = doc.path("components").path("schemas");
        properties(schemas, "PublicStatus", PublicResource.PublicStatusJson.class, problems);
        properties(schemas, "PublicReceipt", PublicIntakeResource.ReceiptJson.class, problems);
        properties(schemas, "PublicAppealForm", PublicIntakeResource.AppealForm.class, problems);
        properties(schemas, "Challenge", PublicIntakeResource.ChallengeJson.class, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void properties(JsonNode schemas, String name, Class<?> record, List<String> problems) {
        Set<String> documented = new TreeSet<>();
        schemas.path(name).path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> fields = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            fields.add(c.getName());
        }
        if (!documented.equals(fields)) {
            problems.add(name + ": documented " + documented + ", the JSON has " + fields);
        }
    }
}
