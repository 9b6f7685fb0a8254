package ua.gov.nsoz.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Locale;
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

/** The workspace's files as the portal's StaticSite serves them at /staff, and what every page must keep to. */
class WorkspaceSiteTest {

    static final Path ROOT = Path.of("src/main/resources/workspace");
    static final Map<String, byte[]> FILES = files();
    static final StaticSite SITE = new StaticSite(Workspace.ALIAS, FILES);

    static Map<String, byte[]> files() {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            s.filter(Files::isRegularFile).forEach(p -> {
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

    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request as pax-web gives it for the alias /staff: the alias in the servlet path, the rest in the path info. */
    static Answer get(String servletPath, String pathInfo) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                WorkspaceSiteTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> "GET";
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
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
                WorkspaceSiteTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setHeader" -> headers.put(((String) args[0]).toLowerCase(Locale.ROOT), (String) args[1]);
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        SITE.service(request, response);
        return new Answer(status[0], headers, body.toByteArray());
    }

    static final List<String> PAGES = List.of("/index.html", "/operator.html", "/body.html", "/appeal.html");

    @Test
    @DisplayName("At /staff: /staff/ is the login page, /staff a redirect to it, every page and script with the portal's headers")
    void served() throws Exception {
        Answer root = get("/staff", "/");
        assertEquals(200, root.status());
        assertEquals(new String(FILES.get("/index.html"), StandardCharsets.UTF_8), root.text());
        assertEquals(StaticSite.CSP, root.header("Content-Security-Policy"));
        assertEquals("DENY", root.header("X-Frame-Options"));
        Answer bare = get("/staff", null);
        assertEquals(301, bare.status());
        assertEquals("/staff/", bare.header("Location"));
        for (String path : FILES.keySet()) {
            Answer a = get("/staff", path);
            assertEquals(200, a.status(), path);
            assertEquals(StaticSite.type(path), a.header("Content-Type"), path);
            assertEquals("nosniff", a.header("X-Content-Type-Options"), path);
        }
        for (String page : PAGES) {
            assertTrue(FILES.containsKey(page), page);
        }
    }

    @Test
    @DisplayName("Nothing but the workspace's files: traversal, the portal's pages, another alias are the 404 page")
    void notFound() throws Exception {
        for (String[] p : List.of(new String[] {"/staff", "/../index.html"}, new String[] {"/staff", "/submit.html"},
                new String[] {"/staff", "/workspace/index.html"}, new String[] {"/staffx", "/index.html"},
                new String[] {"/staff", "/js/"}, new String[] {"/staff", "/%2e%2e/pom.xml"})) {
            Answer a = get(p[0], p[1]);
            assertEquals(404, a.status(), p[0] + p[1]);
            assertTrue(a.text().contains("Сторінку не знайдено"), a.text());
            assertEquals(StaticSite.CSP, a.header("Content-Security-Policy"));
        }
    }

    static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(https?:|[\"'(=]\\s*)//[a-z0-9-]+(\\.[a-z0-9-]+)+");

    @Test
    @DisplayName("No file names another host; no page has inline script, style or handler (the CSP would refuse them)")
    void keepsToTheCsp() {
        Pattern inlineScript = Pattern.compile("(?i)<script(?![^>]*\\ssrc=)[^>]*>");
        Pattern handler = Pattern.compile("(?i)<[^>]+\\son[a-z]+\\s*=");
        FILES.forEach((path, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8).replace("http://www.w3.org/2000/svg", "");
            Matcher m = ABSOLUTE_URL.matcher(text);
            assertFalse(m.find(), () -> path + " names another host: " + m.group());
            if (path.endsWith(".html")) {
                assertFalse(inlineScript.matcher(text).find(), path + ": inline script");
                assertFalse(text.toLowerCase(Locale.ROOT).contains("<style"), path);
                assertFalse(text.toLowerCase(Locale.ROOT).contains(" style="), path);
                assertFalse(handler.matcher(text).find(), path + ": event handler attribute");
                assertFalse(text.contains("javascript:"), path);
            }
            if (path.endsWith(".js")) {
                assertFalse(text.contains(".innerHTML") && !text.contains("esc("),
                        path + " writes HTML and escapes nothing (Staff.esc)");
                assertFalse(text.contains("eval("), path);
                assertFalse(text.contains(".style."), path + ": a style set by script (CSP style-src)");
            }
        });
    }

    @Test
    @DisplayName("Every page: lang uk, skip link, header/nav/main, the language switch, staff.js, labels for every field")
    void accessibleStructure() {
        Pattern field = Pattern.compile("<(input|select|textarea)\\b[^>]*\\sid=\"([^\"]+)\"[^>]*>");
        for (String path : FILES.keySet()) {
            if (!path.endsWith(".html")) {
                continue;
            }
            String html = new String(FILES.get(path), StandardCharsets.UTF_8);
            assertTrue(html.contains("<html lang=\"uk\">"), path);
            assertTrue(html.contains("class=\"skip-link\" href=\"#main\""), path);
            for (String part : List.of("<header", "<nav id=\"staff-nav\"", "<main id=\"main\"", "id=\"lang-switch\"",
                    "<meta name=\"viewport\"", "/staff/js/staff.js", "/staff/css/staff.css")) {
                assertTrue(html.contains(part), path + " lacks " + part);
            }
            Matcher m = field.matcher(html);
            while (m.find()) {
                String id = m.group(2);
                boolean labelled = html.contains("<label for=\"" + id + "\"") || m.group().contains("aria-label");
                boolean radio = m.group().contains("type=\"radio\"") || m.group().contains("type=\"hidden\"");
                assertTrue(labelled || radio, path + ": no label for " + id);
            }
        }
    }

    @Test
    @DisplayName("staff.js exposes the contract's window.Staff functions")
    void staffContract() {
        String js = new String(FILES.get("/js/staff.js"), StandardCharsets.UTF_8);
        for (String name : List.of("api: api", "session: session", "require: require", "nav: nav", "announce: announce",
                "esc: esc", "lang: lang")) {
            assertTrue(js.contains(name), name);
        }
        assertTrue(js.contains("'X-CSRF-Token'"));
        assertTrue(js.contains("credentials: 'same-origin'"));
    }
}
