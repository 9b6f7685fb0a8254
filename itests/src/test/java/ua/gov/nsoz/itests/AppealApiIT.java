package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Contract;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.SharedNode;

/**
 * The appeal API of a real regional node over real HTTP: register, read, list, reject. Every
 * answer is checked against the OpenAPI document the node serves.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppealApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KarafNode node;
    private Contract api;

    @BeforeAll
    void connect(KarafNode node) throws IOException {
        this.node = node;
        this.api = new Contract(node);
    }

    static String validAppeal(String topic) {
        return """
                {"kind":"COMPLAINT","channel":"WEB",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник","address":"м. Львів, вул. Синтетична, 1",
                              "email":"zayavnyk@example.org","phone":"+380 32 000-00-00"},
                 "text":"Синтетичне звернення: у будинку немає опалення з 1 листопада.",
                 "topic":"%s","addressee":"Львівська обласна державна адміністрація",
                 "attachments":[{"fileName":"akt.pdf","mediaType":"application/pdf","sizeBytes":12345}]}
                """.formatted(topic);
    }

    @Test
    @DisplayName("A valid appeal is registered: 201, Location, number, status, version, node; readable by id and number")
    void registersAndReads() throws IOException {
        String body = validAppeal("Опалення " + UUID.randomUUID());
        api.assertDocumentAccepts("/api/v1/appeals", body);
        HttpResponse<String> created = api.postJson("/api/v1/appeals", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode a = JSON.readTree(created.body());
        String id = a.get("id").asText();
        assertTrue(a.get("registrationNumber").asText().matches("LV-\\d{4}-\\d{6}"), a.toString());
        assertEquals("REGISTERED", a.get("status").asText());
        assertEquals(1, a.get("version").asLong());
        assertEquals("lviv", a.get("node").asText());
        assertEquals("UA-46", a.get("region").asText());
        assertEquals(0, a.get("marks").size(), "a complete appeal has no legal marks");
        assertEquals("akt.pdf", a.get("attachments").get(0).get("fileName").asText());
        URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
        assertTrue(location.getPath().endsWith("/api/v1/appeals/" + id), location.toString());

        HttpResponse<String> byLocation = api.get(location.getPath());
        assertEquals(200, byLocation.statusCode());
        // The access code is told once, in the answer to the registration; the rest is what is read back.
        assertTrue(a.get("accessCode").asText().matches("[2-9A-Z]{5}-[2-9A-Z]{5}"), a.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("accessCode");
        assertEquals(a, JSON.readTree(byLocation.body()), "what is read is what was registered");
        HttpResponse<String> byNumber = api.get("/api/v1/appeals/" + a.get("registrationNumber").asText());
        assertEquals(id, JSON.readTree(byNumber.body()).get("id").asText());
    }

    @Test
    @DisplayName("Art. 7, 8: an anonymous appeal is registered all the same and marked ANONYMOUS")
    void anonymousIsRegisteredAndMarked() throws IOException {
        HttpResponse<String> r = api.postJson("/api/v1/appeals",
                "{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\",\"text\":\"Синтетична анонімна пропозиція\"}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode marks = JSON.readTree(r.body()).get("marks");
        assertEquals("ANONYMOUS", marks.get(0).get("code").asText());
        assertEquals("8", marks.get(0).get("article").asText());
    }

    @Test
    @DisplayName("Missing required fields: 400 naming each field, and nothing is registered")
    void missingFieldsAreNamed() throws IOException {
        long before = total("");
        HttpResponse<String> r = api.postJson("/api/v1/appeals", "{\"applicant\":{\"fullName\":\"Х\"}}");
        assertEquals(400, r.statusCode());
        Set<String> fields = new TreeSet<>();
        JSON.readTree(r.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(Set.of("kind", "channel", "text", "applicant.type"), fields);
        assertEquals(before, total(""), "a refused request registers nothing");
    }

    @Test
    @DisplayName("Bad input of every shape gets a JSON 4xx naming the problem, never a 5xx")
    void badInputIs4xx() throws IOException {
        record Case(String body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"kind\":\"COMPLAINT\",", 400, "body"),
                new Case("not json at all", 400, "body"),
                new Case("[]", 400, "body"),
                new Case("null", 400, "body"),
                new Case("", 400, "body"),
                new Case("{\"kind\":\"RANT\",\"channel\":\"WEB\",\"text\":\"x\"}", 400, "kind"),
                new Case("{\"kind\":1,\"channel\":\"WEB\",\"text\":\"x\"}", 400, "kind"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"colour\":\"red\"}", 400, "colour"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":{\"a\":1}}", 400, "text"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"collective\":\"yes\"}", 400,
                        "collective"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"collective\":true}", 400,
                        "coSigners"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"coSigners\":99999999999999}",
                        400, "coSigners"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"receivedAt\":\"yesterday\"}",
                        400, "receivedAt"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"receivedAt\":\""
                        + Instant.now().plusSeconds(86400) + "\"}", 400, "receivedAt"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\","
                        + "\"applicant\":{\"type\":\"CITIZEN\",\"email\":\"not-an-email\"}}", 400, "applicant.email"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"attachments\":[null]}", 400,
                        "attachments[0]"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"" + "я".repeat(32_001) + "\"}", 400,
                        "text"),
                new Case("{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"x\",\"kind\":\"PROPOSAL\"}", 400,
                        null),
                new Case("{".repeat(5000) + "}".repeat(5000), 400, null));
        for (Case c : cases) {
            HttpResponse<String> r = api.postJson("/api/v1/appeals", c.body());
            String shown = c.body().length() > 80 ? c.body().substring(0, 80) + "…" : c.body();
            assertEquals(c.status(), r.statusCode(), shown + " -> " + r.body());
            JsonNode error = JSON.readTree(r.body());
            assertEquals(c.status(), error.get("status").asInt());
            if (c.field() != null) {
                List<String> fields = new ArrayList<>();
                error.get("errors").forEach(e -> fields.add(e.get("field").asText()));
                assertTrue(fields.contains(c.field()), shown + " should name " + c.field() + ": " + r.body());
            }
        }
        HttpResponse<String> huge = api.postJson("/api/v1/appeals",
                "{\"kind\":\"COMPLAINT\",\"channel\":\"WEB\",\"text\":\"" + "x".repeat(300_000) + "\"}");
        assertEquals(413, huge.statusCode(), huge.body());
        HttpResponse<String> plain = api.post("/api/v1/appeals", "text/plain", "Звернення простим текстом");
        assertEquals(415, plain.statusCode(), plain.body());
        HttpResponse<String> missing = api.get("/api/v1/appeals/" + UUID.randomUUID());
        assertEquals(404, missing.statusCode());
    }

    @Test
    @DisplayName("Search: filters, text, paging and total")
    void searchesWithFiltersAndPaging() throws IOException {
        String token = "пошук" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            assertEquals(201, api.postJson("/api/v1/appeals", validAppeal(token + " " + i)).statusCode());
        }
        assertEquals(201, api.postJson("/api/v1/appeals",
                "{\"kind\":\"PROPOSAL\",\"channel\":\"EMAIL\",\"text\":\"Пропозиція " + token + "\"}").statusCode());
        assertEquals(4, total("q=" + token));
        assertEquals(4, total("q=" + token.toUpperCase()), "text search ignores case");
        assertEquals(3, total("q=" + token + "&kind=COMPLAINT"));
        assertEquals(1, total("q=" + token + "&channel=email"));
        assertEquals(4, total("q=" + token + "&status=REGISTERED&region=UA-46"));
        assertEquals(0, total("q=" + token + "&region=UA-30"));
        assertEquals(4, total("q=" + token + "&from=2020-01-01&to=" + java.time.LocalDate.now().plusDays(1)));
        assertEquals(0, total("q=" + token + "&to=2020-01-01"));
        JsonNode page = JSON.readTree(api.get("/api/v1/appeals?q=" + token + "&limit=3&offset=1").body());
        assertEquals(3, page.get("items").size());
        assertEquals(4, page.get("total").asLong());
        assertTrue(page.get("items").get(0).get("textPreview").asText().length() <= 161);

        for (String bad : List.of("status=LOST", "kind=x", "offset=-1", "limit=0", "limit=501", "limit=ten",
                "from=31.01.2026", "from=2026-02-01&to=2026-01-01")) {
            HttpResponse<String> r = api.get("/api/v1/appeals?" + bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
        }
    }

    @Test
    @DisplayName("Actions on an appeal this node owns apply at once: a note, then acceptance; wrong ones get 400/404")
    void actions() throws IOException {
        JsonNode a = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Дії " + UUID.randomUUID())).body());
        String path = "/api/v1/appeals/" + a.get("id").asText() + "/actions";
        api.assertDocumentAccepts(path, "{\"action\":\"NOTE\",\"comment\":\"Зателефонували заявнику\"}");
        HttpResponse<String> note = api.postJson(path, "{\"action\":\"NOTE\",\"comment\":\"Зателефонували заявнику\"}");
        assertEquals(200, note.statusCode(), note.body());
        assertEquals(2, JSON.readTree(note.body()).get("appeal").get("version").asLong());
        // A body accepts what was forwarded to it: before that the appeal is no body's (the scope rules: 403).
        assertEquals(403, api.postJson(path, "{\"action\":\"ACCEPT\"}").statusCode(), "not yet with a body");
        assertEquals(200, api.postJson(path, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}").statusCode());
        HttpResponse<String> accept = api.postJson(path, "{\"action\":\"ACCEPT\"}");
        assertEquals(200, accept.statusCode(), accept.body());
        JsonNode accepted = JSON.readTree(accept.body());
        assertTrue(accepted.get("applied").asBoolean());
        assertEquals("ACCEPTED", accepted.get("appeal").get("status").asText());
        assertEquals(4, accepted.get("appeal").get("version").asLong());
        assertEquals(accepted.get("appeal"), JSON.readTree(api.get("/api/v1/appeals/" + a.get("id").asText()).body()));
        assertEquals(400, api.postJson(path, "{\"action\":\"ACCEPT\"}").statusCode(), "accepted twice");
        assertEquals(400, api.postJson(path, "{\"action\":\"NOTE\"}").statusCode(), "a note needs its text");
        assertEquals(400, api.postJson(path, "{\"action\":\"DELETE\"}").statusCode());
        assertEquals(400, api.postJson(path, "{}").statusCode());
        assertEquals(404, api.postJson("/api/v1/appeals/" + UUID.randomUUID() + "/actions", "{\"action\":\"NOTE\","
                + "\"comment\":\"x\"}").statusCode());
    }

    @Test
    @DisplayName("GET /openapi.json serves the OpenAPI 3 document of the whole API")
    void servesOpenApi() throws IOException {
        JsonNode doc = JSON.readTree(api.get("/api/v1/openapi.json").body());
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        assertTrue(doc.get("paths").has("/appeals"));
    }

    @Test
    @DisplayName("GET /sync shows the link to the center: the appeal waits in the outbox or was handed to the broker")
    void syncFigures() throws IOException {
        assertEquals(201, api.postJson("/api/v1/appeals", validAppeal("Обмін " + UUID.randomUUID())).statusCode());
        JsonNode sync = JSON.readTree(api.get("/api/v1/sync").body());
        assertEquals("lviv", sync.get("node").asText());
        JsonNode toCenter = null;
        for (JsonNode l : sync.get("links")) {
            if (l.get("peer").asText().equals("ucc")) {
                toCenter = l;
            }
        }
        assertTrue(toCenter != null && toCenter.get("backlog").asLong() + toCenter.get("shipped").asLong() >= 1,
                sync.toString());
    }

    @Test
    @DisplayName("GET /sync shows the broker's side too: the bridge to the absent center is down, the appeal waits on the broker")
    void syncBrokerFigures() throws Exception {
        assertEquals(201, api.postJson("/api/v1/appeals", validAppeal("Брокер " + UUID.randomUUID())).statusCode());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        JsonNode sync;
        JsonNode toCenter;
        do {
            sync = JSON.readTree(api.get("/api/v1/sync").body());
            toCenter = null;
            for (JsonNode l : sync.get("links")) {
                if (l.get("peer").asText().equals("ucc")) {
                    toCenter = l;
                }
            }
            if (sync.get("linkRunning").asBoolean() && toCenter != null && toCenter.has("waitingOnBroker")
                    && toCenter.get("waitingOnBroker").asLong() >= 1) {
                break;
            }
            Thread.sleep(200); // poll a condition with a deadline
        } while (System.nanoTime() < deadline);
        assertTrue(sync.get("linkRunning").asBoolean(), sync.toString());
        assertTrue(sync.get("broker").get("up").asBoolean(), sync.toString());
        assertFalse(toCenter.get("connected").asBoolean(), "no center runs in this test: " + sync);
        assertTrue(toCenter.get("waitingOnBroker").asLong() >= 1, "the appeal waits on lviv's broker: " + sync);
        boolean outQueue = false;
        for (JsonNode q : sync.get("broker").get("queues")) {
            outQueue |= q.get("queue").asText().equals("nsoz.out") && q.get("role").asText().equals("outgoing");
        }
        assertTrue(outQueue, sync.toString());
    }

    @Test
    @DisplayName("GET /sync/dead-letters lists what the node refused; a replay needs a dead letter's id")
    void deadLetters() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/sync/dead-letters");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode dead = JSON.readTree(r.body());
        assertEquals(dead.get("total").asLong(), dead.get("items").size(), dead.toString());
        assertEquals(400, api.get("/api/v1/sync/dead-letters?limit=0").statusCode());
        HttpResponse<String> bad = api.post("/api/v1/sync/dead-letters/not-an-id/replay", "application/json", "");
        assertEquals(400, bad.statusCode(), bad.body());
        HttpResponse<String> none = api.post("/api/v1/sync/dead-letters/" + UUID.randomUUID() + "/replay",
                "application/json", "");
        assertEquals(404, none.statusCode(), none.body());
        assertTrue(none.body().contains("No dead letter"), none.body());
    }

    @Test
    @DisplayName("Art. 7, 17, 20: a late complaint registered and marked, a priority applicant, a shortened term explained, counts per category")
    void theLawsTerms() throws IOException {
        // A war participant's complaint against a decision taken and learned of long ago: registered, not refused
        // (Art. 7), marked LATE_COMPLAINT (Art. 17), considered first (Art. 20).
        String late = "{\"kind\":\"COMPLAINT\",\"channel\":\"PHONE\",\"applicant\":{\"type\":\"CITIZEN\","
                + "\"fullName\":\"Тестовий Ветеран\",\"address\":\"м. Львів, вул. Синтетична, 3\",\"phone\":"
                + "\"+380 32 000 00 02\",\"category\":\"7.1\"},\"contestedDecision\":{\"decidedOn\":\"2024-01-10\","
                + "\"learnedOn\":\"2024-01-15\"},\"text\":\"Скарга на рішення (синтетична) " + UUID.randomUUID() + "\"}";
        api.assertDocumentAccepts("/api/v1/appeals", late);
        HttpResponse<String> created = api.postJson("/api/v1/appeals", late);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode a = JSON.readTree(created.body());
        assertEquals("LATE_COMPLAINT", a.at("/marks/0/code").asText(), a.toString());
        assertEquals("17", a.at("/marks/0/article").asText());
        assertTrue(a.at("/processing/priority").asBoolean());
        assertEquals("7.1", a.at("/applicant/category").asText());
        assertEquals("2024-01-15", a.at("/contestedDecision/learnedOn").asText());

        // Bad input is named: a category not in the reference data, a contested decision on a proposal, a date that
        // is not one.
        HttpResponse<String> badCategory = api.postJson("/api/v1/appeals", late.replace("\"7.1\"", "\"9.99\""));
        assertEquals(400, badCategory.statusCode());
        assertTrue(badCategory.body().contains("applicant.category"), badCategory.body());
        HttpResponse<String> proposal = api.postJson("/api/v1/appeals", late.replace("COMPLAINT", "PROPOSAL"));
        assertEquals(400, proposal.statusCode());
        assertTrue(proposal.body().contains("contestedDecision"), proposal.body());
        assertEquals(400, api.postJson("/api/v1/appeals", late.replace("2024-01-10", "10.01.2024")).statusCode());

        // The applicant's written request shortens the term to 10 days (Art. 20): recorded and explained.
        String path = "/api/v1/appeals/" + a.get("id").asText() + "/actions";
        assertEquals(400, api.postJson(path, "{\"action\":\"SHORTEN\",\"days\":10}").statusCode(), "the reason");
        assertEquals(400, api.postJson(path, "{\"action\":\"SHORTEN\",\"days\":40,\"comment\":\"Прошу\"}")
                .statusCode(), "not shorter than the month");
        String shorten = "{\"action\":\"SHORTEN\",\"days\":10,\"comment\":\"Виїзд на лікування\"}";
        api.assertDocumentAccepts(path, shorten);
        JsonNode shortened = JSON.readTree(api.postJson(path, shorten).body());
        assertEquals(10, shortened.at("/appeal/processing/shortenedDays").asInt(), shortened.toString());
        JsonNode term = JSON.readTree(api.get("/api/v1/appeals/" + a.get("id").asText() + "/deadline").body());
        assertEquals("SHORTENED", term.get("kind").asText(), term.toString());
        assertEquals(10, term.get("termDays").asInt());
        assertEquals("ua-law-393-civil-code/2", term.get("ruleSet").asText());
        assertTrue(term.get("explanation").toString().contains("Виїзд на лікування"), term.toString());
        assertEquals(shortened.at("/appeal/processing/dueDate").asText(), term.get("dueDate").asText());

        // The body restores the late complaint's term (Art. 17): then it is not refused as late.
        api.postJson(path, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}");
        JsonNode restored = JSON.readTree(api.postJson(path, "{\"action\":\"RESTORE_TERM\",\"comment\":"
                + "\"Поважна причина\"}").body());
        assertTrue(restored.at("/appeal/processing/termRestored").asBoolean(), restored.toString());
        assertEquals(400, api.postJson(path, "{\"action\":\"NOT_CONSIDER\",\"ground\":\"LATE_COMPLAINT\"}")
                .statusCode());

        // Reports count appeals per applicant category.
        HttpResponse<String> counts = api.get("/api/v1/appeals/by-category");
        assertEquals(200, counts.statusCode(), counts.body());
        JsonNode veterans = null;
        for (JsonNode row : JSON.readTree(counts.body()).get("items")) {
            if ("7.1".equals(row.path("category").asText())) {
                veterans = row;
            }
        }
        assertTrue(veterans != null && veterans.get("open").asLong() >= 1, counts.body());
    }

    @Test
    @DisplayName("Processing by law on one node: classify, forward, redirect, accept, extend (head only, <= 45 days), answer, public status, rating, history")
    void processingByLaw() throws IOException {
        // Registered: the answer alone carries the access code; the term runs one month (Art. 20).
        JsonNode a = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Обробка " + UUID.randomUUID())).body());
        String id = a.get("id").asText();
        String number = a.get("registrationNumber").asText();
        String code = a.get("accessCode").asText();
        assertFalse(api.get("/api/v1/appeals/" + id).body().contains(code), "the code is told once");
        String path = "/api/v1/appeals/" + id + "/actions";

        // Preliminary processing: classify with a classifier code (an unknown one is refused), forward to a body.
        assertEquals(400, api.postJson(path, "{\"action\":\"CLASSIFY\",\"topic\":\"999.999\"}").statusCode());
        String classify = "{\"action\":\"CLASSIFY\",\"topic\":\"001\",\"classification\":\"MULTIPLE\"}";
        api.assertDocumentAccepts(path, classify);
        JsonNode classified = JSON.readTree(api.postJson(path, classify).body());
        assertEquals("MULTIPLE", classified.at("/appeal/processing/classification").asText());
        assertEquals(400, api.postJson(path, "{\"action\":\"FORWARD\",\"body\":\"NO-SUCH\"}").statusCode());
        assertEquals(403, api.postJson(path, "{\"action\":\"ANSWER\",\"result\":\"SATISFIED\",\"text\":\"x\"}")
                .statusCode(), "a body answers only what was forwarded to it");
        JsonNode forwarded = JSON.readTree(api.postJson(path, "{\"action\":\"FORWARD\",\"body\":\"LODA\"}").body());
        assertEquals("FORWARDED", forwarded.at("/appeal/status").asText());
        JsonNode inbox = JSON.readTree(api.get("/api/v1/appeals?body=LODA&limit=500").body());
        assertTrue(inbox.get("items").findValuesAsText("id").contains(id));

        // The body: redirect (reason required), accept, extend (the head only, Art. 20), answer.
        assertEquals(400, api.postJson(path, "{\"action\":\"REDIRECT\",\"body\":\"MOZ\"}").statusCode());
        JsonNode redirected = JSON.readTree(api.postJson(path,
                "{\"action\":\"REDIRECT\",\"body\":\"MOZ\",\"comment\":\"Питання охорони здоров'я\"}").body());
        assertEquals("MOZ", redirected.at("/appeal/processing/body").asText());
        assertEquals(200, api.postJson(path, "{\"action\":\"ACCEPT\"}").statusCode());
        String extend = "{\"action\":\"EXTEND\",\"days\":10,\"comment\":\"Потрібна перевірка\"}";
        HttpResponse<String> noRole = api.postJson(path, extend);
        assertEquals(403, noRole.statusCode(), "the default test user is a clerk, not the head: " + noRole.body());
        assertTrue(noRole.body().contains("20"), noRole.body());
        assertEquals(401, api.postJsonAs(KarafNode.HEAD_USER, "wrong", path, extend).statusCode());
        JsonNode extended = JSON.readTree(api.postJsonAs(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD, path, extend)
                .body());
        assertEquals("EXTENDED", extended.at("/appeal/status").asText());
        assertEquals(10, extended.at("/appeal/processing/extensionDays").asInt());
        JsonNode term = JSON.readTree(api.get("/api/v1/appeals/" + id + "/deadline").body());
        // One month is 28 to 31 days (Civil Code Art. 254): one day more than the cap allows is refused.
        int pastCap = 45 - term.get("termDays").asInt() - 10 + 1;
        HttpResponse<String> tooLong = api.postJsonAs(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD, path,
                "{\"action\":\"EXTEND\",\"days\":" + pastCap + ",\"comment\":\"Ще\"}");
        assertEquals(400, tooLong.statusCode(), "the month + 10 + " + pastCap + " > 45 days (Art. 20)");
        assertEquals(10, term.get("extensionDays").asInt());
        assertEquals(extended.at("/appeal/processing/dueDate").asText(), term.get("dueDate").asText());
        String answer = "{\"action\":\"ANSWER\",\"result\":\"EXPLAINED\",\"text\":\"Роз'яснено\","
                + "\"documents\":[{\"fileName\":\"v.pdf\",\"sizeBytes\":10}]}";
        api.assertDocumentAccepts(path, answer);
        JsonNode answered = JSON.readTree(api.postJson(path, answer).body());
        assertEquals("ANSWERED", answered.at("/appeal/status").asText());

        // The applicant: status with the code (no personal data), a wrong code like no appeal, then the rating.
        JsonNode status = JSON.readTree(api.get("/api/v1/public/status?number=" + number + "&code=" + code).body());
        assertEquals("ANSWERED", status.get("status").asText());
        assertTrue(status.get("canRate").asBoolean());
        assertFalse(status.toString().contains("Тестовий"), status.toString());
        assertEquals(404, api.get("/api/v1/public/status?number=" + number + "&code=AAAAA-AAAAA").statusCode());
        assertEquals(400, api.get("/api/v1/public/status?number=" + number).statusCode());
        assertEquals(400, api.postJson("/api/v1/public/rating", "{\"number\":\"" + number + "\",\"code\":\"" + code
                + "\",\"rating\":6}").statusCode());
        assertEquals(404, api.postJson("/api/v1/public/rating", "{\"number\":\"" + number
                + "\",\"code\":\"AAAAA-AAAAA\",\"rating\":5}").statusCode());
        HttpResponse<String> rated = api.postJson("/api/v1/public/rating", "{\"number\":\"" + number + "\",\"code\":\""
                + code + "\",\"rating\":4}");
        assertEquals(200, rated.statusCode(), rated.body());
        assertEquals("CLOSED", JSON.readTree(rated.body()).get("status").asText());

        // The history names every step and who did it.
        JsonNode history = JSON.readTree(api.get("/api/v1/appeals/" + id + "/history").body());
        assertEquals(List.of("REGISTERED", "CLASSIFIED", "FORWARDED", "REDIRECTED", "ACCEPTED", "EXTENDED", "ANSWERED",
                "RATED"), history.findValuesAsText("type"));
        assertEquals(KarafNode.HEAD_USER, history.get(5).get("actor").asText());
    }

    @Test
    @DisplayName("R7: the deadline watch (a Camel timer route) escalates an overdue appeal once and reminds of one due soon")
    void deadlineWatch() throws Exception {
        // Received 40 days ago (a letter registered late): its 30 days have passed.
        String old = java.time.Instant.now().minus(java.time.Duration.ofDays(40)).toString();
        JsonNode overdue = JSON.readTree(api.postJson("/api/v1/appeals", """
                {"kind":"APPLICATION","channel":"POST","signed":true,
                 "applicant":{"type":"CITIZEN","fullName":"Прострочений Заявник","address":"м. Львів, вул. Тестова, 4"},
                 "text":"Синтетична заява, що надійшла давно %s","receivedAt":"%s"}"""
                .formatted(UUID.randomUUID(), old)).body());
        // Received 29 days ago: due tomorrow, or on the Monday after (a day off moves it), within the 3 days of a reminder.
        String soon = java.time.Instant.now().minus(java.time.Duration.ofDays(29)).toString();
        JsonNode dueSoon = JSON.readTree(api.postJson("/api/v1/appeals", """
                {"kind":"APPLICATION","channel":"POST","signed":true,
                 "applicant":{"type":"CITIZEN","fullName":"Вчасний Заявник","address":"м. Львів, вул. Тестова, 5"},
                 "text":"Синтетична заява зі строком, що спливає %s","receivedAt":"%s"}"""
                .formatted(UUID.randomUUID(), soon)).body());
        List<String> escalated = awaitHistory(overdue.get("id").asText(), "ESCALATED");
        List<String> reminded = awaitHistory(dueSoon.get("id").asText(), "REMINDED");
        // Once each (that a later run does not repeat them is the rules' and the store's, tested in their modules).
        assertEquals(List.of("REGISTERED", "ESCALATED"), escalated);
        assertEquals(List.of("REGISTERED", "REMINDED"), reminded);
        JsonNode a = JSON.readTree(api.get("/api/v1/appeals/" + overdue.get("id").asText()).body());
        assertFalse(a.at("/processing/escalatedAt").isMissingNode(), a.toString());
        JsonNode counts = JSON.readTree(api.get("/api/v1/appeals/overdue").body());
        assertTrue(counts.get("byRegion").path("UA-46").asLong() >= 1, counts.toString());
    }

    @Test
    @DisplayName("The access code cannot be guessed: after 10 wrong codes for a number its lookup answers 429, even to the right code")
    void wrongCodesCloseTheLookup() throws IOException {
        JsonNode a = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Код " + UUID.randomUUID())).body());
        String number = a.get("registrationNumber").asText();
        String code = a.get("accessCode").asText();
        for (int i = 0; i < 10; i++) {
            assertEquals(404, api.get("/api/v1/public/status?number=" + number + "&code=ZZZZZ-ZZZZ" + (i % 10 + 2))
                    .statusCode());
        }
        HttpResponse<String> closed = api.get("/api/v1/public/status?number=" + number + "&code=" + code);
        assertEquals(429, closed.statusCode(), closed.body());
        assertTrue(closed.headers().firstValue("Retry-After").isPresent(), closed.headers().toString());
        assertEquals(429, api.postJson("/api/v1/public/rating", "{\"number\":\"" + number + "\",\"code\":\"" + code
                + "\",\"rating\":5}").statusCode());
    }

    private List<String> types(String id) throws IOException {
        return JSON.readTree(api.get("/api/v1/appeals/" + id + "/history").body()).findValuesAsText("type");
    }

    private List<String> awaitHistory(String id, String type) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = types(id);
            if (seen.contains(type)) {
                return seen;
            }
            Thread.sleep(300); // poll a condition with a deadline
        }
        throw new AssertionError("no " + type + " event for " + id + " within 60 s; history: " + seen);
    }

    @Test
    @DisplayName("Not considered on its ground (Art. 8, 17), answered at first contact (R4), overdue counts")
    void notConsideredAndFirstContact() throws IOException {
        // An anonymous appeal may be left without consideration on that ground (Art. 8), not on another.
        JsonNode anon = JSON.readTree(api.postJson("/api/v1/appeals",
                "{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\",\"text\":\"Синтетична анонімна " + UUID.randomUUID()
                        + "\"}").body());
        String path = "/api/v1/appeals/" + anon.get("id").asText() + "/actions";
        assertEquals(400, api.postJson(path, "{\"action\":\"NOT_CONSIDER\",\"ground\":\"LATE_COMPLAINT\"}")
                .statusCode(), "Art. 17 is for complaints");
        JsonNode nc = JSON.readTree(api.postJson(path, "{\"action\":\"NOT_CONSIDER\",\"ground\":\"ANONYMOUS\"}")
                .body());
        assertEquals("NOT_CONSIDERED", nc.at("/appeal/status").asText());
        assertEquals("8", nc.at("/appeal/processing/groundArticle").asText());
        assertTrue(nc.at("/appeal/processing/dueDate").isMissingNode(), "no term runs");

        // Answered by the contact center at first contact (R4).
        JsonNode b = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Перший " + UUID.randomUUID())).body());
        JsonNode done = JSON.readTree(api.postJson("/api/v1/appeals/" + b.get("id").asText() + "/actions",
                "{\"action\":\"ANSWER_AT_FIRST_CONTACT\",\"text\":\"Надано телефон гарячої лінії\"}").body());
        assertEquals("ANSWERED_AT_FIRST_CONTACT", done.at("/appeal/status").asText());

        // Reference data is edited at the center only: a region answers 409 even to its admin; edits are listed.
        assertEquals(409, api.putJsonAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD, "/api/v1/reference/rules/X1",
                "{\"order\":1,\"bodyCode\":\"MOZ\",\"reasonUk\":\"x\",\"reasonEn\":\"x\"}").statusCode());
        assertEquals(403, api.putJsonAs(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD, "/api/v1/reference/rules/X1",
                "{\"order\":1,\"bodyCode\":\"MOZ\",\"reasonUk\":\"x\",\"reasonEn\":\"x\"}").statusCode());
        assertEquals(409, api.putJsonAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD, "/api/v1/reference/bodies/X1",
                "{\"kind\":\"CENTRAL_BODY\",\"nameUk\":\"Х\",\"nameEn\":\"X\"}").statusCode());
        assertEquals(409, api.deleteAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD, "/api/v1/reference/rules/X1")
                .statusCode());
        assertEquals(0, JSON.readTree(api.get("/api/v1/reference/edits").body()).get("revision").asInt());

        JsonNode overdue = JSON.readTree(api.get("/api/v1/appeals/overdue").body());
        assertTrue(overdue.has("byBody") && overdue.has("byRegion"), overdue.toString());
    }

    @Test
    @DisplayName("GET /appeals/{id}/deadline: an electronic appeal received on a Sunday runs 30 days from Monday (Art. 20, Instruction No. 348)")
    void deadline() throws IOException {
        // Sunday 22.11.2026 12:00 Kyiv: not a working day, so the term counts from Monday 23.11.2026.
        String body = validAppeal("Строк " + UUID.randomUUID()).replace("\"channel\":\"WEB\",",
                "\"channel\":\"WEB\",\"receivedAt\":\"2026-11-22T10:00:00Z\",");
        HttpResponse<String> created = api.postJson("/api/v1/appeals", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode a = JSON.readTree(created.body());
        HttpResponse<String> r = api.get("/api/v1/appeals/" + a.get("registrationNumber").asText() + "/deadline");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode d = JSON.readTree(r.body());
        assertEquals("2026-11-23", d.get("receiptDate").asText(), r.body());
        assertEquals("STANDARD", d.get("kind").asText());
        assertEquals(30, d.get("termDays").asInt());
        assertEquals("2026-12-23", d.get("dueDate").asText(), r.body());
        assertTrue(d.get("running").asBoolean());
        assertTrue(d.get("explanation").size() >= 2, r.body());
        assertEquals(404, api.get("/api/v1/appeals/LV-1900-000000/deadline").statusCode());
        // Preliminary processing: no additional study needed, so 15 days (Art. 20).
        HttpResponse<String> marked = api.postJson("/api/v1/appeals/" + a.get("id").asText() + "/actions",
                "{\"action\":\"NO_ADDITIONAL_STUDY\"}");
        assertEquals(200, marked.statusCode(), marked.body());
        JsonNode shorter = JSON.readTree(api.get("/api/v1/appeals/" + a.get("id").asText() + "/deadline").body());
        assertEquals("NO_ADDITIONAL_STUDY", shorter.get("kind").asText(), shorter.toString());
        assertEquals(15, shorter.get("termDays").asInt());
        assertEquals("2026-12-08", shorter.get("dueDate").asText(), shorter.toString());
    }

    @Test
    @DisplayName("GET /reference/*: the bodies (filtered by region), topics, categories and rules the node routes by")
    void referenceData() throws IOException {
        JsonNode summary = JSON.readTree(api.get("/api/v1/reference").body());
        assertTrue(summary.get("bodies").asInt() > 5 && summary.get("rules").asInt() > 5, summary.toString());
        JsonNode lviv = JSON.readTree(api.get("/api/v1/reference/bodies?region=UA-46").body());
        assertEquals(summary.get("version").asText(), lviv.get("version").asText());
        boolean secretariat = false;
        for (JsonNode b : lviv.get("items")) {
            assertTrue(!b.has("region") || b.get("region").asText().equals("UA-46"), b.toString());
            secretariat |= b.get("kind").asText().equals("CABINET_SECRETARIAT");
        }
        assertTrue(secretariat, "the national bodies are listed with the region's");
        assertTrue(JSON.readTree(api.get("/api/v1/reference/topics").body()).get("items").size() > 10);
        assertTrue(JSON.readTree(api.get("/api/v1/reference/categories").body()).get("items").size() > 5);
        assertTrue(JSON.readTree(api.get("/api/v1/reference/rules").body()).get("items").size() > 5);
    }

    @Test
    @DisplayName("GET /reference/route/{id}: an appeal to the Prime Minister goes to the Cabinet Secretariat; social protection in Lviv oblast to its administration; each with the reason")
    void routesByCompetence() throws IOException {
        String toPrimeMinister = validAppeal("Інше " + UUID.randomUUID()).replace(
                "Львівська обласна державна адміністрація", "Прем'єр-міністру України");
        JsonNode a = JSON.readTree(api.postJson("/api/v1/appeals", toPrimeMinister).body());
        JsonNode r = JSON.readTree(api.get("/api/v1/reference/route/" + a.get("id").asText()).body());
        assertEquals("CABINET_SECRETARIAT", r.get("body").get("kind").asText(), r.toString());
        assertTrue(r.get("trace").size() >= 1, r.toString());
        JsonNode social = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Соціальний захист")).body());
        JsonNode s = JSON.readTree(api.get("/api/v1/reference/route/" + social.get("registrationNumber").asText())
                .body());
        assertEquals("LODA", s.get("body").get("code").asText(), s.toString());
        assertFalse(s.get("reasonUk").asText().isBlank());
        assertEquals(404, api.get("/api/v1/reference/route/LV-1900-000000").statusCode());
    }

    @Test
    @DisplayName("GET /audit: the registration and every unmasked read of an appeal are in the audit log, who, what, from where; a bad filter is a 400")
    void auditLog() throws IOException {
        String id = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Аудит " + UUID.randomUUID())).body())
                .get("id").asText();
        assertEquals(200, api.get("/api/v1/appeals/" + id).statusCode());
        HttpResponse<String> r = api.get("/api/v1/audit?appeal=" + id);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode log = JSON.readTree(r.body());
        assertEquals(2, log.get("total").asLong(), r.body());
        JsonNode read = log.get("items").get(0);
        assertEquals("READ", read.get("action").asText(), "newest first: " + r.body());
        assertEquals(KarafNode.SSH_USER, read.get("actor").asText());
        assertEquals("GET /appeals/{id}", read.get("what").asText());
        assertTrue(read.get("origin").asText().matches("rest (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1)"), read.toString());
        assertEquals("CREATE", log.get("items").get(1).get("action").asText());
        assertEquals(400, api.get("/api/v1/audit?action=EDIT").statusCode());
        assertEquals(400, api.get("/api/v1/audit?limit=5000").statusCode());
        assertEquals(403, KarafNode.Http.getAs(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD, node.url("/api/v1/audit"))
                .statusCode(), "the auditor's only");
        assertEquals(401, KarafNode.Http.getAnonymous(node.url("/api/v1/audit")).statusCode());
    }

    @Test
    @DisplayName("GET /audit/chain: the auditor checks the audit log's hash chain: intact, with the newest seq; the auditor's only")
    void auditChain() throws IOException {
        api.postJson("/api/v1/appeals", validAppeal("Ланцюжок " + UUID.randomUUID()));
        HttpResponse<String> r = api.get("/api/v1/audit/chain");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode chain = JSON.readTree(r.body());
        assertTrue(chain.get("intact").asBoolean(), r.body());
        assertFalse(chain.has("brokenAt"), r.body());
        assertTrue(chain.get("entries").asLong() > 0, "the registration above is in the log: " + r.body());
        long newest = JSON.readTree(api.get("/api/v1/audit?limit=1").body()).get("items").get(0).get("seq").asLong();
        assertTrue(chain.get("lastSeq").asLong() <= newest, r.body());
        assertEquals(403, KarafNode.Http.getAs(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD,
                node.url("/api/v1/audit/chain")).statusCode(), "the auditor's only");
        assertEquals(401, KarafNode.Http.getAnonymous(node.url("/api/v1/audit/chain")).statusCode());
    }

    @Test
    @DisplayName("GET /node says who the node is")
    void nodeInfo() throws IOException {
        JsonNode n = JSON.readTree(api.get("/api/v1/node").body());
        assertEquals("lviv", n.get("nodeId").asText());
        assertEquals("REGIONAL", n.get("role").asText());
        assertEquals("Львівський обласний контактний центр", n.get("name").asText());
    }

    /** @return the fields a JSON error answer names, in order */
    private static List<String> fields(HttpResponse<String> r) throws IOException {
        List<String> fields = new ArrayList<>();
        JSON.readTree(r.body()).path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    /** Asserts an answer is an error in the documented JSON form, its message in Ukrainian and English. */
    private static JsonNode assertBilingualError(HttpResponse<String> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.headers().toString());
        JsonNode e = JSON.readTree(r.body());
        assertEquals(status, e.get("status").asInt(), r.body());
        assertTrue(e.has("error"), r.body());
        String message = e.get("message").asText();
        assertTrue(message.contains(" / ") && message.chars().anyMatch(c -> c >= 'А' && c <= 'я'), message);
        e.path("errors").forEach(f -> assertTrue(f.get("message").asText().contains(" / "), f.toString()));
        return e;
    }

    @Test
    @DisplayName("#12: one 400 names every problem of a body: both misspelled fields, a bad kind and a bad channel; a number is not text")
    void everyProblemOfABodyIsNamed() throws IOException {
        long before = total("");
        HttpResponse<String> misspelled = api.postJson("/api/v1/appeals",
                "{\"kind\":\"PROPOSAL\",\"chanel\":\"WEB\",\"txt\":\"Синтетична пропозиція\"}");
        assertBilingualError(misspelled, 400);
        assertEquals(List.of("chanel", "txt"), fields(misspelled));
        assertTrue(misspelled.body().contains("'channel'") && misspelled.body().contains("'text'"),
                "each names the field meant: " + misspelled.body());

        HttpResponse<String> enums = api.postJson("/api/v1/appeals",
                "{\"kind\":\"RANT\",\"channel\":\"FAX\",\"text\":\"Синтетичний текст\"}");
        assertBilingualError(enums, 400);
        assertEquals(List.of("kind", "channel"), fields(enums));

        HttpResponse<String> number = api.postJson("/api/v1/appeals",
                "{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\",\"text\":5}");
        assertBilingualError(number, 400);
        assertEquals(List.of("text"), fields(number));

        HttpResponse<String> nested = api.postJson("/api/v1/appeals", """
                {"kind":"COMPLAINT","channel":"WEB","text":"Синтетичний текст","applicant":{"type":"ROBOT"},
                 "attachments":[{"fileName":"a.pdf"},{"fileName":"b.pdf"},{"fileName":"c.pdf","sizeBytes":"big"}]}""");
        assertBilingualError(nested, 400);
        assertEquals(List.of("applicant.type", "attachments[2].sizeBytes"), fields(nested));
        assertEquals(before, total(""), "a refused request registers nothing");

        JsonNode a = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Поля " + UUID.randomUUID())).body());
        HttpResponse<String> action = api.postJson("/api/v1/appeals/" + a.get("id").asText() + "/actions",
                "{\"action\":\"DELETE\",\"days\":\"14\",\"coment\":\"x\"}");
        assertBilingualError(action, 400);
        assertEquals(List.of("action", "days", "coment"), fields(action));
    }

    @Test
    @DisplayName("#12: every error is bilingual JSON: 415 without or with another Content-Type, 404 of an unknown path pointing to openapi.json, 405; GET /api/v1 points there too")
    void everyErrorIsBilingualJson() throws IOException {
        HttpResponse<String> noType = KarafNode.Http.send(java.net.http.HttpRequest.newBuilder(node.url("/api/v1/appeals"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"kind\":\"PROPOSAL\"}"))
                .header("Accept", "application/json"));
        assertTrue(assertBilingualError(noType, 415).get("message").asText().contains("application/json"));
        assertBilingualError(api.post("/api/v1/appeals", "text/plain", "Звернення простим текстом"), 415);
        JsonNode a = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("Тип " + UUID.randomUUID())).body());
        assertBilingualError(api.post("/api/v1/appeals/" + a.get("id").asText() + "/actions", "application/xml",
                "<action>NOTE</action>"), 415);

        for (String unknown : List.of("/api/v1/nothing-here", "/api/v1/appeals/x/y/z", "/api/v1/openapi.yaml")) {
            JsonNode e = assertBilingualError(KarafNode.Http.get(node.url(unknown)), 404);
            assertTrue(e.get("message").asText().contains("/api/v1/openapi.json"), unknown + ": " + e);
        }
        HttpResponse<String> wrongMethod = KarafNode.Http.send(java.net.http.HttpRequest
                .newBuilder(node.url("/api/v1/appeals")).DELETE().header("Accept", "application/json"));
        assertBilingualError(wrongMethod, 405);
        assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("POST"), wrongMethod.headers().toString());

        HttpResponse<String> index = api.get("/api/v1/");
        assertEquals(200, index.statusCode(), index.body());
        assertEquals("/api/v1/openapi.json", JSON.readTree(index.body()).get("openapi").asText());
        HttpResponse<String> bare = KarafNode.Http.getAnonymous(node.url("/api/v1"));
        assertEquals(200, bare.statusCode(), bare.body());
        assertEquals("/api/v1/openapi.json", JSON.readTree(bare.body()).get("openapi").asText());
        // The node's root is the citizens' portal (issue 15, PortalIT): its HTML page, and its HTML 404 elsewhere.
        HttpResponse<String> root = KarafNode.Http.getAnonymous(node.url("/"));
        assertEquals(200, root.statusCode(), root.body());
        assertTrue(root.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                root.headers().toString());
        HttpResponse<String> outside = KarafNode.Http.getAnonymous(node.url("/no-such-page.html"));
        assertEquals(404, outside.statusCode(), outside.body());
        assertTrue(outside.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                outside.headers().toString());
    }

    @Test
    @DisplayName("#12: a query parameter an operation does not take is a 400 naming it, on every GET; the page size's maximum is told")
    void unknownQueryParametersAreNamed() throws IOException {
        HttpResponse<String> staus = api.get("/api/v1/appeals?staus=CLOSED");
        assertBilingualError(staus, 400);
        assertEquals(List.of("staus"), fields(staus));
        assertTrue(staus.body().contains("'status'"), staus.body());
        for (String get : List.of("/api/v1/audit?usr=operator", "/api/v1/reference/bodies?regoin=UA-46",
                "/api/v1/public/status?number=LV-1900-000000&code=AAAAA-AAAAA&lang=uk", "/api/v1/node?verbose=1")) {
            HttpResponse<String> r = api.get(get);
            assertBilingualError(r, 400);
            assertEquals(1, fields(r).size(), get + " -> " + r.body());
        }
        HttpResponse<String> both = api.get("/api/v1/appeals?status=LOST&limit=" + (500 + 1));
        assertBilingualError(both, 400);
        assertEquals(List.of("status", "limit"), fields(both), "every bad parameter in one answer");
        assertTrue(both.body().contains("1 and 500"), both.body());
        assertEquals(200, api.get("/api/v1/appeals?limit=500").statusCode());
    }

    @Test
    @DisplayName("The analysis (issue #14): statistics, charts, CSV, scorecards, open data, export, reports and alerts "
            + "answer as the OpenAPI document says, and count a registered appeal")
    void analysisOperations() throws Exception {
        String id = JSON.readTree(api.postJson("/api/v1/appeals", validAppeal("analysis")).body()).get("id").asText();
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Kyiv")).toString();
        String period = "from=" + day + "&to=" + day;
        // The analysis is fed by the store's events in the background: wait until it has counted the new appeal.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        JsonNode stats = null;
        while (System.nanoTime() < deadline) {
            stats = JSON.readTree(api.get("/api/v1/stats?" + period + "&groupBy=KIND").body());
            if (stats.toString().contains("\"COMPLAINT\"") && stats.get("rows").size() > 0) {
                break;
            }
            Thread.sleep(300); // poll a condition with a deadline
        }
        assertTrue(stats.toString().contains("\"COMPLAINT\""), stats.toString());
        assertEquals(400, api.get("/api/v1/stats?from=" + day + "&to=2000-01-01").statusCode());
        HttpResponse<String> csv = api.get("/api/v1/stats?" + period + "&format=csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().contains("Надійшло"), csv.body());
        assertEquals(200, api.get("/api/v1/stats?" + period + "&groupBy=CHANNEL&format=svg&measure=RECEIVED")
                .statusCode());
        assertEquals(200, api.get("/api/v1/stats/scorecards?" + period).statusCode());
        assertEquals(200, api.get("/api/v1/open-data").statusCode());
        assertEquals(200, api.get("/api/v1/open-data/dictionary").statusCode());
        HttpResponse<String> export = api.get("/api/v1/appeals/export?q=" + "analysis");
        assertEquals(200, export.statusCode(), export.body());
        assertTrue(export.body().contains(id), export.body());

        HttpResponse<String> made = api.post("/api/v1/reports?year=2025&quarter=4", "application/json", "");
        assertEquals(201, made.statusCode(), made.body());
        String report = JSON.readTree(made.body()).get("id").asText();
        assertTrue(api.get("/api/v1/reports").body().contains(report));
        HttpResponse<String> pdf = api.get("/api/v1/reports/" + report);
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.body().startsWith("%PDF-"), "a PDF");

        HttpResponse<String> scan = api.post("/api/v1/alerts/scan", "application/json", "");
        assertEquals(200, scan.statusCode(), scan.body());
        assertEquals(200, api.get("/api/v1/alerts?status=OPEN").statusCode());
        assertEquals(404, api.get("/api/v1/alerts/no-such-alert").statusCode());
        assertEquals(404, api.post("/api/v1/alerts/no-such-alert/acknowledge", "application/json", "").statusCode());
        assertEquals(404, api.post("/api/v1/alerts/no-such-alert/close", "application/json", "{\"note\":\"x\"}")
                .statusCode());
    }

    @Test
    @DisplayName("The public face's operations (issue 15) answer as documented: challenge, public appeal form, "
            + "documents up and down, reference base, topics, the reference base as open data, entry edits at a region")
    void publicFaceOperations() throws IOException {
        assertEquals(200, api.get("/api/v1/public/challenge").statusCode());
        HttpResponse<String> form = api.postJson("/api/v1/public/appeals", "{\"kind\":\"COMPLAINT\"}",
                java.util.Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertEquals(422, form.statusCode(), form.body());

        String text = "Синтетичний документ " + java.util.UUID.randomUUID();
        HttpResponse<String> up = api.post("/api/v1/public/documents?name=dovidka.txt", "text/plain", text);
        assertEquals(201, up.statusCode(), up.body());
        String sha = JSON.readTree(up.body()).get("sha256").asText();
        assertEquals(404, api.get("/api/v1/public/documents/" + sha + "?number=LV-2026-999999&code=AAAAA-BBBBB")
                .statusCode());
        HttpResponse<String> staffUp = api.post("/api/v1/documents?name=akt.txt", "text/plain", text);
        assertEquals(201, staffUp.statusCode(), staffUp.body());
        assertEquals(sha, JSON.readTree(staffUp.body()).get("sha256").asText(), "the same content, the same document");
        assertEquals(404, api.get("/api/v1/appeals/no-such-appeal/documents/" + sha).statusCode());

        assertEquals(200, api.get("/api/v1/public/reference?q=1545").statusCode());
        assertEquals(200, api.get("/api/v1/public/topics").statusCode());
        assertEquals(200, api.get("/api/v1/open-data/reference?format=json").statusCode());
        assertEquals(200, api.get("/api/v1/open-data/reference/dictionary").statusCode());
        String entry = "{\"type\":\"HOTLINE\",\"code\":\"X-HOTLINE\",\"nameUk\":\"Лінія\",\"nameEn\":\"Line\"}";
        assertEquals(409, api.putJsonAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD, "/api/v1/reference/entries/"
                + "X-HOTLINE", entry).statusCode(), "a region does not edit the reference base");
        assertEquals(409, api.deleteAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD, "/api/v1/reference/entries/"
                + "X-HOTLINE").statusCode());
    }

    @Test
    @DisplayName("The staff workspace's session operations answer as documented: login (and its 400), the session "
            + "(401 for Basic credentials, which are no session), logout")
    void sessionOperations() throws IOException {
        HttpResponse<String> login = api.postJson("/api/v1/session", "{\"user\":\"" + KarafNode.OPERATOR_USER
                + "\",\"password\":\"" + KarafNode.OPERATOR_PASSWORD + "\"}", java.util.Map.of());
        assertEquals(201, login.statusCode(), login.body());
        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().startsWith("NSOZ_SESSION="),
                login.headers().toString());
        assertEquals(KarafNode.OPERATOR_USER, JSON.readTree(login.body()).get("user").asText());
        assertEquals(400, api.postJson("/api/v1/session", "{\"user\":\"x\"}", java.util.Map.of()).statusCode());
        assertEquals(401, api.get("/api/v1/session").statusCode(), "HTTP Basic is no session");
        assertEquals(204, api.deleteAs(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD, "/api/v1/session")
                .statusCode());
    }

    private long total(String query) throws IOException {
        HttpResponse<String> r = api.get("/api/v1/appeals?" + query.replace(" ", "%20"));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("total").asLong();
    }

    @Test
    @DisplayName("Calls (R13): the PBX's signed events and recording, the operator's calls, an appeal's calls")
    void callsOperations() throws Exception {
        CallsIT.configurePbxSecret(node);
        String pbxId = "api-" + UUID.randomUUID();
        String ringing = "{\"pbxCallId\":\"" + pbxId + "\",\"type\":\"RINGING\",\"callerNumber\":\"+380670001234\","
                + "\"operator\":\"" + KarafNode.SSH_USER + "\"}";
        HttpResponse<String> rang = api.postJson("/api/v1/cti/events", ringing, java.util.Map.of(
                "X-NSOZ-PBX-Signature", CallsIT.sign(CallsIT.PBX_SECRET, ringing.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals(200, rang.statusCode(), rang.body());
        String callId = JSON.readTree(rang.body()).get(0).get("id").asText();
        assertEquals(401, api.postJson("/api/v1/cti/events", ringing, java.util.Map.of("X-NSOZ-PBX-Signature",
                "sha256=" + "0".repeat(64))).statusCode());
        String malformed = "{\"pbxCallId\":\"" + pbxId + "\",\"type\":\"RANG\"}";
        assertEquals(400, api.postJson("/api/v1/cti/events", malformed, java.util.Map.of("X-NSOZ-PBX-Signature",
                CallsIT.sign(CallsIT.PBX_SECRET, malformed.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .statusCode());

        assertEquals(400, api.get("/api/v1/calls/ringing?wait=99").statusCode());
        HttpResponse<String> now = api.get("/api/v1/calls/ringing?wait=1");
        assertEquals(200, now.statusCode(), now.body());
        assertTrue(now.body().contains(callId), now.body());
        assertEquals(200, api.get("/api/v1/calls/" + callId).statusCode());
        assertEquals(404, api.get("/api/v1/calls/" + UUID.randomUUID()).statusCode());

        HttpResponse<String> registered = api.postJson("/api/v1/appeals", validAppeal("Житлово-комунальне господарство"));
        String appealId = JSON.readTree(registered.body()).get("id").asText();
        String link = "{\"appealId\":\"" + appealId + "\"}";
        HttpResponse<String> linked = api.putJsonAs(KarafNode.SSH_USER, KarafNode.SSH_PASSWORD,
                "/api/v1/calls/" + callId + "/appeal", link);
        assertEquals(200, linked.statusCode(), linked.body());
        assertEquals(404, api.putJsonAs(KarafNode.SSH_USER, KarafNode.SSH_PASSWORD, "/api/v1/calls/" + UUID.randomUUID()
                + "/appeal", link).statusCode());
        String hangup = "[{\"pbxCallId\":\"" + pbxId + "\",\"type\":\"ANSWERED\"},{\"pbxCallId\":\"" + pbxId
                + "\",\"type\":\"HANGUP\"}]";
        assertEquals(200, api.postJson("/api/v1/cti/events", hangup, java.util.Map.of("X-NSOZ-PBX-Signature",
                CallsIT.sign(CallsIT.PBX_SECRET, hangup.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .statusCode());

        // The recording: an all-ASCII WAV, so that it travels as the string the contract client sends.
        String audio = new String(CallsIT.wav(), java.nio.charset.StandardCharsets.US_ASCII);
        HttpResponse<String> stored = api.postJson("/api/v1/cti/calls/" + pbxId + "/recording", audio,
                java.util.Map.of("X-NSOZ-PBX-Signature", CallsIT.sign(CallsIT.PBX_SECRET, CallsIT.wav())));
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(401, api.postJson("/api/v1/cti/calls/" + pbxId + "/recording", audio,
                java.util.Map.of("X-NSOZ-PBX-Signature", "sha256=" + "0".repeat(64))).statusCode());
        assertEquals(404, api.postJson("/api/v1/cti/calls/no-such-" + pbxId + "/recording", audio,
                java.util.Map.of("X-NSOZ-PBX-Signature", CallsIT.sign(CallsIT.PBX_SECRET, CallsIT.wav())))
                .statusCode());
        HttpResponse<String> ofAppeal = api.get("/api/v1/appeals/" + appealId + "/calls");
        assertEquals(200, ofAppeal.statusCode(), ofAppeal.body());
        assertTrue(ofAppeal.body().contains(callId), ofAppeal.body());
        assertEquals(200, api.get("/api/v1/appeals/" + appealId + "/calls/" + callId + "/recording").statusCode());
        assertEquals(404, api.get("/api/v1/appeals/" + appealId + "/calls/" + UUID.randomUUID() + "/recording")
                .statusCode());
    }

    @Test
    @DisplayName("The knowledge base (issue 16): search and read answer at a region; writing and withdrawing there is "
            + "a 409 (the center edits); the article's shape is KnowledgeIT's")
    void knowledgeOperations() throws IOException {
        HttpResponse<String> search = api.get("/api/v1/knowledge/articles?q=%D0%BF%D0%B5%D0%BD%D1%81%D1%96%D1%97"
                + "&limit=5");
        assertEquals(200, search.statusCode(), search.body());
        assertEquals(0, JSON.readTree(search.body()).get("count").asInt(), "a fresh region has no articles");
        assertEquals(400, api.get("/api/v1/knowledge/articles?limit=0").statusCode());
        assertEquals(404, api.get("/api/v1/knowledge/articles/NO-SUCH-ARTICLE").statusCode());
        String article = "{\"title\":\"Перерахунок пенсії\",\"body\":\"Пенсія перераховується автоматично.\","
                + "\"topics\":[\"01.02\"]}";
        HttpResponse<String> put = api.putJsonAs(KarafNode.SUPERVISOR_USER, KarafNode.SUPERVISOR_PASSWORD,
                "/api/v1/knowledge/articles/PENSION-RECALC", article);
        assertEquals(409, put.statusCode(), "a region does not edit the knowledge base: " + put.body());
        assertEquals(403, api.putJsonAs(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD,
                "/api/v1/knowledge/articles/PENSION-RECALC", article).statusCode(), "only a supervisor edits");
        assertEquals(409, api.deleteAs(KarafNode.SUPERVISOR_USER, KarafNode.SUPERVISOR_PASSWORD,
                "/api/v1/knowledge/articles/PENSION-RECALC").statusCode());
    }

    @AfterAll
    void everyDocumentedOperationWasExercised() {
        Set<String> missing = new TreeSet<>(api.documentedOperations());
        missing.removeAll(api.exercised());
        assertTrue(missing.isEmpty(), "Operations in openapi.json no test exercised: " + missing);
    }
}
