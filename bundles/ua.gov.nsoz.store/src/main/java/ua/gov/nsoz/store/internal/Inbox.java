package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The inbox, table {@code inbox}, on one connection inside the caller's transaction: the id of every message applied
 * from another node, written with its effect, so that a message delivered twice has its effect once.
 */
final class Inbox {

    /** The INSERT of one message's row. */
    static final String INSERT_INBOX = "INSERT INTO inbox (message_id, source_node, source_seq, outcome, "
            + "applied_at, sent_at) VALUES (?,?,?,?,?,?)";

    /** Marks a message applied late (its event stored, the record already newer). */
    static final String MARK_STALE = "UPDATE inbox SET outcome = 'STALE' WHERE message_id = ?";

    private Inbox() {
    }

    /** @return false if the message id is already in the inbox (the statement alone is undone, not the transaction) */
    static boolean insert(Connection c, SqlDialect dialect, Inbound in, String outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_INBOX)) {
            return insert(c, ps, dialect, in, outcome);
        }
    }

    /**
     * As {@link #insert(Connection, SqlDialect, Inbound, String)}, with {@link #INSERT_INBOX} prepared on {@code c}
     * and reused across a batch.
     */
    static boolean insert(Connection c, PreparedStatement ps, SqlDialect dialect, Inbound in, String outcome)
            throws SQLException {
        ps.setString(1, in.messageId());
        ps.setString(2, in.sourceNode());
        ps.setLong(3, in.sourceSeq());
        ps.setString(4, outcome);
        ps.setLong(5, System.currentTimeMillis());
        if (in.sentAt() == null) {
            ps.setNull(6, Types.BIGINT);
        } else {
            ps.setLong(6, in.sentAt().toEpochMilli());
        }
        return dialect.insertUnlessDuplicate(c, ps) >= 0;
    }

    /** @param ps {@link #MARK_STALE} */
    static void markStale(PreparedStatement ps, String messageId) throws SQLException {
        ps.setString(1, messageId);
        ps.executeUpdate();
    }
}
