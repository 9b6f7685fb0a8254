package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.SharedNode;

/**
 * The citizens' portal at the root of a real regional node over real HTTPS (issue 15): every page, the security
 * headers, nothing from another host, and the API and Open311 still answering beside it.
 */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PAGES = List.of("/", "/index.html", "/submit.html", "/follow.html", "/reference.html",
            "/figures.html");
    /** An absolute or protocol-relative URL; the SVG namespace (a name, never fetched) is taken out first. */
    static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(https?:|[\"'(=]\\s*)//[a-z0-9-]+(\\.[a-z0-9-]+)+");
    static final Pattern LOCAL_REF = Pattern.compile("(?:src|href)=\"(/[^\"?#]*)\"");

    private KarafNode node;

    @BeforeAll
    void connect(KarafNode node) {
        this.node = node;
    }

    private HttpResponse<String> browse(String path) throws IOException {
        return KarafNode.Http.send(HttpRequest.newBuilder(node.url(path)).GET().header("Accept", "text/html,*/*"));
    }

    /** @return the Content-Type, lower case without spaces (the server may write "a; b" or "a;b") */
    static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    }

    static void assertSecurityHeaders(String what, HttpResponse<String> r) {
        assertEquals("max-age=31536000", r.headers().firstValue("Strict-Transport-Security").orElse(""), what);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
                "form-action 'self'")) {
            assertTrue(csp.contains(directive), what + ": " + csp);
        }
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), what);
    }

    @Test
    @DisplayName("Every page is 200 text/html; charset=utf-8 in Ukrainian, with the security headers and its contract ids")
    void pages() throws IOException {
        for (String page : PAGES) {
            HttpResponse<String> r = browse(page);
            assertEquals(200, r.statusCode(), page);
            assertEquals("text/html;charset=utf-8", type(r), page);
            assertSecurityHeaders(page, r);
            assertTrue(r.body().contains("<html lang=\"uk\">"), page);
            assertTrue(r.body().contains("id=\"lang-switch\""), page);
        }
        assertTrue(browse("/submit.html").body().contains("id=\"appeal-form\""));
        assertTrue(browse("/follow.html").body().contains("id=\"follow-form\""));
        assertTrue(browse("/reference.html").body().contains("id=\"reference-results\""));
        assertTrue(browse("/figures.html").body().contains("id=\"figures\""));
    }

    @Test
    @DisplayName("An unknown path is the portal's HTML 404 page with the security headers; a POST to a page is a 405")
    void notFound() throws IOException {
        HttpResponse<String> r = browse("/no-such-page.html");
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertSecurityHeaders("404", r);
        assertTrue(r.body().contains("Сторінку не знайдено"), r.body());
        HttpResponse<String> traversal = browse("/js/../../etc/passwd");
        assertTrue(traversal.statusCode() == 404 || traversal.statusCode() == 400, "traversal: "
                + traversal.statusCode());
        assertFalse(traversal.body().contains("root:"), traversal.body());
        HttpResponse<String> post = KarafNode.Http.send(HttpRequest.newBuilder(node.url("/submit.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).header("Content-Type", "text/plain"));
        assertEquals(405, post.statusCode());
    }

    @Test
    @DisplayName("Every file the pages use is served with its type and the headers, and none names another host")
    void nothingFromAnotherHost() throws IOException {
        Set<String> files = new LinkedHashSet<>(PAGES);
        List<String> queue = new ArrayList<>(PAGES);
        while (!queue.isEmpty()) {
            String path = queue.remove(0);
            HttpResponse<String> r = browse(path);
            assertEquals(200, r.statusCode(), path);
            assertSecurityHeaders(path, r);
            String body = r.body();
            Matcher url = ABSOLUTE_URL.matcher(body.replace("http://www.w3.org/2000/svg", ""));
            assertFalse(url.find(), () -> path + " names another host: " + url.group());
            if (path.endsWith(".html") || path.equals("/")) {
                Matcher ref = LOCAL_REF.matcher(body);
                while (ref.find()) {
                    String p = ref.group(1);
                    if (!p.startsWith("/api/") && !p.equals("/") && files.add(p)) {
                        queue.add(p);
                    }
                }
            }
            if (path.endsWith(".css")) {
                assertEquals("text/css;charset=utf-8", type(r), path);
            } else if (path.endsWith(".js")) {
                assertEquals("text/javascript;charset=utf-8", type(r), path);
            }
        }
        for (String script : List.of("/js/sha256.js", "/js/pow-worker.js")) {   // loaded by a script, not a page
            HttpResponse<String> r = browse(script);
            assertEquals(200, r.statusCode(), script);
            assertFalse(ABSOLUTE_URL.matcher(r.body()).find(), script);
        }
        assertTrue(files.contains("/css/portal.css") && files.contains("/js/portal.js")
                && files.contains("/js/submit.js"), files.toString());
    }

    @Test
    @DisplayName("Beside the portal, /api/v1/node still answers JSON, an unknown API path its JSON 404, and Open311 is reached")
    void apiStillAnswers() throws IOException {
        HttpResponse<String> n = KarafNode.Http.getAnonymous(node.url("/api/v1/node"));
        assertEquals(200, n.statusCode(), n.body());
        assertTrue(n.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("lviv", JSON.readTree(n.body()).get("nodeId").asText());
        HttpResponse<String> unknown = KarafNode.Http.getAnonymous(node.url("/api/v1/nothing-here"));
        assertEquals(404, unknown.statusCode());
        JsonNode e = JSON.readTree(unknown.body());
        assertEquals(404, e.get("status").asInt());
        HttpResponse<String> open311 = KarafNode.Http.getAnonymous(node.url("/open311/v2/services.json"));
        assertFalse(open311.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                "Open311 must not be answered by the portal: " + open311.statusCode() + " " + open311.body());
    }
}
