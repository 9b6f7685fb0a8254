package ua.gov.nsoz.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;

/** The published reference base (R17): the shipped entries, their checks, the search, and the center's edits. */
@DisplayName("R17: the reference base (contact centers, hotlines, bodies, service procedures)")
class ReferenceBaseTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);
    static final ReferenceEntry KYIV_HOTLINE = new ReferenceEntry(ReferenceEntryType.HOTLINE, "HL-KMDA",
            "Гаряча лінія КМДА", "Kyiv City State Administration hotline", "UA-30", "+380 44 000 15 99", null, null,
            "Цілодобово", "24/7", null, "Комунальні послуги", "Utilities", "KMDA", true);

    @TempDir
    Path dir;

    private ReferenceService node(String name, boolean center) {
        return new ReferenceService(f -> JsonReferenceData.class.getResourceAsStream(JsonReferenceData.FOLDER + f),
                dir.resolve(name).resolve("reference-edits.json"), center, CLOCK);
    }

    private static List<String> codes(List<ReferenceEntry> entries) {
        return entries.stream().map(ReferenceEntry::code).toList();
    }

    @Test
    @DisplayName("the shipped set: 1545, the demo regions' contact centers, hotlines, 3-5 service procedures")
    void shippedSet() {
        ReferenceService node = node("ucc", true);
        List<ReferenceEntry> all = node.entries();
        ReferenceEntry ucc = all.stream().filter(e -> e.code().equals("UCC-1545")).findFirst().orElseThrow();
        assertEquals(ReferenceEntryType.CONTACT_CENTER, ucc.type());
        assertEquals("1545", ucc.phone());
        assertFalse(ucc.example(), "1545 is the real number");
        Set<String> regions = all.stream().filter(e -> e.type() == ReferenceEntryType.CONTACT_CENTER)
                .map(ReferenceEntry::region).filter(r -> r != null).collect(Collectors.toSet());
        assertEquals(Set.of("UA-30", "UA-46"), regions);
        assertTrue(all.stream().filter(e -> e.type() == ReferenceEntryType.HOTLINE).count() >= 3);
        long services = all.stream().filter(e -> e.type() == ReferenceEntryType.SERVICE).count();
        assertTrue(services >= 3 && services <= 5, "services: " + services);
        assertEquals(node.bodies().size(), all.stream().filter(e -> e.type() == ReferenceEntryType.BODY).count());
        for (ReferenceEntry e : all) {
            if (e.type() != ReferenceEntryType.BODY && e.bodyCode() != null) {
                assertTrue(node.body(e.bodyCode()).isPresent(), e.code());
            }
        }
    }

    @Test
    @DisplayName("every shipped phone number but 1545 is marked as an example")
    void examplesMarked() {
        for (ReferenceEntry e : node("ucc", true).entries()) {
            if (e.type() != ReferenceEntryType.BODY && e.phone() != null && !e.phone().equals("1545")) {
                assertTrue(e.example(), e.code() + " has a made-up phone and must say it is an example");
                assertTrue(e.scheduleUk() == null || e.scheduleUk().contains("приклад"), e.code());
                assertTrue(e.scheduleEn() == null || e.scheduleEn().contains("example"), e.code());
            }
        }
    }

    @Test
    @DisplayName("a service describes its procedure: steps, documents, term, fee, in both languages")
    void servicesDescribeTheProcedure() {
        for (ReferenceEntry e : node("ucc", true).entries()) {
            if (e.type() == ReferenceEntryType.SERVICE) {
                for (String part : List.of("Кроки", "Документи", "Строк", "Плата")) {
                    assertTrue(e.descriptionUk().contains(part), e.code() + " lacks " + part);
                }
                for (String part : List.of("Steps", "Documents", "Term", "Fee")) {
                    assertTrue(e.descriptionEn().contains(part), e.code() + " lacks " + part);
                }
            }
        }
    }

    @Test
    @DisplayName("a broken entries file is refused naming every problem")
    void brokenEntriesRefused() {
        String m = JsonReferenceDataTest.refused("entry-problems").getMessage();
        for (String expected : List.of("BODY entries are made from", "unknown type 'KIOSK'", "code 'MOZ' is the code "
                + "of a body", "code must be upper-case", "a SERVICE must describe its procedure", "bodyCode 'NOPE'",
                "region 'UA-99'", "url must start with https://", "duplicate code 'X-8'", "unknown field 'colour'",
                "field 'phone' is longer than 300")) {
            assertTrue(m.contains(expected), () -> "no '" + expected + "' in: " + m);
        }
    }

    @Test
    @DisplayName("the fixture's entries load with their fields")
    void fixtureLoads() {
        JsonReferenceData data = JsonReferenceData.load(JsonReferenceDataTest.fixture("valid"));
        assertEquals(List.of("UCC-1545", "HL-MOZ", "SVC-PENSION", "CC-LVIV"), codes(data.fileEntries()));
        ReferenceEntry lviv = data.fileEntries().get(3);
        assertEquals("UA-46", lviv.region());
        assertEquals("Mon–Fri 09:00–18:00", lviv.scheduleEn());
        assertEquals("https://lviv.example.gov.ua/cc", lviv.url());
        assertTrue(lviv.example());
        assertFalse(data.fileEntries().get(0).example());
    }

    // ----------------------------------------------------------------------------------------------------- search

    @Test
    @DisplayName("1545 finds the Government Contact Center first")
    void searchByPhone() {
        List<ReferenceEntry> found = node("ucc", true).search("1545", null, false);
        assertEquals("UCC-1545", found.get(0).code());
    }

    @ParameterizedTest(name = "''{0}'' finds {1}")
    @CsvSource({
        "пенсія,                SVC-PENSION-AGE",
        "ПЕНСІЇ,                SVC-PENSION-AGE",
        "пенсій,                HL-PFU",
        "здоров'я,              HL-MOZ",
        "здоров’я,              HL-MOZ",
        "здоровʼя,              HL-MOZ",
        "Львів,                 CC-LVIV",
        "ua-46,                 CC-LVIV",
        "контактний центр київ, CC-KYIV-CITY",
        "old-age pension,       SVC-PENSION-AGE",
        "000 15 80,             CC-LVIV",
        "субсидії,              SVC-HOUSING-SUBSIDY",
    })
    void searchFinds(String query, String code) {
        List<String> found = codes(node("ucc", true).search(query, null, false));
        assertTrue(found.contains(code), () -> query + " → " + found);
    }

    @Test
    @DisplayName("every word must be found; a word found nowhere finds nothing")
    void everyWordMustMatch() {
        ReferenceService node = node("ucc", true);
        assertEquals(List.of(), node.search("пенсія марсіанин", null, false));
        List<ReferenceEntry> both = node.search("контактний львів", null, false);
        assertEquals("CC-LVIV", both.get(0).code());
        assertFalse(codes(both).contains("CC-KYIV-CITY"));
    }

    @Test
    @DisplayName("the type filter keeps one type; no query gives every entry of it, ordered by name")
    void typeFilterAndOrderByName() {
        ReferenceService node = node("ucc", true);
        List<ReferenceEntry> services = node.search(null, ReferenceEntryType.SERVICE, false);
        assertTrue(services.size() >= 3);
        assertTrue(services.stream().allMatch(e -> e.type() == ReferenceEntryType.SERVICE));
        List<String> names = services.stream().map(ReferenceEntry::nameUk).toList();
        List<String> sorted = names.stream().sorted(java.text.Collator.getInstance(java.util.Locale
                .forLanguageTag("uk"))).toList();
        assertEquals(sorted, names);
        List<String> en = node.search(" ", ReferenceEntryType.SERVICE, true).stream().map(ReferenceEntry::nameEn)
                .toList();
        assertEquals(en.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), en);
        assertEquals(node.entries().size(), node.search("", null, false).size());
        assertTrue(node.search("1545", ReferenceEntryType.SERVICE, false).isEmpty());
    }

    @Test
    @DisplayName("a name match ranks above a description match")
    void relevance() {
        List<String> found = codes(node("ucc", true).search("пенсійного", null, false));
        // The Pension Fund's hotline and body are named so; the subsidy's procedure only mentions the Fund.
        assertTrue(found.indexOf("HL-PFU") < found.indexOf("SVC-HOUSING-SUBSIDY"), found.toString());
        assertTrue(found.indexOf("PFU") < found.indexOf("SVC-HOUSING-SUBSIDY"), found.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Здоров’я", "ЗДОРОВʼЯ", "здоров`я", "  здоров'я  "})
    void normalizeApostrophesAndCase(String text) {
        assertEquals("здоров'я", ReferenceSearch.normalize(text));
    }

    @Test
    void stems() {
        assertEquals(ReferenceSearch.stem("пенсія"), ReferenceSearch.stem("пенсії"));
        assertEquals("1545", ReferenceSearch.stem("1545"));
        assertEquals("київ", ReferenceSearch.stem("київ"), "a short word stays whole");
    }

    // ------------------------------------------------------------------------------------------------------ edits

    @Test
    @DisplayName("the center adds, replaces and removes entries; the edits take effect and are told")
    void centerEdits() {
        ReferenceService center = node("ucc", true);
        List<ReferenceEdits> told = new java.util.ArrayList<>();
        center.bindListener(told::add);
        ReferenceEdits e1 = center.putEntry(KYIV_HOTLINE, "admin");
        assertEquals(1, e1.revision());
        assertEquals(List.of(KYIV_HOTLINE), e1.entries());
        assertEquals("HL-KMDA", center.search("гаряча лінія кмда", null, false).get(0).code());
        ReferenceEntry renamed = new ReferenceEntry(ReferenceEntryType.HOTLINE, "HL-KMDA", "Лінія 15-99",
                "Line 15-99", "UA-30", null, null, null, null, null, null, null, null, null, true);
        center.putEntry(renamed, "admin");
        assertEquals(1, center.entries().stream().filter(x -> x.code().equals("HL-KMDA")).count());
        ReferenceEdits e3 = center.removeEntry("HL-MOZ", "admin");
        assertEquals(List.of("HL-MOZ"), e3.removedEntries());
        assertFalse(codes(center.entries()).contains("HL-MOZ"));
        ReferenceEdits e4 = center.removeEntry("HL-KMDA", "admin");
        assertEquals(List.of(), e4.entries());
        assertEquals(List.of("HL-MOZ"), e4.removedEntries(), "an entry added by an edit leaves no trace");
        assertEquals(List.of(1L, 2L, 3L, 4L), told.stream().map(ReferenceEdits::revision).toList());
        assertEquals(4, node("ucc", true).edits().revision(), "kept across a restart");
        assertFalse(codes(node("ucc", true).entries()).contains("HL-MOZ"));
    }

    @Test
    @DisplayName("an entry that fails the checks changes nothing; a body is not edited as an entry")
    void badEditsRefused() {
        ReferenceService center = node("ucc", true);
        ReferenceEntry toNowhere = new ReferenceEntry(ReferenceEntryType.HOTLINE, "HL-X", "x", "x", null, null, null,
                null, null, null, null, null, null, "NO-SUCH", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> center.putEntry(toNowhere, "a"));
        assertTrue(e.getMessage().contains("NO-SUCH"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> center.putEntry(ReferenceEntry.of(center.bodies().get(0)),
                "a"));
        assertThrows(IllegalArgumentException.class, () -> center.putEntry(new ReferenceEntry(
                ReferenceEntryType.SERVICE, "SVC-X", "x", "x", null, null, null, null, null, null, null, null, null,
                null, false), "a"));
        assertThrows(NoSuchElementException.class, () -> center.removeEntry("NO-SUCH", "a"));
        assertThrows(NoSuchElementException.class, () -> center.removeEntry("MOZ", "a"), "a body is no entry");
        assertEquals(0, center.edits().revision());
    }

    @Test
    @DisplayName("a region does not edit entries and takes the center's, with the bodies' and rules' edits")
    void regionTakesTheCentersEntries() {
        ReferenceService center = node("ucc", true);
        ReferenceService region = node("lviv", false);
        assertThrows(IllegalStateException.class, () -> region.putEntry(KYIV_HOTLINE, "admin"));
        assertThrows(IllegalStateException.class, () -> region.removeEntry("HL-MOZ", "admin"));
        center.putBody(new Body("MINTSYFRA", ua.gov.nsoz.api.reference.BodyKind.CENTRAL_BODY, "Мінцифри",
                "Digital ministry", null, null, null, null, null), "admin");
        center.putEntry(KYIV_HOTLINE, "admin");
        ReferenceEdits r3 = center.removeEntry("HL-MOZ", "admin");
        assertTrue(region.apply(r3));
        assertEquals(center.entries(), region.entries());
        assertTrue(codes(region.entries()).contains("MINTSYFRA"), "a new body is an entry too");
        assertEquals(3, node("lviv", false).edits().revision());
    }
}
