package ua.gov.nsoz.store.internal;

import java.util.List;
import javax.sql.DataSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.store.ReplicationStore;

/**
 * An appeal store and its replication over one DataSource in one object: {@link JdbcAppeals} with the
 * {@link ReplicationStore} of {@link JdbcReplication}. Not a component (the node publishes the parts, each by its own
 * component): for code that builds a store by hand from a migrated DataSource, such as tests and the benchmarks
 * ({@link JdbcStore} migrates the schema too and adds the audit log and the event feed).
 */
public class JdbcAppealStore extends JdbcAppeals implements ReplicationStore {

    private final JdbcReplication replication;

    /**
     * @param dataSource where the tables live; the schema must be migrated already
     */
    public JdbcAppealStore(DataSource dataSource) {
        this(new Database(dataSource));
    }

    JdbcAppealStore(Database db) {
        super(db);
        this.replication = new JdbcReplication(db);
    }

    @Override
    public List<OutboxEntry> pending(String destination, int max) {
        return replication.pending(destination, max);
    }

    @Override
    public void markShipped(String destination, List<OutboxEntry> entries) {
        replication.markShipped(destination, entries);
    }

    @Override
    public void enqueue(String destination, String messageId, String messageType, String appealId, String payload) {
        replication.enqueue(destination, messageId, messageType, appealId, payload);
    }

    @Override
    public boolean reply(Inbound inbound, String destination, String messageId, String messageType, String appealId,
            String payload) {
        return replication.reply(inbound, destination, messageId, messageType, appealId, payload);
    }

    @Override
    public ApplyResult applyReplica(String messageId, String sourceNode, long sourceSeq, Appeal snapshot,
            AppealEvent event) {
        return replication.applyReplica(messageId, sourceNode, sourceSeq, snapshot, event);
    }

    @Override
    public List<ApplyResult> applyReplicas(List<Replica> batch) {
        return replication.applyReplicas(batch);
    }

    @Override
    public boolean recordReceived(String messageId, String sourceNode, long sourceSeq) {
        return replication.recordReceived(messageId, sourceNode, sourceSeq);
    }

    @Override
    public boolean recordReceived(Inbound inbound) {
        return replication.recordReceived(inbound);
    }

    @Override
    public LinkStats stats(String peer) {
        return replication.stats(peer);
    }

    @Override
    public List<String> peers() {
        return replication.peers();
    }
}
