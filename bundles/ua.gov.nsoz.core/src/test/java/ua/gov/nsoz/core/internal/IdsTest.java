package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Time-ordered UUIDs (RFC 9562, version 7) for appeals and events. */
@DisplayName("Ids: UUIDv7")
class IdsTest {

    static final long T = Instant.parse("2026-03-10T09:15:30.123Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-03-10T09:15:30.123Z", "2099-12-31T23:59:59.999Z",
            "6000-01-01T00:00:00Z"})
    @DisplayName("Version 7, IETF variant, and the 48-bit millisecond timestamp in the top bits")
    void versionVariantAndTimestamp(String at) {
        long millis = Instant.parse(at).toEpochMilli();
        for (int i = 0; i < 1000; i++) {
            UUID id = Ids.newId(millis);
            assertEquals(7, id.version(), id::toString);
            assertEquals(2, id.variant(), id::toString);
            assertEquals(millis, id.getMostSignificantBits() >>> 16, id::toString);
            // Textual form: version nibble '7', variant nibble 8, 9, a or b.
            String s = id.toString();
            assertEquals('7', s.charAt(14), s);
            assertTrue("89ab".indexOf(s.charAt(19)) >= 0, s);
        }
    }

    @Test
    @DisplayName("The string form used for appeals and events parses back as a version 7 UUID")
    void stringForm() {
        String s = Ids.newId();
        assertEquals(36, s.length());
        UUID id = UUID.fromString(s);
        assertEquals(s, id.toString());
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    @DisplayName("10,000 ids are all distinct, also within one millisecond")
    void distinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(Ids.newId()), "duplicate id at " + i);
        }
        Set<UUID> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(sameMillisecond.add(Ids.newId(T)), "duplicate id at " + i);
        }
    }

    @Test
    @DisplayName("An id of a later millisecond sorts after an earlier one, as UUID and as text")
    void laterMillisecondSortsAfter() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add(Ids.newId(T + i));
        }
        for (int i = 1; i < ids.size(); i++) {
            UUID earlier = ids.get(i - 1);
            UUID later = ids.get(i);
            assertTrue(later.compareTo(earlier) > 0, later + " <= " + earlier);
            assertTrue(later.toString().compareTo(earlier.toString()) > 0, later + " <= " + earlier);
        }
    }

    @Test
    @DisplayName("Ordering holds across far-apart times, whatever the random bits")
    void orderAcrossYears() {
        long[] times = {0L, 1L, Instant.parse("2012-01-01T00:00:00Z").toEpochMilli(), T,
                Instant.parse("2027-01-01T00:00:00Z").toEpochMilli(), Instant.parse("3000-01-01T00:00:00Z").toEpochMilli()};
        for (int round = 0; round < 200; round++) {
            for (int i = 1; i < times.length; i++) {
                String earlier = Ids.newId(times[i - 1]).toString();
                String later = Ids.newId(times[i]).toString();
                assertTrue(later.compareTo(earlier) > 0, later + " <= " + earlier);
            }
        }
    }

    @Test
    @DisplayName("74 bits are random: two ids of the same millisecond differ")
    void randomBits() {
        UUID a = Ids.newId(T);
        UUID b = Ids.newId(T);
        assertNotEquals(a, b);
        assertEquals(a.getMostSignificantBits() >>> 16, b.getMostSignificantBits() >>> 16);
    }
}
