package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;

/**
 * {@code GET /api/v1/appeals/export}: a list of appeals as CSV, through the same scope and masking as the JSON search,
 * and one audit entry EXPORT with the query and the count, never personal data.
 */
@DisplayName("REST: GET /appeals/export is CSV, scoped and masked as the search, audited as EXPORT")
class AppealExportTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    private final List<AppealQuery> asked = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final List<Appeal> found = new ArrayList<>();

    private final AppealResource resource = new AppealResource((AppealService) Proxy.newProxyInstance(
            AppealService.class.getClassLoader(), new Class<?>[] {AppealService.class},
            (p, m, a) -> switch (m.getName()) {
                case "search" -> {
                    AppealQuery q = (AppealQuery) a[0];
                    asked.add(q);
                    yield new Page<>(List.copyOf(found), 42, q.offset(), q.limit());
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }), new Callers(CallersTest.node("ucc"), CallersTest.audit(audit)));

    static Appeal appeal(String node, String text) {
        return new Appeal("id-" + node, "UCC-2026-000001", node, "UA-30", AppealKind.COMPLAINT, Channel.PHONE,
                new Applicant(ApplicantType.CITIZEN, "Тестенко Марія", "м. Київ, вул. Синтетична, 1",
                        "maria@example.org", "+380000000000"),
                text, "008.01", null, false, null, false, null, List.of(), Set.of(), AppealStatus.REGISTERED, 1, T, T,
                T);
    }

    private String export(String user, String q, String limit, String... roles) {
        javax.ws.rs.core.Response r = resource.export("REGISTERED", null, null, null, "2026-03-01", null, q, null,
                limit, null, new BasicAuth.UserContext(new Actor(user, Set.of(roles)), true));
        assertEquals(200, r.getStatus());
        assertEquals("text/csv;charset=UTF-8", r.getMediaType().toString().replace(" ", ""));
        assertTrue(r.getHeaderString("Content-Disposition").contains("appeals.csv"));
        assertEquals("42", r.getHeaderString("X-Total-Count"));
        byte[] body = assertInstanceOf(byte[].class, r.getEntity());
        assertTrue(body.length > 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF,
                "UTF-8 with a BOM");
        return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("An analyst's export is masked like the search; the audit entry is EXPORT with the query, not the data")
    void analystMaskedAndAudited() {
        found.add(appeal("lviv", "=HYPERLINK(\"http://x\") текст"));
        String csv = export("analyst", "Тестенко", null, "nsoz-analyst");
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size(), csv);
        assertEquals(String.join(",", AppealResource.EXPORT_COLUMNS), lines.get(0));
        assertTrue(lines.get(1).contains("***"), "the applicant masked: " + lines.get(1));
        assertFalse(csv.contains("Тестенко") || csv.contains("maria@example.org"), csv);
        assertTrue(lines.get(1).contains("'=HYPERLINK"), "a formula is written as text: " + lines.get(1));
        assertEquals(AppealQuery.MAX_LIMIT, asked.get(0).limit(), "an export's page is the largest by default");
        assertNull(asked.get(0).node(), "an analyst exports every appeal");

        assertEquals(1, audit.size());
        AuditEntry e = audit.get(0);
        assertEquals(AuditAction.EXPORT, e.action());
        assertEquals("analyst", e.actor());
        assertTrue(e.what().startsWith("GET /appeals/export "), e.what());
        assertTrue(e.what().contains("status=REGISTERED") && e.what().contains("-> 1 of 42"), e.what());
        assertTrue(e.what().contains("q=(8 chars)"), "the search text only as its length: " + e.what());
        assertFalse(e.what().contains("Тестенко"), e.what());
    }

    @Test
    @DisplayName("An operator exports their contact center's appeals only, unmasked as they see them; still audited")
    void operatorScopedToTheirCenter() {
        found.add(appeal("ucc", "Текст"));
        String csv = export("operator", null, "10", "nsoz-operator");
        assertEquals("ucc", asked.get(0).node(), "scoped to the node they log in to");
        assertEquals(10, asked.get(0).limit());
        assertTrue(csv.contains("Тестенко Марія"), "their own center's applicant: " + csv);
        assertEquals(1, audit.size());
        assertEquals(AuditAction.EXPORT, audit.get(0).action());
        assertTrue(audit.get(0).what().contains("node=ucc"), audit.get(0).what());
    }

    @Test
    @DisplayName("Bad parameters are a 400 naming each, as in the search; nothing exported, nothing audited")
    void badParameters() {
        ValidationException e = assertThrows(ValidationException.class, () -> resource.export("LOST", null, null,
                null, "yesterday", null, null, null, "501", null,
                new BasicAuth.UserContext(new Actor("analyst", Set.of("nsoz-analyst")), true)));
        assertEquals(List.of("status", "from", "limit"), e.errors().stream().map(f -> f.field()).toList());
        assertTrue(asked.isEmpty());
        assertTrue(audit.isEmpty());
    }

    @Test
    @DisplayName("The export takes exactly the search's query parameters")
    void sameParametersAsTheSearch() {
        java.lang.reflect.Method search = Arrays.stream(AppealResource.class.getMethods())
                .filter(m -> m.getName().equals("search")).findFirst().orElseThrow();
        java.lang.reflect.Method export = Arrays.stream(AppealResource.class.getMethods())
                .filter(m -> m.getName().equals("export")).findFirst().orElseThrow();
        assertEquals(KnownQueryParameters.declared(search), KnownQueryParameters.declared(export));
    }
}
