package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Federation;

/**
 * Issue 15: an appeal's documents cross the link (docs/link.md, "Documents over the link"). On the real distribution
 * started by the launcher: lviv's operator uploads a file and registers an appeal naming it, and the center serves the
 * same bytes; the ministry's clerk at the center answers with a file of its own, and lviv serves that to its operator.
 * The nodes are the run's shared {@link Federation} (each appeal and file here is new, so other classes' data there
 * does not matter).
 */
@ExtendWith(Federation.class)
class DocumentLinkIT {

    static final Duration WITHIN = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();

    /** A small synthetic PDF, unique per call. */
    static byte[] pdf(String marker) {
        return ("%PDF-1.4\n% NSOZ synthetic test document " + marker + "\n1 0 obj << /Type /Catalog >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static HttpRequest.Builder request(String node, String path, String user) {
        return HttpRequest.newBuilder(Federation.uri(node, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", Federation.basic(node, user));
    }

    /** Uploads a file (a node's API answers only once all its resources are in: no 404 to wait out). */
    private static JsonNode upload(String node, String user, String name, byte[] content) throws Exception {
        HttpResponse<String> r = Federation.http().send(request(node, "/api/v1/documents?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8), user).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(201, r.statusCode(), "upload at " + node + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> postJson(String node, String path, String user, String json)
            throws Exception {
        return Federation.http().send(request(node, path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> download(String node, String user, String id, String sha) throws Exception {
        return Federation.http().send(request(node, "/api/v1/appeals/" + id + "/documents/" + sha, user).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Waits until the node serves the document of the appeal with exactly these bytes. */
    private static void awaitDocument(String node, String user, String id, String sha, byte[] content) {
        Await.until(node + " serves document " + sha + " of appeal " + id, WITHIN, () -> {
            try {
                HttpResponse<byte[]> r = download(node, user, id, sha);
                return r.statusCode() == 200 && Arrays.equals(content, r.body());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void awaitStatus(String node, String user, String id, String status) {
        Await.until(node + " shows appeal " + id + " " + status, WITHIN, () -> {
            try {
                HttpResponse<String> r = Federation.http().send(request(node, "/api/v1/appeals/" + id, user).GET()
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return r.statusCode() == 200
                        && status.equals(JSON.readTree(r.body()).path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void act(String node, String user, String id, String json, int expected) throws Exception {
        HttpResponse<String> r = postJson(node, "/api/v1/appeals/" + id + "/actions", user, json);
        assertEquals(expected, r.statusCode(), json + " at " + node + " -> " + r.body());
    }

    @Test
    void documentsCrossTheLinkBothWays() throws Exception {
        // lviv's operator uploads a scan and registers an appeal naming it.
        byte[] scan = pdf("scan " + UUID.randomUUID());
        JsonNode doc = upload("lviv", "operator", "скан заяви.pdf", scan);
        String scanSha = doc.get("sha256").asText();
        HttpResponse<String> created = postJson("lviv", "/api/v1/appeals", "operator", """
                {"kind":"COMPLAINT","channel":"POST",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник","address":"м. Львів, вул. Синтетична, 1",
                              "email":"zayavnyk@example.org"},
                 "text":"Синтетична скарга з документом (тест обміну документами)",
                 "attachments":[%s]}
                """.formatted(doc.toString()));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();

        // lviv forwards it to the Ministry of Health; the ministry's clerk at the center reads the scan there: the same
        // bytes, shipped over the link after the appeal's event (an analyst sees the appeal masked: no files).
        act("lviv", "operator", id, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}", 200);
        awaitStatus("ucc", "clerk", id, "FORWARDED");
        awaitDocument("ucc", "clerk", id, scanSha, scan);

        // The clerk accepts it and answers with a file of the ministry's.
        act("ucc", "clerk", id, "{\"action\":\"ACCEPT\"}", 202);
        awaitStatus("ucc", "clerk", id, "ACCEPTED");
        byte[] answer = pdf("answer " + UUID.randomUUID());
        JsonNode answerDoc = upload("ucc", "clerk", "відповідь МОЗ.pdf", answer);
        String answerSha = answerDoc.get("sha256").asText();
        act("ucc", "clerk", id, "{\"action\":\"ANSWER\",\"result\":\"EXPLAINED\",\"text\":\"Роз'яснено (синтетична"
                + " відповідь).\",\"documents\":[" + answerDoc + "]}", 202);

        // lviv, which owns the appeal, applies the answer with its file, and serves the file to its operator.
        awaitStatus("lviv", "operator", id, "ANSWERED");
        awaitDocument("lviv", "operator", id, answerSha, answer);
        HttpResponse<byte[]> atLviv = download("lviv", "operator", id, answerSha);
        assertArrayEquals(answer, atLviv.body());
        // The center, whose file it is, still serves it once lviv's answer comes back.
        awaitStatus("ucc", "clerk", id, "ANSWERED");
        awaitDocument("ucc", "clerk", id, answerSha, answer);

        // Nothing was refused on the way.
        HttpResponse<String> deadAtCenter = Federation.get("ucc", "/api/v1/sync/dead-letters");
        HttpResponse<String> deadAtLviv = Federation.get("lviv", "/api/v1/sync/dead-letters");
        assertFalse(deadAtCenter.body().contains(id) || deadAtCenter.body().contains(scanSha),
                deadAtCenter.body());
        assertFalse(deadAtLviv.body().contains(answerSha), deadAtLviv.body());
    }
}
