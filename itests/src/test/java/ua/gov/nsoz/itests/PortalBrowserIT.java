package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.Federation;
import ua.gov.nsoz.itests.support.NodeClient;

/**
 * The citizens' portal in a real browser (Debian's Chromium driven by its chromedriver, headless) on the real
 * distribution started by the launcher (ucc and lviv: the run's shared {@link Federation}), with the page ids of the contract of
 * issue 15: a citizen submits an appeal at lviv with the mouse and with the keyboard only, an invalid submission shows
 * its errors, the citizen follows the appeal and, once the ministry has answered through the API at the center, reads
 * the answer, downloads its document and rates it; the reference base and the figures; the language switch. Every
 * page is photographed at a phone's and a desktop's width ({@code itests/target/screenshots/}) and its weight and
 * load time, as the browser measured them, go to {@code itests/target/portal-metrics.txt} (numbers only, no
 * assertion on time); every resource a page loads comes from the node itself.
 *
 * <p>Nothing is downloaded: the driver and the browser are given by path, so Selenium Manager is never run (checked
 * in Selenium's own log), and the browser resolves no host but localhost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Federation.class)
class PortalBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A page's own work (proof of work, a fetch) in the browser. */
    static final Duration PAGE = Duration.ofSeconds(60);
    /** A step that crosses the link between lviv and ucc. */
    static final Duration LINK = Duration.ofMinutes(2);
    static final List<String> PAGES = List.of("index.html", "submit.html", "follow.html", "reference.html",
            "figures.html");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ANSWER_TEXT = "Синтетична відповідь: прийом у лікарні організовано без черг.";

    /** Kept strongly, so their levels hold: Selenium's finder of the driver and Selenium Manager. */
    static final Logger DRIVER_FINDER = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    static final Logger MANAGER = Logger.getLogger("org.openqa.selenium.manager");
    static final List<LogRecord> SELENIUM_LOG = new CopyOnWriteArrayList<>();

    static ChromeDriverService service;
    static ChromeDriver browser;
    static String origin;
    static Path target;
    static Path files;
    /** The appeal the mouse submitted, followed and answered later. */
    static Receipt mouseReceipt;

    record Receipt(String number, String code) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        target = Path.of(System.getProperty("nsoz.repo.root")).toRealPath().resolve("itests/target");
        files = Files.createTempDirectory(target, "portal-files-");
        origin = "https://localhost:" + Federation.httpPort("lviv");
        startBrowser();
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

    /** Chromium by path, headless, a fresh profile, no network but localhost; Selenium Manager never runs. */
    static void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (Debian's chromium and chromium-driver; .ci/run installs them)");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                SELENIUM_LOG.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        for (Logger l : List.of(DRIVER_FINDER, MANAGER)) {
            l.setLevel(Level.FINE);
            l.addHandler(capture);
        }
        // Belt and braces: where Selenium would look for a driver, and Selenium Manager (passed SE_* properties as
        // its environment) offline, should it ever run.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory(target, "chromium-profile-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(target.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                // the demo CA signs the node's certificate; the test's own HTTP client trusts exactly that CA
                "--ignore-certificate-errors",
                // no host but the nodes': a page that needed another host would break here
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=uk");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PAGE).scriptTimeout(PAGE);

        List<String> finder = SELENIUM_LOG.stream().filter(r -> r.getLoggerName().equals(DRIVER_FINDER.getName()))
                .map(LogRecord::getMessage).toList();
        List<String> manager = SELENIUM_LOG.stream().filter(r -> r.getLoggerName().startsWith(MANAGER.getName()))
                .map(LogRecord::getMessage).toList();
        System.out.println("PortalBrowserIT: Selenium's driver finder said " + finder);
        assertTrue(finder.stream().anyMatch(m -> m.startsWith("Skipping Selenium Manager")),
                "Selenium did not say it skipped Selenium Manager: " + finder);
        assertEquals(List.of(), manager, "Selenium Manager ran (it may download drivers and browsers)");
    }

    @BeforeEach
    void ukrainianDesktop() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.get(origin + "/index.html");
        js("localStorage.clear(); return null");
    }

    // ----------------------------------------------------------------------------------------------- submitting

    @Test
    @Order(1)
    void anInvalidSubmissionShowsItsErrorsAndRegistersNothing() {
        open("submit.html");
        type(el("fullName"), "Тестовий Заявник");
        type(el("email"), "invalid.test@example.org");
        // no text, no consent
        assertFalse(el("consent").isSelected());
        el("submit").click();
        Await.until("the form shows its errors in #errors", PAGE, () -> visibleText("errors").length() > 0);
        String errors = visibleText("errors");
        assertEquals("alert", el("errors").getAttribute("role"), "#errors is announced (role=alert)");
        assertFalse(displayed("receipt") && !textOf("receipt-number").isBlank(),
                "an invalid form was registered: " + textOf("receipt"));
        System.out.println("PortalBrowserIT: the errors shown: " + errors);
    }

    @Test
    @Order(2)
    void aCitizenSubmitsAnAppealWithTheMouseAttachingAFile() throws IOException {
        mouseReceipt = submitWithTheMouse("mouse.test@example.org");
        System.out.println("PortalBrowserIT: registered with the mouse: " + mouseReceipt.number());
        // the registered appeal is lviv's and carries the attachment the browser uploaded
        JsonNode appeal = staff("lviv", "operator", "GET", "/api/v1/appeals/" + mouseReceipt.number(), null);
        assertEquals(mouseReceipt.number(), appeal.path("registrationNumber").asText(), appeal.toString());
        assertTrue(appeal.toString().contains("zayava-test.pdf"), "the attachment is not in the appeal: " + appeal);
    }

    @Test
    @Order(3)
    void aCitizenSubmitsAnAppealWithTheKeyboardOnly() {
        open("submit.html");
        List<String> focusProblems = new ArrayList<>();
        tabTo("kind", focusProblems);
        Await.until("the kind select is set by the keyboard", Duration.ofSeconds(10), () -> {
            if ("COMPLAINT".equals(el("kind").getAttribute("value"))) {
                return true;
            }
            keys(Keys.ARROW_DOWN);
            return false;
        });
        tabTo("text", focusProblems);
        keys("Синтетичне звернення, подане лише з клавіатури.");
        // back one field with Shift+Tab and forward again
        shiftTab();
        assertNotEquals("text", activeId(), "Shift+Tab left the text");
        checkFocusVisible(focusProblems);
        keys(Keys.TAB);
        assertEquals("text", activeId(), "Tab came back to the text");
        tabTo("fullName", focusProblems);
        keys("Клавіатурна Оксана");
        tabTo("address", focusProblems);
        keys("м. Львів, вул. Синтетична, 2");
        tabTo("email", focusProblems);
        keys("keyboard.test@example.org");
        tabTo("consent", focusProblems);
        keys(Keys.SPACE);
        assertTrue(el("consent").isSelected(), "Space ticks the consent");
        tabTo("submit", focusProblems);
        keys(Keys.ENTER);
        Receipt receipt = awaitReceipt();
        assertTrue(focusProblems.isEmpty(), "the focused element was not visible: " + focusProblems);
        assertNotEquals(mouseReceipt == null ? "" : mouseReceipt.number(), receipt.number());
        System.out.println("PortalBrowserIT: registered with the keyboard: " + receipt.number());
    }

    // ------------------------------------------------------------------------------------------------ following

    @Test
    @Order(4)
    void theCitizenFollowsTheAppealReadsTheAnswerDownloadsItsDocumentAndRatesIt() throws Exception {
        Receipt r = mouseReceipt != null ? mouseReceipt : submitWithTheMouse("follow.test@example.org");
        follow(r);
        assertFalse(el("status-text").getText().isBlank(), "no status shown");
        System.out.println("PortalBrowserIT: status before the answer: " + el("status-text").getText() + "; due "
                + textOf("due-date"));

        // the ministry answers through the API, as the README's "Try the federation by hand" walks it
        String id = staff("lviv", "operator", "GET", "/api/v1/appeals/" + r.number(), null).path("id").asText();
        staff("lviv", "operator", "POST", "/api/v1/appeals/" + id + "/actions", "{\"action\":\"FORWARD\",\"body\":\"MOZ\"}");
        awaitStatus("ucc", "clerk", id, "FORWARDED");
        staff("ucc", "clerk", "POST", "/api/v1/appeals/" + id + "/actions", "{\"action\":\"ACCEPT\"}");
        awaitStatus("lviv", "operator", id, "ACCEPTED");
        awaitStatus("ucc", "clerk", id, "ACCEPTED");
        byte[] answerPdf = pdf();
        HttpResponse<String> uploaded = Federation.http().send(HttpRequest.newBuilder(
                        Federation.uri("ucc", "/api/v1/documents?name=vidpovid-test.pdf"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic("ucc", "clerk"))
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(answerPdf))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(201, uploaded.statusCode(), "POST /api/v1/documents at ucc: " + uploaded.body());
        String answer = "{\"action\":\"ANSWER\",\"result\":\"SATISFIED\",\"text\":\"" + ANSWER_TEXT
                + "\",\"documents\":[" + uploaded.body() + "]}";
        staff("ucc", "clerk", "POST", "/api/v1/appeals/" + id + "/actions", answer);
        awaitStatus("lviv", "operator", id, "ANSWERED");

        // the citizen reads the answer and downloads its document
        follow(r);
        awaitShowing("the answer's text is shown", () -> textOf("answer-text").contains(ANSWER_TEXT));
        List<WebElement> links = el("answer-documents").findElements(By.tagName("a"));
        assertEquals(1, links.size(), "one link per answer document: " + el("answer-documents").getText());
        String href = links.get(0).getAttribute("href");
        assertTrue(href.startsWith(origin + "/"), "the document's link is the node's: " + href);
        HttpResponse<byte[]> file = Federation.http().send(HttpRequest.newBuilder(URI.create(href))
                .timeout(Duration.ofSeconds(30)).header(NodeClient.ANONYMOUS, "1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode(), "GET " + href);
        assertArrayEquals(answerPdf, file.body(), "the downloaded document is the one the clerk uploaded");

        // and rates it
        WebElement form = el("rating-form");
        form.findElement(By.cssSelector("input[name='rating'][value='5']")).click();
        type(el("comment"), "Дякую, синтетичний відгук.");
        el("rate").click();
        awaitShowing("#rating-done is shown", () -> displayed("rating-done"));
        JsonNode status = JSON.readTree(Federation.http().send(HttpRequest.newBuilder(
                        Federation.uri("lviv", "/api/v1/public/status?number=" + enc(r.number()) + "&code="
                                + enc(r.code()))).timeout(Duration.ofSeconds(30)).header(NodeClient.ANONYMOUS, "1")
                        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
        assertEquals(5, status.path("rating").asInt(), "the rating is recorded: " + status);
    }

    // ---------------------------------------------------------------------------------- reference and figures

    @Test
    @Order(5)
    void theReferenceBaseFinds1545() {
        open("reference.html");
        type(el("q"), "1545");
        el("search").click();
        awaitShowing("#reference-results lists a result for 1545",
                () -> !el("reference-results").findElements(By.tagName("li")).isEmpty());
        String first = el("reference-results").findElements(By.tagName("li")).get(0).getText();
        assertTrue(el("reference-results").getText().contains("1545"), "the results: " + first);
    }

    @Test
    @Order(6)
    void theFiguresPageDrawsAChart() {
        open("figures.html");
        awaitShowing("#figures has an inline <svg> chart",
                () -> !el("figures").findElements(By.tagName("svg")).isEmpty());
        assertTrue(el("figures").findElements(By.tagName("svg")).get(0).isDisplayed(), "the chart is shown");
    }

    // ----------------------------------------------------------------------------- every page: pictures, weight

    @Test
    @Order(7)
    void everyPageAtPhoneAndDesktopWidthsItsWeightAndLoadTimeAndNothingFromAnotherHost() throws IOException {
        Path shots = Files.createDirectories(target.resolve("screenshots"));
        StringBuilder metrics = new StringBuilder("# The portal's pages at lviv as headless Chromium measured them: "
                + "a cold load (the cache cleared), Navigation + Resource Timing.\n"
                + "# page width load-ms(loadEventEnd-startTime) transfer-bytes(transferSize) "
                + "encoded-bytes(encodedBodySize) resources fits-the-width\n");
        List<String> foreign = new ArrayList<>();
        for (int[] size : new int[][] {{390, 844}, {1366, 900}}) {
            if (size[0] < 500) { // a phone: its viewport, touch-sized, overlay scroll bars
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0], "height",
                        size[1], "deviceScaleFactor", 1, "mobile", true));
            } else {
                browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                browser.manage().window().setSize(new Dimension(size[0], size[1]));
            }
            for (String page : PAGES) {
                try {
                    browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
                } catch (RuntimeException e) {
                    System.out.println("PortalBrowserIT: cache not cleared (" + e.getMessage() + ")");
                }
                open(page);
                Await.until(page + " fired its load event", PAGE, () -> number(js(
                        "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0"))
                        > 0);
                if (page.equals("figures.html")) { // its charts come from the open data after the load event
                    try {
                        Await.until("the chart is drawn", PAGE,
                                () -> !browser.findElements(By.cssSelector("#figures svg")).isEmpty());
                    } catch (AssertionError e) { // theFiguresPageDrawsAChart says so; the numbers are still written
                        System.out.println("PortalBrowserIT: figures.html drew no chart: " + e.getMessage());
                    }
                }
                Path png = shots.resolve(page.replace(".html", "") + "-" + size[0] + "x" + size[1] + ".png");
                Files.write(png, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) js("""
                        const nav = performance.getEntriesByType('navigation')[0];
                        const all = [nav].concat(performance.getEntriesByType('resource'));
                        return {load: nav.loadEventEnd - nav.startTime,
                                transfer: all.reduce((s, e) => s + (e.transferSize || 0), 0),
                                encoded: all.reduce((s, e) => s + (e.encodedBodySize || 0), 0),
                                wider: document.documentElement.scrollWidth > document.documentElement.clientWidth,
                                names: all.map(e => e.name)};""");
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) m.get("names");
                names.stream().filter(n -> !n.startsWith(origin + "/")).forEach(n -> foreign.add(page + ": " + n));
                metrics.append(String.format(Locale.ROOT, "%-15s %4d %8.0f %9d %9d %3d %s%n", page, size[0],
                        number(m.get("load")), (long) number(m.get("transfer")), (long) number(m.get("encoded")),
                        names.size() - 1, Boolean.TRUE.equals(m.get("wider")) ? "scrolls-sideways" : "fits-width"));
            }
        }
        Files.writeString(target.resolve("portal-metrics.txt"), metrics, StandardCharsets.UTF_8);
        System.out.println("PortalBrowserIT: " + target.resolve("portal-metrics.txt") + "\n" + metrics);
        assertEquals(List.of(), foreign, "resources from another host than " + origin);
        try (var pngs = Files.list(shots)) {
            // the folder is shared with the workspace's browser tests (workspace-*.png, staff-*.png)
            assertEquals(PAGES.size() * 2, pngs.filter(p -> p.getFileName().toString()
                    .matches("[a-z0-9]+-\\d+x\\d+\\.png")).count(), "a screenshot per page and width in " + shots);
        }
    }

    // ------------------------------------------------------------------------------------------------ language

    @Test
    @Order(8)
    void theLanguageSwitchGivesEnglishAndKeepsIt() {
        open("index.html");
        assertEquals("uk", lang(), "Ukrainian by default");
        assertTrue(cyrillic(bodyText()) > latin(bodyText()), "the default page is in Ukrainian: " + bodyText());
        el("lang-switch").click();
        Await.until("<html lang=\"en\"> after the switch", PAGE, () -> "en".equals(lang()));
        Await.until("the page's text is English", PAGE, () -> latin(bodyText()) > cyrillic(bodyText()));
        // kept (localStorage): the next page opened without ?lang is English too
        browser.get(origin + "/submit.html");
        Await.until("submit.html is English after the switch", PAGE,
                () -> "en".equals(lang()) && latin(bodyText()) > cyrillic(bodyText()));
        js("localStorage.clear(); return null");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Fills the form with the mouse, attaches a small synthetic PDF, ticks the consent and submits. */
    static Receipt submitWithTheMouse(String email) throws IOException {
        open("submit.html");
        Path pdf = files.resolve("zayava-test.pdf");
        Files.write(pdf, pdf());
        new Select(el("kind")).selectByValue("COMPLAINT");
        type(el("fullName"), "Тестенко Марія");
        type(el("address"), "м. Львів, вул. Синтетична, 1");
        type(el("email"), email);
        type(el("text"), "Синтетична скарга на черги в лікарні, подана мишею.");
        el("files").sendKeys(pdf.toString()); // what choosing the file in the dialog gives the input
        el("consent").click();
        assertTrue(el("consent").isSelected(), "the click ticks the consent");
        el("submit").click();
        return awaitReceipt();
    }

    /** Await.until within {@link #PAGE}; a failure tells what the page shows. */
    static void awaitShowing(String what, java.util.function.BooleanSupplier condition) {
        try {
            Await.until(what, PAGE, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + browser.getCurrentUrl() + " shows:\n"
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
    }

    static Receipt awaitReceipt() {
        Await.until("#receipt shows the registration number", PAGE,
                () -> displayed("receipt") && !textOf("receipt-number").isBlank() || displayed("errors")
                        && !textOf("errors").isBlank());
        assertTrue(!displayed("errors") || textOf("errors").isBlank(), "the form shows errors: " + textOf("errors"));
        Receipt r = new Receipt(textOf("receipt-number").trim(), textOf("receipt-code").trim());
        assertTrue(r.number().matches("[A-Z]+-\\d{4}-\\d+"), "a registration number: " + r.number());
        assertFalse(r.code().isBlank(), "an access code");
        assertFalse(el("receipt").findElements(By.cssSelector("a[href*='follow.html?number=']")).isEmpty(),
                "the receipt links to follow.html?number=…: " + el("receipt").getAttribute("innerHTML"));
        return r;
    }

    /** Opens follow.html, enters the number and the code, and waits for the status. */
    static void follow(Receipt r) {
        open("follow.html");
        el("number").clear();
        type(el("number"), r.number());
        el("code").clear();
        type(el("code"), r.code());
        el("follow").click();
        awaitShowing("#status shows the appeal's status",
                () -> displayed("status") && !textOf("status-text").isBlank());
    }

    /** Tabs (forward, then backward if need be) until the element has the focus; each focus must be visible. */
    static void tabTo(String id, List<String> focusProblems) {
        List<String> seen = new ArrayList<>();
        for (boolean forward : new boolean[] {true, false}) {
            for (int i = 0; i < 40 && !id.equals(activeId()); i++) {
                if (forward) {
                    keys(Keys.TAB);
                } else {
                    shiftTab();
                }
                seen.add(activeId());
                checkFocusVisible(focusProblems);
            }
            if (id.equals(activeId())) {
                return;
            }
        }
        throw new AssertionError("#" + id + " cannot be reached with Tab / Shift+Tab; the focus went " + seen);
    }

    /** The focused element is on screen and shows it has the focus (an outline or a shadow, WCAG 2.4.7). */
    static void checkFocusVisible(List<String> problems) {
        Object r = js("""
                const e = document.activeElement;
                if (!e || e === document.body) return 'nothing focused';
                const b = e.getBoundingClientRect(), s = getComputedStyle(e);
                const onScreen = b.width > 0 && b.height > 0 && b.bottom > 0 && b.right > 0
                        && b.top < innerHeight && b.left < innerWidth && s.visibility !== 'hidden';
                const marked = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                return onScreen && marked ? '' : (e.id || e.tagName) + (onScreen ? ' has no focus outline'
                        : ' is off screen');""");
        if (r != null && !r.toString().isEmpty() && !r.toString().equals("nothing focused")) {
            problems.add(r.toString());
        }
    }

    static void open(String page) {
        browser.get(origin + "/" + page);
    }

    static WebElement el(String id) {
        return Await.result("#" + id + " on " + browser.getCurrentUrl(), PAGE, () -> {
            List<WebElement> found = browser.findElements(By.id(id));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    static boolean displayed(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    static String textOf(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    static String visibleText(String id) {
        return displayed(id) ? textOf(id).trim() : "";
    }

    /** Clicks into the field with the mouse and types. */
    static void type(WebElement field, String text) {
        field.click();
        field.sendKeys(text);
    }

    /** Keys to whatever has the focus, as a keyboard sends them. */
    static void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Shift held down over Tab (a chord in sendKeys would press and release Shift first). */
    static void shiftTab() {
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    static String activeId() {
        Object id = js("return document.activeElement ? document.activeElement.id : ''");
        return id == null ? "" : id.toString();
    }

    static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    static String lang() {
        return String.valueOf(js("return document.documentElement.lang"));
    }

    static String bodyText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    static long cyrillic(String s) {
        return s.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC).count();
    }

    static long latin(String s) {
        return s.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN).count();
    }

    /** A small synthetic PDF: one blank page. */
    static byte[] pdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setTitle("NSOZ synthetic test document");
            doc.save(out);
            return out.toByteArray();
        }
    }

    static String basic(String node, String user) throws IOException {
        return Federation.basic(node, user);
    }

    /** A demo user's call to the API; 2xx expected; the answer's JSON. */
    static JsonNode staff(String node, String user, String method, String path, String json) throws IOException {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(Federation.uri(node, path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", basic(node, user));
            if (json != null) {
                b.header("Content-Type", "application/json; charset=UTF-8")
                        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = Federation.http().send(b.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertTrue(r.statusCode() / 100 == 2, method + " " + path + " at " + node + " as " + user + ": "
                    + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static void awaitStatus(String node, String user, String id, String status) {
        Await.until(id + " is " + status + " at " + node, LINK, () -> {
            try {
                HttpResponse<String> r = Federation.http().send(HttpRequest.newBuilder(
                                Federation.uri(node, "/api/v1/appeals/" + id)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", basic(node, user)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return r.statusCode() == 200 && status.equals(JSON.readTree(r.body()).path("status")
                        .asText());
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
