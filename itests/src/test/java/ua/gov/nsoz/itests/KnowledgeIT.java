package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Federation;

/**
 * Issue 16: the knowledge base (docs/knowledge.md) on the real distribution, ucc and lviv started by the launcher
 * (the run's shared {@link Federation}). The supervisor at the center writes an article; it reaches lviv over the
 * link; lviv's operator finds it by another word form, cannot edit it there (409), and answers an appeal at first
 * contact from it; the appeal's history names the article, at lviv and at the center.
 */
@ExtendWith(Federation.class)
class KnowledgeIT {

    static final Duration WITHIN = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();

    private static HttpRequest.Builder request(String node, String path, String user) {
        return HttpRequest.newBuilder(Federation.uri(node, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", Federation.basic(node, user));
    }

    private static HttpResponse<String> send(HttpRequest r) throws Exception {
        return Federation.http().send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> json(String method, String node, String path, String user, String body)
            throws Exception {
        return send(request(node, path, user).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode search(String node, String user, String q) throws Exception {
        HttpResponse<String> r = send(request(node, "/api/v1/knowledge/articles?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), user).GET().build());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static boolean found(JsonNode result, String code) {
        for (JsonNode hit : result.path("items")) {
            if (code.equals(hit.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theCentersArticleAnswersAnAppealAtARegion() throws Exception {
        String code = "PENSION-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String marker = UUID.randomUUID().toString().substring(0, 8);

        // The supervisor at the center writes the article (in the word forms «пенсія», «пенсійний»).
        HttpResponse<String> put = json("PUT", "ucc", "/api/v1/knowledge/articles/" + code, "supervisor", """
                {"title":"Перерахунок пенсії (тест %s)",
                 "body":"Пенсія перераховується автоматично з 1 березня. Пенсійний фонд надсилає повідомлення; заява не потрібна. Синтетична стаття %s.",
                 "topics":["01.02"]}
                """.formatted(marker, marker));
        assertEquals(201, put.statusCode(), put.body());
        JsonNode written = JSON.readTree(put.body());
        assertEquals(1, written.path("version").asInt());
        assertEquals("supervisor", written.path("updatedBy").asText());
        // An operator may not write, even at the center.
        assertEquals(403, json("PUT", "ucc", "/api/v1/knowledge/articles/" + code, "operator",
                "{\"title\":\"x\",\"body\":\"y\"}").statusCode());

        // It reaches lviv over the link, where the operator finds it by other word forms («пенсіями», «пенсійного»).
        Await.until("lviv has article " + code, WITHIN, () -> {
            try {
                return send(request("lviv", "/api/v1/knowledge/articles/" + code, "operator").GET().build())
                        .statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode hits = search("lviv", "operator", "пенсіями " + marker);
        assertTrue(found(hits, code), hits.toString());
        JsonNode first = hits.path("items").get(0);
        assertEquals(code, first.path("code").asText(), hits.toString());
        assertTrue(first.path("snippet").asText().contains("<mark>Пенсія</mark>"), first.toString());
        assertTrue(found(search("lviv", "operator", "пенсійного"), code));
        JsonNode atLviv = JSON.readTree(send(request("lviv", "/api/v1/knowledge/articles/" + code, "operator")
                .GET().build()).body());
        assertEquals(written, atLviv, "the region holds the center's version as written");

        // A region does not edit: 409 saying the center does.
        HttpResponse<String> atRegion = json("PUT", "lviv", "/api/v1/knowledge/articles/" + code, "supervisor",
                "{\"title\":\"Змінено в регіоні\",\"body\":\"Текст\"}");
        assertEquals(409, atRegion.statusCode(), atRegion.body());
        assertTrue(atRegion.body().contains("ucc"), atRegion.body());

        // The operator answers an appeal at first contact from the article; the history names it.
        HttpResponse<String> created = json("POST", "lviv", "/api/v1/appeals", "operator", """
                {"kind":"APPLICATION","channel":"PHONE",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник","address":"м. Львів, вул. Синтетична, 1",
                              "phone":"+380 32 000 00 00"},
                 "text":"Синтетичне звернення: коли перерахують пенсію? (тест бази знань)"}
                """);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> unknown = json("POST", "lviv", "/api/v1/appeals/" + id + "/actions", "operator",
                "{\"action\":\"ANSWER_AT_FIRST_CONTACT\",\"text\":\"Відповідь\",\"article\":\"NO-SUCH-ARTICLE\"}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("\"article\""), unknown.body());
        HttpResponse<String> answered = json("POST", "lviv", "/api/v1/appeals/" + id + "/actions", "operator",
                "{\"action\":\"ANSWER_AT_FIRST_CONTACT\",\"text\":\"Пенсію перераховують автоматично з 1 березня.\","
                        + "\"article\":\"" + code + "\"}");
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("ANSWERED_AT_FIRST_CONTACT", JSON.readTree(answered.body()).path("appeal").path("status").asText(),
                answered.body());
        assertEquals(code, answeredArticle("lviv", "operator", id));
        // The event crosses the link with its article: the center's copy of the history names it too.
        Await.until("ucc's history of " + id + " names " + code, WITHIN, () -> {
            try {
                return code.equals(answeredArticle("ucc", "analyst", id));
            } catch (Exception e) {
                return false;
            }
        });

        // Withdrawn at the center: lviv no longer finds it.
        HttpResponse<String> withdrawn = send(request("ucc", "/api/v1/knowledge/articles/" + code, "supervisor")
                .DELETE().build());
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        Await.until("lviv no longer finds " + code, WITHIN, () -> {
            try {
                return !found(search("lviv", "operator", "пенсія " + marker), code);
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(JSON.readTree(send(request("lviv", "/api/v1/knowledge/articles/" + code, "operator").GET()
                .build()).body()).path("withdrawn").asBoolean());
        HttpResponse<String> dead = Federation.get("lviv", "/api/v1/sync/dead-letters");
        assertFalse(dead.body().contains(code), dead.body());
    }

    /** @return the article named by the appeal's ANSWERED_AT_FIRST_CONTACT event at a node, or null */
    private static String answeredArticle(String node, String user, String id) throws Exception {
        HttpResponse<String> h = send(request(node, "/api/v1/appeals/" + id + "/history", user).GET().build());
        if (h.statusCode() != 200) {
            return null;
        }
        for (JsonNode e : JSON.readTree(h.body())) {
            if ("ANSWERED_AT_FIRST_CONTACT".equals(e.path("type").asText())) {
                return e.path("article").isMissingNode() ? null : e.path("article").asText();
            }
        }
        return null;
    }
}
