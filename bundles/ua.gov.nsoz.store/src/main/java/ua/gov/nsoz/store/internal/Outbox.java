package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.store.ReplicationStore.OutboxEntry;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The outbox, table {@code outbox}, on one connection inside the caller's transaction: a message for a peer is
 * queued in the transaction of the change it ships, read in commit order, and deleted once handed to the broker.
 */
final class Outbox {

    /** How many messages wait for a peer, and since when the oldest. */
    record Backlog(long count, Instant oldest) {
    }

    private Outbox() {
    }

    /**
     * Queues a message.
     *
     * @param eventId the event shipped, for an appealEvent; else null
     * @param payload the message's own data (JSON) for messages that are not events; else null
     */
    static void insert(Connection c, SqlDialect dialect, String destination, String messageId, String type,
            String appealId, String eventId, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (destination, message_id, message_type, "
                + "appeal_id, event_id, payload, created_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, destination);
            ps.setString(2, messageId);
            ps.setString(3, type);
            ps.setString(4, appealId);
            ps.setString(5, eventId);
            dialect.setText(ps, 6, payload);
            ps.setLong(7, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** Queues the event of an appeal for each destination, each message with a new id. */
    static void insertEvent(Connection c, SqlDialect dialect, java.util.Collection<String> destinations,
            String appealId, String eventId) throws SQLException {
        for (String destination : destinations) {
            insert(c, dialect, destination, java.util.UUID.randomUUID().toString(), "appealEvent", appealId, eventId,
                    null);
        }
    }

    /** @return the messages waiting for a peer, oldest first, with their events */
    static List<OutboxEntry> pending(Connection c, SqlDialect dialect, String destination, int max)
            throws SQLException {
        String sql = "SELECT o.seq, o.destination, o.message_id, o.message_type, o.appeal_id, o.payload, o.created_at, "
                + "e.event_id, e.version, e.event_type, e.occurred_at, e.node_id, e.actor, e.payload "
                + "FROM outbox o LEFT JOIN appeal_event e ON e.event_id = o.event_id "
                + "WHERE o.destination = ? ORDER BY o.seq" + dialect.limit(Math.max(1, max));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, destination);
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String eventId = rs.getString(8);
                    AppealEvent event = eventId == null ? null
                            : new AppealEvent(eventId, rs.getString(5), rs.getLong(9), rs.getString(10),
                                    Instant.ofEpochMilli(rs.getLong(11)), rs.getString(12), rs.getString(13),
                                    dialect.text(rs, 14));
                    out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), event, dialect.text(rs, 6), Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return out;
        }
    }

    /** Deletes shipped entries. */
    static void delete(Connection c, List<OutboxEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            for (OutboxEntry e : entries) {
                ps.setLong(1, e.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return what waits for the peer */
    static Backlog backlog(Connection c, String peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE destination = ?")) {
            ps.setString(1, peer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                long min = rs.getLong(2);
                return new Backlog(count, rs.wasNull() ? null : Instant.ofEpochMilli(min));
            }
        }
    }
}
