package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;

/** Whose confidential text a caller's search may match, and the audit entry of a refused login. */
@DisplayName("REST: the confidential text a search may match, refused logins in the audit log")
class CallersTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    static Appeal confidential(String node, String body) {
        Appeal a = new Appeal("id-" + node + "-" + body, "X-2026-000001", node, "UA-46", AppealKind.COMPLAINT,
                Channel.PHONE, null, "Таємний текст", "ЖКГ", null, false, null, true, null, List.of(), Set.of(),
                AppealStatus.REGISTERED, 1, T, T, T);
        return body == null ? a : a.withProcessing(a.processing().toBuilder().body(body, T).build());
    }

    static AccessRules.Caller caller(String name, String... roles) {
        return new AccessRules.Caller(new Actor(name, Set.of(roles)), "ucc");
    }

    /** What the store's SQL applies to a confidential appeal (JdbcAppealStore.search). */
    static boolean storeMatches(AppealQuery.ConfidentialText t, Appeal a) {
        String body = a.processing().body();
        return body != null && t.bodies().contains(body.toUpperCase(Locale.ROOT))
                || body == null && t.node() != null && t.node().equals(a.node());
    }

    @Test
    @DisplayName("A search matches a confidential appeal's text exactly where AccessRules shows the caller its text")
    void confidentialTextFollowsAccessRules() {
        List<AccessRules.Caller> callers = List.of(caller("operator", "nsoz-operator"),
                caller("supervisor", "nsoz-supervisor"), caller("clerk", "nsoz-clerk", "nsoz-body-MOZ"),
                caller("head", "nsoz-head", "nsoz-body-MOZ", "nsoz-body-MON"),
                caller("analyst", "nsoz-analyst", "nsoz-personal-data"), caller("auditor", "nsoz-auditor"),
                caller("admin", "nsoz-admin"), caller("both", "nsoz-analyst", "nsoz-clerk", "nsoz-body-MON"),
                caller("body-only", "nsoz-body-MOZ"), caller("anonymous"));
        List<Appeal> appeals = List.of(confidential("ucc", null), confidential("ucc", "MOZ"),
                confidential("lviv", null), confidential("lviv", "MON"), confidential("lviv", "moz"),
                confidential("lviv", "MINTEST"));
        List<String> differ = new ArrayList<>();
        int seen = 0;
        for (AccessRules.Caller c : callers) {
            AppealQuery.ConfidentialText t = ua.gov.nsoz.api.access.AccessRules.confidentialText(c);
            for (Appeal a : appeals) {
                boolean sees = AccessRules.seesPersonalData(c, a);
                boolean matches = storeMatches(t, a);
                seen += sees ? 1 : 0;
                if (sees != matches) {
                    differ.add(c.actor().name() + " / " + a.id() + ": AccessRules " + sees + ", search " + matches);
                }
            }
        }
        assertTrue(differ.isEmpty(), String.join("\n", differ));
        assertTrue(seen >= 8, "the cases include callers who see the text: " + seen);
        assertTrue(ua.gov.nsoz.api.access.AccessRules.confidentialText(caller("analyst", "nsoz-analyst", "nsoz-personal-data")).none());
        assertEquals(new AppealQuery.ConfidentialText("ucc", Set.of()),
                ua.gov.nsoz.api.access.AccessRules.confidentialText(caller("operator", "nsoz-operator")));
        assertEquals(new AppealQuery.ConfidentialText(null, Set.of("MOZ")),
                ua.gov.nsoz.api.access.AccessRules.confidentialText(caller("clerk", "nsoz-clerk", "nsoz-body-MOZ")));
    }

    @Test
    @DisplayName("A refused login is an audit entry LOGIN_REFUSED: the user name tried, the address, why; no roles, no appeal")
    void aRefusedLoginIsAudited() {
        List<AuditEntry> entries = new ArrayList<>();
        Callers callers = new Callers(node("ucc"), audit(entries));

        callers.loginRefused("operator\r\nforged line", "10.0.0.5", "wrong user name or password");
        callers.loginRefused("x".repeat(500), "10.0.0.5", "too many failed logins from this address");

        assertEquals(2, entries.size());
        AuditEntry e = entries.get(0);
        assertEquals(AuditAction.LOGIN_REFUSED, e.action());
        assertEquals("operator??forged line", e.actor(), "control characters cannot forge a line");
        assertEquals("rest 10.0.0.5", e.origin());
        assertEquals("REST login refused: wrong user name or password", e.what());
        assertEquals("", e.roles());
        assertNull(e.appealId());
        assertEquals("ucc", e.node());
        assertEquals(100, entries.get(1).actor().length(), "a long name is cut");
    }

    @Test
    @DisplayName("An audit log that fails does not turn a refused login into an error")
    void aFailingAuditLogIsSurvived() {
        AuditLog broken = (AuditLog) Proxy.newProxyInstance(AuditLog.class.getClassLoader(),
                new Class<?>[] {AuditLog.class}, (p, m, a) -> {
                    throw new IllegalStateException("database down");
                });
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> new Callers(node("ucc"), broken)
                .loginRefused("operator", "10.0.0.5", "wrong user name or password"));
    }

    static NodeIdentity node(String id) {
        return (NodeIdentity) Proxy.newProxyInstance(NodeIdentity.class.getClassLoader(),
                new Class<?>[] {NodeIdentity.class}, (p, m, a) -> switch (m.getName()) {
                    case "nodeId" -> id;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static AuditLog audit(List<AuditEntry> entries) {
        return (AuditLog) Proxy.newProxyInstance(AuditLog.class.getClassLoader(), new Class<?>[] {AuditLog.class},
                (p, m, a) -> switch (m.getName()) {
                    case "record" -> {
                        entries.add((AuditEntry) a[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
