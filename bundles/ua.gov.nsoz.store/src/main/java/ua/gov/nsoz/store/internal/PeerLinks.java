package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.StoreException;

/**
 * The figures of each link, table {@code peer_link}: one row per peer this node sends to or receives from, counted in
 * the transactions that ship and apply messages. A peer's row is made once, in a short transaction of its own, before
 * the first transaction that counts on it ({@link #ensure}); the counting methods run on the caller's connection.
 */
final class PeerLinks {

    private final Database db;
    /** Peers known to have their peer_link row (made once, before the first transaction that needs it). */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    PeerLinks(Database db) {
        this.db = db;
    }

    /** Makes the peer's row if it has none (its own short transaction; a row without figures is harmless). */
    void ensure(String peer) {
        if (peer == null || known.contains(peer)) {
            return;
        }
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO peer_link (peer, shipped, last_sent_seq) "
                        + "VALUES (?, 0, 0)")) {
            ps.setString(1, peer);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!SqlDialect.isDuplicateKey(e)) {
                throw new StoreException("Cannot record peer " + peer, e);
            }
        }
        known.add(peer);
    }

    /** {@link #ensure} for each of them (null: none). */
    void ensureAll(Collection<String> peers) {
        if (peers != null) {
            peers.forEach(this::ensure);
        }
    }

    /**
     * Counts messages applied from a peer, in the transaction that applied them.
     *
     * @param maxSeq the highest sequence among them
     * @param sentAt when the sender committed that one ({@code null} if unknown)
     * @throws SQLException with state NSOZ1 if the peer has no row ({@link #ensure} was not called)
     */
    static void countReceived(Connection c, String peer, int count, long maxSeq, Instant sentAt)
            throws SQLException {
        if (count == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE peer_link SET received = received + ?, "
                + "last_received_seq = CASE WHEN last_received_seq > ? THEN last_received_seq ELSE ? END, "
                + "last_received_at = ?, last_received_lag = ? WHERE peer = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, maxSeq);
            ps.setLong(3, maxSeq);
            ps.setLong(4, now);
            if (sentAt == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, Math.max(0, now - sentAt.toEpochMilli()));
            }
            ps.setString(6, peer);
            if (ps.executeUpdate() == 0) {
                throw new SQLException("No peer_link row for " + peer, "NSOZ1");
            }
        }
    }

    /**
     * Counts messages handed to the broker for a peer, in the transaction that removes them from the outbox (makes
     * the peer's row if it has none).
     *
     * @param maxSeq the highest sequence among them
     */
    static void countShipped(Connection c, String destination, int count, long maxSeq) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE peer_link SET shipped = shipped + ?, "
                + "last_shipped_at = ?, last_sent_seq = CASE WHEN last_sent_seq > ? THEN last_sent_seq ELSE ? END "
                + "WHERE peer = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, System.currentTimeMillis());
            ps.setLong(3, maxSeq);
            ps.setLong(4, maxSeq);
            ps.setString(5, destination);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO peer_link "
                    + "(peer, shipped, last_shipped_at, last_sent_seq) VALUES (?,?,?,?)")) {
                ps.setString(1, destination);
                ps.setLong(2, count);
                ps.setLong(3, System.currentTimeMillis());
                ps.setLong(4, maxSeq);
                ps.executeUpdate();
            }
        }
    }

    /** @return the link's figures, with what waits in the outbox for the peer */
    static LinkStats stats(Connection c, String peer) throws SQLException {
        Outbox.Backlog backlog = Outbox.backlog(c, peer);
        long shipped = 0;
        long lastSent = 0;
        Instant lastShippedAt = null;
        long received = 0;
        long lastReceived = 0;
        Instant lastReceivedAt = null;
        Long lag = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT shipped, last_sent_seq, last_shipped_at, received, "
                + "last_received_seq, last_received_at, last_received_lag FROM peer_link WHERE peer = ?")) {
            ps.setString(1, peer);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    shipped = rs.getLong(1);
                    lastSent = rs.getLong(2);
                    long at = rs.getLong(3);
                    lastShippedAt = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                    received = rs.getLong(4);
                    lastReceived = rs.getLong(5);
                    long rat = rs.getLong(6);
                    lastReceivedAt = rs.wasNull() ? null : Instant.ofEpochMilli(rat);
                    long l = rs.getLong(7);
                    lag = rs.wasNull() ? null : l;
                }
            }
        }
        return new LinkStats(peer, backlog.count(), shipped, lastSent, lastShippedAt, backlog.oldest(), received,
                lastReceived, lastReceivedAt, lag);
    }

    /** @return every peer with a row, sorted */
    static List<String> peers(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT peer FROM peer_link ORDER BY peer");
                ResultSet rs = ps.executeQuery()) {
            List<String> peers = new ArrayList<>();
            while (rs.next()) {
                peers.add(rs.getString(1));
            }
            return peers;
        }
    }
}
