package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Page;

/** Tab completion of registration numbers offers only what the user may list, and never fails while typing. */
@DisplayName("nsoz:appeal-show etc.: registration numbers completed within the user's scope")
class AppealIdCompleterTest {

    private final List<AppealQuery> asked = new ArrayList<>();

    private Completers.AppealIdCompleter completer() {
        Completers.AppealIdCompleter c = new Completers.AppealIdCompleter();
        c.nsozNode = AsUser.node("lviv");
        c.appeals = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("search")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    AppealQuery q = (AppealQuery) args[0];
                    asked.add(q);
                    // What the store would return for that query: one appeal per body, or the node's one.
                    Appeal a = PriorityFlagTest.appeal(q.body() != null ? "LV-2026-" + q.body() : "LV-2026-000001",
                            false);
                    return new Page<>(List.of(a), 1, q.offset(), q.limit());
                });
        return c;
    }

    @Test
    @DisplayName("an operator is offered the numbers of their own node's appeals only (the search carries the node)")
    void operatorOwnNode() {
        Completers.AppealIdCompleter c = completer();
        List<String> numbers = AsUser.run("operator", Set.of("nsoz-operator", "ssh"), c::numbers);
        assertEquals(List.of("LV-2026-000001"), numbers);
        assertEquals(1, asked.size());
        assertEquals("lviv", asked.get(0).node(), "the search is limited to the node: " + asked.get(0));
        assertEquals(Completers.AppealIdCompleter.LATEST, asked.get(0).limit());
    }

    @Test
    @DisplayName("an analyst is offered every appeal's number (no node or body filter)")
    void analystAll() {
        Completers.AppealIdCompleter c = completer();
        List<String> numbers = AsUser.run("analyst", Set.of("nsoz-analyst", "ssh"), c::numbers);
        assertEquals(List.of("LV-2026-000001"), numbers);
        assertEquals(null, asked.get(0).node());
        assertEquals(null, asked.get(0).body());
    }

    @Test
    @DisplayName("a clerk of two bodies is offered the numbers of both bodies' appeals, asked body by body")
    void clerkOfTwoBodies() {
        Completers.AppealIdCompleter c = completer();
        List<String> numbers = AsUser.run("clerk", Set.of("nsoz-clerk", "nsoz-body-MOZ", "nsoz-body-MON", "ssh"),
                c::numbers);
        assertEquals(List.of("LV-2026-MON", "LV-2026-MOZ"), numbers);
        assertTrue(asked.stream().allMatch(q -> q.body() != null), "every search names a body: " + asked);
    }

    @Test
    @DisplayName("the auditor, the admin and a clerk with no body are offered nothing and nothing is searched")
    void noSearchRight() {
        Completers.AppealIdCompleter c = completer();
        assertEquals(List.of(), AsUser.run("auditor", Set.of("nsoz-auditor", "ssh"), c::numbers));
        assertEquals(List.of(), AsUser.run("admin", Set.of("nsoz-admin", "admin", "ssh"), c::numbers));
        assertEquals(List.of(), AsUser.run("clerk", Set.of("nsoz-clerk", "ssh"), c::numbers));
        assertEquals(List.of(), asked, "no search for users who may not list appeals");
    }
}
