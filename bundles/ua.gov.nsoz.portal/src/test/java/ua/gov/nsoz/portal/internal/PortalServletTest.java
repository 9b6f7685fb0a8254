package ua.gov.nsoz.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.portal.web.StaticSite;

/** The portal's servlet over the bundle's real files, with a request and a response faked by proxies. */
@DisplayName("The portal serves its files with the right types and security headers, and nothing else")
class PortalServletTest {

    static final Path ROOT = Path.of("src/main/resources/portal");
    static final Map<String, byte[]> FILES = files();
    static final StaticSite SERVLET = new StaticSite(FILES);
    static final List<String> PAGES = List.of("/index.html", "/submit.html", "/follow.html", "/reference.html",
            "/figures.html");

    static Map<String, byte[]> files() {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    m.put("/" + ROOT.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** What the servlet answered. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    static Answer call(String method, String path, Map<String, String> requestHeaders) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                PortalServletTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> path;      // an alias "/" is the default servlet: all in the servlet path
                    case "getPathInfo" -> null;
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    default -> null;
                });
        Map<String, String> headers = new HashMap<>();
        int[] status = {200};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                PortalServletTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setHeader" -> headers.put(((String) args[0]).toLowerCase(java.util.Locale.ROOT),
                                (String) args[1]);
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "setContentLength" -> headers.put("content-length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        SERVLET.service(request, response);
        return new Answer(status[0], headers, body.toByteArray());
    }

    static Answer get(String path) throws Exception {
        return call("GET", path, Map.of());
    }

    static void assertSecurityHeaders(Answer a) {
        assertEquals("max-age=31536000", a.header("Strict-Transport-Security"));
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                a.header("Content-Security-Policy"));
        assertEquals("nosniff", a.header("X-Content-Type-Options"));
        assertEquals("no-referrer", a.header("Referrer-Policy"));
        assertEquals("DENY", a.header("X-Frame-Options"));
    }

    @Test
    @DisplayName("Every page is 200 text/html; charset=utf-8 with the security headers, an ETag and no-cache; / is index.html")
    void pages() throws Exception {
        for (String page : PAGES) {
            Answer a = get(page);
            assertEquals(200, a.status(), page);
            assertEquals("text/html; charset=utf-8", a.header("Content-Type"), page);
            assertSecurityHeaders(a);
            assertTrue(a.header("ETag").matches("\"[0-9a-f]{32}\""), a.header("ETag"));
            assertEquals("no-cache", a.header("Cache-Control"));
            assertEquals(String.valueOf(FILES.get(page).length), a.header("Content-Length"));
            assertTrue(a.text().startsWith("<!DOCTYPE html>"), page);
        }
        Answer root = get("/");
        assertEquals(200, root.status());
        assertEquals(get("/index.html").text(), root.text());
    }

    @Test
    @DisplayName("Style sheets, scripts and the icon have their own Content-Type")
    void types() throws Exception {
        assertEquals("text/css; charset=utf-8", get("/css/portal.css").header("Content-Type"));
        for (String js : List.of("/js/portal.js", "/js/sha256.js", "/js/pow-worker.js", "/js/submit.js",
                "/js/follow.js", "/js/reference.js", "/js/figures.js")) {
            Answer a = get(js);
            assertEquals(200, a.status(), js);
            assertEquals("text/javascript; charset=utf-8", a.header("Content-Type"), js);
        }
        assertEquals("image/svg+xml", get("/favicon.svg").header("Content-Type"));
        assertEquals(null, StaticSite.type("/notes.md"));
        assertFalse(new StaticSite(Map.of("/notes.md", new byte[] {1})).paths().contains("/notes.md"),
                "a file of a type not listed is not served");
    }

    @Test
    @DisplayName("An unknown path is the HTML 404 page with the security headers; under /api a JSON 404")
    void notFound() throws Exception {
        Answer a = get("/no-such-page.html");
        assertEquals(404, a.status());
        assertEquals("text/html; charset=utf-8", a.header("Content-Type"));
        assertSecurityHeaders(a);
        assertTrue(a.text().contains("Сторінку не знайдено"), a.text());
        Answer api = get("/api/v2/nothing");
        assertEquals(404, api.status());
        assertEquals("application/json", api.header("Content-Type"));
        assertTrue(api.text().contains("/api/v1/openapi.json"), api.text());
        assertSecurityHeaders(api);
    }

    @Test
    @DisplayName("No path reaches anything but the portal's own files: traversal, encoded dots, the folder, class files")
    void noTraversal() throws Exception {
        for (String path : List.of("/../pom.xml", "/css/../../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml",
                "/portal/index.html", "/js/", "/css", "//etc/passwd", "/ua/gov/nsoz/portal/internal/Portal.class",
                "/META-INF/MANIFEST.MF", "/index.html/", "/INDEX.HTML", "\\..\\pom.xml", "/js/../../../etc/passwd")) {
            Answer a = get(path);
            assertEquals(404, a.status(), path);
            assertEquals(get("/no-such-page.html").text(), a.text(), path);
        }
    }

    @Test
    @DisplayName("HEAD has no body; another method is a 405 with Allow; a known ETag is a 304")
    void methodsAndRevalidation() throws Exception {
        Answer head = call("HEAD", "/submit.html", Map.of());
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(FILES.get("/submit.html").length), head.header("Content-Length"));
        for (String method : List.of("POST", "PUT", "DELETE")) {
            Answer a = call(method, "/submit.html", Map.of());
            assertEquals(405, a.status(), method);
            assertEquals("GET, HEAD", a.header("Allow"));
            assertSecurityHeaders(a);
        }
        String etag = get("/js/submit.js").header("ETag");
        Answer same = call("GET", "/js/submit.js", Map.of("If-None-Match", etag));
        assertEquals(304, same.status());
        assertEquals(0, same.body().length);
        assertSecurityHeaders(same);
        assertEquals(200, call("GET", "/js/submit.js", Map.of("If-None-Match", "\"other\"")).status());
    }

    /** The SVG namespace is a name, never fetched; any other absolute URL would load or link another host. */
    static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(https?:|[\"'(=]\\s*)//[a-z0-9-]+(\\.[a-z0-9-]+)+");

    @Test
    @DisplayName("No file names another host: no absolute URL (but the SVG namespace), no protocol-relative URL")
    void nothingFromAnotherHost() {
        FILES.forEach((path, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8).replace("http://www.w3.org/2000/svg", "");
            Matcher m = ABSOLUTE_URL.matcher(text);
            assertFalse(m.find(), () -> path + " names another host: " + m.group());
            assertFalse(text.contains("@import"), path);
        });
    }

    @Test
    @DisplayName("Pages keep to the CSP: no inline script, style element, style attribute or event handler attribute")
    void noInlineCode() {
        Pattern inlineScript = Pattern.compile("(?i)<script(?![^>]*\\ssrc=)[^>]*>");
        Pattern handler = Pattern.compile("(?i)<[^>]+\\son[a-z]+\\s*=");
        for (String path : FILES.keySet()) {
            if (!path.endsWith(".html")) {
                continue;
            }
            String html = new String(FILES.get(path), StandardCharsets.UTF_8);
            assertFalse(inlineScript.matcher(html).find(), path + ": inline script");
            assertFalse(html.toLowerCase().contains("<style"), path + ": style element");
            assertFalse(html.toLowerCase().contains(" style="), path + ": style attribute");
            assertFalse(handler.matcher(html).find(), path + ": event handler attribute");
            assertFalse(html.contains("javascript:"), path);
        }
    }

    @Test
    @DisplayName("Every page: lang uk, a skip link, landmarks, the language switch; every field has its label")
    void accessibleStructure() {
        Pattern field = Pattern.compile("<(input|select|textarea)\\b[^>]*\\sid=\"([^\"]+)\"[^>]*>");
        for (String path : FILES.keySet()) {
            if (!path.endsWith(".html")) {
                continue;
            }
            String html = new String(FILES.get(path), StandardCharsets.UTF_8);
            assertTrue(html.contains("<html lang=\"uk\">"), path);
            assertTrue(html.contains("class=\"skip-link\" href=\"#main\""), path);
            for (String landmark : List.of("<header", "<nav", "<main id=\"main\"", "<footer")) {
                assertTrue(html.contains(landmark), path + " lacks " + landmark);
            }
            assertTrue(html.contains("id=\"lang-switch\""), path);
            assertTrue(html.contains("<meta name=\"viewport\""), path);
            Matcher m = field.matcher(html);
            while (m.find()) {
                String id = m.group(2);
                boolean radio = m.group().contains("type=\"radio\"");
                assertTrue(radio || html.contains("<label for=\"" + id + "\""), path + ": no label for " + id);
            }
        }
    }

    @Test
    @DisplayName("The pages carry the ids of the shared contract (issue 15)")
    void contractIds() {
        Map<String, List<String>> ids = Map.of(
                "/submit.html", List.of("appeal-form", "kind", "fullName", "address", "email", "phone", "topic", "text",
                        "collective", "coSigners", "files", "consent", "submit", "errors", "receipt", "receipt-number",
                        "receipt-code"),
                "/follow.html", List.of("follow-form", "number", "code", "follow", "status", "status-text", "due-date",
                        "due-explanation", "answer-text", "answer-documents", "rating-form", "comment", "rate",
                        "rating-done"),
                "/reference.html", List.of("q", "ref-type", "search", "reference-results"),
                "/figures.html", List.of("figures"));
        ids.forEach((page, list) -> {
            String html = new String(FILES.get(page), StandardCharsets.UTF_8);
            for (String id : list) {
                assertTrue(html.contains("id=\"" + id + "\""), page + " lacks id " + id);
            }
        });
        String follow = new String(FILES.get("/follow.html"), StandardCharsets.UTF_8);
        for (int i = 1; i <= 5; i++) {
            assertTrue(follow.contains("name=\"rating\" value=\"" + i + "\""), "rating " + i);
        }
        assertTrue(new String(FILES.get("/submit.html"), StandardCharsets.UTF_8)
                .contains("id=\"errors\" class=\"errors\" role=\"alert\""));
        assertTrue(new String(FILES.get("/submit.html"), StandardCharsets.UTF_8)
                .contains("<button type=\"submit\" id=\"submit\""));
        assertNotNull(FILES.get("/404.html"));
    }
}
