package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.EventFeed.FeedEvent;

/** The event feed of the analysis over a real database (Derby, PostgreSQL: nsoz.test.db). */
@DisplayName("JdbcEventFeed (Derby, PostgreSQL)")
class JdbcEventFeedTest {

    @TempDir
    static Path home;

    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    TestDatabase db;
    DataSource ds;
    JdbcAppealStore store;
    JdbcEventFeed feed;
    int numbers;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void open() {
        db = TestDatabases.create(home, "feed");
        ds = db.dataSource();
        JdbcAppealStoreTest.migrate(ds);
        store = new JdbcAppealStore(ds);
        feed = new JdbcEventFeed(ds);
    }

    @AfterEach
    void shutdown() {
        db.close();
    }

    Appeal register(Instant at) {
        Appeal a = new Appeal(UUID.randomUUID().toString(), String.format("LV-2026-%06d", ++numbers), "lviv", "UA-46",
                AppealKind.PROPOSAL, Channel.PHONE, null, "Синтетична пропозиція.", "008.01", null, false, null,
                false, null, List.of(), Set.of(), AppealStatus.REGISTERED, 1, at, at, at);
        store.insert(a, event(a, "REGISTERED", at));
        return a;
    }

    Appeal change(Appeal a, String type, AppealStatus status, Instant at) {
        Appeal next = a.next(a.topic(), status, at, Processing.NONE);
        assertEquals(AppealStore.UpdateResult.UPDATED, store.update(next, event(next, type, at), List.of(), null));
        return next;
    }

    static AppealEvent event(Appeal a, String type, Instant at) {
        return new AppealEvent(UUID.randomUUID().toString(), a.id(), a.version(), type, at, a.node(), "operator",
                "{}");
    }

    @Test
    @DisplayName("after(): the events past a cursor in seq order, paged by the limit; lastSeq the highest")
    void afterCursor() {
        Appeal a = register(T);
        Appeal b = register(T.plusSeconds(60));
        change(a, "FORWARDED", AppealStatus.FORWARDED, T.plusSeconds(120));
        List<FeedEvent> all = feed.after(0, 100);
        assertEquals(3, all.size());
        assertEquals(List.of(a.id(), b.id(), a.id()), all.stream().map(FeedEvent::appealId).toList());
        assertEquals(List.of("REGISTERED", "REGISTERED", "FORWARDED"),
                all.stream().map(FeedEvent::eventType).toList());
        assertEquals(T.plusSeconds(120), all.get(2).occurredAt());
        assertTrue(all.get(0).seq() < all.get(1).seq() && all.get(1).seq() < all.get(2).seq());
        assertEquals(all.get(2).seq(), feed.lastSeq());
        assertEquals(List.of(all.get(1)), feed.after(all.get(0).seq(), 1));
        assertEquals(List.of(), feed.after(all.get(2).seq(), 10));
        assertThrows(IllegalArgumentException.class, () -> feed.after(0, 0));
    }

    @Test
    @DisplayName("eventsAt(): the events at given positions that exist, a missing position simply absent")
    void eventsAtPositions() {
        register(T);
        register(T);
        List<FeedEvent> all = feed.after(0, 10);
        long missing = all.get(1).seq() + 1000;
        assertEquals(List.of(all.get(1)), feed.eventsAt(List.of(missing, all.get(1).seq())));
        assertEquals(List.of(), feed.eventsAt(List.of()));
        assertEquals(0, new JdbcEventFeed(ds).lastSeq() - all.get(1).seq());
    }

    @Test
    @DisplayName("appealIds(): every appeal once, by keyset pages in ascending order")
    void keysetOfAppeals() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(register(T).id());
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        for (List<String> page = feed.appealIds(null, 3); !page.isEmpty(); page = feed.appealIds(after, 3)) {
            assertTrue(page.size() <= 3);
            seen.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertEquals(ids.stream().sorted().toList(), seen);
    }

    @Test
    @DisplayName("firstOccurrence(): when each appeal first had an event of a type, absent if never")
    void firstOccurrenceOfAType() {
        Appeal a = register(T);
        Appeal b = register(T);
        Appeal a2 = change(a, "REDIRECTED", AppealStatus.REDIRECTED, T.plusSeconds(3600));
        change(a2, "REDIRECTED", AppealStatus.REDIRECTED, T.plusSeconds(7200));
        Map<String, Instant> first = feed.firstOccurrence(List.of(a.id(), b.id()), "REDIRECTED");
        assertEquals(Map.of(a.id(), T.plusSeconds(3600)), first);
    }
}
