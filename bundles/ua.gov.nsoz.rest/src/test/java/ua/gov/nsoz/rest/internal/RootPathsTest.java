package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.ws.rs.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.rest.RestResource;

/**
 * CXF 3.6 takes two root resources with the same {@code @Path} as one and silently drops one of them (its
 * ClassResourceInfoComparator), so an endpoint would vanish without an error: every root path here is unique.
 */
class RootPathsTest {

    @Test
    @DisplayName("No two REST resources of the bundle share a root @Path (CXF would drop one in silence)")
    void rootPathsAreUnique() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(RestServer.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("ua/gov/nsoz/rest/internal");
        List<String> names = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(classes)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class")).forEach(names::add);
        }
        Map<String, List<String>> byPath = new TreeMap<>();
        int resources = 0;
        for (String file : names) {
            Class<?> c = Class.forName("ua.gov.nsoz.rest.internal." + file.substring(0, file.length() - 6), false,
                    RestServer.class.getClassLoader());
            Path root = c.getAnnotation(Path.class);
            if (root != null && RestResource.class.isAssignableFrom(c)) {
                resources++;
                byPath.computeIfAbsent(normalized(root.value()), k -> new ArrayList<>()).add(c.getName());
            }
        }
        assertTrue(resources >= 10, "found the resources: " + byPath);
        byPath.forEach((path, owners) -> assertEquals(1, owners.size(), "root path " + path + " of " + owners));
    }

    private static String normalized(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }
}
