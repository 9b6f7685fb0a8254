package ua.gov.nsoz.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.RoutingRule;

/** Editing the reference data at the center, keeping the edits, and a region taking the center's revisions. */
class ReferenceServiceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);
    static final Body DIGITAL = new Body("MINTSYFRA", BodyKind.CENTRAL_BODY, "Міністерство цифрової трансформації",
            "Ministry of Digital Transformation", null, null, "test@example.org", null, null);
    static final RoutingRule TO_DIGITAL = new RoutingRule("DIGITAL", 5, null, null, "цифрової", "MINTSYFRA",
            "Адресовано Мінцифри", "Addressed to the digital ministry");

    @TempDir
    Path dir;

    private ReferenceService node(String name, boolean center) {
        return new ReferenceService(f -> JsonReferenceData.class.getResourceAsStream(JsonReferenceData.FOLDER + f),
                dir.resolve(name).resolve("reference-edits.json"), center, CLOCK);
    }

    @Test
    void theCenterEditsAndTheEditsTakeEffectAtOnce() {
        ReferenceService center = node("ucc", true);
        List<ReferenceEdits> told = new ArrayList<>();
        center.bindListener(told::add);
        int shippedRules = center.rules().size();
        assertEquals(1, center.putBody(DIGITAL, "admin").revision());
        assertEquals(DIGITAL, center.body("MINTSYFRA").orElseThrow());
        ReferenceEdits e = center.putRule(TO_DIGITAL, "admin");
        assertEquals(2, e.revision());
        assertEquals("admin", e.editedBy());
        assertEquals(shippedRules + 1, center.rules().size());
        assertTrue(center.version().endsWith("+r2"), center.version());
        assertEquals(List.of(1L, 2L), told.stream().map(ReferenceEdits::revision).toList());
        // A replaced body keeps one entry.
        Body renamed = new Body("MINTSYFRA", BodyKind.CENTRAL_BODY, "Мінцифри", "Digital ministry", null, null, null,
                null, null);
        center.putBody(renamed, "admin");
        assertEquals(1, center.bodies().stream().filter(b -> b.code().equals("MINTSYFRA")).count());
        assertEquals("Мінцифри", center.body("MINTSYFRA").orElseThrow().nameUk());
    }

    @Test
    void anEditThatFailsTheChecksChangesNothing() {
        ReferenceService center = node("ucc", true);
        String before = center.version();
        RoutingRule toNowhere = new RoutingRule("BAD", 1, null, null, null, "NO-SUCH", "x", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> center.putRule(toNowhere, "a"));
        assertTrue(e.getMessage().contains("NO-SUCH"), e.getMessage());
        assertEquals(before, center.version());
        assertEquals(0, center.edits().revision());
        assertThrows(IllegalArgumentException.class, () -> center.putBody(new Body("lower case", BodyKind.CENTRAL_BODY,
                "x", "x", null, null, null, null, null), "a"));
        assertThrows(NoSuchElementException.class, () -> center.removeRule("NO-SUCH-RULE", "a"));
    }

    @Test
    void aShippedRuleIsRemovedAndPutBack() {
        ReferenceService center = node("ucc", true);
        RoutingRule shipped = center.rules().get(0);
        center.removeRule(shipped.id(), "admin");
        assertFalse(center.rules().stream().anyMatch(r -> r.id().equals(shipped.id())));
        center.putRule(shipped, "admin");
        assertTrue(center.rules().stream().anyMatch(r -> r.id().equals(shipped.id())));
        assertEquals(List.of(), center.edits().removedRules());
    }

    @Test
    void theEditsAreKeptAcrossARestart() throws Exception {
        ReferenceService center = node("ucc", true);
        center.putBody(DIGITAL, "admin");
        center.putRule(TO_DIGITAL, "admin");
        assertTrue(Files.isRegularFile(dir.resolve("ucc").resolve("reference-edits.json")));
        ReferenceService again = node("ucc", true);
        assertEquals(2, again.edits().revision());
        assertTrue(again.body("MINTSYFRA").isPresent());
    }

    @Test
    void aRegionDoesNotEditAndTakesOnlyNewerRevisions() {
        ReferenceService center = node("ucc", true);
        ReferenceService region = node("lviv", false);
        assertThrows(IllegalStateException.class, () -> region.putBody(DIGITAL, "admin"));
        assertThrows(IllegalStateException.class, () -> region.removeRule("ANY", "admin"));
        ReferenceEdits r1 = center.putBody(DIGITAL, "admin");
        ReferenceEdits r2 = center.putRule(TO_DIGITAL, "admin");
        assertTrue(region.apply(r2));
        assertFalse(region.apply(r1), "an older revision changes nothing");
        assertFalse(region.apply(r2), "the same revision again changes nothing");
        assertEquals(center.version(), region.version());
        assertEquals(center.rules(), region.rules());
        assertEquals(2, node("lviv", false).edits().revision(), "kept across a restart");
    }

    @Test
    void aRevisionThatDoesNotFitIsRefusedWhole() {
        ReferenceService region = node("lviv", false);
        ReferenceEdits bad = new ReferenceEdits(3, CLOCK.instant(), "admin", List.of(), List.of(new RoutingRule("BAD", 1,
                null, null, null, "NO-SUCH", "x", "x")), List.of());
        assertThrows(IllegalArgumentException.class, () -> region.apply(bad));
        assertEquals(0, region.edits().revision());
    }
}
