package ua.gov.nsoz.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.CompetenceRouter.Route;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.spi.CompetenceRule;

/**
 * Routing by competence (R3) on the shipped reference data: the statutory rule of Reg. 6.2 first, then
 * the integrators' rules by service.ranking, then the data rules by order, else the operator chooses.
 */
@DisplayName("CompetenceRouterImpl: routing by competence (R3)")
class CompetenceRouterImplTest {

    static final ReferenceData DATA = new JsonReferenceData();
    static final Instant T = Instant.parse("2026-03-16T08:00:00Z");

    static Appeal appeal(String topic, String region, String addressee) {
        return new Appeal("0190f0c2-0000-7000-8000-000000000001", "LV-2026-000001", "lviv", region,
                AppealKind.APPLICATION, Channel.WEB, new Applicant(ApplicantType.CITIZEN, "Тест Тестович", "Львів",
                        "test@example.org", null), "Суть питання", topic, addressee, false, null, false, null, List.of(),
                null, AppealStatus.REGISTERED, 1, T, T, T);
    }

    static CompetenceRouterImpl router() {
        return new CompetenceRouterImpl(DATA);
    }

    static String bodyCode(Route r) {
        return r.body().map(Body::code).orElse(null);
    }

    /** Every trace line is one line, Ukrainian first, then English. */
    static void assertBilingualLines(Route r) {
        assertFalse(r.trace().isEmpty());
        for (String line : r.trace()) {
            assertTrue(line.contains(" / "), line);
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            assertTrue(line.substring(0, line.indexOf(" / ")).chars()
                    .anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC), line);
        }
    }

    /** A rule an integrator's bundle would register. */
    static CompetenceRule rule(String bodyCode, String reason) {
        return appeal -> Optional.of(new CompetenceRule.Decision(bodyCode, reason));
    }

    static Map<String, Object> props(int ranking, long id) {
        return Map.of("service.ranking", ranking, "service.id", id, "component.name", "test.rule." + id);
    }

    @Nested
    @DisplayName("Step 1, Reg. 6.2: addressed to the Cabinet of Ministers or its members")
    class Statutory {

        @ParameterizedTest(name = "Reg. 6.2: \"{0}\" goes to the Cabinet Secretariat")
        @ValueSource(strings = {
                "Кабінет Міністрів України",
                "Кабінету Міністрів України",
                "кабінет міністрів",
                "До Кабінету  Міністрів",
                "Прем'єр-міністр України",
                "Прем’єр-міністру України",
                "Прем\u02BCєр-міністрові України",
                "ПРЕМ'ЄР-МІНІСТР",
                "Прем'єр міністру",
                "Прем'єр – міністр України",
                "Віце-прем'єр-міністр України",
                "Віце-прем’єр-міністру з питань європейської інтеграції",
                "Першому віце-прем'єр-міністру України",
                "Міністр Кабінету Міністрів України",
                "Міністру Кабінету Міністрів",
                "Кабiнет Мiнiстрiв Украiни",
                "Кабмін",
                "КМУ",
                "Cabinet of Ministers of Ukraine",
                "the cabinet of ministers",
                "Prime Minister of Ukraine",
                "PRIME-MINISTER",
                "Vice Prime Minister",
                "First Vice-Prime Minister of Ukraine",
                "Deputy Prime Minister for Restoration",
                "Minister of the Cabinet of Ministers"})
        @DisplayName("Reg. 6.2: each spelling of the Cabinet and its members goes to the Cabinet Secretariat")
        void cabinet(String addressee) {
            // Topic and region of a data rule that would otherwise send it to Lviv RSA: the statute comes first.
            Route r = router().route(appeal("006", "UA-46", addressee));
            assertEquals("CMU-SEC", bodyCode(r));
            assertTrue(r.reasonUk().contains("підпункт 2 пункту 6"), r.reasonUk());
            assertTrue(r.reasonEn().contains("Reg. 6.2"), r.reasonEn());
            assertTrue(r.trace().stream().anyMatch(l -> l.startsWith("Законодавче правило") && l.contains("підходить")),
                    () -> String.join("\n", r.trace()));
            assertBilingualLines(r);
        }

        @ParameterizedTest(name = "Reg. 6.2: \"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "Першому віце-прем’єр-міністру України | Перший віце-прем'єр-міністр України",
                "First Deputy Prime Minister           | Перший віце-прем'єр-міністр України",
                "Віце-прем'єр-міністру України         | Віце-прем'єр-міністр України",
                "Прем'єр-міністрові України            | Прем'єр-міністр України",
                "Міністру Кабінету Міністрів України   | Міністр Кабінету Міністрів України",
                "Секретаріату Кабінету Міністрів       | Кабінет Міністрів України",
                "КМУ                                   | Кабінет Міністрів України (КМУ)"})
        @DisplayName("Reg. 6.2: the reason names the Cabinet's addressee found")
        void namesAddressee(String addressee, String labelUk) {
            Route r = router().route(appeal(null, null, addressee));
            assertEquals("CMU-SEC", bodyCode(r));
            assertTrue(r.reasonUk().startsWith("Звернення адресоване: " + labelUk + ";"), r.reasonUk());
        }

        @ParameterizedTest(name = "Reg. 6.2: \"{0}\" is not the Cabinet")
        @ValueSource(strings = {
                "Міністерство охорони здоров'я України",
                "Міністру охорони здоров'я",
                "Львівська обласна державна адміністрація",
                "Урядовий контактний центр",
                "Прем'єр-ліга",
                "Кабінет директора школи",
                "Ministry of Health"})
        @DisplayName("Reg. 6.2: other addressees are left to the next steps")
        void notCabinet(String addressee) {
            Route r = router().route(appeal("008", "UA-46", addressee));
            assertEquals("MOZ", bodyCode(r));
            assertTrue(r.trace().stream().anyMatch(l -> l.startsWith("Законодавче правило") && l.contains("не підходить")));
        }

        @Test
        @DisplayName("Reg. 6.2: the statute outranks even an integrator's rule")
        void beforeIntegrators() {
            CompetenceRouterImpl router = router();
            router.addRule(rule("MOZ", "завжди МОЗ"), props(1000, 1));
            assertEquals("CMU-SEC", bodyCode(router.route(appeal("008", "UA-46", "Прем'єр-міністру України"))));
        }
    }

    static Stream<Arguments> dataRules() {
        return Stream.of(
                arguments("R3: topic + region: social protection in Lviv oblast -> Lviv RSA",
                        "006", "UA-46", null, "LODA", "SOCIAL-46", "за кодом"),
                arguments("R3: topic by its Ukrainian name, any case and spacing",
                        "  соціальний   ЗАХИСТ ", "UA-46", null, "LODA", "SOCIAL-46", "за українською назвою"),
                arguments("R3: a sub-topic matches its heading's rule (parent chain)",
                        "006.02", "UA-46", null, "LODA", "SOCIAL-46", "за кодом"),
                arguments("R3: a more specific sub-topic rule comes first: pensions -> Pension Fund",
                        "006.01", "UA-46", null, "PFU", "PENSIONS", "за кодом"),
                arguments("R3: topic + region: social protection in Kyiv city -> Kyiv City State Administration",
                        "006", "UA-30", null, "KMDA", "SOCIAL-30", "за кодом"),
                arguments("R3: the center's appeal (no region) falls to the national rule",
                        "006", null, null, "MINSOC", "SOCIAL", "за кодом"),
                arguments("R3: a blank region counts as none",
                        "006", " ", null, "MINSOC", "SOCIAL", "за кодом"),
                arguments("R3: a national rule: health care from Lviv oblast -> Ministry of Health",
                        "008", "UA-46", null, "MOZ", "HEALTH", "за кодом"),
                arguments("R3: a national rule, topic named with the typographic apostrophe",
                        "Охорона здоров’я", "UA-30", null, "MOZ", "HEALTH", "за українською назвою"),
                arguments("R3: an addressee rule: a district administration named in Lviv oblast",
                        "009", "UA-46", "Дрогобицькій районній державній адміністрації", "RDA-46-DROHOBYCH",
                        "ADDR-46-DROHOBYCH", "за кодом"),
                arguments("R3: an addressee rule holds only in its region",
                        "009", "UA-30", "Дрогобицька РДА", "KMDA", "UTILITIES-30", "за кодом"),
                arguments("R3: taxation sub-topic -> State Tax Service before the Ministry of Finance",
                        "005.01", "UA-46", null, "DPS", "TAX", "за кодом"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataRules")
    @DisplayName("R3: data rules by topic, region and addressee, in their order")
    void dataRule(String label, String topic, String region, String addressee, String body, String ruleId,
            String recognisedBy) {
        Route r = router().route(appeal(topic, region, addressee));
        assertEquals(body, bodyCode(r), () -> String.join("\n", r.trace()));
        String reasonUk = DATA.rules().stream().filter(x -> x.id().equals(ruleId)).findFirst().orElseThrow().reasonUk();
        assertEquals(reasonUk, r.reasonUk());
        assertTrue(r.trace().get(0).contains(recognisedBy), r.trace().get(0));
        String last = r.trace().get(r.trace().size() - 1);
        assertTrue(last.startsWith("Правило даних " + ruleId + " ") && last.contains("підходить, " + body), last);
        assertBilingualLines(r);
    }

    @Test
    @DisplayName("R3: the trace has one line per data rule considered, up to the one that matched")
    void traceLinePerRule() {
        Route r = router().route(appeal("008", "UA-46", null));
        long considered = DATA.rules().stream().takeWhile(x -> !x.id().equals("HEALTH")).count() + 1;
        // topic line, region line, statutory rule, integrators, then the data rules
        assertEquals(4 + considered, r.trace().size(), () -> String.join("\n", r.trace()));
        assertEquals("Регіон звернення: UA-46 / The appeal's region: UA-46", r.trace().get(1));
        assertEquals("Правил інтеграторів немає / No integrator rules registered", r.trace().get(3));
        assertTrue(r.trace().stream().anyMatch(l -> l.startsWith("Правило даних SOCIAL-46 ")
                && l.contains("тема 008 не входить до 006") && l.contains("topic 008 is not within 006")),
                () -> String.join("\n", r.trace()));
        assertTrue(r.trace().stream().anyMatch(l -> l.startsWith("Правило даних ADDR-46-DROHOBYCH ")
                && l.contains("адресат не містить «дрогобицьк»")), () -> String.join("\n", r.trace()));
    }

    @Nested
    @DisplayName("Step 4: no rule matched, the operator chooses")
    class NoMatch {

        @ParameterizedTest(name = "topic \"{0}\", region {1}")
        @MethodSource("ua.gov.nsoz.reference.internal.CompetenceRouterImplTest#unmatched")
        @DisplayName("R3: no rule matched: no body, and the operator chooses")
        void noBody(String topic, String region, String topicLine) {
            Route r = router().route(appeal(topic, region, "Органу за належністю"));
            assertTrue(r.body().isEmpty());
            assertEquals("жодне правило не підійшло: орган обирає оператор", r.reasonUk());
            assertEquals("no rule matched: the operator chooses", r.reasonEn());
            assertTrue(r.trace().get(0).startsWith(topicLine), r.trace().get(0));
            assertEquals("Жодне правило не підійшло: орган обирає оператор / No rule matched: the operator chooses",
                    r.trace().get(r.trace().size() - 1));
            assertEquals(4 + DATA.rules().size() + 1, r.trace().size(), () -> String.join("\n", r.trace()));
            assertBilingualLines(r);
        }
    }

    static Stream<Arguments> unmatched() {
        return Stream.of(
                arguments("001", "UA-46", "Тему розпізнано за кодом: 001"),
                arguments("Промислова політика", null, "Тему розпізнано за українською назвою: 001"),
                arguments("Ремонт дороги біля будинку", "UA-46", "Тему «Ремонт дороги біля будинку» не розпізнано"),
                arguments(null, "UA-46", "Тему не вказано"),
                arguments("  ", null, "Тему не вказано"));
    }

    @Nested
    @DisplayName("Step 2: integrators' CompetenceRule services")
    class Integrators {

        @Test
        @DisplayName("R3: an integrator's rule outranks the data rules")
        void outranksData() {
            CompetenceRouterImpl router = router();
            router.addRule(rule("RDA-46-STRYI", "соціальні виплати Стрийщини"), props(0, 7));
            Route r = router.route(appeal("006", "UA-46", null));
            assertEquals("RDA-46-STRYI", bodyCode(r));
            assertEquals("Правило інтегратора test.rule.7: соціальні виплати Стрийщини", r.reasonUk());
            assertTrue(r.trace().stream().noneMatch(l -> l.startsWith("Правило даних")), () -> String.join("\n", r.trace()));
            assertBilingualLines(r);
        }

        @Test
        @DisplayName("R3: the highest service.ranking answers first, whatever the order of arrival; a new ranking applies")
        void ranking() {
            CompetenceRouterImpl router = router();
            CompetenceRule high = rule("MINJUST", "високий");
            router.addRule(rule("MOZ", "низький"), props(10, 1));
            router.addRule(high, props(20, 2));
            router.addRule(rule("MON", "найнижчий"), props(-5, 3));
            Route r = router.route(appeal("006", "UA-46", null));
            assertEquals("MINJUST", bodyCode(r));
            // The integrator lowers its rule's ranking at run time (a configuration change).
            router.updatedRule(high, props(5, 2));
            assertEquals("MOZ", bodyCode(router.route(appeal("006", "UA-46", null))));
        }

        @Test
        @DisplayName("R3: at equal ranking the older service (lower service.id) answers first")
        void equalRanking() {
            CompetenceRouterImpl router = router();
            router.addRule(rule("MINJUST", "новіший"), props(0, 9));
            router.addRule(rule("MOZ", "старіший"), props(0, 4));
            assertEquals("MOZ", bodyCode(router.route(appeal("006", "UA-46", null))));
        }

        @Test
        @DisplayName("R3: a rule that does not apply, fails or names an unknown body is skipped, and the trace says so")
        void skipped() {
            CompetenceRouterImpl router = router();
            router.addRule(appeal -> Optional.empty(), props(30, 1));
            router.addRule(appeal -> {
                throw new IllegalStateException("boom");
            }, props(20, 2));
            router.addRule(rule("NO-SUCH-BODY", "?"), props(10, 3));
            Route r = router.route(appeal("006", "UA-46", null));
            assertEquals("LODA", bodyCode(r));
            String trace = String.join("\n", r.trace());
            assertTrue(trace.contains("test.rule.1 (service.ranking 30): не застосовується"), trace);
            assertTrue(trace.contains("test.rule.2 (service.ranking 20): помилка IllegalStateException, пропущено"), trace);
            assertTrue(trace.contains("test.rule.3 (service.ranking 10): запропонувало орган 'NO-SUCH-BODY'"), trace);
            assertBilingualLines(r);
        }

        @Test
        @DisplayName("R3: a rule that went away is no longer asked")
        void removed() {
            CompetenceRouterImpl router = router();
            CompetenceRule moz = rule("MOZ", "МОЗ");
            router.addRule(moz, props(0, 1));
            assertEquals("MOZ", bodyCode(router.route(appeal("006", "UA-46", null))));
            router.removeRule(moz);
            assertEquals("LODA", bodyCode(router.route(appeal("006", "UA-46", null))));
        }
    }
}
