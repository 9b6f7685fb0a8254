package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Page;

/** {@code GET /api/v1/appeals?q=}: the search the resource runs says whose confidential text it may match. */
@DisplayName("REST: GET /appeals?q= searches only the confidential text the caller sees")
class AppealSearchTest {

    private final List<AppealQuery> asked = new ArrayList<>();

    private final AppealResource resource = new AppealResource((AppealService) Proxy.newProxyInstance(
            AppealService.class.getClassLoader(), new Class<?>[] {AppealService.class},
            (p, m, a) -> switch (m.getName()) {
                case "search" -> {
                    AppealQuery q = (AppealQuery) a[0];
                    asked.add(q);
                    yield new Page<>(List.of(), 0, q.offset(), q.limit());
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }), new Callers(CallersTest.node("ucc"), CallersTest.audit(new ArrayList<>())));

    private AppealQuery search(String user, String... roles) {
        resource.search(null, null, null, null, null, null, "жеку", null, null, null,
                new BasicAuth.UserContext(new Actor(user, Set.of(roles)), true));
        return asked.get(asked.size() - 1);
    }

    @Test
    void aClerkSearchesTheirBodysConfidentialText() {
        AppealQuery q = search("clerk", "nsoz-clerk", "nsoz-body-MOZ");
        assertEquals("MOZ", q.body(), "their inbox");
        assertEquals("жеку", q.text());
        assertEquals(new AppealQuery.ConfidentialText(null, Set.of("MOZ")), q.confidentialText());
    }

    @Test
    void anOperatorSearchesTheirCentersConfidentialTextNotYetForwarded() {
        AppealQuery q = search("operator", "nsoz-operator");
        assertEquals("ucc", q.node());
        assertEquals(new AppealQuery.ConfidentialText("ucc", Set.of()), q.confidentialText());
    }

    @Test
    void anAnalystSearchesNoConfidentialTextEvenWithTheGrant() {
        AppealQuery q = search("analyst", "nsoz-analyst", "nsoz-personal-data");
        assertNull(q.node());
        assertNull(q.body());
        assertEquals(AppealQuery.ConfidentialText.NONE, q.confidentialText());
    }
}
