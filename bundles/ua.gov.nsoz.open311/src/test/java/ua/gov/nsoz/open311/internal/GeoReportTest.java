package ua.gov.nsoz.open311.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.PublicStatus;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;
import ua.gov.nsoz.intake.Challenge;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.intake.PublicIntake;
import ua.gov.nsoz.intake.PublicSubmission;
import ua.gov.nsoz.intake.Receipt;
import ua.gov.nsoz.open311.internal.GeoReport.Answer;
import ua.gov.nsoz.open311.internal.GeoReport.Call;
import ua.gov.nsoz.open311.internal.Wire.Format;

class GeoReportTest {

    private static final Origin ORIGIN = new Origin("192.0.2.10", "SyntheticApp/1.0", Origin.Via.OPEN311);
    private static final String NUMBER = "LV-2026-000123";
    private static final String CODE = "ABCDE-FGHJK";
    private static final Instant REGISTERED = Instant.parse("2026-01-05T08:30:15.123Z");

    private final FakeIntake intake = new FakeIntake();
    private final Map<String, PublicStatus> statuses = new LinkedHashMap<>();
    private RuntimeException statusFailure;
    private final GeoReport report = new GeoReport(new Topics(), new Node(), appeals(), intake);

    // --- fakes ------------------------------------------------------------------------------------------------

    private static final class Topics implements ReferenceData {
        private final List<Topic> topics = List.of(new Topic("002", "Аграрна політика", "Agrarian policy", null),
                new Topic("002.01", "Земельні відносини", "Land relations", "002"),
                new Topic("006", "Житлова політика", "Housing policy", null));

        @Override
        public String version() {
            return "test";
        }

        @Override
        public List<Body> bodies() {
            return List.of();
        }

        @Override
        public Optional<Body> body(String code) {
            return Optional.empty();
        }

        @Override
        public List<Topic> topics() {
            return topics;
        }

        @Override
        public Optional<Topic> topic(String code) {
            return topics.stream().filter(t -> t.code().equals(code)).findFirst();
        }

        @Override
        public List<ApplicantCategory> categories() {
            return List.of();
        }

        @Override
        public List<RoutingRule> rules() {
            return List.of();
        }
    }

    private static final class Node implements NodeIdentity {
        @Override
        public String nodeId() {
            return "lviv";
        }

        @Override
        public String code() {
            return "LV";
        }

        @Override
        public String name() {
            return "Львів";
        }

        @Override
        public NodeRole role() {
            return NodeRole.REGIONAL;
        }

        @Override
        public String region() {
            return "UA-46";
        }

        @Override
        public String centerNodeId() {
            return "ucc";
        }

        @Override
        public String softwareVersion() {
            return "test";
        }

        @Override
        public Instant startedAt() {
            return REGISTERED;
        }
    }

    /** Records what it was given; answers a receipt, or throws what it is told to. */
    static final class FakeIntake implements PublicIntake {
        final List<PublicSubmission> submissions = new ArrayList<>();
        final List<Origin> origins = new ArrayList<>();
        RuntimeException failure;
        boolean repeated;
        Set<LegalMark> marks = Set.of();

        @Override
        public Challenge challenge(Origin origin) {
            return new Challenge("token", 16, REGISTERED.plusSeconds(600));
        }

        @Override
        public Receipt submit(PublicSubmission submission, Origin origin) {
            submissions.add(submission);
            origins.add(origin);
            if (failure != null) {
                throw failure;
            }
            Applicant applicant = null;
            Appeal a = new Appeal("0190a0b0-0000-7000-8000-000000000001", NUMBER, "lviv", "UA-46",
                    submission.kind(), Channel.WEB, applicant, submission.text(), submission.topic(), null, false,
                    null, false, null, List.of(), marks, AppealStatus.REGISTERED, 1, REGISTERED, REGISTERED,
                    REGISTERED, Processing.NONE.toBuilder().dueDate(LocalDate.of(2026, 2, 4)).build());
            return new Receipt(a, CODE, repeated);
        }
    }

    private AppealService appeals() {
        return (AppealService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("publicStatus")) {
                        if (statusFailure != null) {
                            throw statusFailure;
                        }
                        PublicStatus p = statuses.get(args[0] + " " + args[1]);
                        return Optional.ofNullable(p);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PublicStatus registered() {
        return new PublicStatus(NUMBER, AppealKind.COMPLAINT, AppealStatus.FORWARDED, REGISTERED,
                "Львівська обласна державна адміністрація", LocalDate.of(2026, 2, 4), null, null, null, false);
    }

    private static PublicStatus answered() {
        return new PublicStatus("LV-2026-000124", AppealKind.APPLICATION, AppealStatus.ANSWERED, REGISTERED, null,
                null, AnswerResult.SATISFIED, REGISTERED.plus(Duration.ofDays(3)), null, true);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private Answer get(String path, String... params) {
        return report.handle(new Call("GET", path, params(params), null, null, ORIGIN));
    }

    private Answer post(String path, String... params) {
        return report.handle(new Call("POST", path, params(params), "application/x-www-form-urlencoded; charset=utf-8",
                "2b7e1516-28ae-4d2a-abf7-158809cf4f3c", ORIGIN));
    }

    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return m;
    }

    private static JsonNode json(Answer a) {
        assertEquals(Format.JSON, a.format());
        return Shape.json(Wire.text(a.doc(), Format.JSON));
    }

    private static Element xml(Answer a) {
        assertEquals(Format.XML, a.format());
        String text = Wire.text(a.doc(), Format.XML);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), text);
        return Shape.xml(text);
    }

    private static void assertError(Answer a, int status, String mentions) {
        assertEquals(status, a.status());
        if (a.format() == Format.JSON) {
            JsonNode errors = json(a);
            Shape.assertJsonShape(Shape.specJson("errors.json"), errors, "errors");
            assertEquals(status, errors.get(0).get("code").asInt());
            assertTrue(errors.toString().contains(mentions), errors.toString());
        } else {
            Element errors = xml(a);
            Shape.assertXmlShape(Shape.xml(Shape.resource("errors.xml")), errors, "");
            assertEquals(Integer.toString(status), Shape.text(errors, "code"));
            assertTrue(errors.getTextContent().contains(mentions), errors.getTextContent());
        }
    }

    private PublicSubmission lastSubmission() {
        return intake.submissions.get(intake.submissions.size() - 1);
    }

    private String[] validForm(String... more) {
        List<String> kv = new ArrayList<>(List.of("service_code", "006", "description",
                "Синтетичне звернення: у будинку немає опалення.", "first_name", "Тестова", "last_name", "Заявниця",
                "email", "zayavnytsia@example.org", "phone", "+380320000000", "applicant_address",
                "м. Львів, вул. Синтетична, 1", "consent", "true", "challenge_token", "tok.en", "nonce", "12345"));
        kv.addAll(List.of(more));
        return kv.toArray(String[]::new);
    }

    // --- services ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("services.json: one service per topic, the spec example's fields and types, group = the heading")
    void servicesJson() {
        Answer a = get("/v2/services.json");
        assertEquals(200, a.status());
        JsonNode services = json(a);
        Shape.assertJsonShape(Shape.specJson("services.json"), services, "services");
        assertEquals(3, services.size());
        JsonNode land = services.get(1);
        assertEquals("002.01", land.get("service_code").asText());
        assertEquals("Земельні відносини / Land relations", land.get("service_name").asText());
        assertEquals("Аграрна політика / Agrarian policy", land.get("group").asText());
        assertEquals("realtime", land.get("type").asText());
        assertTrue(land.get("metadata").asBoolean());
        assertEquals("Житлова політика / Housing policy", services.get(2).get("group").asText());
    }

    @Test
    @DisplayName("services.xml: the spec example's elements and nesting, UTF-8 declaration")
    void servicesXml() {
        Answer a = get("/v2/services.xml");
        assertEquals(200, a.status());
        Element services = xml(a);
        Shape.assertXmlShape(Shape.xml(Shape.resource("services.xml")), services, "");
        assertEquals(3, Shape.children(services).size());
        assertEquals("Аграрна політика / Agrarian policy", Shape.text(services, "service_name"));
    }

    @Test
    @DisplayName("services/{code}: the spec's service definition shape in JSON and XML; an unknown code is 404")
    void definition() {
        Answer j = get("/v2/services/002.01.json");
        assertEquals(200, j.status());
        JsonNode d = json(j);
        Shape.assertJsonShape(Shape.specJson("service_definition.json"), d, "service_definition");
        assertEquals("002.01", d.get("service_code").asText());
        assertEquals("kind", d.get("attributes").get(0).get("code").asText());
        assertEquals(3, d.get("attributes").get(0).get("values").size());

        Answer x = get("/v2/services/002.01.xml");
        Shape.assertXmlShape(Shape.xml(Shape.resource("service_definition.xml")), xml(x), "");

        assertError(get("/v2/services/999.json"), 404, "service_code");
        assertError(get("/v2/services/999.xml"), 404, "service_code");
    }

    // --- POST -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("POST requests.json: through PublicIntake via OPEN311; the number, the access code in account_id")
    void postJson() {
        Answer a = post("/v2/requests.json", validForm("address_string", "вул. Синтетична, 3", "lat", "49.8397",
                "long", "24.0297", "attribute[kind]", "COMPLAINT", "api_key", "ignored"));
        assertEquals(201, a.status(), Wire.text(a.doc(), Format.JSON));
        JsonNode r = json(a);
        Shape.assertJsonShape(Shape.specJson("post_request.json"), r, "post");
        assertEquals(NUMBER, r.get(0).get("service_request_id").asText());
        assertEquals(CODE, r.get(0).get("account_id").asText());
        assertTrue(r.get(0).get("service_notice").asText().contains("2026-02-04"), r.toString());

        PublicSubmission s = lastSubmission();
        assertEquals(AppealKind.COMPLAINT, s.kind());
        assertEquals("Тестова Заявниця", s.fullName());
        assertEquals("м. Львів, вул. Синтетична, 1", s.address());
        assertEquals("zayavnytsia@example.org", s.email());
        assertEquals("+380320000000", s.phone());
        assertEquals("006", s.topic());
        assertTrue(s.text().startsWith("Синтетичне звернення: у будинку немає опалення."), s.text());
        assertTrue(s.text().contains("вул. Синтетична, 3; 49.839700, 24.029700 (WGS84)"), s.text());
        assertTrue(s.consent());
        assertEquals("tok.en", s.challengeToken());
        assertEquals("12345", s.nonce());
        assertEquals("2b7e1516-28ae-4d2a-abf7-158809cf4f3c", s.idempotencyKey());
        assertFalse(s.collective());
        assertTrue(s.documents().isEmpty());
        assertEquals(Origin.Via.OPEN311, intake.origins.get(0).via());
    }

    @Test
    @DisplayName("POST requests.xml: the spec's shape; a resend (same Idempotency-Key) is 200; marks are told")
    void postXmlRepeated() {
        intake.repeated = true;
        intake.marks = Set.of(LegalMark.ANONYMOUS);
        Answer a = post("/v2/requests.xml", validForm());
        assertEquals(200, a.status());
        Element r = xml(a);
        Shape.assertXmlShape(Shape.xml(Shape.resource("post_request.xml")), r, "");
        assertEquals(NUMBER, Shape.text(r, "service_request_id"));
        assertEquals(CODE, Shape.text(r, "account_id"));
        assertTrue(Shape.text(r, "service_notice").contains(LegalMark.ANONYMOUS.messageEn()));
        assertEquals(AppealKind.APPLICATION, lastSubmission().kind(), "APPLICATION when no kind is given");
    }

    @Test
    @DisplayName("POST: no location, no names: the text is the description, the applicant anonymous (intake marks it)")
    void postMinimal() {
        Answer a = post("/v2/requests.json", "service_code", "002", "description", "Синтетичний опис.");
        assertEquals(201, a.status());
        PublicSubmission s = lastSubmission();
        assertEquals("Синтетичний опис.", s.text());
        assertNull(s.fullName());
        assertNull(s.address());
        assertFalse(s.consent());
        assertNull(s.challengeToken());
    }

    @Test
    @DisplayName("POST: the intake's refusal is 400 in the spec's error form, naming the Open311 fields")
    void postRefusedByIntake() {
        intake.failure = new ValidationException(List.of(new FieldError("text", "Обов'язкове / Required"),
                new FieldError("challengeToken", "Розв'яжіть задачу / Solve the challenge")));
        Answer a = post("/v2/requests.json", validForm());
        assertError(a, 400, "description: Обов'язкове / Required");
        JsonNode errors = json(a);
        assertEquals(2, errors.size());
        assertTrue(errors.get(1).get("description").asText().startsWith("challenge_token:"));
    }

    @Test
    @DisplayName("POST: too many submissions is 429 with Retry-After in the spec's error form")
    void postTooMany() {
        intake.failure = new TooManyAttemptsException("Забагато / Too many", Duration.ofSeconds(90));
        Answer a = post("/v2/requests.xml", validForm());
        assertError(a, 429, "Too many");
        assertEquals("90", a.headers().get("Retry-After"));
    }

    @Test
    @DisplayName("POST: missing service_code 400, unknown 404, media_url / bad lat / bad kind 400, form required")
    void postBadInput() {
        assertError(post("/v2/requests.json", "description", "x"), 400, "service_code");
        assertError(post("/v2/requests.xml", "service_code", "999.99", "description", "x"), 404, "999.99");
        assertError(post("/v2/requests.json", validForm("media_url", "https://example.org/a.jpg")), 400,
                "media_url");
        assertError(post("/v2/requests.json", validForm("lat", "91", "long", "24")), 400, "lat, long");
        assertError(post("/v2/requests.json", validForm("lat", "49.8")), 400, "lat, long");
        assertError(post("/v2/requests.json", validForm("attribute[kind]", "PETITION")), 400, "attribute[kind]");
        Answer json = report.handle(new Call("POST", "/v2/requests.json", params(validForm()), "application/json",
                null, ORIGIN));
        assertError(json, 400, "x-www-form-urlencoded");
        assertTrue(intake.submissions.isEmpty(), "nothing bad reaches the intake");
    }

    // --- GET requests -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("requests/{id}.json with the access code: the spec's shape, open, dates with offset, no personal data")
    void requestJson() {
        statuses.put(NUMBER + " " + CODE, registered());
        Answer a = get("/v2/requests/" + NUMBER + ".json", "access_code", CODE);
        assertEquals(200, a.status());
        JsonNode r = json(a);
        Shape.assertJsonShape(Shape.specJson("service_requests.json"), r, "requests");
        JsonNode one = r.get(0);
        assertEquals(NUMBER, one.get("service_request_id").asText());
        assertEquals("open", one.get("status").asText());
        assertEquals("Направлено до органу / Forwarded", one.get("status_notes").asText());
        assertEquals("Львівська обласна державна адміністрація", one.get("agency_responsible").asText());
        assertEquals("2026-01-05T10:30:15+02:00", one.get("requested_datetime").asText());
        assertEquals("2026-01-05T10:30:15+02:00", one.get("updated_datetime").asText());
        assertEquals("2026-02-04T23:59:59+02:00", one.get("expected_datetime").asText());
        for (String hidden : List.of("description", "address", "address_id", "zipcode", "lat", "long", "media_url",
                "service_name", "service_code")) {
            assertTrue(one.get(hidden).isNull(), hidden + " is never revealed: " + one);
        }
    }

    @Test
    @DisplayName("requests.xml with ids and codes: answered appeals are closed; unknown ones left out; XML shape")
    void requestsXml() {
        statuses.put(NUMBER + " " + CODE, registered());
        statuses.put("LV-2026-000124 CODE2", answered());
        Answer a = get("/v2/requests.xml", "service_request_id", NUMBER + ",LV-2026-000124,LV-2026-000999",
                "access_code", CODE + ",CODE2,WRONG");
        assertEquals(200, a.status());
        Element r = xml(a);
        List<Element> requests = Shape.children(r);
        assertEquals(2, requests.size());
        Element spec = Shape.xml(Shape.resource("service_requests.xml"));
        for (Element one : requests) {
            Shape.assertXmlShape(Shape.children(spec).get(0), one, "service_requests");
        }
        assertEquals("open", Shape.text(requests.get(0), "status"));
        assertEquals("closed", Shape.text(requests.get(1), "status"));
        assertEquals("Надано відповідь: Задоволено / Answered: Satisfied", Shape.text(requests.get(1),
                "status_notes"));
        assertEquals("2026-01-08T10:30:15+02:00", Shape.text(requests.get(1), "updated_datetime"));
        assertEquals("", Shape.text(requests.get(1), "expected_datetime"));
        assertEquals("", Shape.text(requests.get(0), "description"));
    }

    @Test
    @DisplayName("A request needs its access code: none 400, wrong 404 (as unknown), no listing without ids")
    void requestNeedsCode() {
        statuses.put(NUMBER + " " + CODE, registered());
        assertError(get("/v2/requests/" + NUMBER + ".json"), 400, "access_code");
        assertError(get("/v2/requests/" + NUMBER + ".xml", "access_code", "WRONG"), 404, "access code");
        assertError(get("/v2/requests/LV-2026-000999.json", "access_code", CODE), 404, "access code");
        assertError(get("/v2/requests.json"), 400, "service_request_id");
        assertError(get("/v2/requests.json", "service_request_id", NUMBER, "access_code", CODE + ",X"), 400,
                "access_code");
    }

    @Test
    @DisplayName("The public lookup closed for a number is 429 with Retry-After")
    void requestThrottled() {
        statusFailure = new TooManyAttemptsException("Забагато спроб / Too many attempts", Duration.ofMinutes(15));
        Answer a = get("/v2/requests/" + NUMBER + ".json", "access_code", "WRONG");
        assertError(a, 429, "Too many attempts");
        assertEquals("900", a.headers().get("Retry-After"));
    }

    // --- common -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("jurisdiction_id: this node's id or none; another is 404 in the spec's form")
    void jurisdiction() {
        assertEquals(200, get("/v2/services.json", "jurisdiction_id", "lviv").status());
        assertEquals(200, get("/v2/services.json", "jurisdiction_id", "").status());
        assertError(get("/v2/services.json", "jurisdiction_id", "kyiv-city"), 404, "jurisdiction_id");
        assertError(post("/v2/requests.xml", validForm("jurisdiction_id", "city.gov")), 404, "jurisdiction_id");
        assertTrue(intake.submissions.isEmpty());
    }

    @Test
    @DisplayName("Unknown resources and formats are 404, other methods 405 with Allow")
    void unknownAndMethods() {
        assertError(get("/v2/tokens/1.json"), 404, "No such resource");
        assertError(get("/v2/services.csv"), 404, ".xml");
        assertError(get("/v2/services"), 404, ".json");
        assertError(get("/v1/services.json"), 404, "/open311/v2/");
        Answer del = report.handle(new Call("DELETE", "/v2/requests.json", Map.of(), null, null, ORIGIN));
        assertError(del, 405, "GET, POST");
        assertEquals("GET, POST", del.headers().get("Allow"));
        Answer put = report.handle(new Call("PUT", "/v2/services.xml", Map.of(), null, null, ORIGIN));
        assertEquals(405, put.status());
    }

    @Test
    @DisplayName("A failure of the node is 500 in the spec's form with an incident id")
    void failure() {
        statusFailure = new IllegalStateException("synthetic");
        Answer a = get("/v2/requests/" + NUMBER + ".json", "access_code", CODE);
        assertError(a, 500, "incident");
        assertNotNull(a.doc());
    }

    @Test
    @DisplayName("The servlet's format for early errors follows the extension, XML when none")
    void servletFormat() {
        assertEquals(Format.JSON, Open311Servlet.format("/v2/requests.json"));
        assertEquals(Format.XML, Open311Servlet.format("/v2/requests.xml"));
        assertEquals(Format.XML, Open311Servlet.format("/v2/requests"));
    }
}
