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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Federation;
import ua.gov.nsoz.itests.support.NodeClient;

/**
 * The staff workspace ({@code /staff/}) in a real browser (Debian's Chromium and chromedriver, headless, exactly as
 * {@link PortalBrowserIT} starts them) on the shared federation (ucc and lviv started by the launcher), walking the
 * path of issue 16: at lviv a PBX's call events (signed with the node's PBX secret) ring the operator's console; the
 * operator, logged in with the keyboard only, opens the form with the caller's number, finds the topic by typing,
 * registers the appeal, links the call and forwards it to MOZ in one step; at ucc the clerk of MOZ accepts it from the
 * body's inbox (a change request to lviv), the head extends its term, the clerk answers with a PDF; the citizen's
 * status on lviv's portal shows the answer; the analyst's dashboard at ucc shows the figures; the admin sees the
 * links; the auditor finds the staff's reads of the appeal. Every screen is photographed at a phone's and a desktop's
 * width ({@code itests/target/screenshots/workspace-*}) and its weight and load time, as the browser measured them
 * (Navigation and Resource Timing, a cold load), go to {@code itests/target/workspace-metrics.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Federation.class)
class WorkspaceBrowserIT {

    static final Duration PAGE = Duration.ofSeconds(60);
    static final Duration LINK = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CALLER = "+38032" + (1000000 + (int) (Math.random() * 8999999));
    static final String TEXT = "Синтетичне звернення " + RUN + ": черги до сімейного лікаря в поліклініці.";
    static final String ANSWER = "Синтетична відповідь " + RUN + ": запис до лікаря відкрито онлайн.";

    static Path target;
    static Path shots;
    static final StringBuilder METRICS = new StringBuilder(
            "# The staff workspace's screens as headless Chromium measured them on their first (cold) load in the path"
            + " of issue 16: Navigation + Resource Timing (the page, its files and the API calls it made by then).\n"
            + "# screen node width load-ms(loadEventEnd-startTime) ready-ms(until its content showed) "
            + "transfer-bytes encoded-bytes resources api-calls fits-the-width\n");
    static final List<String> FOREIGN = new ArrayList<>();

    /** The appeal registered in the browser: its id, number and access code. */
    static String appealId;
    static String number;
    static String accessCode;

    @BeforeAll
    static void setUp() throws Exception {
        target = Path.of(System.getProperty("nsoz.repo.root")).toRealPath().resolve("itests/target");
        shots = Files.createDirectories(target.resolve("screenshots"));
        PortalBrowserIT.target = target;
        PortalBrowserIT.startBrowser();
    }

    @AfterAll
    static void tearDown() throws IOException {
        Files.writeString(target.resolve("workspace-metrics.txt"), METRICS, StandardCharsets.UTF_8);
        System.out.println("WorkspaceBrowserIT: " + target.resolve("workspace-metrics.txt") + "\n" + METRICS);
        PortalBrowserIT.tearDown();
    }

    // ------------------------------------------------------------------------------------------------ the path

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAndAPageAsksForTheLogin() throws IOException {
        desktop();
        // a page of the workspace without a session goes to the login, and comes back after it
        browser().get(origin("lviv") + "/staff/operator.html");
        Await.until("the login page with ?next=", PAGE, () -> browser().getCurrentUrl().contains("/staff/?next="));
        measure("login", "lviv", "login-form");
        el("user").sendKeys("operator");
        el("password").sendKeys("wrong-" + RUN);
        el("login").click();
        Await.until("#errors says the password is wrong", PAGE, () -> visibleText("errors").length() > 0);
        assertEquals("true", el("password").getAttribute("aria-invalid"));
        assertTrue(browser().getCurrentUrl().contains("/staff/"), browser().getCurrentUrl());
        shoot("login-error");
    }

    @Test
    @Order(2)
    void theOperatorTakesTheCallAndRegistersAndForwardsTheAppealInOneStep() throws Exception {
        desktop();
        loginWithTheKeyboard("lviv", "operator", "/staff/operator.html");
        measure("operator", "lviv", "register-form");
        assertEquals("uk", String.valueOf(js("return document.documentElement.lang")));
        assertFalse(browser().findElements(By.cssSelector("#staff-nav a[href='/staff/operator.html']")).isEmpty(),
                "the nav offers the operator console");
        assertTrue(browser().findElements(By.cssSelector("#staff-nav a[href='/staff/admin.html']")).isEmpty(),
                "the nav offers no admin page to an operator");

        // the PBX: the call rings for the operator, then is answered
        String pbxCallId = "itest-" + RUN;
        cti("lviv", Map.of("pbxCallId", pbxCallId, "type", "RINGING", "at", Instant.now().toString(),
                "callerNumber", CALLER, "calledNumber", "1580", "operator", "operator"));
        Await.until("the console shows the ringing call from " + CALLER, LINK,
                () -> displayed("call-banner") && textOf("call-number").contains(CALLER));
        shoot("operator-ringing");
        cti("lviv", Map.of("pbxCallId", pbxCallId, "type", "ANSWERED", "at", Instant.now().toString(),
                "callerNumber", CALLER, "calledNumber", "1580", "operator", "operator"));
        el("take-call").click();
        Await.until("the form has the caller's number", PAGE, () -> CALLER.equals(el("phone").getAttribute("value")));
        Await.until("the caller's earlier appeals are listed (none)", PAGE,
                () -> !textOf("earlier-appeals").isBlank() && !textOf("earlier-appeals").contains("не відкрито"));

        new Select(el("kind")).selectByValue("COMPLAINT");
        type("fullName", "Синтетичний Заявник " + RUN);
        type("address", "м. Львів, вул. Тестова, 16");
        // the topic by typing: the suggestions, then one chosen with the keyboard
        el("topic-q").click();
        el("topic-q").sendKeys("здоров");
        Await.until("topics are suggested", PAGE, () -> displayed("topic-suggest")
                && !browser().findElements(By.cssSelector("#topic-suggest button")).isEmpty());
        el("topic-q").sendKeys(Keys.ARROW_DOWN);
        Await.until("the first suggestion has the focus", PAGE, () -> Boolean.TRUE.equals(
                js("return document.activeElement.closest('#topic-suggest') !== null")));
        new org.openqa.selenium.interactions.Actions(browser()).sendKeys(Keys.ENTER).perform();
        Await.until("a topic is chosen", PAGE, () -> textOf("topic-chosen").startsWith("Обрано"));
        type("text", TEXT);
        new Select(el("forward-body")).selectByValue("MOZ");
        shoot("operator-form");
        el("register-forward").click();
        Await.until("the result shows the number and FORWARDED", LINK, () -> displayed("result")
                && !textOf("result-number").isBlank() && textOf("result-status").contains("Направлено")
                || displayed("errors") && !textOf("errors").isBlank());
        assertFalse(displayed("errors") && !textOf("errors").isBlank(), "the console shows errors: " + textOf("errors"));
        number = textOf("result-number").trim();
        accessCode = textOf("result-code").trim();
        assertTrue(number.matches("[A-Z]+-\\d{4}-\\d+"), number);
        assertTrue(textOf("result-call").contains(CALLER), "the call is linked: " + textOf("result-call"));
        assertFalse(textOf("route-reasons").isBlank(), "the router's reasons are shown");
        shoot("operator-registered");

        JsonNode appeal = api("lviv", "operator", "GET", "/api/v1/appeals/" + number, null);
        appealId = appeal.path("id").asText();
        assertEquals("FORWARDED", appeal.path("status").asText(), appeal.toString());
        assertEquals("MOZ", appeal.path("processing").path("body").asText(), appeal.toString());
        assertEquals(CALLER, appeal.path("applicant").path("phone").asText());
        JsonNode calls = api("lviv", "operator", "GET", "/api/v1/appeals/" + appealId + "/calls", null);
        assertTrue(calls.toString().contains(pbxCallId), "the call is linked to the appeal: " + calls);
        System.out.println("WorkspaceBrowserIT: the operator registered " + number + " from the call " + pbxCallId);
    }

    @Test
    @Order(3)
    void theClerkOfMozAcceptsItAtTheCenter() throws IOException {
        awaitAt("ucc", "clerk", s -> s.path("processing").path("body").asText().equals("MOZ"));
        desktop();
        login("ucc", "clerk", "/staff/body.html");
        measure("body", "ucc", "inbox-summary");
        By row = By.id("row-" + number);
        Await.until("the inbox lists " + number, LINK, () -> {
            if (browser().findElements(row).isEmpty()) {
                browser().navigate().refresh();
                return false;
            }
            return true;
        });
        // the order: priority first, then by the last day; this run's appeal has a due date
        assertFalse(browser().findElement(row).getText().isBlank());
        shoot("body-inbox");
        browser().findElement(row).findElement(By.cssSelector("button.accept")).click();
        Await.until("the row says the acceptance went to lviv", PAGE,
                () -> browser().findElement(row).getText().contains("lviv")
                        || browser().findElement(row).getText().contains("Прийнято"));
        awaitAt("ucc", "clerk", s -> s.path("status").asText().equals("ACCEPTED"));
        awaitAt("lviv", "operator", s -> s.path("status").asText().equals("ACCEPTED"));
    }

    @Test
    @Order(4)
    void theHeadExtendsTheTerm() throws IOException {
        desktop();
        login("ucc", "head", "/staff/appeal.html?id=" + appealId);
        measure("appeal", "ucc", "appeal-status");
        Await.until("the extend form is offered to the head", PAGE, () -> displayed("extend-form"));
        assertFalse(textOf("deadline-due").isBlank(), "the deadline is shown");
        assertFalse(textOf("redirect-term").isBlank(), "the 5-day term of a redirect is shown");
        el("extend-days").clear();
        el("extend-days").sendKeys("10");
        type("extend-comment", "Синтетична підстава продовження " + RUN);
        shoot("appeal-head");
        el("do-extend").click();
        Await.until("the page says the extension went", PAGE, () -> displayed("action-result")
                || displayed("errors") && !textOf("errors").isBlank());
        assertFalse(displayed("errors") && !textOf("errors").isBlank(), textOf("errors"));
        awaitAt("ucc", "clerk", s -> s.path("status").asText().equals("EXTENDED"));
    }

    @Test
    @Order(5)
    void theClerkAnswersWithAPdf() throws IOException {
        desktop();
        login("ucc", "clerk", "/staff/appeal.html?id=" + appealId);
        Await.until("the clerk sees no extend form and the answer form", PAGE,
                () -> displayed("answer-form") && !displayed("extend-form"));
        Path pdf = Files.createTempFile(target, "vidpovid-", ".pdf");
        Files.write(pdf, PortalBrowserIT.pdf());
        el("answer-files").sendKeys(pdf.toString());
        Await.until("the PDF is uploaded", PAGE,
                () -> !browser().findElements(By.cssSelector("#answer-uploads li.good")).isEmpty()
                        || !browser().findElements(By.cssSelector("#answer-uploads li.bad")).isEmpty());
        assertTrue(browser().findElements(By.cssSelector("#answer-uploads li.bad")).isEmpty(), textOf("answer-uploads"));
        new Select(el("answer-result-select")).selectByValue("EXPLAINED");
        type("answer-text-input", ANSWER);
        shoot("appeal-answer");
        el("do-answer").click();
        Await.until("the page says the answer went", PAGE, () -> displayed("action-result")
                || displayed("errors") && !textOf("errors").isBlank());
        assertFalse(displayed("errors") && !textOf("errors").isBlank(), textOf("errors"));
        awaitAt("lviv", "operator", s -> s.path("status").asText().equals("ANSWERED"));
    }

    @Test
    @Order(6)
    void theCitizensStatusOnThePortalShowsTheAnswer() throws IOException {
        desktop();
        browser().get(origin("lviv") + "/follow.html");
        el("number").sendKeys(number);
        el("code").sendKeys(accessCode);
        el("follow").click();
        Await.until("the portal shows the answer", LINK, () -> displayed("answer-text")
                && textOf("answer-text").contains(RUN));
        assertFalse(browser().findElements(By.cssSelector("#answer-documents a")).isEmpty(), "the PDF is listed");
        shoot("portal-answer");
    }

    @Test
    @Order(7)
    void theAnalystSeesTheFiguresTheAdminTheLinksTheAuditorTheReads() throws IOException {
        desktop();
        login("ucc", "analyst", "/staff/dashboard.html");
        measure("dashboard", "ucc", "stats");
        Await.until("the dashboard shows statistics", LINK, () -> !textOf("stats").isBlank());
        shoot("dashboard");

        login("ucc", "admin", "/staff/admin.html");
        measure("admin", "ucc", "links");
        Await.until("the admin page shows lviv's link", LINK, () -> textOf("links").contains("lviv"));
        shoot("admin");

        login("ucc", "auditor", "/staff/audit.html");
        measure("audit", "ucc", "audit-form");
        type("appeal", appealId);
        el("audit-search").click();
        Await.until("the audit log shows the clerk's and the head's reads of " + number, LINK,
                () -> textOf("audit-entries").contains("clerk") && textOf("audit-entries").contains("head"));
        shoot("audit");
    }

    @Test
    @Order(8)
    void everyScreenOnAPhoneIsOneColumnAndEnglishOnTheSwitch() throws IOException {
        login("lviv", "operator", "/staff/operator.html");
        List<String> wide = new ArrayList<>();
        for (String page : List.of("operator.html", "appeal.html?id=" + appealId)) {
            phone();
            browser().get(origin("lviv") + "/staff/" + page);
            Await.until(page + " is shown", PAGE, () -> !textOf("staff-nav").isBlank());
            shoot("phone-" + page.replaceAll("\\?.*", "").replace(".html", ""));
            if (Boolean.TRUE.equals(js("return document.documentElement.scrollWidth > document.documentElement.clientWidth"))) {
                wide.add(page);
            }
        }
        login("ucc", "clerk", "/staff/body.html");
        phone();
        browser().navigate().refresh();
        Await.until("the inbox is shown", PAGE, () -> !textOf("inbox-summary").isBlank());
        shoot("phone-body");
        if (Boolean.TRUE.equals(js("return document.documentElement.scrollWidth > document.documentElement.clientWidth"))) {
            wide.add("body.html");
        }
        assertEquals(List.of(), wide, "screens that scroll sideways on a phone");
        // English: the switch, kept for the next page
        desktop();
        el("lang-switch").click();
        Await.until("English", PAGE, () -> "en".equals(String.valueOf(js("return document.documentElement.lang")))
                && textOf("staff-nav").contains("Log out"));
        browser().get(origin("ucc") + "/staff/appeal.html?id=" + appealId);
        Await.until("the appeal page in English", PAGE, () -> textOf("main").contains("History"));
        shoot("appeal-en");
        js("localStorage.clear(); return null");
        // logging out ends the session: a page asks for the login again
        el("logout").click();
        Await.until("back at the login", PAGE, () -> displayed("login-form"));
        browser().get(origin("ucc") + "/staff/body.html");
        Await.until("the login is asked again", PAGE, () -> browser().getCurrentUrl().contains("/staff/?next="));
        assertEquals(List.of(), FOREIGN, "resources from another host");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static org.openqa.selenium.chrome.ChromeDriver browser() {
        return PortalBrowserIT.browser;
    }

    static String origin(String node) {
        return "https://localhost:" + Federation.httpPort(node);
    }

    static void desktop() {
        browser().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser().manage().window().setSize(new Dimension(1366, 900));
    }

    static void phone() {
        browser().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
    }

    /** Logs in with the form (the cookie of one node replaces another's: localhost is one site) and opens a page. */
    static void login(String node, String user, String page) {
        browser().get(origin(node) + "/staff/404.html");
        browser().manage().deleteAllCookies();
        browser().get(origin(node) + "/staff/?next=" + PortalBrowserIT.enc(page));
        Await.until("the login form or the page", PAGE, () -> displayed("login-form")
                || browser().getCurrentUrl().contains(page));
        if (!browser().getCurrentUrl().contains(page.replaceAll("\\?.*", ""))) {
            el("user").clear();
            el("user").sendKeys(user);
            el("password").sendKeys(Federation.password(node, user));
            el("login").click();
        }
        Await.until(user + " at " + page, PAGE, () -> browser().getCurrentUrl().contains(page.replaceAll("\\?.*", ""))
                && textOf("staff-user").startsWith(user + " "));
    }

    /** Logs in with the keyboard only: Tab to each field, type, Enter; each focus visible. */
    static void loginWithTheKeyboard(String node, String user, String page) {
        browser().get(origin(node) + "/staff/?next=" + PortalBrowserIT.enc(page));
        el("login-form");
        List<String> problems = new ArrayList<>();
        PortalBrowserIT.tabTo("user", problems);
        PortalBrowserIT.keys(user);
        PortalBrowserIT.tabTo("password", problems);
        PortalBrowserIT.keys(Federation.password(node, user));
        PortalBrowserIT.keys(Keys.ENTER);
        Await.until(user + " at " + page, PAGE, () -> browser().getCurrentUrl().contains(page)
                && textOf("staff-user").startsWith(user + " "));
        assertEquals(List.of(), problems, "focus not visible");
    }

    /**
     * The current screen's weight and load time, on a cold load: the cache is cleared and the page loaded again; the
     * content counts as shown when #ready has text or is displayed.
     */
    static void measure(String screen, String node, String ready) throws IOException {
        try {
            browser().executeCdpCommand("Network.clearBrowserCache", Map.of());
        } catch (RuntimeException e) {
            System.out.println("WorkspaceBrowserIT: cache not cleared (" + e.getMessage() + ")");
        }
        browser().navigate().refresh();
        Await.until(screen + " fired its load event", PAGE, () -> PortalBrowserIT.number(js(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0")) > 0);
        Await.until(screen + " shows #" + ready, PAGE, () -> displayed(ready));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) js("""
                const nav = performance.getEntriesByType('navigation')[0];
                const all = [nav].concat(performance.getEntriesByType('resource'));
                return {load: nav.loadEventEnd - nav.startTime, ready: performance.now(),
                        transfer: all.reduce((s, e) => s + (e.transferSize || 0), 0),
                        encoded: all.reduce((s, e) => s + (e.encodedBodySize || 0), 0),
                        api: all.filter(e => e.name.indexOf('/api/') > 0).length,
                        wider: document.documentElement.scrollWidth > document.documentElement.clientWidth,
                        names: all.map(e => e.name)};""");
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) m.get("names");
        names.stream().filter(n -> !n.startsWith(origin(node) + "/")).forEach(n -> FOREIGN.add(screen + ": " + n));
        METRICS.append(String.format(Locale.ROOT, "%-10s %-5s %4d %7.0f %7.0f %9d %9d %3d %3d %s%n", screen, node,
                1366, PortalBrowserIT.number(m.get("load")), PortalBrowserIT.number(m.get("ready")),
                (long) PortalBrowserIT.number(m.get("transfer")), (long) PortalBrowserIT.number(m.get("encoded")),
                names.size() - 1, (long) PortalBrowserIT.number(m.get("api")),
                Boolean.TRUE.equals(m.get("wider")) ? "scrolls-sideways" : "fits-width"));
        shoot(screen);
    }

    static void shoot(String name) throws IOException {
        Files.write(shots.resolve("workspace-" + name + ".png"),
                ((TakesScreenshot) browser()).getScreenshotAs(OutputType.BYTES));
    }

    static WebElement el(String id) {
        return PortalBrowserIT.el(id);
    }

    static boolean displayed(String id) {
        return PortalBrowserIT.displayed(id);
    }

    static String textOf(String id) {
        return PortalBrowserIT.textOf(id);
    }

    static String visibleText(String id) {
        return PortalBrowserIT.visibleText(id);
    }

    static void type(String id, String text) {
        PortalBrowserIT.type(el(id), text);
    }

    static Object js(String script) {
        return PortalBrowserIT.js(script);
    }

    static JsonNode api(String node, String user, String method, String path, String json) throws IOException {
        return PortalBrowserIT.staff(node, user, method, path, json);
    }

    /** Waits until the appeal, read at a node as a user, satisfies a condition (it crosses the link). */
    static void awaitAt(String node, String user, java.util.function.Predicate<JsonNode> condition) {
        Await.until(number + " at " + node + " as expected", LINK, () -> {
            try {
                HttpResponse<String> r = Federation.http().send(HttpRequest.newBuilder(
                                Federation.uri(node, "/api/v1/appeals/" + appealId)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", Federation.basic(node, user)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return r.statusCode() == 200 && condition.test(JSON.readTree(r.body()));
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** A PBX's call event, signed with the node's PBX secret as the PBX adapter demands. */
    static void cti(String node, Map<String, String> event) throws Exception {
        byte[] body = JSON.writeValueAsBytes(event);
        String secret = Files.readString(Federation.instances().resolve("." + node + ".pbx-secret")).strip();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        HttpResponse<String> r = Federation.http().send(HttpRequest.newBuilder(Federation.uri(node, "/api/v1/cti/events"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-NSOZ-PBX-Signature", signature).header(NodeClient.ANONYMOUS, "a PBX has no user")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(r.statusCode() / 100 == 2, "the PBX's event was refused: " + r.statusCode() + " " + r.body());
    }
}
