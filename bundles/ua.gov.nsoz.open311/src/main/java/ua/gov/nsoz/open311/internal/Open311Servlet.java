package ua.gov.nsoz.open311.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.open311.internal.GeoReport.Answer;
import ua.gov.nsoz.open311.internal.GeoReport.Call;
import ua.gov.nsoz.open311.internal.Wire.Format;

/**
 * HTTP for {@link GeoReport} at {@code /open311}: reads the path, the query and the form (UTF-8, at most
 * {@value #MAX_FORM_BYTES} bytes), the Idempotency-Key header and the client's address, and writes the answer in the
 * format the extension asked for, with {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}.
 */
final class Open311Servlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_FORM_BYTES = 64 * 1024;
    private static final int MAX_USER_AGENT = 120;
    private static final int MAX_IDEMPOTENCY_KEY = 100;

    private final transient GeoReport report;

    Open311Servlet(GeoReport report) {
        this.report = report;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Answer answer;
        if (request.getContentLengthLong() > MAX_FORM_BYTES) {
            answer = GeoReport.error(413, format(path), "Запит завеликий: не більше " + MAX_FORM_BYTES / 1024
                    + " КіБ / Request too large: at most " + MAX_FORM_BYTES / 1024 + " KiB");
        } else {
            request.setCharacterEncoding("UTF-8");
            Map<String, List<String>> params = new LinkedHashMap<>();
            request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
            String key = request.getHeader("Idempotency-Key");
            if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
                key = null;
            }
            answer = report.handle(new Call(request.getMethod(), path, params, request.getContentType(), key,
                    new Origin(request.getRemoteAddr(), shorten(request.getHeader("User-Agent")),
                            Origin.Via.OPEN311)));
        }
        byte[] body = Wire.write(answer.doc(), answer.format());
        response.setStatus(answer.status());
        response.setContentType(answer.format().contentType());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        answer.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** @return the format the path's extension names, XML (the spec's required one) if none */
    static Format format(String path) {
        int dot = path.lastIndexOf('.');
        Format f = dot < 0 ? null : Format.of(path.substring(dot + 1));
        return f == null ? Format.XML : f;
    }

    private static String shorten(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT);
    }
}
