package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.ReferenceBase;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;
import ua.gov.nsoz.api.reference.Topic;

/** {@code /public/reference}, {@code /public/topics}, {@code /open-data/reference}: public, paged, JSON and CSV. */
@DisplayName("REST: the reference base (R17) is searched and published without login")
class PublicReferenceResourceTest {

    static final ReferenceEntry UCC = new ReferenceEntry(ReferenceEntryType.CONTACT_CENTER, "UCC-1545",
            "Урядова гаряча лінія 1545", "Government hotline 1545", null, "1545", null, null, "Цілодобово", "24/7",
            "https://1545.gov.ua", "Приймає звернення, \"усні\"", "Receives appeals", "CMU-SEC", false);
    static final ReferenceEntry LVIV = new ReferenceEntry(ReferenceEntryType.CONTACT_CENTER, "CC-LVIV",
            "Контактний центр Львівської області", "Lviv Oblast Contact Center", "UA-46", "+380 32 000 15 80", null,
            "вул. Прикладна, 46", null, null, null, null, null, "LODA", true);
    static final ReferenceEntry SERVICE = new ReferenceEntry(ReferenceEntryType.SERVICE, "SVC-PENSION-AGE",
            "Призначення пенсії за віком", "Granting an old-age pension", null, null, null, null, null, null, null,
            "Кроки: заява.\nПлата: безоплатно.", "Steps: apply.\nFee: free.", "PFU", true);

    final List<Object[]> asked = new ArrayList<>();
    final ReferenceBase base = new ReferenceBase() {
        @Override
        public List<ReferenceEntry> entries() {
            return List.of(UCC, LVIV, SERVICE);
        }

        @Override
        public List<ReferenceEntry> search(String query, ReferenceEntryType type, boolean english) {
            asked.add(new Object[] {query, type, english});
            return entries().stream().filter(e -> type == null || e.type() == type).toList();
        }
    };
    final PublicReferenceResource resource = new PublicReferenceResource(base);
    final ReferenceData data = (ReferenceData) Proxy.newProxyInstance(ReferenceData.class.getClassLoader(),
            new Class<?>[] {ReferenceData.class}, (p, m, a) -> switch (m.getName()) {
                case "version" -> "2026.1";
                case "topics" -> List.of(new Topic("001", "Аграрна політика", "Agrarian policy", null),
                        new Topic("001.01", "Земельні відносини", "Land relations", "001"));
                default -> throw new UnsupportedOperationException(m.getName());
            });

    @Test
    @DisplayName("every operation is public (no login)")
    void publicOperations() {
        for (Class<?> c : List.of(PublicReferenceResource.class, PublicReferenceResource.Topics.class,
                PublicReferenceResource.OpenData.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(javax.ws.rs.GET.class)) {
                    assertEquals(Operation.PUBLIC, m.getAnnotation(Allowed.class).value(), m.getName());
                }
            }
        }
    }

    @Test
    @DisplayName("search passes q, type and lang on; pages with limit and offset; tells the total")
    void searchPages() {
        PublicReferenceResource.SearchJson all = resource.search("1545", null, null, null, null);
        assertEquals(3, all.total());
        assertEquals("UCC-1545", all.items().get(0).code());
        assertArrayEquals(new Object[] {"1545", null, false}, asked.get(0));
        PublicReferenceResource.SearchJson page = resource.search(null, "contact_center", "en", "1", "1");
        assertEquals(2, page.total());
        assertEquals(List.of("CC-LVIV"), page.items().stream().map(PublicReferenceResource.EntryJson::code).toList());
        assertArrayEquals(new Object[] {null, ReferenceEntryType.CONTACT_CENTER, true}, asked.get(1));
        assertTrue(resource.search(null, null, null, "10", "5").items().isEmpty());
    }

    @Test
    @DisplayName("a wrong type, lang, limit or offset is a 400 naming each field")
    void badParameters() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> resource.search("x".repeat(201), "KIOSK", "de", "0", "-1"));
        assertEquals(List.of("type", "lang", "limit", "offset", "q"), e.errors().stream().map(FieldError::field)
                .toList());
        assertTrue(asked.isEmpty());
    }

    @Test
    @DisplayName("the JSON of an entry: the contract's fields, absent ones left out, example always told")
    void entryJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode n = json.readTree(json.writeValueAsString(PublicReferenceResource.EntryJson.of(LVIV)));
        assertEquals("CONTACT_CENTER", n.get("type").asText());
        assertEquals("UA-46", n.get("region").asText());
        assertTrue(n.get("example").asBoolean());
        assertNull(n.get("email"));
        assertNull(n.get("scheduleUk"));
    }

    @Test
    @DisplayName("/public/topics lists the classifier's topics")
    void topics() {
        PublicReferenceResource.Topics.TopicsJson t = new PublicReferenceResource.Topics(data).topics();
        assertEquals(2, t.items().size());
        assertEquals("001.01", t.items().get(1).code());
        assertEquals("001", t.items().get(1).parentCode());
        assertEquals("Agrarian policy", t.items().get(0).nameEn());
    }

    @Test
    @DisplayName("open data CSV: UTF-8 with a BOM, the dictionary's columns, one row per entry, quoted where needed")
    void openDataCsv() {
        PublicReferenceResource.OpenData open = new PublicReferenceResource.OpenData(base, data);
        Response r = open.get("csv", null);
        assertEquals(Analysis.CSV_TYPE, r.getMediaType());
        assertTrue(r.getHeaderString("Content-Disposition").contains("nsoz-reference-base.csv"));
        byte[] body = (byte[]) r.getEntity();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3));
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertEquals(String.join(",", PublicReferenceResource.OpenData.COLUMNS.stream().map(c -> c.name())
                .toList()), lines[0]);
        assertTrue(lines[1].startsWith("CONTACT_CENTER,UCC-1545,Урядова гаряча лінія 1545,"), lines[1]);
        assertTrue(lines[1].contains("\"Приймає звернення, \"\"усні\"\"\""), lines[1]);
        assertTrue(lines[1].endsWith(",CMU-SEC,false"), lines[1]);
        assertTrue(text.contains("CC-LVIV") && text.contains(",UA-46,") && text.contains(",LODA,true"), text);
        assertTrue(text.contains("\"Кроки: заява.\nПлата: безоплатно.\""), "a line break stays inside its quotes");
    }

    @Test
    @DisplayName("open data JSON names its dictionary; the dictionary explains every column in both languages")
    void openDataJsonAndDictionary() {
        PublicReferenceResource.OpenData open = new PublicReferenceResource.OpenData(base, data);
        Response r = open.get(null, "application/json");
        PublicReferenceResource.OpenData.ReferenceSetJson j = assertInstanceOf(
                PublicReferenceResource.OpenData.ReferenceSetJson.class, r.getEntity());
        assertEquals("2026.1", j.version());
        assertEquals("/api/v1/open-data/reference/dictionary", j.dictionary());
        assertEquals(3, j.items().size());
        PublicReferenceResource.OpenData.DictionaryJson d = open.dictionary();
        assertEquals(15, d.columns().size());
        assertTrue(d.columns().stream().allMatch(c -> !c.uk().isBlank() && !c.en().isBlank()));
        assertTrue(d.notesEn().contains("1545"));
        assertThrows(ValidationException.class, () -> open.get("xml", null));
    }
}
