package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node's root: a JSON pointer to the API instead of the web server's HTML 404 (issue #12). */
@DisplayName("The node's root points to the API")
class NodeRootTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("GET / is 200 with where the API and its description are, in Ukrainian and English")
    void root() throws Exception {
        for (String path : new String[] {"/", "", null}) {
            NodeRoot.Answer a = NodeRoot.answer("GET", path);
            assertEquals(200, a.status());
            JsonNode n = JSON.readTree(a.json());
            assertEquals("/api/v1/openapi.json", n.get("openapi").asText());
            assertEquals("/api/v1", n.get("api").asText());
            assertTrue(n.get("message").asText().contains("API описано") && n.get("message").asText().contains(
                    "described at"), a.json());
            assertNull(a.allow());
        }
    }

    @Test
    @DisplayName("Any other path is a JSON 404 in the API's error form; another method at / a 405 with Allow")
    void elsewhere() throws Exception {
        NodeRoot.Answer missing = NodeRoot.answer("GET", "/index.html");
        assertEquals(404, missing.status());
        JsonNode n = JSON.readTree(missing.json());
        assertEquals(404, n.get("status").asInt());
        assertTrue(n.get("message").asText().contains("/api/v1/openapi.json"), missing.json());
        NodeRoot.Answer post = NodeRoot.answer("POST", "/");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.allow());
        assertEquals(405, JSON.readTree(post.json()).get("status").asInt());
    }
}
