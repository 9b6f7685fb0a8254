package ua.gov.nsoz.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;

/**
 * The reference data (R17) and its checks: the shipped files load and hang together, and a broken file
 * is refused with a message that names the file and the entry. Fixtures are in
 * {@code src/test/resources/fixtures}: {@code valid/} holds four small good files, and each other folder
 * replaces one or two of them with a broken version.
 */
@DisplayName("JsonReferenceData: reference data files, loaded and checked")
class JsonReferenceDataTest {

    /** The fixture folder {@code name}, falling back to {@code valid/} for the files it does not replace. */
    static JsonReferenceData.Source fixture(String name) {
        return file -> {
            InputStream in = JsonReferenceDataTest.class.getResourceAsStream("/fixtures/" + name + "/" + file);
            return in != null ? in : JsonReferenceDataTest.class.getResourceAsStream("/fixtures/valid/" + file);
        };
    }

    static IllegalArgumentException refused(String fixture) {
        return assertThrows(IllegalArgumentException.class, () -> JsonReferenceData.load(fixture(fixture)));
    }

    @Nested
    @DisplayName("R17: the files shipped in the bundle")
    class Shipped {

        final ReferenceData data = new JsonReferenceData();

        @Test
        @DisplayName("R17: the shipped files load, all four with one version")
        void load() {
            assertEquals("2026.1", data.version());
            assertTrue(data.bodies().size() >= 15, () -> "bodies: " + data.bodies().size());
            assertTrue(data.topics().size() >= 20, () -> "topics: " + data.topics().size());
            assertTrue(data.categories().size() >= 10, () -> "categories: " + data.categories().size());
            assertTrue(data.rules().size() >= 10, () -> "rules: " + data.rules().size());
        }

        @Test
        @DisplayName("Reg. 6.2: exactly one Cabinet Secretariat, national")
        void secretariat() {
            List<Body> secretariats = data.bodies().stream().filter(b -> b.kind() == BodyKind.CABINET_SECRETARIAT)
                    .toList();
            assertEquals(1, secretariats.size());
            assertEquals("CMU-SEC", secretariats.get(0).code());
            assertNull(secretariats.get(0).region());
        }

        @ParameterizedTest(name = "{0}: {1}, region {2}, parent {3}")
        @CsvSource(nullValues = "-", value = {
                "MINSOC,           CENTRAL_BODY,            -,     -",
                "MOZ,              CENTRAL_BODY,            -,     -",
                "MON,              CENTRAL_BODY,            -,     -",
                "MINREG,           CENTRAL_BODY,            -,     -",
                "MVS,              CENTRAL_BODY,            -,     -",
                "MINFIN,           CENTRAL_BODY,            -,     -",
                "PFU,              CENTRAL_BODY,            -,     MINSOC",
                "DPS,              CENTRAL_BODY,            -,     MINFIN",
                "KMDA,             REGIONAL_ADMINISTRATION, UA-30, -",
                "LODA,             REGIONAL_ADMINISTRATION, UA-46, -",
                "RDA-46-LVIV,      DISTRICT_ADMINISTRATION, UA-46, LODA",
                "RDA-46-DROHOBYCH, DISTRICT_ADMINISTRATION, UA-46, LODA",
                "RDA-46-STRYI,     DISTRICT_ADMINISTRATION, UA-46, LODA"})
        @DisplayName("R3: the bodies appeals are routed to, national and of Kyiv city and Lviv oblast")
        void bodies(String code, BodyKind kind, String region, String parent) {
            Body b = data.body(code).orElseThrow();
            assertEquals(kind, b.kind());
            assertEquals(region, b.region());
            assertEquals(parent, b.parentCode());
            assertFalse(b.nameUk().isBlank());
            assertFalse(b.nameEn().isBlank());
        }

        @Test
        @DisplayName("R17: every contact is a placeholder: example.gov.ua e-mail, +380 phone")
        void placeholderContacts() {
            for (Body b : data.bodies()) {
                assertTrue(b.email().endsWith(".example.gov.ua"), b.code() + ": " + b.email());
                assertTrue(b.phone().startsWith("+380 "), b.code() + ": " + b.phone());
                assertTrue(b.address() != null && !b.address().isBlank(), b.code());
            }
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(nullValues = "-", value = {
                "006,    Соціальний захист,     -",
                "006.01, Пенсійне забезпечення, 006",
                "008,    Охорона здоров'я,      -",
                "009.02, Теплопостачання,       009",
                "015,    'Освіта, наукова, науково-технічна, інноваційна діяльність та інтелектуальна власність', -"})
        @DisplayName("CMU resolution No. 858: topics of the classifier, headings and sub-topics")
        void topics(String code, String nameUk, String parent) {
            Topic t = data.topic(code).orElseThrow();
            assertEquals(nameUk, t.nameUk());
            assertEquals(parent, t.parentCode());
        }

        @ParameterizedTest(name = "{0}: priority {1}")
        @CsvSource({
                "7.1,            true",
                "7.3,            true",
                "7.4,            true",
                "7.5,            true",
                "7.13,           true",
                "7.14,           true",
                "7.15,           true",
                "7.2,            false",
                "NSOZ-PENSIONER, false",
                "NSOZ-IDP,       false"})
        @DisplayName("Art. 15, 22: applicant categories and which of them are considered with priority")
        void categories(String code, boolean priority) {
            Map<String, ApplicantCategory> byCode = data.categories().stream()
                    .collect(Collectors.toMap(ApplicantCategory::code, Function.identity()));
            assertEquals(priority, byCode.get(code).priority(), code);
        }

        @Test
        @DisplayName("R3: data rules come in ascending order and point at known bodies and topics")
        void rules() {
            int previous = Integer.MIN_VALUE;
            for (RoutingRule r : data.rules()) {
                assertTrue(r.order() > previous, r.id());
                previous = r.order();
                assertTrue(data.body(r.bodyCode()).isPresent(), r.id());
                assertTrue(r.topicCode() == null || data.topic(r.topicCode()).isPresent(), r.id());
            }
        }

        @Test
        @DisplayName("R17: the lists are read-only")
        void immutable() {
            assertThrows(UnsupportedOperationException.class, () -> data.bodies().clear());
            assertThrows(UnsupportedOperationException.class, () -> data.topics().clear());
            assertThrows(UnsupportedOperationException.class, () -> data.categories().clear());
            assertThrows(UnsupportedOperationException.class, () -> data.rules().clear());
            assertTrue(data.body(null).isEmpty());
            assertTrue(data.topic("no such topic").isEmpty());
        }
    }

    @Test
    @DisplayName("R17: the small valid fixture loads; rules are sorted by order, not by file position")
    void validFixture() {
        JsonReferenceData data = JsonReferenceData.load(fixture("valid"));
        assertEquals("test-1", data.version());
        assertEquals(List.of("SOCIAL-46", "HEALTH"), data.rules().stream().map(RoutingRule::id).toList());
        assertEquals("test@moz.example.gov.ua", data.body("MOZ").orElseThrow().email());
        assertNull(data.body("MOZ").orElseThrow().phone());
    }

    @Test
    @DisplayName("R17: files of different versions: the version names each file's")
    void mixedVersions() {
        JsonReferenceData data = JsonReferenceData.load(file -> {
            InputStream in = JsonReferenceDataTest.class.getResourceAsStream("/fixtures/valid/" + file);
            if (!file.equals(JsonReferenceData.RULES)) {
                return in;
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"test-1\"", "\"test-2\"");
            return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        assertEquals("bodies.json=test-1;topics.json=test-1;categories.json=test-1;rules.json=test-2;"
                + "entries.json=test-1", data.version());
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("a topic's parent code must exist", "bad-parent-topic",
                        List.of("topics.json, topics[1] '006.01'", "parentCode '999' is not a topic")),
                arguments("a body's parent code must exist", "bad-parent-body",
                        List.of("bodies.json, bodies[3] 'RDA-46-STRYI'", "parentCode 'LVOA' is not a body")),
                arguments("topic parents must not loop", "topic-cycle",
                        List.of("topics.json, topics[0] '006'", "the parent chain loops back")),
                arguments("body codes are unique", "duplicate-body-code",
                        List.of("bodies.json, bodies[2] 'MOZ'", "duplicate code 'MOZ' (first: bodies.json, bodies[1] 'MOZ')")),
                arguments("topic names are unique, as the router recognises topics by name", "duplicate-topic-name",
                        List.of("topics.json, topics[1] '006.01'", "duplicate Ukrainian name")),
                arguments("a rule must point at a known body", "rule-unknown-body",
                        List.of("rules.json, rules[0] 'HEALTH'", "bodyCode 'NOPE' is not a body in bodies.json")),
                arguments("a rule must point at a known topic", "rule-unknown-topic",
                        List.of("rules.json, rules[0] 'HEALTH'", "topicCode '099' is not a topic in topics.json")),
                arguments("a region looks like UA-NN", "rule-bad-region",
                        List.of("rules.json, rules[0] 'SOCIAL-46'", "region 'UA-4' must be an ISO 3166-2:UA code like UA-NN")),
                arguments("a region is one of Ukraine's 27", "rule-region-not-iso",
                        List.of("rules.json, rules[0] 'SOCIAL-46'", "region 'UA-99' is not an ISO 3166-2:UA code")),
                arguments("a misspelt field is refused, not ignored (it would widen the rule)", "rule-unknown-field",
                        List.of("rules.json, rules[0] 'SOCIAL-46'", "unknown field 'regoin'")),
                arguments("rule orders are unique", "rule-duplicate-order",
                        List.of("rules.json, rules[1] 'HEALTH'", "duplicate order '10'")),
                arguments("Reg. 6.2 needs the Cabinet Secretariat among the bodies", "no-secretariat",
                        List.of("bodies.json", "exactly one body of kind CABINET_SECRETARIAT is required (Reg. 6.2), found 0")),
                arguments("a national body has no region, a regional one must have one", "body-kind-region",
                        List.of("bodies.json, bodies[1] 'MOZ'", "a national body of kind CENTRAL_BODY has no region",
                                "bodies.json, bodies[2] 'LODA'", "a body of kind REGIONAL_ADMINISTRATION must name its region")),
                arguments("a body's kind is one of BodyKind", "body-unknown-kind",
                        List.of("bodies.json, bodies[1] 'MOZ'", "unknown kind 'MINISTRY'")),
                arguments("every file has a version", "missing-version",
                        List.of("categories.json", "field 'version' (a string) is required")),
                arguments("priority is true or false", "category-priority-text",
                        List.of("categories.json, categories[0] '7.5'", "field 'priority' must be true or false")),
                arguments("a file that is not JSON is named with line and column", "not-json",
                        List.of("bodies.json (4:", "not valid JSON")),
                arguments("a key written twice in one entry is refused", "duplicate-key",
                        List.of("topics.json", "not valid JSON", "Duplicate field 'code'")),
                arguments("a blank or missing name is refused", "blank-name",
                        List.of("topics.json, topics[0] '006'", "field 'nameUk' is blank",
                                "topics.json, topics[1] '008'", "field 'nameUk' is required")),
                arguments("every problem is reported at once", "many-problems",
                        List.of("problems: 5", "topicCode '099'", "bodyCode 'NOPE'", "duplicate id 'A'",
                                "region 'Lviv'", "rules.json, rules[1] 'A': field 'reasonEn' is required")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    @DisplayName("R17: broken data is refused with a message naming file and entry")
    void refusedNamingFileAndEntry(String label, String fixture, List<String> fragments) {
        String message = refused(fixture).getMessage();
        assertTrue(message.startsWith("Довідкові дані не пройшли перевірку"), message);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "missing '" + f + "' in:\n" + message);
        }
        // Each problem line is "Ukrainian / English".
        for (String line : message.split("\n")) {
            assertTrue(line.contains(" / "), line);
        }
    }

    @Test
    @DisplayName("R17: a missing file is named")
    void missingFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReferenceData.load(file ->
                file.equals(JsonReferenceData.CATEGORIES) ? null : fixture("valid").open(file)));
        assertTrue(e.getMessage().contains("categories.json: файл відсутній / categories.json: file missing"),
                e.getMessage());
    }

    @Test
    @DisplayName("R17: a broken bodies file does not also flag every rule as pointing at an unknown body")
    void noCascade() {
        String message = refused("not-json").getMessage();
        assertFalse(message.contains("is not a body"), message);
    }
}
