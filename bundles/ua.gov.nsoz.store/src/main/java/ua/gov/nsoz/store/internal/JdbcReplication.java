package ua.gov.nsoz.store.internal;

import java.util.List;
import javax.sql.DataSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.store.ReplicationStore;

/**
 * {@link ReplicationStore} over JDBC: the outbox ({@link Outbox}), the inbox ({@link Inbox}), the replicated events
 * ({@link Replicas}) and the links' figures ({@link PeerLinks}). Published by
 * {@link ReplicationComponent}.
 */
public class JdbcReplication implements ReplicationStore {

    private final Database db;
    private final PeerLinks peerLinks;
    private final Replicas replicas;

    /** @param dataSource where the tables live; the schema must be migrated already */
    public JdbcReplication(DataSource dataSource) {
        this(new Database(dataSource));
    }

    JdbcReplication(Database db) {
        this.db = db;
        this.peerLinks = new PeerLinks(db);
        this.replicas = new Replicas(db, peerLinks);
    }

    @Override
    public List<OutboxEntry> pending(String destination, int max) {
        return db.read("Cannot read the outbox for " + destination,
                c -> Outbox.pending(c, db.dialect(), destination, max));
    }

    @Override
    public void markShipped(String destination, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long maxSeq = entries.stream().mapToLong(OutboxEntry::seq).max().getAsLong();
        db.inTransaction("Cannot mark the outbox shipped", c -> {
            Outbox.delete(c, entries);
            PeerLinks.countShipped(c, destination, entries.size(), maxSeq);
            return null;
        });
    }

    @Override
    public void enqueue(String destination, String messageId, String messageType, String appealId, String payload) {
        peerLinks.ensure(destination);
        db.inTransaction("Cannot queue a message for " + destination, c -> {
            Outbox.insert(c, db.dialect(), destination, messageId, messageType, appealId, null, payload);
            return null;
        });
    }

    @Override
    public boolean reply(Inbound inbound, String destination, String messageId, String messageType, String appealId,
            String payload) {
        peerLinks.ensure(inbound.sourceNode());
        peerLinks.ensure(destination);
        return db.inTransaction("Cannot answer message " + inbound.messageId(), c -> {
            if (!Inbox.insert(c, db.dialect(), inbound, "ANSWERED")) {
                return false;
            }
            PeerLinks.countReceived(c, inbound.sourceNode(), 1, inbound.sourceSeq(), inbound.sentAt());
            Outbox.insert(c, db.dialect(), destination, messageId, messageType, appealId, null, payload);
            return true;
        });
    }

    @Override
    public ApplyResult applyReplica(String messageId, String sourceNode, long sourceSeq, Appeal snapshot,
            AppealEvent event) {
        return applyReplicas(List.of(new Replica(new Inbound(messageId, sourceNode, sourceSeq), snapshot, event)))
                .get(0);
    }

    @Override
    public List<ApplyResult> applyReplicas(List<Replica> batch) {
        return replicas.apply(batch);
    }

    @Override
    public boolean recordReceived(String messageId, String sourceNode, long sourceSeq) {
        return recordReceived(new Inbound(messageId, sourceNode, sourceSeq));
    }

    @Override
    public boolean recordReceived(Inbound inbound) {
        peerLinks.ensure(inbound.sourceNode());
        return db.inTransaction("Cannot record message " + inbound.messageId(), c -> {
            if (!Inbox.insert(c, db.dialect(), inbound, "RECEIVED")) {
                return false;
            }
            PeerLinks.countReceived(c, inbound.sourceNode(), 1, inbound.sourceSeq(), inbound.sentAt());
            return true;
        });
    }

    @Override
    public LinkStats stats(String peer) {
        return db.read("Cannot read the link figures for " + peer, c -> PeerLinks.stats(c, peer));
    }

    @Override
    public List<String> peers() {
        return db.read("Cannot list the peers", PeerLinks::peers);
    }
}
