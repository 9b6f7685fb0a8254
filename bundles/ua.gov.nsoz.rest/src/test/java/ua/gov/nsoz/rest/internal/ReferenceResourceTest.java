package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import javax.ws.rs.ClientErrorException;
import javax.ws.rs.NotFoundException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.CompetenceRouter;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;

/** {@code PUT/DELETE /reference/entries/{code}}: the center's admin edits the reference base (R17). */
@DisplayName("REST: the reference base's entries are edited at the center, a region answers 409")
class ReferenceResourceTest {

    final List<Object> told = new ArrayList<>();
    boolean center = true;

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler h) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }

    final ReferenceAdmin admin = proxy(ReferenceAdmin.class, (p, m, a) -> {
        if (!center) {
            throw new IllegalStateException("Довідники редагують у центрі / Reference data is edited at the center");
        }
        return switch (m.getName()) {
            case "putEntry" -> {
                ReferenceEntry e = (ReferenceEntry) a[0];
                if (e.bodyCode() != null && e.bodyCode().equals("NO-SUCH")) {
                    throw new IllegalArgumentException("bodyCode 'NO-SUCH' is not a body");
                }
                told.add(e);
                told.add(a[1]);
                yield new ReferenceEdits(1, Instant.parse("2026-11-28T09:00:00Z"), (String) a[1], List.of(),
                        List.of(), List.of(), List.of(e), List.of());
            }
            case "removeEntry" -> {
                if (a[0].equals("NO-SUCH")) {
                    throw new NoSuchElementException("No reference base entry NO-SUCH");
                }
                told.add(a[0]);
                yield new ReferenceEdits(2, Instant.parse("2026-11-28T09:00:00Z"), (String) a[1], List.of(),
                        List.of(), List.of(), List.of(), List.of((String) a[0]));
            }
            default -> throw new UnsupportedOperationException(m.getName());
        };
    });
    final ReferenceData data = proxy(ReferenceData.class, (p, m, a) -> "2026.1");
    final ReferenceResource resource = new ReferenceResource(data, proxy(CompetenceRouter.class, (p, m, a) -> null),
            proxy(AppealService.class, (p, m, a) -> null), admin, null);

    static ReferenceResource.EntryInput input(String type, String code, String bodyCode) {
        return new ReferenceResource.EntryInput(type, code, "Гаряча лінія КМДА", "Kyiv hotline", "UA-30",
                "+380 44 000 15 99", null, null, "Цілодобово (приклад)", "24/7 (example)", null, "Комунальні послуги",
                "Utilities", bodyCode, true);
    }

    @Test
    @DisplayName("both edits need REFERENCE_EDIT (the admin at the center)")
    void allowed() throws Exception {
        for (String name : List.of("putEntry", "removeEntry")) {
            java.lang.reflect.Method m = java.util.Arrays.stream(ReferenceResource.class.getMethods())
                    .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
            assertEquals(Operation.REFERENCE_EDIT, m.getAnnotation(Allowed.class).value());
        }
    }

    @Test
    @DisplayName("PUT adds the entry under the path's code and answers the edits with it")
    void put() {
        ReferenceResource.EditsJson e = resource.putEntry("HL-KMDA", input("HOTLINE", null, "KMDA"), null);
        assertEquals(1, e.revision());
        assertEquals("2026.1", e.version());
        assertEquals("HL-KMDA", e.entries().get(0).code());
        ReferenceEntry sent = (ReferenceEntry) told.get(0);
        assertEquals(ReferenceEntryType.HOTLINE, sent.type());
        assertEquals("UA-30", sent.region());
        assertTrue(sent.example());
        assertEquals("anonymous", told.get(1));
    }

    @Test
    @DisplayName("a wrong type, a body, a code that differs or a failing check is a 400 naming the field")
    void putRefused() {
        assertEquals("type", assertThrows(ValidationException.class,
                () -> resource.putEntry("X", input("KIOSK", null, null), null)).errors().get(0).field());
        assertEquals("type", assertThrows(ValidationException.class,
                () -> resource.putEntry("MOZ", input("BODY", null, null), null)).errors().get(0).field());
        assertEquals("type", assertThrows(ValidationException.class,
                () -> resource.putEntry("X", input(null, null, null), null)).errors().get(0).field());
        assertEquals("code", assertThrows(ValidationException.class,
                () -> resource.putEntry("X", input("HOTLINE", "Y", null), null)).errors().get(0).field());
        assertEquals("body", assertThrows(ValidationException.class,
                () -> resource.putEntry("X", null, null)).errors().get(0).field());
        ValidationException e = assertThrows(ValidationException.class,
                () -> resource.putEntry("X", input("HOTLINE", null, "NO-SUCH"), null));
        assertTrue(e.errors().get(0).message().contains("NO-SUCH"));
        assertTrue(told.isEmpty());
    }

    @Test
    @DisplayName("DELETE takes the entry out; an unknown one is a 404")
    void delete() {
        ReferenceResource.EditsJson e = resource.removeEntry("HL-MOZ", null);
        assertEquals(List.of("HL-MOZ"), e.removedEntries());
        assertThrows(NotFoundException.class, () -> resource.removeEntry("NO-SUCH", null));
    }

    @Test
    @DisplayName("a region answers 409: its data come from the center")
    void regionConflict() {
        center = false;
        assertEquals(409, assertThrows(ClientErrorException.class,
                () -> resource.putEntry("HL-KMDA", input("HOTLINE", null, null), null)).getResponse().getStatus());
        assertEquals(409, assertThrows(ClientErrorException.class,
                () -> resource.removeEntry("HL-MOZ", null)).getResponse().getStatus());
    }
}
