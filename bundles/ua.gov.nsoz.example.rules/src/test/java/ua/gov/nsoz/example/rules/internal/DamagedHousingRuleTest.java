package ua.gov.nsoz.example.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.spi.CompetenceRule.Decision;
import ua.gov.nsoz.reference.internal.JsonReferenceData;

/**
 * The example rule on the reference data the system ships: what matches, what does not, and that the
 * configuration changes it. No OSGi container is needed: a DS component is a plain object.
 */
@DisplayName("DamagedHousingRule: damaged housing goes to the regional administration")
class DamagedHousingRuleTest {

    /** The shipped dataset: LODA serves UA-46, KMDA serves UA-30, topic 010.02 is damaged housing. */
    static final ReferenceData DATA = new JsonReferenceData();
    static final Instant T = Instant.parse("2026-03-16T08:00:00Z");

    static Appeal appeal(String text, String topic, String region) {
        return new Appeal("0190f0c2-0000-7000-8000-000000000001", "LV-2026-000001", "lviv", region,
                AppealKind.APPLICATION, Channel.WEB, new Applicant(ApplicantType.CITIZEN, "Петренко Олена", "Львів",
                        "test@example.org", null), text, topic, null, false, null, false, null, List.of(), null,
                AppealStatus.REGISTERED, 1, T, T, T);
    }

    /**
     * The configuration as DS would pass it: the annotation's defaults, with some values replaced.
     *
     * @param values property name (the method's name) to value
     */
    static DamagedHousingConfig config(Map<String, Object> values) {
        return (DamagedHousingConfig) Proxy.newProxyInstance(DamagedHousingConfig.class.getClassLoader(),
                new Class<?>[] {DamagedHousingConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> DamagedHousingConfig.class;
                    case "toString" -> "config" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    static DamagedHousingRule rule(Map<String, Object> values) {
        return new DamagedHousingRule(DATA, config(values), Map.of("service.ranking", 100));
    }

    static DamagedHousingRule rule() {
        return rule(Map.of());
    }

    static String body(Optional<Decision> d) {
        return d.map(Decision::bodyCode).orElse(null);
    }

    @Nested
    @DisplayName("matches")
    class Matches {

        @Test
        @DisplayName("topic 010.02 by code: the regional administration of the appeal's region")
        void topicCode() {
            Optional<Decision> d = rule().route(appeal("Прошу допомогти", "010.02", "UA-46"));
            assertEquals("LODA", body(d));
            String reason = d.orElseThrow().reason();
            assertTrue(reason.contains("тема 010.02 «Відновлення пошкодженого житла»"), reason);
            assertTrue(reason.contains(" / ") && reason.contains("topic 010.02 'Restoration of damaged housing'"),
                    reason);
        }

        @Test
        @DisplayName("topic 010.02 by its Ukrainian name, however it is capitalised and spaced")
        void topicName() {
            assertEquals("KMDA", body(rule().route(appeal("Прошу допомогти", "  відновлення  ПОШКОДЖЕНОГО житла ",
                    "UA-30"))));
        }

        @Test
        @DisplayName("a sub-topic of a configured heading")
        void subTopic() {
            DamagedHousingRule r = rule(Map.of("topicCodes", new String[] {"010"}));
            assertEquals("LODA", body(r.route(appeal("Прошу поставити на квартирний облік", "010.01", "UA-46"))));
        }

        @ParameterizedTest(name = "{0}")
        @DisplayName("a damage word and a housing word in the text")
        @ValueSource(strings = {"Внаслідок обстрілу пошкоджено мій будинок", "Зруйновано житловий будинок на вул. "
                + "Прикладній", "У квартирі знищено вікна та двері", "ПОШКОДЖЕННЯ ЖИТЛА після вибуху"})
        void words(String text) {
            assertEquals("LODA", body(rule().route(appeal(text, null, "UA-46"))));
        }

        @Test
        @DisplayName("the words in a topic typed as free text")
        void freeTextTopic() {
            assertEquals("KMDA", body(rule().route(appeal("Прошу компенсацію", "Пошкоджене житло", "UA-30"))));
        }

        @Test
        @DisplayName("the reason names the configured stems and the body, never the appeal's own words")
        void reasonWithoutPersonalData() {
            String reason = rule().route(appeal("Петренко Олена: пошкоджено будинок №7", null, "UA-46"))
                    .orElseThrow().reason();
            assertTrue(reason.startsWith("пошкоджене або зруйноване житло (у тексті є «пошкод…», «будин…»): "
                    + "розглядає Львівська обласна державна адміністрація, регіон UA-46 / "), reason);
            assertTrue(reason.endsWith("handled by the Lviv Regional State Administration, region UA-46"), reason);
            assertFalse(reason.contains("Петренко") || reason.contains("№7"), reason);
        }
    }

    @Nested
    @DisplayName("does not apply")
    class DoesNotApply {

        @ParameterizedTest(name = "«{0}»")
        @DisplayName("only one of the two words, or neither")
        @ValueSource(strings = {"Пошкоджено дорогу біля школи", "Прошу поставити на квартирний облік",
                "Не вивезено сміття", ""})
        void oneWordIsNotEnough(String text) {
            assertTrue(rule().route(appeal(text, null, "UA-46")).isEmpty());
        }

        @Test
        @DisplayName("another housing topic (010.01 housing waiting list)")
        void otherHousingTopic() {
            assertTrue(rule().route(appeal("Прошу надати житло", "010.01", "UA-46")).isEmpty());
        }

        @Test
        @DisplayName("no text and no topic")
        void nothing() {
            assertTrue(rule().route(appeal(null, null, "UA-46")).isEmpty());
        }

        @Test
        @DisplayName("an appeal of the center, which has no region")
        void noRegion() {
            assertTrue(rule().route(appeal("Пошкоджено будинок", "010.02", null)).isEmpty());
            assertTrue(rule().route(appeal("Пошкоджено будинок", "010.02", " ")).isEmpty());
        }

        @Test
        @DisplayName("a region without a body of the target kind in the reference data")
        void regionWithoutBody() {
            assertTrue(rule().route(appeal("Пошкоджено будинок", "010.02", "UA-12")).isEmpty());
        }

        @Test
        @DisplayName("a target kind the region has several of (three district administrations in UA-46)")
        void ambiguousBody() {
            DamagedHousingRule r = rule(Map.of("targetKind", BodyKind.DISTRICT_ADMINISTRATION));
            assertTrue(r.route(appeal("Пошкоджено будинок", "010.02", "UA-46")).isEmpty());
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        @DisplayName("the defaults: three damage stems, three housing stems, topic 010.02, regional administration")
        void defaults() {
            DamagedHousingRule.Settings s = rule().settings();
            assertEquals(List.of("руйн", "пошкод", "знищ"), s.damageWords());
            assertEquals(List.of("житл", "будин", "квартир"), s.housingWords());
            assertEquals(java.util.Set.of("010.02"), s.topicCodes());
            assertEquals(BodyKind.REGIONAL_ADMINISTRATION, s.kind());
        }

        @Test
        @DisplayName("every default topic code and the regional administrations exist in the shipped data")
        void defaultsFitTheDataset() {
            for (String code : rule().settings().topicCodes()) {
                assertTrue(DATA.topic(code).isPresent(), code);
            }
            assertEquals("LODA", body(rule().route(appeal("", "010.02", "UA-46"))));
            assertEquals("KMDA", body(rule().route(appeal("", "010.02", "UA-30"))));
        }

        @Test
        @DisplayName("a .cfg value 'a, b' is a list of two words, in lower case")
        void commaSeparated() {
            DamagedHousingRule r = rule(Map.of("damageWords", new String[] {" Аварійн, тріщин ,"}));
            assertEquals(List.of("аварійн", "тріщин"), r.settings().damageWords());
            assertEquals("LODA", body(r.route(appeal("Тріщини у стінах будинку", null, "UA-46"))));
            assertTrue(r.route(appeal("Пошкоджено будинок", null, "UA-46")).isEmpty());
        }

        @Test
        @DisplayName("@Modified: a new configuration applies to the next appeal")
        void modified() {
            DamagedHousingRule r = rule();
            Appeal a = appeal("Пошкоджено будинок", null, "UA-46");
            assertEquals("LODA", body(r.route(a)));
            Map<String, Object> changed = new HashMap<>();
            changed.put("housingWords", new String[] {"гуртожит"});
            r.modified(config(changed), Map.of("service.ranking", 200));
            assertTrue(r.route(a).isEmpty());
            assertEquals("LODA", body(r.route(appeal("Пошкоджено гуртожиток", null, "UA-46"))));
        }

        @Test
        @DisplayName("a service.ranking typed as a string (an untyped .cfg) is only warned about")
        void stringRanking() {
            DamagedHousingRule r = new DamagedHousingRule(DATA, config(Map.of()), Map.of("service.ranking", "200"));
            assertEquals("LODA", body(r.route(appeal("", "010.02", "UA-46"))));
        }
    }
}
