package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.SharedNode;

/**
 * What a node has registered survives a full restart of its Karaf process. It restarts the shared
 * node (same ports, same store), which the other test classes then go on using: Pax Exam runs one
 * Karaf container per test JVM at a time (one RMI registry per JVM).
 */
@ExtendWith(SharedNode.class)
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("Appeals survive a restart of the node, and numbering continues without a repeat")
    void dataSurvivesRestart(KarafNode node) throws IOException {
        List<JsonNode> registered = new ArrayList<>();
        {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = KarafNode.Http.postJson(node.url("/api/v1/appeals"), """
                        {"kind":"APPLICATION","channel":"PHONE",
                         "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник %d","address":"м. Львів, вул. Синтетична, %d"},
                         "text":"Синтетичне звернення перед перезапуском №%d"}""".formatted(i, i, i));
                assertEquals(201, r.statusCode(), r.body());
                registered.add(JSON.readTree(r.body()));
            }
            node.stop();
            node.start();
            for (JsonNode a : registered) {
                HttpResponse<String> r = KarafNode.Http.get(node.url("/api/v1/appeals/" + a.get("id").asText()));
                assertEquals(200, r.statusCode(), r.body());
                // The access code is told once at registration; after a restart it still opens the public status
                // (derived from the node's secret, which the store keeps).
                String code = ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("accessCode").asText();
                assertEquals(a, JSON.readTree(r.body()), "the appeal reads back exactly as registered");
                HttpResponse<String> status = KarafNode.Http.get(node.url("/api/v1/public/status?number="
                        + a.get("registrationNumber").asText() + "&code=" + code));
                assertEquals(200, status.statusCode(), status.body());
            }
            HttpResponse<String> list = KarafNode.Http.get(node.url("/api/v1/appeals?q=перед%20перезапуском"));
            assertEquals(5, JSON.readTree(list.body()).get("total").asLong());
            HttpResponse<String> next = KarafNode.Http.postJson(node.url("/api/v1/appeals"),
                    "{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\",\"text\":\"Після перезапуску\"}");
            String number = JSON.readTree(next.body()).get("registrationNumber").asText();
            String last = registered.get(4).get("registrationNumber").asText();
            assertTrue(number.startsWith("LV-"), number);
            assertTrue(number.compareTo(last) > 0, number + " must come after " + last);
        }
    }
}
