package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Contract;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.NodeClient;
import ua.gov.nsoz.itests.support.SharedNode;
import ua.gov.nsoz.itests.support.Tls;

/**
 * The node's documents over real HTTP (issue 15): upload as staff and as the public, name the document in an appeal,
 * read it back by the appeal (with the right role only) and with the number and access code; the refusals (type by
 * content, size, unknown sha256). The JSON answers are checked against the OpenAPI document.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client that sends bytes and reads bytes, trusting the node's certificate. */
    private static final HttpClient RAW = new NodeClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).sslContext(Tls.trusting(() -> List.of(KarafNode.tls().certificate())))
            .build(), KarafNode.SSH_USER, KarafNode.SSH_PASSWORD);

    private KarafNode node;
    private Contract api;

    @BeforeAll
    void connect(KarafNode node) throws IOException {
        this.node = node;
        this.api = new Contract(node);
    }

    /** A small synthetic PDF, unique per call (so that each test has its own document). */
    static String pdf(String marker) {
        return "%PDF-1.4\n% NSOZ synthetic test document " + marker + "\n1 0 obj << /Type /Catalog >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> getBytes(String path, String authorization) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.url(path)).GET().timeout(Duration.ofSeconds(30));
        if (authorization == null) {
            b.header(NodeClient.ANONYMOUS, "1");
        } else if (!authorization.isEmpty()) {
            b.header("Authorization", authorization);
        }
        try {
            return RAW.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private JsonNode uploaded(HttpResponse<String> r) throws IOException {
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode register(JsonNode attachment) throws IOException {
        String body = """
                {"kind":"PROPOSAL","channel":"WEB",
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник","address":"м. Львів, вул. Синтетична, 1",
                              "email":"zayavnyk@example.org"},
                 "text":"Синтетична пропозиція з документом %s",
                 "attachments":[%s]}
                """.formatted(UUID.randomUUID(), attachment.toString());
        HttpResponse<String> created = api.postJson("/api/v1/appeals", body);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    @Test
    @DisplayName("Staff upload, an appeal naming it, download by the appeal (audited READ), 403 to roles that may "
            + "not read it; the public download with number and code, 404 with a wrong code")
    void staffUploadRegisterDownload() throws IOException {
        String content = pdf(UUID.randomUUID().toString());
        JsonNode doc = uploaded(api.post("/api/v1/documents?name=" + q("акт обстеження.pdf"), "application/pdf",
                content));
        assertEquals("application/pdf", doc.get("mediaType").asText());
        assertEquals(content.length(), doc.get("sizeBytes").asLong());
        assertEquals("акт обстеження.pdf", doc.get("fileName").asText());
        String sha = doc.get("sha256").asText();
        assertTrue(sha.matches("[0-9a-f]{64}"), sha);

        JsonNode appeal = register(doc);
        String id = appeal.get("id").asText();
        assertEquals(sha, appeal.get("attachments").get(0).get("sha256").asText());

        HttpResponse<String> read = api.get("/api/v1/appeals/" + id + "/documents/" + sha);
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<byte[]> bytes = getBytes("/api/v1/appeals/" + id + "/documents/" + sha, "");
        assertEquals(200, bytes.statusCode());
        assertArrayEquals(content.getBytes(StandardCharsets.US_ASCII), bytes.body());
        assertTrue(bytes.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"));
        assertEquals("nosniff", bytes.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(bytes.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"),
                bytes.headers().toString());

        JsonNode audit = JSON.readTree(api.get("/api/v1/audit?appeal=" + id + "&action=READ").body());
        assertTrue(audit.toString().contains("/documents/"), "the download is a READ of the appeal: " + audit);

        // A head of a body the appeal was not sent to may not read it; an analyst without the personal-data grant
        // sees it masked, and so not its files.
        assertEquals(403, getBytes("/api/v1/appeals/" + id + "/documents/" + sha,
                NodeClient.basic(KarafNode.HEAD_USER, KarafNode.HEAD_PASSWORD)).statusCode());
        assertEquals(403, getBytes("/api/v1/appeals/" + id + "/documents/" + sha,
                NodeClient.basic(KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD)).statusCode());
        assertEquals(404, api.get("/api/v1/appeals/" + id + "/documents/" + "0".repeat(64)).statusCode());

        String number = appeal.get("registrationNumber").asText();
        String code = appeal.get("accessCode").asText();
        HttpResponse<byte[]> mine = getBytes("/api/v1/public/documents/" + sha + "?number=" + q(number) + "&code="
                + q(code), null);
        assertEquals(200, mine.statusCode());
        assertArrayEquals(content.getBytes(StandardCharsets.US_ASCII), mine.body());
        HttpResponse<String> publicRead = api.get("/api/v1/public/documents/" + sha + "?number=" + q(number)
                + "&code=" + q(code));
        assertEquals(200, publicRead.statusCode());
        HttpResponse<String> wrong = api.get("/api/v1/public/documents/" + sha + "?number=" + q(number)
                + "&code=AAAAA-AAAAA");
        assertEquals(404, wrong.statusCode(), wrong.body());
        HttpResponse<String> unknownNumber = api.get("/api/v1/public/documents/" + sha + "?number=LV-1999-000001"
                + "&code=" + q(code));
        assertEquals(404, unknownNumber.statusCode());
        assertEquals(JSON.readTree(wrong.body()).get("message"), JSON.readTree(unknownNumber.body()).get("message"),
                "a wrong code and an unknown number get the same answer");
    }

    @Test
    @DisplayName("An appeal naming a sha256 this node does not hold: 422 naming attachments[0].sha256")
    void unknownDocument() throws IOException {
        String body = """
                {"kind":"PROPOSAL","channel":"WEB","text":"Синтетична пропозиція %s",
                 "attachments":[{"fileName":"nema.pdf","mediaType":"application/pdf","sizeBytes":10,
                                 "sha256":"%s"}]}
                """.formatted(UUID.randomUUID(), "ab".repeat(32));
        HttpResponse<String> r = api.postJson("/api/v1/appeals", body);
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("attachments[0].sha256", JSON.readTree(r.body()).get("errors").get(0).get("field").asText());
    }

    @Test
    @DisplayName("Public upload without login: 201; a file larger than 256 KiB (the JSON limit) but within maxBytes "
            + "is taken")
    void publicUpload() throws IOException {
        String content = pdf(UUID.randomUUID().toString());
        HttpResponse<String> anonymous;
        try {
            anonymous = RAW.send(HttpRequest.newBuilder(node.url("/api/v1/public/documents?name=zayava.pdf"))
                    .POST(HttpRequest.BodyPublishers.ofString(content)).header("Content-Type", "application/pdf")
                    .header(NodeClient.ANONYMOUS, "1").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(201, anonymous.statusCode(), anonymous.body());
        assertEquals("application/pdf", JSON.readTree(anonymous.body()).get("mediaType").asText());

        String large = pdf(UUID.randomUUID().toString()) + "%" + "x".repeat(300 * 1024) + "\n";
        JsonNode big = uploaded(api.post("/api/v1/public/documents?name=skan.pdf", "application/octet-stream", large));
        assertEquals(large.length(), big.get("sizeBytes").asLong());
    }

    @Test
    @DisplayName("Refused: an ELF and a Windows program renamed .pdf 415, a PDF named .exe 415, empty 400, larger "
            + "than 10 MiB 413")
    void refused() throws IOException {
        String elf = "\u007FELF\u0002\u0001\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0002\u0000>";
        assertEquals(415, api.post("/api/v1/documents?name=akt.pdf", "application/pdf", elf).statusCode());
        String exe = "MZ\u0000\u0000\u0003\u0000\u0000\u0000\u0004\u0000This program cannot be run in DOS mode";
        assertEquals(415, api.post("/api/v1/public/documents?name=akt.pdf", "application/pdf", exe).statusCode());
        assertEquals(415, api.post("/api/v1/documents?name=setup.exe", "application/octet-stream",
                pdf("named exe")).statusCode());
        HttpResponse<String> empty = api.post("/api/v1/documents?name=akt.pdf", "application/pdf", "");
        assertEquals(400, empty.statusCode(), empty.body());
        String tooLarge = pdf("large") + "%" + "x".repeat(10 * 1024 * 1024) + "\n";
        assertEquals(413, api.post("/api/v1/documents?name=big.pdf", "application/pdf", tooLarge).statusCode());
    }
}
