package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Broker;
import ua.gov.nsoz.itests.support.Federation;

/**
 * The staff workspace's pages of issue 16 for supervisors, analysts, heads, admins and auditors, in a real browser
 * (Debian's Chromium and chromedriver, headless, as {@link PortalBrowserIT}) at the center {@code ucc} of the shared
 * {@link Federation} (the real distribution, HTTPS, the demo's users). Each person logs in on the login page (the
 * sessions API) and finds their screen working; a page out of their role says "not allowed", and an action out of
 * it, asked from the page's own script ({@code Staff.api}), gets the same status as the same request with the same
 * user's Basic login at the API. The admin replays a dead letter; the auditor finds the reads of an appeal and checks
 * the audit chain. A screenshot of every screen goes to {@code itests/target/screenshots/staff-*.png}.
 */
@ExtendWith(Federation.class)
class StaffRolesBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PAGE = Duration.ofSeconds(60);
    static final String NODE = "ucc";
    static final ObjectMapper JSON = new ObjectMapper();

    static ChromeDriverService service;
    static ChromeDriver browser;
    static String origin;
    static Path shots;

    @BeforeAll
    static void setUp() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (Debian's chromium and chromium-driver)");
        Path target = Path.of(System.getProperty("nsoz.repo.root")).toRealPath().resolve("itests/target");
        shots = Files.createDirectories(target.resolve("screenshots"));
        origin = "https://localhost:" + Federation.httpPort(NODE);
        // the driver and the browser by path: Selenium Manager never runs, nothing is downloaded
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory(target, "chromium-staff-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(target.resolve("chromedriver-staff.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--ignore-certificate-errors", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=uk");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PAGE).scriptTimeout(PAGE);
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    /** Each test begins logged out: the cookie goes with the session's end. */
    @AfterEach
    void logOut() {
        if (browser.getCurrentUrl().startsWith(origin + "/staff/")
                && Boolean.TRUE.equals(js("return !!window.Staff;"))) {
            // the session's end through the page's own script (DELETE /api/v1/session with its CSRF token)
            browserStatus("DELETE", "/api/v1/session", null);
        }
        browser.manage().deleteAllCookies();
    }

    // ------------------------------------------------------------------------------------------------ the roles

    @Test
    void theAnalystsDashboardShowsFiguresAChartAlertsAndReportsAndTheAdminsPagesAreRefused() throws Exception {
        login("analyst");
        assertEquals(origin + "/staff/dashboard.html", browser.getCurrentUrl(), "the analyst's home");
        awaitStats();
        Await.until("the chart is drawn by the server", PAGE, () -> Boolean.TRUE.equals(js(
                "var i = document.getElementById('chart'); return !!(i && i.complete && i.naturalWidth > 0);")));
        Await.until("the alerts are listed (or none)", PAGE, () -> present("alerts-list") || present("alerts-empty"));
        assertFalse(present("alerts", "[data-status]"), "the analyst may see the alerts: " + text("alerts"));
        Await.until("the reports part answered", PAGE, () -> !text("reports").isBlank());
        assertFalse(present("reports", "[data-status]"), text("reports"));
        shoot("dashboard-analyst");

        outOfRole("analyst", "admin.html", "GET", "/api/v1/sync/dead-letters");
        actionOutOfRole("analyst", "POST", "/api/v1/sync/dead-letters/" + UUID.randomUUID() + "/replay");
    }

    @Test
    void theSupervisorsDashboardWorksAndTheAnalystsAlertsAreRefusedInPlaceAsTheApiRefusesThem() throws Exception {
        login("supervisor");
        open("dashboard.html");
        awaitStats();
        // the alerts are the analysts': the part says what the API said, with its status
        Await.until("the alerts part shows the refusal", PAGE, () -> present("alerts", "[data-status]"));
        String shown = browser.findElement(By.cssSelector("#alerts [data-status]")).getAttribute("data-status");
        assertEquals(String.valueOf(basicStatus("supervisor", "GET", "/api/v1/alerts")), shown);
        assertEquals("403", shown);
        shoot("dashboard-supervisor");

        outOfRole("supervisor", "audit.html", "GET", "/api/v1/audit");
        actionOutOfRole("supervisor", "PUT", "/api/v1/reference/entries/ITEST-SUP");
    }

    @Test
    void theHeadSeesTheBodysFiguresAndNotTheAuditLog() throws Exception {
        login("head");
        open("dashboard.html");
        awaitStats();
        Await.until("the scope names the head's body", PAGE, () -> text("scope").contains("MOZ"));
        Await.until("the scorecards answered", PAGE, () -> !text("scorecards").isBlank());
        shoot("dashboard-head");

        outOfRole("head", "audit.html", "GET", "/api/v1/audit/chain");
        actionOutOfRole("head", "POST", "/api/v1/sync/dead-letters/" + UUID.randomUUID() + "/replay");
    }

    @Test
    void theOperatorIsRefusedTheAdminsPageAndAReferenceEdit() throws Exception {
        login("operator");
        assertTrue(browser.getCurrentUrl().startsWith(origin + "/staff/operator.html"), "the operator's home: "
                + browser.getCurrentUrl());
        outOfRole("operator", "admin.html", "GET", "/api/v1/sync");
        actionOutOfRole("operator", "PUT", "/api/v1/reference/entries/CC-SYNTHETIC-" + UUID.randomUUID());
    }

    @Test
    void theClerkIsRefusedTheOperatorsConsoleAndRegistering() throws Exception {
        login("clerk");
        assertTrue(browser.getCurrentUrl().startsWith(origin + "/staff/body.html"), "the clerk's home: "
                + browser.getCurrentUrl());
        outOfRole("clerk", "operator.html", "GET", "/api/v1/calls/ringing?wait=0");
        actionOutOfRole("clerk", "POST", "/api/v1/appeals");
    }

    @Test
    void theAdminSeesTheLinksReplaysADeadLetterAndEditsTheReferenceBase() throws Exception {
        String messageId = deadLetter();
        login("admin");
        assertEquals(origin + "/staff/admin.html", browser.getCurrentUrl(), "the admin's home");
        Await.until("the link to lviv is listed", PAGE, () -> present("links", "tr[data-peer='lviv']"));
        Await.until("the dead letter is listed", PAGE,
                () -> present("dead-letters", "li[data-message='" + messageId + "']"));
        shoot("admin");

        WebElement item = browser.findElement(By.cssSelector("#dead-letters li[data-message='" + messageId + "']"));
        item.findElement(By.cssSelector("button.replay")).click();
        Await.until("the page says the letter went back to its queue", PAGE, () -> present("replayed")
                && messageId.equals(browser.findElement(By.id("replayed")).getAttribute("data-message")));
        assertTrue(text("replayed").contains("nsoz.in"), text("replayed"));
        // a malformed document is refused again by the center: back among the dead letters, listed once
        Await.result("the replayed letter was received and refused again", PAGE, () -> {
            JsonNode dead = JSON.readTree(basic("admin", "GET", "/api/v1/sync/dead-letters").body());
            long n = 0;
            for (JsonNode d : dead.get("items")) {
                n += messageId.equals(d.get("messageId").asText()) ? 1 : 0;
            }
            boolean inboxEmpty = JSON.readTree(basic("admin", "GET", "/api/v1/sync").body()).findParents("queue")
                    .stream().noneMatch(q -> q.get("queue").asText().equals("nsoz.in") && q.get("messages").asLong() > 0);
            return n == 1 && inboxEmpty ? Boolean.TRUE : null;
        });

        // a reference base entry, written with the form
        String code = "ITEST-HOTLINE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        new Select(el("entry-type")).selectByValue("HOTLINE");
        el("entry-code").sendKeys(code);
        el("entry-nameUk").sendKeys("Синтетична гаряча лінія");
        el("entry-nameEn").sendKeys("Synthetic hotline");
        el("entry-phone").sendKeys("0 800 000 000");
        el("entry-save").click();
        Await.until("the edits list the new entry", PAGE, () -> text("edits").contains(code));
        JsonNode edits = JSON.readTree(basic("admin", "GET", "/api/v1/reference/edits").body());
        assertTrue(edits.toString().contains(code), edits.toString());
        shoot("admin-edited");

        outOfRole("admin", "dashboard.html", "GET", "/api/v1/stats");
        actionOutOfRole("admin", "POST", "/api/v1/appeals/" + UUID.randomUUID() + "/actions");
    }

    @Test
    void theAuditorFindsEveryReadOfAnAppealAndChecksTheChain() throws Exception {
        // an appeal at the center, read twice by the center's supervisor: two READ entries with the supervisor's name
        // (an analyst's read is masked, and a masked read is not one of personal data)
        HttpResponse<String> created = Federation.http().send(HttpRequest.newBuilder(Federation.uri(NODE,
                "/api/v1/appeals")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"kind\":\"PROPOSAL\",\"channel\":\"PHONE\",\"text\":\"Синтетична пропозиція для аудиту "
                        + UUID.randomUUID() + "\"}", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, basicStatus("supervisor", "GET", "/api/v1/appeals/" + id));
        assertEquals(200, basicStatus("supervisor", "GET", "/api/v1/appeals/" + id));

        login("auditor");
        // the page keeps its filters in the address (?limit=50 once it has loaded)
        assertTrue(browser.getCurrentUrl().startsWith(origin + "/staff/audit.html"), "the auditor's home: "
                + browser.getCurrentUrl());
        el("appeal").sendKeys(id);
        new Select(el("action")).selectByValue("READ");
        el("audit-search").click();
        Await.until("the reads of the appeal are listed", PAGE, () -> browser.findElements(
                By.cssSelector("#audit-table tr[data-action='READ'][data-actor='supervisor']")).size() == 2);
        assertEquals("2", el("audit-count").getAttribute("data-total"),
                "exactly the supervisor's two reads: " + text("audit-entries"));
        assertTrue(browser.getCurrentUrl().contains("appeal=" + id), "the search is in the address: "
                + browser.getCurrentUrl());
        shoot("audit-reads");

        el("chain-check").click();
        Await.until("the chain check answered", PAGE, () -> el("chain-result").getAttribute("data-intact") != null);
        assertEquals("true", el("chain-result").getAttribute("data-intact"), text("chain-result"));
        shoot("audit-chain");

        outOfRole("auditor", "dashboard.html", "GET", "/api/v1/appeals/" + id);
        actionOutOfRole("auditor", "POST", "/api/v1/sync/dead-letters/" + UUID.randomUUID() + "/replay");
    }

    @Test
    void aPersonWithoutASessionIsSentToTheLoginAndComesBack() {
        browser.manage().deleteAllCookies();
        browser.get(origin + "/staff/audit.html");
        Await.until("the login page", PAGE, () -> browser.getCurrentUrl().startsWith(origin + "/staff/?next="));
        type("user", "auditor");
        type("password", Federation.password(NODE, "auditor"));
        el("login").click();
        Await.until("back at the audit page", PAGE,
                () -> browser.getCurrentUrl().startsWith(origin + "/staff/audit.html"));
    }

    @Test
    void thePagesWorkAtAPhonesWidthAndInEnglish() throws Exception {
        login("analyst");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("dashboard.html?lang=en");
            awaitStats();
            assertEquals("en", js("return document.documentElement.lang"));
            assertEquals("Dashboard", el("main").findElement(By.tagName("h1")).getText());
            Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(overflow.intValue() <= 0, "no sideways scrolling at a phone's width: " + overflow);
            shoot("dashboard-analyst-phone-en");
            open("knowledge.html?lang=uk");
            Await.until("the knowledge page is ready", PAGE,
                    () -> "yes".equals(js("return document.body.getAttribute('data-ready');")));
            shoot("knowledge-analyst-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 900));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Logs in on the login page and waits for the person's page. */
    static void login(String user) {
        browser.get(origin + "/staff/");
        type("user", user);
        type("password", Federation.password(NODE, user));
        el("login").click();
        Await.until(user + " is logged in", PAGE, () -> !browser.getCurrentUrl().equals(origin + "/staff/")
                && browser.getCurrentUrl().startsWith(origin + "/staff/") && present("staff-nav", "#logout"));
    }

    static void open(String page) {
        browser.get(origin + "/staff/" + page);
    }

    static void awaitStats() {
        Await.until("the statistics table (or 'no appeals')", PAGE,
                () -> present("stats-table") || present("stats-empty"));
        assertFalse(present("stats", "[data-status]"), text("stats"));
    }

    /**
     * A page out of the person's role says "not allowed", and the API it would read refuses the same: the page's own
     * script and a Basic login of the same user get the same status, 403.
     */
    static void outOfRole(String user, String page, String method, String apiPath) throws Exception {
        open(page);
        Await.until(page + " says 'not allowed' to " + user, PAGE, () -> present("not-allowed"));
        shoot(page.replace(".html", "") + "-refused-" + user);
        int inBrowser = browserStatus(method, apiPath, null);
        assertEquals(basicStatus(user, method, apiPath), inBrowser, method + " " + apiPath + " as " + user);
        assertEquals(403, inBrowser, method + " " + apiPath + " as " + user);
    }

    /** An action out of the role, asked from the page's script with the session (and its CSRF token): 403 as at the API. */
    static void actionOutOfRole(String user, String method, String apiPath) throws Exception {
        int inBrowser = browserStatus(method, apiPath, "{}");
        assertEquals(basicStatus(user, method, apiPath), inBrowser, method + " " + apiPath + " as " + user);
        assertEquals(403, inBrowser, method + " " + apiPath + " as " + user);
    }

    /** The status the page's own Staff.api gets (the session cookie, and X-CSRF-Token for an unsafe method). */
    static int browserStatus(String method, String apiPath, String jsonBody) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "var body = arguments[2] === null ? undefined : JSON.parse(arguments[2]);"
                + "window.Staff.api(arguments[0], arguments[1], body).then(function (r) { done(r.status); },"
                + " function (e) { done(-1); });", method, apiPath, jsonBody);
        return ((Number) status).intValue();
    }

    static HttpResponse<String> basic(String user, String method, String apiPath) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Federation.uri(NODE, apiPath))
                .header("Authorization", Federation.basic(NODE, user)).timeout(Duration.ofSeconds(30));
        b = method.equals("GET") ? b.GET() : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        return Federation.http().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static int basicStatus(String user, String method, String apiPath) throws Exception {
        return basic(user, method, apiPath).statusCode();
    }

    /**
     * A dead letter at the center: a document that is not one, put on the center's inbound queue as lviv's (the
     * node's own broker user, as {@code nsoz:dead-letters --replay} uses); the center refuses it with a reason.
     */
    static String deadLetter() throws Exception {
        String messageId = UUID.randomUUID().toString();
        int offset = Integer.getInteger("nsoz.federation.portOffset", Federation.DEFAULT_PORT_OFFSET);
        int port = 61616 + offset <= 65535 ? 61616 + offset : 61616 - offset;
        String secret = Files.readString(Federation.instances().resolve(".ucc.node-secret")).trim();
        try (Broker center = new Broker(port, "nsoz-node", secret)) {
            center.send("nsoz.in", "<exchange><synthetic>не документ обміну / not an exchange document</synthetic>"
                    + "</exchange>", Map.of("NsozMessageId", messageId, "NsozOrigin", "lviv"));
        }
        Await.result("the center lists the dead letter " + messageId, PAGE, () -> basic("admin", "GET",
                "/api/v1/sync/dead-letters").body().contains(messageId) ? Boolean.TRUE : null);
        return messageId;
    }

    static WebElement el(String id) {
        return Await.result("#" + id + " on " + browser.getCurrentUrl(), PAGE, () -> {
            List<WebElement> found = browser.findElements(By.id(id));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    static boolean present(String id) {
        return !browser.findElements(By.id(id)).isEmpty();
    }

    static boolean present(String id, String css) {
        return !browser.findElements(By.cssSelector("#" + id + " " + css)).isEmpty();
    }

    static String text(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    static void type(String id, String text) {
        WebElement f = el(id);
        f.clear();
        f.sendKeys(text);
    }

    static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    static void shoot(String name) throws IOException {
        Files.write(shots.resolve("staff-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
