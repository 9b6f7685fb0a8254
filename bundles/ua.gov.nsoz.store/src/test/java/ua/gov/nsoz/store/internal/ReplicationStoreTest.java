package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.full;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.newId;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.registered;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.store.ReplicationStore.ApplyResult;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.ReplicationStore.Replica;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;
import ua.gov.nsoz.store.ReplicationStore.OutboxEntry;

/**
 * The outbox and inbox over real Derby: what is committed is queued for shipping in the same
 * transaction, and a replicated event takes effect exactly once whatever the transport does.
 */
class ReplicationStoreTest {

    private JdbcAppealStoreTest.Db db;
    private JdbcAppealStore store;

    @BeforeEach
    void open() {
        db = JdbcAppealStoreTest.Db.create();
        store = new JdbcAppealStore(db.ds);
    }

    @AfterEach
    void close() {
        db.shutdown();
    }

    private static Appeal withStatus(Appeal a, AppealStatus status, long version) {
        return new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(), a.applicant(),
                a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                a.attachments(), a.marks(), status, version, a.receivedAt(), a.registeredAt(),
                a.updatedAt().plusSeconds(version));
    }

    private static AppealEvent event(Appeal a, String type) {
        return new AppealEvent(newId(), a.id(), a.version(), type, a.updatedAt(), a.node(), "clerk", "{}");
    }

    @Test
    @DisplayName("A registration with a destination puts one outbox entry in the same transaction; shipping removes it")
    void outboxWrittenWithTheEvent() {
        Appeal a = full(newId(), "LV-2026-000001");
        AppealEvent e = registered(a);
        store.insert(a, e, List.of("ucc"));
        List<OutboxEntry> pending = store.pending("ucc", 10);
        assertEquals(1, pending.size());
        OutboxEntry entry = pending.get(0);
        assertEquals("appealEvent", entry.messageType());
        assertEquals(e, entry.event(), "the entry carries the whole event as stored");
        assertEquals(a.id(), entry.appealId());
        assertTrue(store.pending("kyiv-city", 10).isEmpty(), "nothing for a peer it was not addressed to");
        assertEquals(1, store.stats("ucc").backlog());

        store.markShipped("ucc", pending);
        LinkStats stats = store.stats("ucc");
        assertEquals(0, stats.backlog());
        assertEquals(1, stats.shipped());
        assertEquals(entry.seq(), stats.lastSentSeq());
        assertNull(stats.oldestPendingAt());
    }

    @Test
    @DisplayName("A failed registration queues nothing: state, event and outbox share one transaction")
    void failedInsertQueuesNothing() {
        Appeal a = full(newId(), "LV-2026-000001");
        store.insert(a, registered(a), List.of("ucc"));
        Appeal clash = full(newId(), "LV-2026-000001");
        try {
            store.insert(clash, registered(clash), List.of("ucc"));
        } catch (RuntimeException expected) {
            // duplicate registration number
        }
        assertEquals(1, store.pending("ucc", 10).size());
    }

    @Test
    @DisplayName("Entries come out in commit order, in pages, and a non-event message carries its payload")
    void orderAndPaging() {
        for (int i = 1; i <= 5; i++) {
            Appeal a = full(newId(), "LV-2026-00000" + i);
            store.insert(a, registered(a), List.of("ucc"));
        }
        store.enqueue("ucc", newId(), "changeRequest", newId(), "{\"action\":\"NOTE\"}");
        List<OutboxEntry> first = store.pending("ucc", 4);
        assertEquals(4, first.size());
        store.markShipped("ucc", first);
        List<OutboxEntry> rest = store.pending("ucc", 10);
        assertEquals(2, rest.size());
        assertTrue(rest.get(0).seq() > first.get(3).seq());
        assertEquals("changeRequest", rest.get(1).messageType());
        assertEquals("{\"action\":\"NOTE\"}", rest.get(1).payload());
        assertNull(rest.get(1).event());
    }

    @Test
    @DisplayName("A replicated event applies once: the same message again is a duplicate and changes nothing")
    void appliesOnce() {
        Appeal a = full(newId(), "LV-2026-000001");
        AppealEvent e = registered(a);
        String message = newId();
        assertEquals(ApplyResult.APPLIED, store.applyReplica(message, "lviv", 1, a, e));
        assertEquals(ApplyResult.DUPLICATE, store.applyReplica(message, "lviv", 1, a, e));
        assertEquals(Optional.of(a), store.get(a.id()));
        assertEquals(1, store.events(a.id()).size());
        LinkStats stats = store.stats("lviv");
        assertEquals(1, stats.received());
        assertEquals(1, stats.lastReceivedSeq());
    }

    @Test
    @DisplayName("The same event resent in a new message (after a sender crash) is stored once")
    void resentEventStoredOnce() {
        Appeal a = full(newId(), "LV-2026-000001");
        AppealEvent e = registered(a);
        store.applyReplica(newId(), "lviv", 1, a, e);
        assertEquals(ApplyResult.STALE, store.applyReplica(newId(), "lviv", 2, a, e));
        assertEquals(1, store.events(a.id()).size());
    }

    @Test
    @DisplayName("Reordered events converge: the highest version wins and every event is kept in the history")
    void reorderedEventsConverge() {
        Appeal v1 = full(newId(), "LV-2026-000001");
        Appeal v2 = withStatus(v1, AppealStatus.FORWARDED, 2);
        Appeal v3 = withStatus(v1, AppealStatus.ACCEPTED, 3);
        AppealEvent e1 = registered(v1);
        AppealEvent e2 = event(v2, "FORWARDED");
        AppealEvent e3 = event(v3, "ACCEPTED");
        assertEquals(ApplyResult.APPLIED, store.applyReplica(newId(), "lviv", 3, v3, e3));
        assertEquals(ApplyResult.STALE, store.applyReplica(newId(), "lviv", 1, v1, e1));
        assertEquals(ApplyResult.STALE, store.applyReplica(newId(), "lviv", 2, v2, e2));
        Appeal stored = store.get(v1.id()).orElseThrow();
        assertEquals(AppealStatus.ACCEPTED, stored.status());
        assertEquals(3, stored.version());
        assertEquals(v3, stored);
        assertEquals(List.of(1L, 2L, 3L), store.events(v1.id()).stream().map(AppealEvent::version).toList());
    }

    @Test
    @DisplayName("An ack-like message is recorded once")
    void recordReceivedOnce() {
        String id = newId();
        assertTrue(store.recordReceived(id, "ucc", 7));
        assertFalse(store.recordReceived(id, "ucc", 7));
        assertEquals(7, store.stats("ucc").lastReceivedSeq());
        store.enqueue("kyiv-city", newId(), "changeRequest", newId(), "{}");
        assertEquals(List.of("kyiv-city", "ucc"), store.peers());
    }

    @Test
    @DisplayName("A batch applies in one transaction, in order: versions, duplicates within it and the lag are kept")
    void batchAppliesInOrder() {
        Appeal v1 = full(newId(), "LV-2026-000001");
        Appeal v2 = withStatus(v1, AppealStatus.FORWARDED, 2);
        Appeal other = full(newId(), "LV-2026-000002");
        String m1 = newId();
        Instant sent = Instant.now().minusMillis(1500);
        List<ApplyResult> results = store.applyReplicas(List.of(
                new Replica(new Inbound(m1, "lviv", 1, sent), v1, registered(v1)),
                new Replica(new Inbound(newId(), "lviv", 2, sent), other, registered(other)),
                new Replica(new Inbound(m1, "lviv", 1, sent), v1, registered(v1)),
                new Replica(new Inbound(newId(), "lviv", 3, sent), v2, event(v2, "FORWARDED"))));
        assertEquals(List.of(ApplyResult.APPLIED, ApplyResult.APPLIED, ApplyResult.DUPLICATE, ApplyResult.APPLIED),
                results);
        assertEquals(2, store.get(v1.id()).orElseThrow().version());
        assertEquals(Optional.of(other), store.get(other.id()));
        LinkStats stats = store.stats("lviv");
        assertEquals(3, stats.received());
        assertEquals(3, stats.lastReceivedSeq());
        assertTrue(stats.lastReceivedLagMillis() >= 1500, "lag " + stats.lastReceivedLagMillis());
        assertNotNull(stats.lastReceivedAt());
    }

    @Test
    @DisplayName("A batch that fails leaves nothing of it behind (all or nothing)")
    void failedBatchLeavesNothing() {
        Appeal good = full(newId(), "LV-2026-000001");
        Appeal bad = full(newId(), "LV-2026-000002");
        AppealEvent badEvent = new AppealEvent(newId(), bad.id(), 1, "X".repeat(500), Instant.now(), "lviv", null, "{}");
        assertThrows(ua.gov.nsoz.store.StoreException.class, () -> store.applyReplicas(List.of(
                new Replica(new Inbound(newId(), "lviv", 1), good, registered(good)),
                new Replica(new Inbound(newId(), "lviv", 2), bad, badEvent))));
        assertEquals(Optional.empty(), store.get(good.id()));
        assertEquals(0, store.stats("lviv").received());
    }
}
