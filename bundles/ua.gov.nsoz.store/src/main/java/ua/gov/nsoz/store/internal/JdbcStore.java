package ua.gov.nsoz.store.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AuditChain;
import ua.gov.nsoz.store.EventFeed;

/**
 * The whole store over one DataSource in one object, its schema migrated first: appeals and replication
 * ({@link JdbcAppealStore}), the audit log and its chain ({@link JdbcAuditLog}) and the event feed
 * ({@link JdbcEventFeed}). Not a component (a node publishes each part by its own component, after
 * {@link StoreSchema}): for tests and tools that build a store by hand.
 */
public class JdbcStore extends JdbcAppealStore implements AuditLog, AuditChain, EventFeed {

    private final JdbcAuditLog audit;
    private final JdbcEventFeed feed;

    /**
     * Migrates the schema and builds the store.
     *
     * @param dataSource the database
     */
    public JdbcStore(DataSource dataSource) {
        this(migrated(dataSource));
    }

    private JdbcStore(Database db) {
        super(db);
        this.audit = new JdbcAuditLog(db);
        this.feed = new JdbcEventFeed(db);
    }

    private static Database migrated(DataSource dataSource) {
        Migrations.migrate(dataSource);
        return new Database(dataSource);
    }

    @Override
    public void record(AuditEntry entry) {
        audit.record(entry);
    }

    @Override
    public Page<AuditEntry> search(AuditQuery query) {
        return audit.search(query);
    }

    @Override
    public OptionalLong verify() {
        return audit.verify();
    }

    @Override
    public List<FeedEvent> after(long afterSeq, int limit) {
        return feed.after(afterSeq, limit);
    }

    @Override
    public List<FeedEvent> eventsAt(Collection<Long> seqs) {
        return feed.eventsAt(seqs);
    }

    @Override
    public long lastSeq() {
        return feed.lastSeq();
    }

    @Override
    public List<String> appealIds(String afterId, int limit) {
        return feed.appealIds(afterId, limit);
    }

    @Override
    public Map<String, Instant> firstOccurrence(Collection<String> appealIds, String eventType) {
        return feed.firstOccurrence(appealIds, eventType);
    }
}
