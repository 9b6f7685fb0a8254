package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.full;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.minimal;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.newId;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.registered;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealQuery.ConfidentialText;

/**
 * A text search ({@code ?q=}) finds a word inside a confidential appeal's text (Art. 10) only for a query that names it
 * among those whose text the caller sees ({@link AppealQuery.ConfidentialText}); every other one by its topic only.
 */
class ConfidentialSearchTest {

    @TempDir
    static Path home;

    private JdbcAppealStoreTest.Db db;
    private JdbcAppealStore store;

    @BeforeEach
    void open() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
        db = JdbcAppealStoreTest.Db.create(home, "nsoz-search"); // fresh per test
        store = new JdbcAppealStore(db.ds);
    }

    @AfterEach
    void close() {
        db.shutdown();
    }

    private Set<String> hits(String text) {
        return hits(text, null);
    }

    private Set<String> hits(String text, ConfidentialText seen) {
        AppealQuery q = new AppealQuery(null, null, null, null, null, null, text, 0, 100).withConfidentialText(seen);
        var page = store.search(q);
        assertEquals(page.items().size(), page.total(), "the count agrees with the hits");
        return Set.copyOf(page.items().stream().map(Appeal::registrationNumber).toList());
    }

    private static Appeal forwarded(Appeal a, String body) {
        return a.withProcessing(a.processing().toBuilder().body(body, a.registeredAt()).build());
    }

    @Test
    void aConfidentialTextIsSearchedOnlyWhereTheQuerySaysTheCallerSeesIt() {
        // Three confidential appeals registered at lviv with the same text: not yet forwarded, with MOZ, with MON.
        Appeal atCenter = full(newId(), "LV-2026-000011");
        Appeal moz = forwarded(full(newId(), "LV-2026-000012"), "MOZ");
        Appeal mon = forwarded(full(newId(), "LV-2026-000013"), "MON");
        for (Appeal a : List.of(atCenter, moz, mon)) {
            store.insert(a, registered(a));
        }

        assertEquals(Set.of(), hits("жеку", ConfidentialText.NONE), "nobody's: no hit");
        assertEquals(Set.of("LV-2026-000012"), hits("жеку", new ConfidentialText(null, Set.of("moz"))),
                "a clerk of MOZ finds their body's confidential appeal by its text, not another body's");
        assertEquals(Set.of("LV-2026-000011"), hits("жеку", new ConfidentialText("lviv", Set.of())),
                "lviv's operator finds the one not yet forwarded, not those forwarded since");
        assertEquals(Set.of(), hits("жеку", new ConfidentialText("kyiv-city", Set.of())),
                "another contact center finds none");
        assertEquals(Set.of("LV-2026-000011", "LV-2026-000012", "LV-2026-000013"),
                hits("жеку", new ConfidentialText("lviv", Set.of("MOZ", "MON"))), "the union of several");
        assertEquals(Set.of("LV-2026-000011", "LV-2026-000012", "LV-2026-000013"), hits("жкг", ConfidentialText.NONE),
                "the topic is searched for everyone");
        AppealQuery monInbox = new AppealQuery(null, null, null, null, null, null, "жеку", 0, 100, "MON")
                .withConfidentialText(new ConfidentialText(null, Set.of("MOZ")));
        assertEquals(0, store.search(monInbox).total(), "MON's inbox, searched by MOZ's clerk's rule: no hit");
    }

    @Test
    void wordsOfAConfidentialTextAreNoHitsButItsTopicIs() {
        Appeal secret = full(newId(), "LV-2026-000001"); // confidential; text about "бездіяльність ЖЕКу", topic ЖКГ
        Appeal m = minimal(newId(), "UC-2026-000001");
        Appeal open = new Appeal(m.id(), m.registrationNumber(), m.node(), m.region(), m.kind(), m.channel(), null,
                "Теж про бездіяльність посадовців.", null, null, false, null, false, null, List.of(), Set.of(),
                m.status(), m.version(), m.receivedAt(), m.registeredAt(), m.updatedAt());
        store.insert(secret, registered(secret));
        store.insert(open, registered(open));

        assertEquals(true, secret.confidential());
        assertEquals(Set.of("UC-2026-000001"), hits("бездіяльність"), "only the open appeal's text is searched");
        assertEquals(Set.of(), hits("жеку"), "a word only the confidential text has finds nothing");
        assertEquals(0, store.search(new AppealQuery(null, null, null, null, null, null, "жеку", 0, 100)).total(),
                "nor does the count");
        assertEquals(Set.of("LV-2026-000001"), hits("жкг"), "the topic, shown to everyone, is still searched");
    }
}
