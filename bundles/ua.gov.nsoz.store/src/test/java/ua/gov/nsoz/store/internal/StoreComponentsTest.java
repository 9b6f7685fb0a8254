package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.full;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.newId;
import static ua.gov.nsoz.store.internal.JdbcAppealStoreTest.registered;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
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
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.AuditChain;
import ua.gov.nsoz.store.EventFeed;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The store as a node assembles it: the schema component migrates a new database, and each published part is built
 * by its own component constructor over it. What one part writes, the others see: they share the database, not
 * state.
 */
@DisplayName("The store's components over one migrated database")
class StoreComponentsTest {

    @TempDir
    static Path home;

    TestDatabase db;
    DataSource ds;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void create() {
        db = TestDatabases.create(home, "components");
        ds = db.dataSource();
    }

    @AfterEach
    void shutdown() {
        db.close();
    }

    @Test
    @DisplayName("Appeals, replication, the audit log and the event feed: each its own component on the schema's database")
    void partsShareTheDatabase() {
        StoreSchema schema = new StoreSchema(ds);
        assertEquals(TestDatabases.engine(), schema.database().dialect());
        AppealStore appeals = new AppealsComponent(schema);
        ReplicationStore replication = new ReplicationComponent(schema);
        JdbcAuditLog audit = new AuditLogComponent(schema);
        AuditChain chain = audit;
        EventFeed feed = new EventFeedComponent(schema);

        Appeal a = full(newId(), "LV-2026-000001");
        appeals.insert(a, registered(a), List.of("ucc"));
        assertEquals(1, appeals.search(AppealQuery.all()).total());

        List<ReplicationStore.OutboxEntry> pending = replication.pending("ucc", 10);
        assertEquals(1, pending.size(), "the appeals part queued the event in the replication part's outbox");
        assertEquals(a.id(), pending.get(0).appealId());
        replication.markShipped("ucc", pending);
        assertEquals(1, replication.stats("ucc").shipped());
        assertEquals(List.of("ucc"), replication.peers());

        assertEquals(1, feed.after(0, 10).size(), "the feed sees the appeal's event");
        assertEquals(feed.after(0, 10).get(0).seq(), feed.lastSeq());
        assertEquals(List.of(a.id()), feed.appealIds(null, 10));

        audit.record(new AuditEntry(0, Instant.parse("2026-05-04T09:00:00Z"), "olena", "nsoz-clerk",
                AuditAction.READ, a.id(), "GET /appeals/{id}", "rest 10.0.0.5", "lviv"));
        assertEquals(1, audit.search(new AuditQuery(null, a.id(), null, null, null, 0, 10)).total());
        assertEquals(OptionalLong.empty(), chain.verify());
    }

    @Test
    @DisplayName("Each component has one public constructor, the one the DS runtime calls (it picks by parameter count)")
    void oneConstructorEach() {
        for (Class<?> c : List.of(StoreSchema.class, AppealsComponent.class, ReplicationComponent.class,
                AuditLogComponent.class, EventFeedComponent.class)) {
            assertEquals(1, c.getConstructors().length, c.getName());
        }
    }

    @Test
    @DisplayName("A second schema component on the same database migrates nothing more; its parts read the same rows")
    void migratedOnce() {
        Appeal a = full(newId(), "LV-2026-000002");
        new AppealsComponent(new StoreSchema(ds)).insert(a, registered(a));
        AppealStore again = new AppealsComponent(new StoreSchema(ds));
        assertEquals(a, again.get(a.id()).orElseThrow());
        assertEquals(1, again.events(a.id()).size());
    }
}
