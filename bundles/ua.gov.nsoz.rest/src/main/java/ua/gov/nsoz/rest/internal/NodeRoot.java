package ua.gov.nsoz.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's root and every path outside {@code /api}: instead of the web server's HTML 404, a short bilingual JSON
 * answer that says where the API is and where it is described ({@code GET /} is 200, any other path 404, in the form
 * of every error of the API). Registered with the HttpService at the alias {@code /}, which serves what no longer
 * alias (CXF's {@code /api}) does.
 */
@Component(immediate = true)
public class NodeRoot {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRoot.class);
    static final String ALIAS = "/";

    private final HttpService http;

    /**
     * @param http the node's HttpService (pax-web)
     * @throws Exception if the alias cannot be registered
     */
    @Activate
    public NodeRoot(@Reference HttpService http) throws Exception {
        this.http = http;
        http.registerServlet(ALIAS, new RootServlet(), null, null);
        LOG.info("The node's root answers with a pointer to {}", ErrorMappers.OPENAPI);
    }

    @Deactivate
    void stop() {
        try {
            http.unregister(ALIAS);
        } catch (IllegalArgumentException e) {
            LOG.debug("The root alias was not registered any more", e);
        }
    }

    /** What the root says: the index at {@code /}, a JSON 404 elsewhere. */
    static final class RootServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo() == null ? request.getServletPath() : request.getPathInfo();
            Answer a = answer(request.getMethod(), path);
            response.setStatus(a.status());
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            if (a.allow() != null) {
                response.setHeader("Allow", a.allow());
            }
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(a.json().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * @param status the HTTP status
     * @param json the body
     * @param allow the Allow header of a 405, else null
     */
    record Answer(int status, String json, String allow) {
    }

    /**
     * @param method the request's method
     * @param path the path below the node's root ({@code /} or empty for the root itself)
     * @return what to answer
     */
    static Answer answer(String method, String path) {
        String api = ErrorMappers.OPENAPI;
        boolean root = path == null || path.isEmpty() || path.equals("/");
        if (root && ("GET".equals(method) || "HEAD".equals(method))) {
            return new Answer(200, "{\"name\":\"NSOZ\",\"message\":\"Національна система опрацювання звернень; API "
                    + "описано в " + api + " / National system for processing citizens' appeals; the API is described at "
                    + api + "\",\"api\":\"/api/v1\",\"openapi\":\"" + api + "\"}", null);
        }
        if (root) {
            return new Answer(405, "{\"status\":405,\"error\":\"Method Not Allowed\",\"message\":\"Метод не підтримується; "
                    + "тут лише GET / Method not allowed; only GET here\"}", "GET, HEAD");
        }
        return new Answer(404, "{\"status\":404,\"error\":\"Not Found\",\"message\":\"Такого шляху немає; API — за "
                + "адресою /api/v1, опис — " + api + " / No such path; the API is at /api/v1, described at " + api
                + "\"}", null);
    }
}
