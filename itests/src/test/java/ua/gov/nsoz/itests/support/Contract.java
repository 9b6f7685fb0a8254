package ua.gov.nsoz.itests.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Checks every exchange with a node against the OpenAPI document the node itself serves, and keeps
 * which documented operations the tests exercised, so a test can demand that all of them were.
 */
public final class Contract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KarafNode node;
    private final OpenApiInteractionValidator validator;
    private final JsonNode document;
    private final Set<String> exercised = new ConcurrentSkipListSet<>();

    /**
     * @param node the node whose /api/v1/openapi.json is the contract
     * @throws IOException if the document cannot be fetched
     */
    public Contract(KarafNode node) throws IOException {
        this.node = node;
        HttpResponse<String> r = KarafNode.Http.get(node.url("/api/v1/openapi.json"));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("openapi.json answered " + r.statusCode());
        }
        this.document = JSON.readTree(r.body());
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(r.body()).build();
    }

    /** GET a path (with query) and check the exchange. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException {
        HttpResponse<String> r = KarafNode.Http.get(node.url(pathAndQuery));
        check(Request.Method.GET, pathAndQuery, null, null, r);
        return r;
    }

    /** POST JSON and check the exchange. */
    public HttpResponse<String> postJson(String path, String json) throws IOException {
        return post(path, "application/json", json);
    }

    /** POST any content type and check the exchange (the request itself is not validated: it may be bad on purpose). */
    public HttpResponse<String> post(String path, String contentType, String body) throws IOException {
        HttpResponse<String> r = KarafNode.Http.send(HttpRequest.newBuilder(node.url(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType)
                .header("Accept", "application/json"));
        check(Request.Method.POST, path, contentType, body, r);
        return r;
    }

    /** POST JSON with extra request headers (e.g. Idempotency-Key) and check the exchange; also the answer's headers. */
    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.url(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        headers.forEach(b::header);
        HttpResponse<String> r = KarafNode.Http.send(b);
        check(Request.Method.POST, path, "application/json", json, r);
        return r;
    }

    /** POST JSON as a user of the node's JAAS realm (HTTP Basic) and check the exchange. */
    public HttpResponse<String> postJsonAs(String user, String password, String path, String json) throws IOException {
        return sendAs(Request.Method.POST, user, password, path, json);
    }

    /** PUT JSON as a user of the node's JAAS realm (HTTP Basic) and check the exchange. */
    public HttpResponse<String> putJsonAs(String user, String password, String path, String json) throws IOException {
        return sendAs(Request.Method.PUT, user, password, path, json);
    }

    /** DELETE as a user of the node's JAAS realm (HTTP Basic) and check the exchange. */
    public HttpResponse<String> deleteAs(String user, String password, String path) throws IOException {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = KarafNode.Http.send(HttpRequest.newBuilder(node.url(path)).DELETE()
                .header("Accept", "application/json").header("Authorization", "Basic " + token));
        check(Request.Method.DELETE, path, null, null, r);
        return r;
    }

    private HttpResponse<String> sendAs(Request.Method method, String user, String password, String path, String json)
            throws IOException {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = KarafNode.Http.send(HttpRequest.newBuilder(node.url(path))
                .method(method.name(), HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Basic " + token));
        check(method, path, "application/json", json, r);
        return r;
    }

    private void check(Request.Method method, String pathAndQuery, String contentType, String body,
            HttpResponse<String> r) {
        URI uri = URI.create(pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        if (contentType != null) {
            request.withContentType(contentType);
            request.withBody(body);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
        r.headers().firstValue("Content-Type").ifPresent(response::withContentType);
        r.headers().firstValue("Location").ifPresent(v -> response.withHeader("Location", v));
        ValidationReport report = validator.validateResponse(uri.getPath(), method, response.build());
        assertFalse(report.hasErrors(), () -> method + " " + pathAndQuery + " -> " + r.statusCode()
                + " does not match the OpenAPI document: " + report.getMessages() + "\nbody: " + r.body());
        String operation = operationOf(method, uri.getPath());
        if (operation != null) {
            exercised.add(operation + " " + r.statusCode());
            exercised.add(operation);
        }
    }

    /**
     * Asserts that the document itself accepts a request body, so a 400 for it would be the
     * implementation's fault, not the client's.
     */
    public void assertDocumentAccepts(String path, String json) {
        ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post(path)
                .withContentType("application/json").withBody(json).build());
        assertFalse(report.hasErrors(), () -> "The OpenAPI document rejects " + json + ": " + report.getMessages());
    }

    /** @return "METHOD /template" of the documented operation matching a concrete path, or null */
    private String operationOf(Request.Method method, String path) {
        String local = path.startsWith("/api/v1") ? path.substring("/api/v1".length()) : path;
        // A literal path (/appeals/overdue) wins over a template that also matches (/appeals/{id}), as in JAX-RS.
        String best = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String regex = e.getKey().replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\.");
            if (local.matches(regex) && e.getValue().has(method.name().toLowerCase())
                    && (best == null || templates(e.getKey()) < templates(best))) {
                best = e.getKey();
            }
        }
        return best == null ? null : method.name() + " " + best;
    }

    private static long templates(String path) {
        return path.chars().filter(c -> c == '{').count();
    }

    /** @return every "METHOD /template" the document declares */
    public Set<String> documentedOperations() {
        Set<String> all = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(e -> e.getValue().fieldNames().forEachRemaining(
                m -> all.add(m.toUpperCase() + " " + e.getKey())));
        return all;
    }

    /** @return the operations (and "operation status" pairs) exercised so far */
    public Set<String> exercised() {
        return new TreeSet<>(exercised);
    }
}
