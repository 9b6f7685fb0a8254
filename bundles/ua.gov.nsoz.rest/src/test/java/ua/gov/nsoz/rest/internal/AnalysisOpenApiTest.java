package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.access.Operation;

/**
 * The analysis endpoints (issue #14) are each in the OpenAPI document: the path and method, exactly the query
 * parameters the method takes, and public exactly where the method is {@link Operation#PUBLIC}.
 */
@DisplayName("REST: every analysis endpoint is in openapi.json with its parameters and its security")
class AnalysisOpenApiTest {

    static final List<Class<?>> RESOURCES = List.of(StatsResource.class, OpenDataResource.class,
            ReportsResource.class, AlertsResource.class, AppealResource.class);

    @Test
    void documented() throws IOException {
        JsonNode doc;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            doc = new ObjectMapper().readTree(in);
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : RESOURCES) {
            String base = type.getAnnotation(Path.class).value();
            for (Method m : type.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "get" : m.isAnnotationPresent(POST.class) ? "post"
                        : null;
                if (verb == null || type == AppealResource.class && !m.getName().equals("export")) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = base + (sub == null ? "" : sub.value());
                JsonNode op = doc.path("paths").path(path).path(verb);
                checked++;
                if (op.isMissingNode()) {
                    problems.add(verb.toUpperCase(Locale.ROOT) + " " + path + " is not documented");
                    continue;
                }
                Set<String> documented = new TreeSet<>();
                op.path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("query")) {
                        documented.add(p.path("name").asText());
                    }
                });
                Set<String> declared = KnownQueryParameters.declared(m);
                if (!documented.equals(declared)) {
                    problems.add(path + " " + verb + ": documented " + documented + ", takes " + declared);
                }
                boolean open = op.path("security").isArray() && op.path("security").isEmpty();
                boolean isPublic = m.getAnnotation(Allowed.class).value() == Operation.PUBLIC;
                if (open != isPublic) {
                    problems.add(path + " " + verb + ": public " + isPublic + " but documented security " + !open);
                }
                if (!op.path("summary").asText().contains(" / ")) {
                    problems.add(path + " " + verb + ": summary not bilingual");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(13, checked, "every analysis operation was checked");
    }
}
