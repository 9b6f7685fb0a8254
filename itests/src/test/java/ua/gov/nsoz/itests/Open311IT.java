package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.NodeClient;
import ua.gov.nsoz.itests.support.ProofOfWork;
import ua.gov.nsoz.itests.support.SharedNode;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/} of a real regional node (docs/open311.md), as a civic app uses it: the
 * services, a service request filed with a solved proof of work, its status read back with the access code, the
 * errors in the spec's form.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311IT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KarafNode node;

    @BeforeAll
    void connect(KarafNode node) {
        this.node = node;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        return KarafNode.Http.send(HttpRequest.newBuilder(node.url(pathAndQuery)).GET()
                .header(NodeClient.ANONYMOUS, "1"));
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, String idempotencyKey)
            throws IOException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(node.url(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header(NodeClient.ANONYMOUS, "1");
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return KarafNode.Http.send(b);
    }

    private static void assertSpecHeaders(HttpResponse<String> r, String type) {
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.headers().toString());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), r.headers().toString());
    }

    private static void assertSpecError(HttpResponse<String> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode errors = JSON.readTree(r.body());
        assertTrue(errors.isArray() && errors.size() >= 1, r.body());
        assertEquals(status, errors.get(0).get("code").asInt(), r.body());
        assertFalse(errors.get(0).get("description").asText().isBlank(), r.body());
    }

    @Test
    @DisplayName("GET services.json and .xml: the classifier's topics as services, in the spec's form")
    void services() throws IOException {
        HttpResponse<String> j = get("/open311/v2/services.json");
        assertEquals(200, j.statusCode(), j.body());
        assertSpecHeaders(j, "application/json");
        JsonNode services = JSON.readTree(j.body());
        assertTrue(services.isArray() && services.size() > 10, j.body());
        for (String f : new String[] {"service_code", "service_name", "description", "metadata", "type",
            "keywords", "group"}) {
            assertTrue(services.get(0).has(f), f + " in " + services.get(0));
        }
        assertEquals("realtime", services.get(0).get("type").asText());
        String code = services.get(0).get("service_code").asText();

        HttpResponse<String> x = get("/open311/v2/services.xml?jurisdiction_id=lviv");
        assertEquals(200, x.statusCode(), x.body());
        assertSpecHeaders(x, "text/xml");
        assertTrue(x.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), x.body());
        assertTrue(x.body().contains("<services><service><service_code>" + code + "</service_code>"), x.body());

        HttpResponse<String> d = get("/open311/v2/services/" + code + ".json");
        assertEquals(200, d.statusCode(), d.body());
        assertEquals(code, JSON.readTree(d.body()).get("service_code").asText());
        assertSpecError(get("/open311/v2/services/999.99.json"), 404);
        assertSpecError(get("/open311/v2/services.json?jurisdiction_id=city.gov"), 404);
    }

    @Test
    @DisplayName("POST requests.json with a solved challenge: 201, number and access code; a resend is 200; status "
            + "read back with the code, none without")
    void fileAndFollow() throws Exception {
        HttpResponse<String> c = get("/api/v1/public/challenge");
        assertEquals(200, c.statusCode(), c.body());
        JsonNode challenge = JSON.readTree(c.body());
        String token = challenge.get("token").asText();
        String nonce = ProofOfWork.solve(token, challenge.get("difficultyBits").asInt());

        String code = JSON.readTree(get("/open311/v2/services.json").body()).get(0).get("service_code").asText();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("service_code", code);
        form.put("description", "Синтетичне звернення через Open311: не світить ліхтар біля будинку.");
        form.put("first_name", "Тестовий");
        form.put("last_name", "Заявник");
        form.put("email", "open311-" + UUID.randomUUID() + "@example.org");
        form.put("applicant_address", "м. Львів, вул. Синтетична, 1");
        form.put("address_string", "вул. Синтетична, 3");
        form.put("lat", "49.8397");
        form.put("long", "24.0297");
        form.put("consent", "true");
        form.put("api_key", "not-needed");
        form.put("challenge_token", token);
        form.put("nonce", nonce);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> r = postForm("/open311/v2/requests.json", form, key);
        assertEquals(201, r.statusCode(), r.body());
        assertSpecHeaders(r, "application/json");
        JsonNode created = JSON.readTree(r.body()).get(0);
        String number = created.get("service_request_id").asText();
        String access = created.get("account_id").asText();
        assertTrue(number.matches("LV-\\d{4}-\\d{6}"), r.body());
        assertFalse(access.isBlank(), r.body());
        assertTrue(created.get("service_notice").asText().contains(number), r.body());

        HttpResponse<String> again = postForm("/open311/v2/requests.json", form, key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(number, JSON.readTree(again.body()).get(0).get("service_request_id").asText());

        HttpResponse<String> s = get("/open311/v2/requests/" + number + ".json?access_code="
                + URLEncoder.encode(access, StandardCharsets.UTF_8));
        assertEquals(200, s.statusCode(), s.body());
        JsonNode status = JSON.readTree(s.body()).get(0);
        assertEquals(number, status.get("service_request_id").asText());
        assertEquals("open", status.get("status").asText());
        OffsetDateTime.parse(status.get("requested_datetime").asText());
        OffsetDateTime.parse(status.get("expected_datetime").asText());
        assertTrue(status.get("description").isNull(), "the text is never shown: " + status);
        assertFalse(s.body().contains("Синтетична") || s.body().contains("ліхтар"), "no personal data: " + s.body());

        HttpResponse<String> xml = get("/open311/v2/requests.xml?service_request_id=" + number + "&access_code="
                + URLEncoder.encode(access, StandardCharsets.UTF_8));
        assertEquals(200, xml.statusCode(), xml.body());
        assertTrue(xml.body().contains("<service_request_id>" + number + "</service_request_id><status>open"),
                xml.body());

        assertSpecError(get("/open311/v2/requests/" + number + ".json?access_code=WRONG-CODE0"), 404);
        assertSpecError(get("/open311/v2/requests/" + number + ".json"), 400);
    }

    @Test
    @DisplayName("POST requests: no service_code 400, an unknown one 404, no proof of work 400, in the spec's form")
    void refused() throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("description", "Синтетичний опис.");
        form.put("consent", "true");
        assertSpecError(postForm("/open311/v2/requests.json", form, null), 400);
        form.put("service_code", "NO-SUCH-TOPIC");
        assertSpecError(postForm("/open311/v2/requests.json", form, null), 404);
        form.put("service_code", JSON.readTree(get("/open311/v2/services.json").body()).get(0).get("service_code")
                .asText());
        HttpResponse<String> noProof = postForm("/open311/v2/requests.json", form, null);
        assertSpecError(noProof, 400);
        assertTrue(noProof.body().contains("challenge_token") || noProof.body().contains("nonce"), noProof.body());
        HttpResponse<String> xml = postForm("/open311/v2/requests.xml", Map.of("description", "x"), null);
        assertEquals(400, xml.statusCode(), xml.body());
        assertSpecHeaders(xml, "text/xml");
        assertTrue(xml.body().contains("<errors><error><code>400</code><description>"), xml.body());
    }
}
