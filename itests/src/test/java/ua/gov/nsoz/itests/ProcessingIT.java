package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One appeal through the whole path by law across a region and the center, on the real distribution started by
 * the launcher, with the applicant's e-mails caught by a real SMTP server (GreenMail) in this JVM: registered at
 * lviv (access code given), forwarded by lviv's operator to the Ministry of Health, accepted by the ministry's clerk
 * at the center (a change request to lviv), extended by the ministry's head (HTTP Basic; without the role it is
 * refused), answered at the center, rated by the applicant with the access code through lviv's public endpoint; at
 * the end both nodes hold the same record and the same history, and the applicant got one e-mail per step the Law
 * says they are told of.
 */
class ProcessingIT {

    static final Duration WITHIN = Duration.ofMinutes(3);
    static final String APPLICANT = "zaiavnyk.test@example.org";

    static GreenMail smtp;

    @BeforeAll
    static void setUp() throws IOException {
        LauncherTest.setUp();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        LauncherTest.EXTRA_ENV.put("NSOZ_SMTP_PORT", Integer.toString(port));
        LauncherTest.EXTRA_ENV.put("NSOZ_SMTP_HOST", "127.0.0.1");
    }

    @AfterAll
    static void tearDown() throws IOException {
        LauncherTest.EXTRA_ENV.clear();
        LauncherTest.stoppedCleanly = true;
        try {
            LauncherTest.tearDown();
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    private static void start(String... nodes) {
        LauncherTest.startAll(nodes);
    }

    /** A demo user's password, where the launcher tells it: {@code <instances>/<node>.users.txt}. */
    private static HttpResponse<String> send(String node, String method, String path, String json, String user,
            String password) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(LauncherTest.uri(node, path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } else {
            b.header(ua.gov.nsoz.itests.support.NodeClient.ANONYMOUS, "1");
        }
        return LauncherTest.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode act(String node, String id, String json, String user, int expected) throws Exception {
        String pw = user == null ? null : LauncherTest.password(node, user);
        HttpResponse<String> r = send(node, "POST", "/api/v1/appeals/" + id + "/actions", json, user, pw);
        assertEquals(expected, r.statusCode(), json + " at " + node + " -> " + r.body());
        return LauncherTest.JSON.readTree(r.body());
    }

    private static JsonNode await(String node, String id, Predicate<JsonNode> condition, String what) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonNode a = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = LauncherTest.get(node, "/api/v1/appeals/" + id);
            if (r.statusCode() == 200) {
                a = LauncherTest.JSON.readTree(r.body());
                if (condition.test(a)) {
                    return a;
                }
            }
            TimeUnit.MILLISECONDS.sleep(300); // poll a condition with a deadline
        }
        throw new AssertionError(node + " never showed " + what + " for " + id + "; last: " + a);
    }

    private static JsonNode awaitStatus(String node, String id, String status) throws Exception {
        return await(node, id, a -> status.equals(a.get("status").asText()), "status " + status);
    }

    /** Waits until the SMTP server holds this many messages; returns them. */
    private static MimeMessage[] awaitMail(int count) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] m = smtp.getReceivedMessages();
            if (m.length >= count) {
                return m;
            }
            TimeUnit.MILLISECONDS.sleep(200); // poll a condition with a deadline
        }
        throw new AssertionError("the SMTP server got " + smtp.getReceivedMessages().length + " of " + count
                + " e-mails");
    }

    /** The decoded text of a plain-text e-mail. */
    private static String body(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    @Test
    void appealThroughTheWholePath() throws Exception {
        start("ucc", "lviv", "kyiv-city");

        // Registered at lviv by phone: the answer carries the access code, told once.
        HttpResponse<String> created = send("lviv", "POST", "/api/v1/appeals", "{\"kind\":\"COMPLAINT\","
                + "\"channel\":\"PHONE\",\"applicant\":{\"type\":\"CITIZEN\",\"fullName\":\"Тестенко Марія Іванівна\",\"address\":\"м. Львів, "
                + "вул. Синтетична, 1\",\"email\":\"" + APPLICANT + "\"},\"text\":\"Скарга на тривале очікування "
                + "прийому в лікарні (синтетичні дані для тесту).\"}", "operator", LauncherTest.password("lviv", "operator"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode appeal = LauncherTest.JSON.readTree(created.body());
        String id = appeal.get("id").asText();
        String number = appeal.get("registrationNumber").asText();
        String code = appeal.get("accessCode").asText();
        assertTrue(code.matches("[2-9A-Z]{5}-[2-9A-Z]{5}"), code);
        assertEquals("PRIMARY", appeal.at("/processing/classification").asText());
        assertFalse(appeal.at("/processing/dueDate").isMissingNode(), "one month from registration (Art. 20)");
        // The code is not part of the record anywhere else.
        assertTrue(LauncherTest.get("lviv", "/api/v1/appeals/" + id).body().indexOf(code) < 0);

        MimeMessage registered = awaitMail(1)[0];
        assertEquals(APPLICANT, registered.getRecipients(Message.RecipientType.TO)[0].toString());
        assertTrue(registered.getSubject().contains(number), registered.getSubject());
        assertTrue(body(registered).contains(code), "the registration e-mail carries the access code");

        // The public lookup: with the code, status and no personal data; a wrong code is the same as no appeal.
        String lookup = "/api/v1/public/status?number=" + number + "&code=" + URLEncoder.encode(code,
                StandardCharsets.UTF_8);
        HttpResponse<String> status = LauncherTest.get("lviv", lookup);
        assertEquals(200, status.statusCode(), status.body());
        assertFalse(status.body().contains("Тестенко") || status.body().contains(APPLICANT), status.body());
        assertEquals(404, LauncherTest.get("lviv", "/api/v1/public/status?number=" + number + "&code=AAAAA-AAAAA")
                .statusCode());

        // lviv's operator forwards it to the Ministry of Health.
        JsonNode forwarded = act("lviv", id, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}", "operator", 200);
        assertEquals("FORWARDED", forwarded.at("/appeal/status").asText());
        JsonNode atCenter = awaitStatus("ucc", id, "FORWARDED");
        assertEquals("MOZ", atCenter.at("/processing/body").asText());
        // The ministry's inbox at the center lists it.
        JsonNode inbox = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/appeals?body=MOZ").body());
        assertTrue(inbox.get("items").findValuesAsText("id").contains(id), inbox.toString());

        // The ministry's clerk accepts it at the center: a change request to lviv, which applies it.
        JsonNode accepted = act("ucc", id, "{\"action\":\"ACCEPT\"}", "clerk", 202);
        assertFalse(accepted.get("applied").asBoolean());
        awaitStatus("lviv", id, "ACCEPTED");
        awaitStatus("ucc", id, "ACCEPTED");

        // Only the head of the body extends the term (Art. 20): the clerk is refused (the scope rules: 403); a wrong
        // password is a 401.
        // One month from today is 28 to 31 days (Art. 20, Civil Code Art. 254): the head extends it to the 45-day cap.
        int month = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/appeals/" + id + "/deadline").body())
                .get("termDays").asInt();
        int byDays = 45 - month;
        String extend = "{\"action\":\"EXTEND\",\"days\":" + byDays + ",\"comment\":\"Потрібна перевірка на місці\"}";
        JsonNode refused = act("ucc", id, extend, "clerk", 403);
        assertTrue(refused.toString().contains("20"), refused.toString());
        assertEquals(401, send("ucc", "POST", "/api/v1/appeals/" + id + "/actions", extend, "head", "wrong-password")
                .statusCode());
        act("ucc", id, extend, "head", 202);
        JsonNode extended = awaitStatus("lviv", id, "EXTENDED");
        assertEquals(byDays, extended.at("/processing/extensionDays").asInt());
        awaitStatus("ucc", id, "EXTENDED");
        // Both nodes compute the same term, and tell how: one month, extended to 45 days with the head's reason.
        JsonNode termLviv = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/appeals/" + id + "/deadline")
                .body());
        JsonNode termCenter = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/appeals/" + id + "/deadline")
                .body());
        assertEquals(byDays, termCenter.get("extensionDays").asInt(), termCenter.toString());
        assertEquals(termLviv.get("dueDate"), termCenter.get("dueDate"));
        assertEquals(extended.at("/processing/dueDate").asText(), termCenter.get("dueDate").asText());
        assertTrue(termCenter.get("explanation").toString().contains("Потрібна перевірка на місці"),
                termCenter.toString());
        // Never past 45 days in total: the month and the extension make 45 already.
        act("ucc", id, "{\"action\":\"EXTEND\",\"days\":1,\"comment\":\"Ще раз\"}", "head", 400);

        // The ministry answers at the center.
        act("ucc", id, "{\"action\":\"ANSWER\",\"result\":\"SATISFIED\",\"text\":\"Прийом організовано, "
                + "черги скорочено.\",\"documents\":[{\"fileName\":\"vidpovid.pdf\",\"mediaType\":\"application/pdf\","
                + "\"sizeBytes\":2048}]}", "clerk", 202);
        JsonNode answered = awaitStatus("lviv", id, "ANSWERED");
        assertEquals("SATISFIED", answered.at("/processing/result").asText());
        assertEquals("vidpovid.pdf", answered.at("/processing/answerDocuments/0/fileName").asText());

        // The applicant rates the answer with the access code: the appeal is closed.
        HttpResponse<String> rated = send("lviv", "POST", "/api/v1/public/rating", "{\"number\":\"" + number
                + "\",\"code\":\"" + code.toLowerCase() + "\",\"rating\":5}", null, null);
        assertEquals(200, rated.statusCode(), rated.body());
        JsonNode closedAtLviv = awaitStatus("lviv", id, "CLOSED");
        JsonNode closedAtCenter = awaitStatus("ucc", id, "CLOSED");
        assertEquals(5, closedAtCenter.at("/processing/rating").asInt());

        // The center edits the reference data (role nsoz-admin): a new body and a rule to it reach lviv, and lviv's
        // router uses the rule; lviv itself does not edit.
        String body = "{\"kind\":\"CENTRAL_BODY\",\"nameUk\":\"Міністерство цифрової трансформації (тест)\","
                + "\"nameEn\":\"Ministry of Digital Transformation (test)\",\"email\":\"test@example.org\"}";
        assertEquals(401, send("ucc", "PUT", "/api/v1/reference/bodies/MINTSYFRA", body, null, null).statusCode());
        assertEquals(403, send("ucc", "PUT", "/api/v1/reference/bodies/MINTSYFRA", body, "clerk",
                LauncherTest.password("ucc", "clerk")).statusCode());
        HttpResponse<String> put = send("ucc", "PUT", "/api/v1/reference/bodies/MINTSYFRA", body, "admin",
                LauncherTest.password("ucc", "admin"));
        assertEquals(200, put.statusCode(), put.body());
        HttpResponse<String> rule = send("ucc", "PUT", "/api/v1/reference/rules/TEST-DIIA", "{\"order\":1,"
                + "\"addresseeContains\":\"цифрової\",\"bodyCode\":\"MINTSYFRA\",\"reasonUk\":\"Адресовано "
                + "Мінцифри\",\"reasonEn\":\"Addressed to the digital ministry\"}", "admin", LauncherTest.password("ucc", "admin"));
        assertEquals(200, rule.statusCode(), rule.body());
        assertEquals(2, LauncherTest.JSON.readTree(rule.body()).get("revision").asInt());
        assertEquals(400, send("ucc", "PUT", "/api/v1/reference/rules/TEST-BAD", "{\"order\":1,\"bodyCode\":"
                + "\"NO-SUCH\",\"reasonUk\":\"x\",\"reasonEn\":\"x\"}", "admin", LauncherTest.password("ucc", "admin"))
                .statusCode(), "a rule must point at an existing body");
        assertEquals(409, send("lviv", "PUT", "/api/v1/reference/bodies/MINTSYFRA", body, "admin",
                LauncherTest.password("lviv", "admin")).statusCode(), "a region does not edit");
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonNode edits = null;
        while (System.nanoTime() < deadline) {
            edits = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/reference/edits").body());
            if (edits.get("revision").asInt() >= 2) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(300); // poll a condition with a deadline
        }
        assertEquals(2, edits.get("revision").asInt(), edits.toString());
        assertEquals(200, LauncherTest.get("lviv", "/api/v1/reference/bodies?region=UA-46").statusCode());
        assertTrue(LauncherTest.get("lviv", "/api/v1/reference/bodies").body().contains("MINTSYFRA"));
        HttpResponse<String> digital = send("lviv", "POST", "/api/v1/appeals", "{\"kind\":\"PROPOSAL\","
                + "\"channel\":\"PHONE\",\"addressee\":\"Міністерству цифрової трансформації\",\"text\":\"Пропозиція "
                + "щодо застосунку (синтетична).\"}", "operator", LauncherTest.password("lviv", "operator"));
        String digitalId = LauncherTest.JSON.readTree(digital.body()).get("id").asText();
        JsonNode route = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/reference/route/" + digitalId)
                .body());
        assertEquals("MINTSYFRA", route.at("/body/code").asText(), route.toString());

        // Both nodes hold the same record and the same history.
        assertEquals(closedAtLviv, closedAtCenter);
        JsonNode historyLviv = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/appeals/" + id
                + "/history").body());
        JsonNode historyCenter = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/appeals/" + id
                + "/history").body());
        assertEquals(historyLviv, historyCenter);
        assertEquals(List.of("REGISTERED", "FORWARDED", "ACCEPTED", "EXTENDED", "ANSWERED", "RATED"),
                historyLviv.findValuesAsText("type"));
        assertEquals(List.of("operator", "operator", "clerk", "head", "clerk", "applicant"),
                historyLviv.findValuesAsText("actor"));

        // One e-mail per step the applicant is told of: registered, forwarded, extended, answered.
        MimeMessage[] mails = awaitMail(4);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : mails) {
            assertEquals(APPLICANT, m.getRecipients(Message.RecipientType.TO)[0].toString());
            subjects.add(m.getSubject());
        }
        assertEquals(4, mails.length, subjects.toString());
        assertTrue(body(mails[1]).contains("MOZ") || body(mails[1]).contains("охорони здоров"), body(mails[1]));
        assertTrue(body(mails[2]).contains(Integer.toString(byDays)), body(mails[2]));
        assertTrue(body(mails[3]).contains("Прийом організовано"), body(mails[3]));

        theLawsTermsAtTheRegionAndTheCenter();
        theAnalysisAtTheCenter();
    }

    /** A GET as a demo user, the body as bytes (CSV, PNG, SVG, PDF). */
    private static HttpResponse<byte[]> bytes(String node, String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(LauncherTest.uri(node, path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
                    + LauncherTest.password(node, user)).getBytes(StandardCharsets.UTF_8)));
        } else {
            b.header(ua.gov.nsoz.itests.support.NodeClient.ANONYMOUS, "1");
        }
        HttpResponse<byte[]> r = LauncherTest.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path + " -> " + new String(r.body(), StandardCharsets.UTF_8));
        return r;
    }

    /** The statistics of one day at a node as the analyst, one row per region: region -> measure -> value. */
    private static java.util.Map<String, JsonNode> statsByRegion(String node, String day) throws Exception {
        HttpResponse<String> r = send(node, "GET", "/api/v1/stats?from=" + day + "&to=" + day + "&groupBy=REGION",
                null, "analyst", LauncherTest.password(node, "analyst"));
        assertEquals(200, r.statusCode(), r.body());
        java.util.Map<String, JsonNode> rows = new java.util.TreeMap<>();
        for (JsonNode row : LauncherTest.JSON.readTree(r.body()).get("rows")) {
            rows.put(row.get("key").asText(), row.get("values"));
        }
        return rows;
    }

    /**
     * Issue #14 across the link: appeals received on one day (3 March 2025, which nothing else in this test uses) at
     * two regions, some forwarded to the Ministry of Health and one answered at the center. The test counts what it
     * did; the center's statistics (fed by the replicas it applied) show the same figures per region, and each
     * region's own statistics show the same for itself. The center's figures as CSV, as a chart (its pixels), as
     * SVG, the bodies' scorecards, the quarterly PDF (its text), the public open data (small cells suppressed), an
     * export of appeals (masked, audited as EXPORT) and a monitoring scan, all over real HTTPS.
     */
    private void theAnalysisAtTheCenter() throws Exception {
        String day = "2025-03-03";
        String received = "\"receivedAt\":\"" + day + "T10:00:00+02:00\"";
        java.util.Map<String, List<String>> ids = new java.util.TreeMap<>();
        String[][] plan = {{"kyiv-city", "COMPLAINT", "PHONE"}, {"kyiv-city", "COMPLAINT", "EMAIL"},
            {"kyiv-city", "PROPOSAL", "WEB"}, {"lviv", "APPLICATION", "PHONE"}, {"lviv", "COMPLAINT", "POST"},
            {"lviv", "COMPLAINT", "PHONE"}, {"lviv", "PROPOSAL", "IN_PERSON"}};
        for (String[] p : plan) {
            HttpResponse<String> r = send(p[0], "POST", "/api/v1/appeals", "{\"kind\":\"" + p[1]
                    + "\",\"channel\":\"" + p[2] + "\"," + received + ",\"applicant\":{\"type\":\"CITIZEN\","
                    + "\"fullName\":\"Аналітичний Заявник\",\"address\":\"м. Київ, вул. Синтетична, 3\"},"
                    + "\"text\":\"Синтетичне звернення для статистики.\"}", "operator",
                    LauncherTest.password(p[0], "operator"));
            assertEquals(201, r.statusCode(), r.body());
            ids.computeIfAbsent(p[0], k -> new ArrayList<>()).add(LauncherTest.JSON.readTree(r.body()).get("id")
                    .asText());
        }
        // Two of lviv's go to the Ministry of Health; the ministry accepts and answers one at the center.
        String lvivFirst = ids.get("lviv").get(0);
        String lvivSecond = ids.get("lviv").get(1);
        act("lviv", lvivFirst, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}", "operator", 200);
        act("lviv", lvivSecond, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}", "operator", 200);
        awaitStatus("ucc", lvivFirst, "FORWARDED");
        act("ucc", lvivFirst, "{\"action\":\"ACCEPT\"}", "clerk", 202);
        awaitStatus("ucc", lvivFirst, "ACCEPTED");
        act("ucc", lvivFirst, "{\"action\":\"ANSWER\",\"result\":\"SATISFIED\",\"text\":\"Надано роз'яснення.\"}",
                "clerk", 202);
        awaitStatus("lviv", lvivFirst, "ANSWERED");
        awaitStatus("ucc", lvivFirst, "ANSWERED");

        // What the test did: kyiv-city (UA-30) 3 received, none answered; lviv (UA-46) 4 received, 1 answered, late
        // (the term of a month ran out long ago); every open one is overdue.
        java.util.Map<String, double[]> expected = java.util.Map.of("UA-30", new double[] {3, 0, 0, 3},
                "UA-46", new double[] {4, 1, 0, 3});
        String[] measures = {"RECEIVED", "ANSWERED", "ANSWERED_ON_TIME", "OVERDUE"};
        long deadline = System.nanoTime() + WITHIN.toNanos();
        java.util.Map<String, JsonNode> center = null;
        boolean same = false;
        while (!same && System.nanoTime() < deadline) {
            center = statsByRegion("ucc", day);
            same = center.keySet().equals(expected.keySet());
            for (var e : expected.entrySet()) {
                for (int m = 0; same && m < measures.length; m++) {
                    same = center.get(e.getKey()).path(measures[m]).asDouble(0) == e.getValue()[m];
                }
            }
            if (!same) {
                TimeUnit.MILLISECONDS.sleep(500); // poll a condition with a deadline
            }
        }
        assertTrue(same, "the center's figures of " + day + ": " + center);
        // Each region's own analysis shows the same for itself (its tables follow its appeals' events, so the answer
        // the region applied may reach them a moment after it reached the center: waited for, with a deadline).
        java.util.Map<String, JsonNode> centerFigures = center;
        for (String[] region : new String[][] {{"kyiv-city", "UA-30"}, {"lviv", "UA-46"}}) {
            JsonNode own = ua.gov.nsoz.itests.support.Await.result(region[0] + "'s own figures as the center's",
                    WITHIN, () -> {
                        JsonNode row = statsByRegion(region[0], day).get(region[1]);
                        for (String m : measures) {
                            if (row == null || centerFigures.get(region[1]).path(m).asDouble(0)
                                    != row.path(m).asDouble(0)) {
                                return null;
                            }
                        }
                        return row;
                    });
            for (String m : measures) {
                assertEquals(center.get(region[1]).path(m).asDouble(0), own.path(m).asDouble(0), region[0] + " " + m);
            }
        }
        String period = "from=" + day + "&to=" + day;

        // CSV: UTF-8 with a BOM, the Ukrainian header, the figures.
        byte[] csv = bytes("ucc", "/api/v1/stats?" + period + "&groupBy=REGION&format=csv", "analyst").body();
        assertEquals(0xEF, csv[0] & 0xFF, "a BOM");
        String csvText = new String(csv, StandardCharsets.UTF_8);
        assertTrue(csvText.contains("Надійшло"), csvText);
        assertTrue(csvText.lines().anyMatch(l -> l.contains("UA-46") && l.contains(",4,")), csvText);

        // The chart: a PNG whose bars are drawn (this period's colour), an SVG with the Ukrainian labels.
        HttpResponse<byte[]> png = bytes("ucc", "/api/v1/stats?" + period + "&groupBy=REGION&format=png"
                + "&measure=RECEIVED", "analyst");
        assertEquals("image/png", png.headers().firstValue("content-type").orElse(""));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        int barPixels = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == 0x1F4E9C) {
                    barPixels++;
                }
            }
        }
        assertTrue(barPixels > 500, "the bars are drawn: " + barPixels + " pixels of their colour");
        String svg = new String(bytes("ucc", "/api/v1/stats?" + period + "&groupBy=REGION&format=svg"
                + "&measure=RECEIVED", "analyst").body(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg") && svg.contains("Надійшло"), svg.substring(0, Math.min(300, svg.length())));

        // The bodies' results: the Ministry of Health received two of them and answered one.
        JsonNode cards = LauncherTest.JSON.readTree(send("ucc", "GET", "/api/v1/stats/scorecards?" + period, null,
                "analyst", LauncherTest.password("ucc", "analyst")).body());
        JsonNode moz = null;
        for (JsonNode c : cards.get("items")) {
            if ("MOZ".equals(c.get("body").asText())) {
                moz = c;
            }
        }
        assertTrue(moz != null, cards.toString());
        assertEquals(2, moz.at("/values/RECEIVED").asInt(), moz.toString());
        assertEquals(1, moz.at("/values/ANSWERED").asInt(), moz.toString());
        assertTrue(moz.get("overdueNow").asInt() >= 1, moz.toString()); // and the late complaint above, maybe

        // The quarterly report of the first quarter of 2025: generated on demand, listed, a PDF with the figures.
        HttpResponse<String> made = send("ucc", "POST", "/api/v1/reports?year=2025&quarter=1", null, "analyst",
                LauncherTest.password("ucc", "analyst"));
        assertEquals(201, made.statusCode(), made.body());
        String reportId = LauncherTest.JSON.readTree(made.body()).get("id").asText();
        assertTrue(send("ucc", "GET", "/api/v1/reports", null, "analyst", LauncherTest.password("ucc", "analyst"))
                .body().contains(reportId));
        byte[] pdf = bytes("ucc", "/api/v1/reports/" + reportId, "analyst").body();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("2025") && text.contains("UA-46") && text.contains("UA-30"), text);
            assertTrue(text.contains("Надійшло"), text);
        }

        // Open data, without login: counts only, cells under 5 suppressed, no text of any appeal.
        String open = new String(bytes("ucc", "/api/v1/open-data?from=2025-03-01&to=2025-03-31", null).body(),
                StandardCharsets.UTF_8);
        assertFalse(open.contains("Синтетичне") || open.contains("Аналітичний"), open);
        for (JsonNode row : LauncherTest.JSON.readTree(open).get("rows")) {
            assertTrue(row.get("received").isNull() || row.get("received").asLong() >= 5, row.toString());
        }

        // An export of lviv's appeals as CSV: the analyst sees no applicant's name; the auditor sees the EXPORT.
        String export = new String(bytes("ucc", "/api/v1/appeals/export?region=UA-46", "analyst").body(),
                StandardCharsets.UTF_8);
        assertTrue(export.contains(lvivFirst), export);
        assertFalse(export.contains("Аналітичний Заявник"), "masked for the analyst");
        JsonNode audit = LauncherTest.JSON.readTree(send("ucc", "GET", "/api/v1/audit?action=EXPORT", null,
                "auditor", LauncherTest.password("ucc", "auditor")).body());
        assertTrue(audit.get("total").asInt() >= 1, audit.toString());

        // The monitoring scan answers (no spike in seven appeals).
        assertEquals(200, send("ucc", "POST", "/api/v1/alerts/scan", null, "analyst",
                LauncherTest.password("ucc", "analyst")).statusCode());
    }

    /**
     * Issue #13 across the link: a complaint received on 31 January 2025 by a war participant, filed more than a year
     * after the decision it contests. lviv registers it (not refused: Art. 7) marked LATE_COMPLAINT (Art. 17), a
     * priority one (Art. 20), due on 28 February by the Law's month (Civil Code Art. 254 part 2), where "30 days" said
     * 3 March; the center holds and computes the same. In the ministry's inbox it comes first. The ministry's clerk
     * at the center restores its term and shortens it on the applicant's request; lviv applies both, and the center
     * shows the same due date. No e-mail: the applicant left a phone only.
     */
    private void theLawsTermsAtTheRegionAndTheCenter() throws Exception {
        String operatorPw = LauncherTest.password("lviv", "operator");
        HttpResponse<String> created = send("lviv", "POST", "/api/v1/appeals", "{\"kind\":\"COMPLAINT\","
                + "\"channel\":\"PHONE\",\"receivedAt\":\"2025-01-31T10:00:00+02:00\",\"applicant\":{\"type\":"
                + "\"CITIZEN\",\"fullName\":\"Тестовий Ветеран\",\"address\":\"м. Львів, вул. Синтетична, 2\","
                + "\"phone\":\"+380 32 000 00 01\",\"category\":\"7.1\"},\"contestedDecision\":{\"decidedOn\":"
                + "\"2023-12-01\"},\"text\":\"Скарга на рішення про відмову (синтетичні дані).\"}", "operator",
                operatorPw);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode late = LauncherTest.JSON.readTree(created.body());
        String lateId = late.get("id").asText();
        assertEquals("LATE_COMPLAINT", late.at("/marks/0/code").asText(), late.toString());
        assertTrue(late.at("/processing/priority").asBoolean(), late.toString());
        assertEquals("2025-02-28", late.at("/processing/dueDate").asText(), "one month from 31.01.2025 (Art. 20)");
        HttpResponse<String> plainCreated = send("lviv", "POST", "/api/v1/appeals", "{\"kind\":\"APPLICATION\","
                + "\"channel\":\"PHONE\",\"text\":\"Заява без пільг (синтетична).\"}", "operator", operatorPw);
        String plainId = LauncherTest.JSON.readTree(plainCreated.body()).get("id").asText();

        // The center holds the same appeal and computes the same term, step by step.
        JsonNode atCenter = await("ucc", lateId, a -> true, "the appeal");
        assertEquals("7.1", atCenter.at("/applicant/category").asText());
        assertEquals("2023-12-01", atCenter.at("/contestedDecision/decidedOn").asText());
        assertTrue(atCenter.at("/processing/priority").asBoolean());
        JsonNode termLviv = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/appeals/" + lateId
                + "/deadline").body());
        JsonNode termCenter = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/appeals/" + lateId
                + "/deadline").body());
        assertEquals("2025-02-28", termLviv.get("dueDate").asText(), termLviv.toString());
        assertEquals(termLviv.get("dueDate"), termCenter.get("dueDate"));
        assertEquals(termLviv.get("explanation"), termCenter.get("explanation"));
        assertEquals("ua-law-393-civil-code/2", termCenter.get("ruleSet").asText());
        assertTrue(termCenter.get("explanation").toString().contains("ст. 253 ЦК України")
                && termCenter.get("explanation").toString().contains("28.02.2025 (ч. 2 ст. 254 ЦК України)"),
                termCenter.toString());

        // Forwarded to the ministry, the priority one is first in its inbox at the center, though registered first.
        act("lviv", lateId, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}", "operator", 200);
        act("lviv", plainId, "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}", "operator", 200);
        awaitStatus("ucc", lateId, "FORWARDED");
        awaitStatus("ucc", plainId, "FORWARDED");
        JsonNode inbox = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/appeals?body=MOZ&status=FORWARDED")
                .body());
        List<String> order = inbox.get("items").findValuesAsText("id");
        assertTrue(order.indexOf(lateId) >= 0 && order.indexOf(lateId) < order.indexOf(plainId), inbox.toString());
        assertTrue(inbox.at("/items/0/priority").asBoolean(), inbox.toString());

        // The ministry's clerk at the center restores the late complaint's term and shortens it on the applicant's
        // written request: change requests that lviv applies; the center then shows the same.
        act("ucc", lateId, "{\"action\":\"RESTORE_TERM\",\"comment\":\"Заявник перебував на лікуванні\"}", "clerk",
                202);
        await("lviv", lateId, a -> a.at("/processing/termRestored").asBoolean(), "the term restored");
        act("ucc", lateId, "{\"action\":\"SHORTEN\",\"days\":10,\"comment\":\"Письмова вимога заявника\"}",
                "clerk", 202);
        JsonNode shortened = await("lviv", lateId, a -> a.at("/processing/shortenedDays").asInt() == 10, "shortened");
        assertEquals("2025-02-10", shortened.at("/processing/dueDate").asText(), "31.01 + 10 days (Art. 20)");
        JsonNode shortenedAtCenter = await("ucc", lateId, a -> a.at("/processing/shortenedDays").asInt() == 10
                && a.at("/processing/termRestored").asBoolean(), "shortened and restored");
        assertEquals("2025-02-10", shortenedAtCenter.at("/processing/dueDate").asText());
        // Not considered as late once restored (Art. 17): lviv's operator is refused.
        act("lviv", lateId, "{\"action\":\"NOT_CONSIDER\",\"ground\":\"LATE_COMPLAINT\"}", "operator", 400);

        // The center counts appeals per applicant category.
        JsonNode byCategory = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/appeals/by-category").body());
        assertTrue(byCategory.toString().contains("\"category\":\"7.1\""), byCategory.toString());
    }
}
