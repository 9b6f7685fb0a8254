package ua.gov.nsoz.portal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.Bundle;

/**
 * Serves a site's files from memory at an HttpService alias: only the files it was given, so no request path can reach
 * anything else (no traversal, no directory listing). Every answer carries the security headers of NSOZ's web pages
 * ({@link #SECURITY_HEADERS}); a file has its Content-Type, an ETag (its SHA-256) and is revalidated on each use
 * ({@code Cache-Control: no-cache}, a 304 when unchanged). The alias's root ({@code /} or {@code /staff/}) is
 * {@code index.html}, and the alias without its slash ({@code /staff}) is redirected there; an unknown path is the
 * site's HTML page {@code 404.html} with status 404 (at the alias {@code /}, a JSON 404 under {@code /api}, whose
 * answers are JSON); a method other than GET or HEAD is a 405.
 */
public final class StaticSite extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The Content-Security-Policy: nothing from another host, no inline script or style, no framing. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** The headers of every answer. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=31536000",
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    /** The types served, by file extension; a file of another extension is not served. */
    public static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    static final String NOT_FOUND_PAGE = "/404.html";

    /** One file ready to send. */
    record File(byte[] bytes, String contentType, String etag) {
    }

    private final String alias;
    private final Map<String, File> files;

    /**
     * A site at the alias {@code /}.
     *
     * @param contents the files by their path below the alias ("/index.html", "/css/portal.css"); those of an
     *     extension not in {@link #TYPES} are left out
     */
    public StaticSite(Map<String, byte[]> contents) {
        this("/", contents);
    }

    /**
     * @param alias the HttpService alias it is registered at: "/" or "/name" (no trailing slash)
     * @param contents the files by their path below the alias ("/index.html", "/css/staff.css"); those of an
     *     extension not in {@link #TYPES} are left out
     */
    public StaticSite(String alias, Map<String, byte[]> contents) {
        if (!alias.equals("/") && (!alias.startsWith("/") || alias.endsWith("/"))) {
            throw new IllegalArgumentException("An alias is / or /name: " + alias);
        }
        this.alias = alias;
        Map<String, File> m = new TreeMap<>();
        contents.forEach((path, bytes) -> {
            String type = type(path);
            if (type != null && path.startsWith("/")) {
                m.put(path, new File(bytes.clone(), type, "\"" + sha256(bytes).substring(0, 32) + "\""));
            }
        });
        this.files = Map.copyOf(m);
    }

    /**
     * @param bundle the bundle holding the files
     * @param folder its folder of the site ("portal", "workspace"), read once, with its subfolders
     * @param alias the alias the site is to be registered at
     * @return the site of the folder's files
     */
    public static StaticSite of(Bundle bundle, String folder, String alias) {
        Map<String, byte[]> files = new HashMap<>();
        Enumeration<URL> entries = bundle.findEntries(folder, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (path.endsWith("/")) {
                continue;
            }
            files.put(path.substring(path.indexOf("/" + folder + "/") + folder.length() + 1), read(url));
        }
        return new StaticSite(alias, files);
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the paths served, below the alias */
    public Set<String> paths() {
        return files.keySet();
    }

    /** @return the alias */
    public String alias() {
        return alias;
    }

    /** @return the Content-Type of a path by its extension, null if not served */
    public static String type(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SECURITY_HEADERS.forEach(response::setHeader);
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        String full = path(request);
        if (!alias.equals("/") && full.equals(alias)) {
            response.setHeader("Location", alias + "/");
            send(response, 301, "text/plain; charset=utf-8", head, (alias + "/").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = alias.equals("/") ? full : full.startsWith(alias + "/") ? full.substring(alias.length()) : null;
        if (alias.equals("/") && (full.equals("/api") || full.startsWith("/api/"))) {
            send(response, 404, "application/json", head, ("{\"status\":404,\"error\":\"Not Found\",\"message\":"
                    + "\"Такого шляху немає; опис API — /api/v1/openapi.json / No such path; the API is described at "
                    + "/api/v1/openapi.json\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            send(response, 405, "text/plain; charset=utf-8", false,
                    "Метод не підтримується / Method not allowed: GET, HEAD".getBytes(StandardCharsets.UTF_8));
            return;
        }
        File file = path == null ? null : path.equals("/") ? files.get("/index.html") : files.get(path);
        if (file == null) {
            File page = files.get(NOT_FOUND_PAGE);
            byte[] body = page != null ? page.bytes()
                    : "Сторінку не знайдено / Page not found".getBytes(StandardCharsets.UTF_8);
            response.setHeader("Cache-Control", "no-store");
            send(response, 404, page != null ? page.contentType() : "text/plain; charset=utf-8", head, body);
            return;
        }
        response.setHeader("ETag", file.etag());
        response.setHeader("Cache-Control", "no-cache");
        String match = request.getHeader("If-None-Match");
        if (match != null && (match.contains(file.etag()) || match.trim().equals("*"))) {
            response.setStatus(304);
            return;
        }
        send(response, 200, file.contentType(), head, file.bytes());
    }

    private static void send(HttpServletResponse response, int status, String type, boolean head, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Content-Type", type);
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    /** @return the request's whole path as the container decoded it: servlet path and path info ("/" for the root) */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String p = servletPath + info;
        return p.isEmpty() ? "/" : p;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
