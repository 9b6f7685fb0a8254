package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Contract;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.ProofOfWork;
import ua.gov.nsoz.itests.support.SharedNode;
import ua.gov.nsoz.itests.support.Shell;

/**
 * The public intake of a real regional node over real HTTP (issue 15): a challenge solved in Java, an appeal filed
 * without an account, followed with its number and code; a resend with the same Idempotency-Key; the refusals (no
 * consent, a wrong nonce, a used token); a burst from one client against the limit per address. Every answer is
 * checked against the OpenAPI document. The shared node's limits are wide (KarafNode.INTAKE_LIMITS: every itest client
 * is 127.0.0.1); the burst narrows the limit per address to the default 5 within 10 minutes through the shell, as an
 * admin would, and puts the wide one back.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicIntakeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The default limit per client address within 10 minutes (PID ua.gov.nsoz.intake). */
    private static final int PER_ADDRESS = 5;

    private Contract api;
    private int accepted;
    private Solved used;

    private KarafNode node;

    @BeforeAll
    void connect(KarafNode node) throws IOException {
        this.node = node;
        this.api = new Contract(node);
    }

    /**
     * Sets the intake's configuration through the shell (one config:edit session) and waits until the component
     * took it: the challenge then asks for the given work, which the test changes with the limit.
     */
    void configure(int difficultyBits, int perAddress) throws IOException {
        try (Shell shell = new Shell(node)) {
            Shell.Result r = shell.run("config:edit ua.gov.nsoz.intake; config:property-set difficultyBits "
                    + difficultyBits + "; config:property-set submissionsPerAddressPer10Minutes " + perAddress
                    + "; config:update");
            assertFalse(r.all().toLowerCase(java.util.Locale.ROOT).contains("error"), r.all());
        }
        Await.until("the intake asks for " + difficultyBits + " bits", Duration.ofSeconds(60), () -> {
            try {
                HttpResponse<String> c = api.get("/api/v1/public/challenge");
                return c.statusCode() == 200 && JSON.readTree(c.body()).get("difficultyBits").asInt() == difficultyBits;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** A solved challenge. */
    record Solved(String token, String nonce) {
    }

    Solved solve() throws IOException {
        HttpResponse<String> r = api.get("/api/v1/public/challenge");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = JSON.readTree(r.body());
        String token = c.get("token").asText();
        int bits = c.get("difficultyBits").asInt();
        assertTrue(bits >= 8, "a real proof of work: " + c);
        return new Solved(token, ProofOfWork.solve(token, bits));
    }

    static String form(String email, String text, boolean consent, Solved s) {
        return """
                {"kind":"COMPLAINT","fullName":"Тестовий Заявник","address":"м. Львів, вул. Синтетична, 1",
                 "email":"%s","text":"%s","collective":false,"coSigners":null,
                 "consent":%s,"documents":[],"challengeToken":"%s","nonce":"%s"}
                """.formatted(email, text, consent, s.token(), s.nonce());
    }

    HttpResponse<String> submit(String body, String key) throws IOException {
        return api.postJson("/api/v1/public/appeals", body, Map.of("Idempotency-Key", key));
    }

    static List<String> fields(HttpResponse<String> r) throws IOException {
        List<String> f = new ArrayList<>();
        JSON.readTree(r.body()).get("errors").forEach(e -> f.add(e.get("field").asText()));
        return f;
    }

    @Test
    @Order(1)
    @DisplayName("Filed without an account: 201 with number and code, followed at /public/status; a resend with the "
            + "same key gets the same registration (200); the key with another appeal is 422; answered, the status "
            + "shows the answer")
    void fileAndFollow() throws IOException {
        Solved s = solve();
        String key = UUID.randomUUID().toString();
        String body = form("intake-1@example.org", "Синтетична скарга: не працює ліфт " + key, true, s);
        api.assertDocumentAccepts("/api/v1/public/appeals", body);
        HttpResponse<String> created = submit(body, key);
        assertEquals(201, created.statusCode(), created.body());
        accepted++;
        used = s;
        JsonNode receipt = JSON.readTree(created.body());
        String number = receipt.get("registrationNumber").asText();
        String code = receipt.get("accessCode").asText();
        assertTrue(number.matches("LV-\\d{4}-\\d{6}"), receipt.toString());
        assertTrue(code.matches("[2-9A-Z]{5}-[2-9A-Z]{5}"), receipt.toString());
        assertFalse(receipt.get("repeated").asBoolean());
        assertEquals(0, receipt.get("marks").size(), "a complete appeal has no marks: " + receipt);

        HttpResponse<String> status = api.get("/api/v1/public/status?number=" + number + "&code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8));
        assertEquals(200, status.statusCode(), status.body());
        JsonNode st = JSON.readTree(status.body());
        assertEquals("REGISTERED", st.get("status").asText());
        assertEquals(receipt.get("dueDate").asText(), st.get("dueDate").asText());
        assertTrue(st.get("dueDateExplanation").asText().contains(" / "), st.toString());
        assertEquals(0, st.get("answerDocuments").size());
        assertFalse(status.body().contains("Тестовий Заявник") || status.body().contains("ліфт"), status.body());

        HttpResponse<String> again = submit(body, key);
        assertEquals(200, again.statusCode(), again.body());
        JsonNode repeat = JSON.readTree(again.body());
        assertTrue(repeat.get("repeated").asBoolean());
        assertEquals(number, repeat.get("registrationNumber").asText());
        assertEquals(code, repeat.get("accessCode").asText());

        HttpResponse<String> other = submit(form("intake-1@example.org", "Інша синтетична скарга", true, solve()),
                key);
        assertEquals(422, other.statusCode(), other.body());
        assertEquals(List.of("Idempotency-Key"), fields(other));

        // The staff answer it; the citizen reads the answer with the number and code.
        JsonNode appeal = JSON.readTree(api.get("/api/v1/appeals/" + number).body());
        assertEquals("WEB", appeal.get("channel").asText());
        assertEquals("CITIZEN", appeal.at("/applicant/type").asText());
        HttpResponse<String> answered = api.postJson("/api/v1/appeals/" + appeal.get("id").asText() + "/actions",
                "{\"action\":\"ANSWER_AT_FIRST_CONTACT\",\"text\":\"Синтетична відповідь: ліфт полагоджено.\"}");
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode done = JSON.readTree(api.get("/api/v1/public/status?number=" + number + "&code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8)).body());
        assertEquals("Синтетична відповідь: ліфт полагоджено.", done.get("answer").asText(), done.toString());
        assertFalse(done.has("dueDateExplanation"), done.toString());
    }

    @Test
    @Order(2)
    @DisplayName("Refused with 422 naming the field: no consent, a wrong nonce, a token used before")
    void refusals() throws IOException {
        HttpResponse<String> noConsent = submit(form("intake-2@example.org", "Без згоди", false, solve()),
                UUID.randomUUID().toString());
        assertEquals(422, noConsent.statusCode(), noConsent.body());
        assertEquals(List.of("consent"), fields(noConsent));
        assertTrue(noConsent.body().contains("Потрібна згода"), noConsent.body());

        Solved s = solve();
        String wrong = null;
        for (long n = Long.parseLong(s.nonce()) + 1; wrong == null; n++) {
            byte[] h;
            try {
                h = MessageDigest.getInstance("SHA-256").digest((s.token() + ":" + n).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (ProofOfWork.leadingZeroBits(h) < 8) {
                wrong = Long.toString(n);
            }
        }
        HttpResponse<String> badNonce = submit(form("intake-2@example.org", "Невірний розв'язок", true,
                new Solved(s.token(), wrong)), UUID.randomUUID().toString());
        assertEquals(422, badNonce.statusCode(), badNonce.body());
        assertEquals(List.of("nonce"), fields(badNonce));

        assertTrue(used != null, "the first test used a token");
        HttpResponse<String> reused = submit(form("intake-2@example.org", "Той самий токен", true,
                used), UUID.randomUUID().toString());
        assertEquals(422, reused.statusCode(), reused.body());
        assertEquals(List.of("challengeToken"), fields(reused));
    }

    @Test
    @Order(3)
    @DisplayName("A burst from one client: accepted up to the limit per address, then 429 with Retry-After")
    void burst() throws IOException {
        // A new configuration starts the component afresh, with no submission counted yet.
        configure(15, PER_ADDRESS);
        try {
            int burstAccepted = 0;
            int sent = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < PER_ADDRESS + 20; i++) {
                HttpResponse<String> r = submit(form("burst-" + i + "@example.org", "Синтетична скарга у серії " + i,
                        true, solve()), UUID.randomUUID().toString());
                sent++;
                if (r.statusCode() == 201) {
                    assertTrue(refused == null, "accepted after a refusal: " + r.body());
                    burstAccepted++;
                } else {
                    assertEquals(429, r.statusCode(), r.body());
                    refused = refused == null ? r : refused;
                }
            }
            accepted += burstAccepted;
            System.out.printf("PublicIntakeIT burst: %d sent from one address, %d accepted, the rest 429 (first "
                    + "Retry-After %s s; limit %d per 10 minutes)%n", sent, burstAccepted,
                    refused == null ? "-" : refused.headers().firstValue("Retry-After").orElse("?"), PER_ADDRESS);
            assertEquals(PER_ADDRESS, burstAccepted, "accepted in the burst");
            assertTrue(refused != null, "the burst was refused");
            long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry > 0 && retry <= 600, "Retry-After " + retry);
        } finally {
            configure(16, 500);
        }
    }
}
