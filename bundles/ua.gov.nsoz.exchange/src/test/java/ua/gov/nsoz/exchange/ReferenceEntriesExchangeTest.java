package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;

/** Issue #15: a referenceUpdate carries the reference base's entries (R17), an optional addition within version 1. */
class ReferenceEntriesExchangeTest {

    static final ReferenceEntry HOTLINE = new ReferenceEntry(ReferenceEntryType.HOTLINE, "HL-MOZ",
            "Гаряча лінія Міністерства охорони здоровʼя", "Ministry of Health hotline", null, "+380 44 000 10 03",
            "hotline@moz.example.gov.ua", null, "Пн–Пт 09:00–18:00 (приклад)", "Mon–Fri 09:00–18:00 (example)",
            null, "Медична допомога", "Medical care", "MOZ", true);
    static final ReferenceEntry SERVICE = new ReferenceEntry(ReferenceEntryType.SERVICE, "SVC-PENSION-AGE",
            "Призначення пенсії за віком", "Granting an old-age pension", "UA-46", null, null, "вул. Прикладна, 1",
            null, null, "https://example.gov.ua/x", "Кроки: 1) заява;\n2) рішення. Плата: безоплатно.",
            "Steps: 1) apply;\n2) decision. Fee: free.", null, false);

    private static ReferenceUpdateMessage update(ReferenceEdits e) {
        return new ReferenceUpdateMessage(new Header("01a20d71-e750-736f-8580-28d6099950f1", "ucc", 1202,
                Instant.parse("2026-11-26T10:00:00Z")), e);
    }

    @Test
    void entriesAndRemovedEntriesRoundTrip() throws Exception {
        ReferenceEdits e = new ReferenceEdits(4, Instant.parse("2026-11-26T09:59:58.100Z"), "admin", List.of(),
                List.of(), List.of(), List.of(HOTLINE, SERVICE), List.of("HL-DPS"));
        String xml = ExchangeCodec.write(update(e));
        assertTrue(xml.contains("<entry>") && xml.contains("<removedEntry>HL-DPS</removedEntry>"), xml);
        ReferenceUpdateMessage back = assertInstanceOf(ReferenceUpdateMessage.class, ExchangeCodec.read(xml));
        assertEquals(e, back.edits());
    }

    @Test
    void anUpdateWithoutEntriesIsWrittenAsBefore() throws Exception {
        ReferenceEdits e = new ReferenceEdits(1, Instant.parse("2026-11-26T09:59:58.100Z"), "admin", List.of(),
                List.of(), List.of("R-1"));
        String xml = ExchangeCodec.write(update(e));
        assertFalse(xml.contains("entry"), xml);
        assertEquals(e, ((ReferenceUpdateMessage) ExchangeCodec.read(xml)).edits());
    }

    @Test
    void aBodyTypedEntryIsNotValid() {
        ReferenceEdits e = new ReferenceEdits(1, Instant.parse("2026-11-26T09:59:58.100Z"), "admin", List.of(),
                List.of(), List.of(), List.of(new ReferenceEntry(ReferenceEntryType.BODY, "MOZ", "x", "x", null, null,
                        null, null, null, null, null, null, null, null, false)), List.of());
        // A body travels as a body; the schema refuses it as an entry, at write already.
        assertThrows(IllegalArgumentException.class, () -> ExchangeCodec.write(update(e)));
        String xml = ExchangeCodec.write(update(new ReferenceEdits(1, e.editedAt(), "admin", List.of(), List.of(),
                List.of(), List.of(HOTLINE), List.of()))).replace("<type>HOTLINE</type>", "<type>BODY</type>");
        assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
    }
}
