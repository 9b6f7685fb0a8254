package ua.gov.nsoz.open311.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Compares an answer with the shape of the spec's example (test resources {@code spec/}): the same element names and
 * nesting, and value types that fit.
 */
final class Shape {

    /** The spec's JSON examples write codes as numbers with leading zeros (not strict JSON): read them as it does. */
    static final JsonMapper SPEC_JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build();

    /**
     * Identifiers the spec's examples write as numbers; the node's are text (registration numbers like
     * {@code LV-2026-000123}, topic codes like {@code 002.01}), which the spec's definitions allow ("the unique ID").
     */
    static final Set<String> IDENTIFIERS = Set.of("service_request_id", "service_code", "address_id", "zipcode",
            "key", "token", "code");

    static final Set<String> DATETIMES = Set.of("requested_datetime", "updated_datetime", "expected_datetime");

    private Shape() {
    }

    static String resource(String name) {
        try (InputStream in = Shape.class.getResourceAsStream("/spec/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode specJson(String name) {
        try {
            return SPEC_JSON.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return new JsonMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code actual} has the shape of {@code spec}: a top array of objects if the spec's is one, each
     * object with exactly the spec's field names, each value of a fitting type, nested arrays likewise.
     */
    static void assertJsonShape(JsonNode spec, JsonNode actual, String where) {
        if (spec.isArray()) {
            assertTrue(actual.isArray(), where + ": expected an array, got " + actual);
            assertFalse(spec.isEmpty(), where + ": the fixture's array is empty");
            for (JsonNode a : actual) {
                assertJsonShape(spec.get(0), a, where + "[]");
            }
            return;
        }
        if (spec.isObject()) {
            assertTrue(actual.isObject(), where + ": expected an object, got " + actual);
            assertEquals(names(spec.fieldNames()), names(actual.fieldNames()), where + ": field names");
            spec.fields().forEachRemaining(e -> {
                String field = e.getKey();
                JsonNode s = e.getValue();
                JsonNode a = actual.get(field);
                if (s.isNull() || a.isNull()) {
                    if (!a.isNull() && DATETIMES.contains(field)) {
                        assertDatetime(a.asText(), where + "." + field);
                    }
                    return;
                }
                if (IDENTIFIERS.contains(field)) {
                    assertTrue(a.isTextual() || a.isNumber(), where + "." + field + ": an identifier, got " + a);
                } else if (s.isContainerNode()) {
                    assertJsonShape(s, a, where + "." + field);
                } else {
                    assertEquals(s.getNodeType(), a.getNodeType(), where + "." + field + ": type of " + a);
                }
                if (DATETIMES.contains(field)) {
                    assertDatetime(a.asText(), where + "." + field);
                }
            });
            return;
        }
        fail(where + ": the fixture's top is neither array nor object");
    }

    static void assertDatetime(String text, String where) {
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d([+-]\\d\\d:\\d\\d|Z)"),
                where + ": w3 datetime with offset, got " + text);
        OffsetDateTime.parse(text);
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> s = new LinkedHashSet<>();
        it.forEachRemaining(s::add);
        return s;
    }

    static Element xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Not well-formed XML: " + text, e);
        }
    }

    /**
     * Asserts the XML shape: same root name; each element's set of child element names equals the spec's for the
     * element at the same path (repeated children all checked against the spec's first of that name).
     */
    static void assertXmlShape(Element spec, Element actual, String where) {
        assertEquals(spec.getTagName(), actual.getTagName(), where + ": element name");
        List<Element> sc = children(spec);
        List<Element> ac = children(actual);
        if (sc.isEmpty()) {
            assertTrue(ac.isEmpty(), where + "/" + actual.getTagName() + ": expected text only");
            return;
        }
        Set<String> specNames = new LinkedHashSet<>();
        sc.forEach(e -> specNames.add(e.getTagName()));
        Set<String> actualNames = new LinkedHashSet<>();
        ac.forEach(e -> actualNames.add(e.getTagName()));
        boolean list = specNames.size() == 1 && sc.size() > 1;
        if (list) {
            assertTrue(actualNames.isEmpty() || actualNames.equals(specNames),
                    where + "/" + spec.getTagName() + ": list of " + specNames + ", got " + actualNames);
        } else {
            assertEquals(specNames, actualNames, where + "/" + spec.getTagName() + ": child elements");
        }
        for (Element a : ac) {
            Element s = sc.stream().filter(e -> e.getTagName().equals(a.getTagName())).findFirst().orElseThrow();
            assertXmlShape(s, a, where + "/" + spec.getTagName());
        }
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the text of the first descendant of that name, or null */
    static String text(Element root, String name) {
        var list = root.getElementsByTagName(name);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }
}
