package ua.gov.nsoz.store.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.AuditChain;
import ua.gov.nsoz.store.EventFeed;
import ua.gov.nsoz.store.ReplicationStore;

/**
 * Publishes the store once the schema is migrated: appeals, replication, the audit log (the audit log's work is
 * {@link JdbcAuditLog}'s) and the event feed of the analysis ({@link JdbcEventFeed}'s). The DataSource is the pax-jdbc one named by {@code dataSource.target} in PID
 * {@code ua.gov.nsoz.store} (default {@code (dataSourceName=nsoz)}).
 */
@Component(service = {AppealStore.class, ReplicationStore.class, AuditLog.class, AuditChain.class, EventFeed.class},
        configurationPid = "ua.gov.nsoz.store", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "dataSource.target=(dataSourceName=nsoz)")
public class DerbyStoreComponent extends JdbcAppealStore implements AuditLog, AuditChain, EventFeed {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyStoreComponent.class);

    private final JdbcAuditLog audit;
    private final JdbcEventFeed feed;

    /**
     * @param dataSource the node's DataSource
     */
    @Activate
    public DerbyStoreComponent(@Reference(name = "dataSource") DataSource dataSource) {
        super(dataSource);
        long start = System.nanoTime();
        Migrations.migrate(dataSource);
        this.audit = new JdbcAuditLog(dataSource);
        this.feed = new JdbcEventFeed(dataSource);
        LOG.info("Store ready: schema migrated in {} ms", (System.nanoTime() - start) / 1_000_000);
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
