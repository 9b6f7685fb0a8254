package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.ApplyResult;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.ReplicationStore.Replica;
import ua.gov.nsoz.store.SqlDialect;

/**
 * Applies events replicated from their appeals' owners: a batch in one transaction, each message at most once (its
 * inbox row), the event added to the history, and the appeal's row replaced if the event is newer than it.
 */
final class Replicas {

    private final Database db;
    private final PeerLinks peers;

    Replicas(Database db, PeerLinks peers) {
        this.db = db;
        this.peers = peers;
    }

    /** @see ReplicationStore#applyReplicas */
    List<ApplyResult> apply(List<Replica> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        String what = batch.size() == 1 ? "message " + batch.get(0).inbound().messageId()
                : batch.size() + " messages from " + batch.get(0).inbound().messageId();
        batch.forEach(r -> peers.ensure(r.inbound().sourceNode()));
        return db.inTransaction("Cannot apply " + what, c -> {
            SqlDialect dialect = db.dialect();
            List<ApplyResult> results = new ArrayList<>(batch.size());
            Map<String, List<Inbound>> counted = new HashMap<>();
            try (ReplicaStatements statements = new ReplicaStatements(c)) {
                for (Replica r : batch) {
                    ApplyResult result = applyOne(statements, dialect, r);
                    results.add(result);
                    if (result != ApplyResult.DUPLICATE) {
                        counted.computeIfAbsent(r.inbound().sourceNode(), k -> new ArrayList<>()).add(r.inbound());
                    }
                }
            }
            for (Map.Entry<String, List<Inbound>> e : counted.entrySet()) {
                Inbound last = e.getValue().stream().max(Comparator.comparingLong(Inbound::sourceSeq)).orElseThrow();
                PeerLinks.countReceived(c, e.getKey(), e.getValue().size(), last.sourceSeq(), last.sentAt());
            }
            return results;
        });
    }

    private static ApplyResult applyOne(ReplicaStatements statements, SqlDialect dialect, Replica r)
            throws SQLException {
        Connection c = statements.connection();
        Inbound in = r.inbound();
        Appeal snapshot = r.snapshot();
        // The single writer of an appeal's history is the node that registered it: an event that names another
        // owner for an appeal held here is refused (the whole batch fails; the gateway then refuses this one alone).
        long current = -1;
        {
            PreparedStatement ps = statements.get("SELECT version, node_id FROM appeal WHERE id = ?");
            ps.setString(1, snapshot.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = rs.getLong(1);
                    if (!rs.getString(2).equals(snapshot.node())) {
                        throw new SQLException("Appeal " + snapshot.id() + " is owned by node " + rs.getString(2)
                                + ", not by " + snapshot.node() + ": only the owner writes its history",
                                ReplicationStore.NOT_THE_OWNER);
                    }
                }
            }
        }
        if (!Inbox.insert(c, statements.get(Inbox.INSERT_INBOX), dialect, in, "APPLIED")) {
            return ApplyResult.DUPLICATE;
        }
        try {
            PreparedStatement insertEvent = statements.get(EventRows.INSERT_EVENT);
            dialect.tolerating(c, () -> {
                EventRows.insert(insertEvent, dialect, r.event());
                return null;
            });
        } catch (SQLException e) {
            // The same event came in another message (resent after a crash): the history has it.
            if (!SqlDialect.isDuplicateKey(e)) {
                throw e;
            }
        }
        if (current >= snapshot.version()) {
            Inbox.markStale(statements.get(Inbox.MARK_STALE), in.messageId());
            return ApplyResult.STALE;
        }
        if (current >= 0) {
            AppealRows.delete(c, snapshot.id());
        }
        AppealRows.insert(c, statements.get(AppealRows.INSERT_APPEAL), snapshot);
        return ApplyResult.APPLIED;
    }
}
