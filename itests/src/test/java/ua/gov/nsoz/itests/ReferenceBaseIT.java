package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Contract;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.NodeClient;
import ua.gov.nsoz.itests.support.SharedNode;

/**
 * The published reference base (R17) on a real regional node: searched without login, filtered by type, published
 * as open data (CSV with a BOM, JSON), the classifier's topics public; edits refused at a region. Every answer is
 * checked against the OpenAPI document the node serves.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceBaseIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KarafNode node;
    private Contract api;

    @BeforeAll
    void connect(KarafNode node) throws IOException {
        this.node = node;
        this.api = new Contract(node);
    }

    private HttpResponse<String> anonymous(String pathAndQuery, String accept) throws IOException {
        return KarafNode.Http.send(HttpRequest.newBuilder(node.url(pathAndQuery)).GET().header("Accept", accept)
                .header(NodeClient.ANONYMOUS, "1"));
    }

    @Test
    @DisplayName("1545 is found without login, the Government Contact Center first")
    void search1545() throws IOException {
        assertEquals(200, anonymous("/api/v1/public/reference?q=1545", "application/json").statusCode());
        HttpResponse<String> r = api.get("/api/v1/public/reference?q=1545");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = JSON.readTree(r.body());
        assertTrue(j.get("total").asInt() >= 1, r.body());
        JsonNode first = j.get("items").get(0);
        assertEquals("UCC-1545", first.get("code").asText());
        assertEquals("1545", first.get("phone").asText());
        assertEquals("CONTACT_CENTER", first.get("type").asText());
        assertEquals(false, first.get("example").asBoolean());
    }

    @Test
    @DisplayName("the type filter, Ukrainian word forms and apostrophes, paging")
    void filterByType() throws IOException {
        JsonNode services = JSON.readTree(api.get("/api/v1/public/reference?type=SERVICE&lang=en").body());
        assertTrue(services.get("total").asInt() >= 3, services.toString());
        for (JsonNode e : services.get("items")) {
            assertEquals("SERVICE", e.get("type").asText());
            assertTrue(e.get("descriptionEn").asText().contains("Fee"), e.toString());
        }
        JsonNode pension = JSON.readTree(api.get("/api/v1/public/reference?q=" + enc("ПЕНСІЇ") + "&type=SERVICE")
                .body());
        assertEquals("SVC-PENSION-AGE", pension.get("items").get(0).get("code").asText(), pension.toString());
        JsonNode health = JSON.readTree(api.get("/api/v1/public/reference?q=" + enc("здоровʼя") + "&type=HOTLINE")
                .body());
        assertEquals("HL-MOZ", health.get("items").get(0).get("code").asText(), health.toString());
        JsonNode bodies = JSON.readTree(api.get("/api/v1/public/reference?type=BODY&limit=2&offset=1").body());
        assertEquals(2, bodies.get("items").size());
        assertTrue(bodies.get("total").asInt() >= 15, bodies.toString());
        assertEquals(400, api.get("/api/v1/public/reference?type=KIOSK").statusCode());
    }

    @Test
    @DisplayName("the open data CSV has a BOM, the header and one row per entry; JSON and its dictionary agree")
    void openDataCsv() throws IOException {
        HttpResponse<String> csv = anonymous("/api/v1/open-data/reference?format=csv", "*/*");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("\uFEFFtype,code,nameUk,nameEn,region,phone,"), csv.body());
        assertTrue(csv.body().contains("\r\nCONTACT_CENTER,UCC-1545,"), csv.body());
        assertTrue(csv.body().contains("\r\nSERVICE,SVC-PENSION-AGE,"), csv.body());
        HttpResponse<String> json = api.get("/api/v1/open-data/reference?format=json");
        assertEquals(200, json.statusCode(), json.body());
        JsonNode items = JSON.readTree(json.body()).get("items");
        long rows = csv.body().lines().filter(l -> l.matches("^\uFEFF?(CONTACT_CENTER|HOTLINE|BODY|SERVICE),.*"))
                .count();
        assertTrue(rows <= items.size() && rows >= 15, rows + " rows, " + items.size() + " items");
        JsonNode dictionary = JSON.readTree(api.get("/api/v1/open-data/reference/dictionary").body());
        assertEquals(15, dictionary.get("columns").size());
    }

    @Test
    @DisplayName("the classifier's topics are public; a region refuses to edit the reference base")
    void topicsAndRegionRefusesEdits() throws IOException {
        assertEquals(200, anonymous("/api/v1/public/topics", "application/json").statusCode());
        JsonNode topics = JSON.readTree(api.get("/api/v1/public/topics").body());
        assertTrue(topics.get("items").size() >= 20, topics.toString());
        String entry = "{\"type\":\"HOTLINE\",\"nameUk\":\"Лінія\",\"nameEn\":\"Line\"}";
        assertEquals(409, api.putJsonAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD,
                "/api/v1/reference/entries/HL-X", entry).statusCode());
        assertEquals(403, api.putJsonAs(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD,
                "/api/v1/reference/entries/HL-X", entry).statusCode());
        assertEquals(409, api.deleteAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD,
                "/api/v1/reference/entries/HL-MOZ").statusCode());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
