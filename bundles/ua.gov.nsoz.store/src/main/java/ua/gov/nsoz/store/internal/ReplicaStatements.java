package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one transaction that applies a batch of replicas, each prepared once for the batch
 * and closed with it (issue 11: preparing four statements per message was measurable in the center's catch-up).
 * Not thread-safe: one transaction, one thread.
 */
final class ReplicaStatements implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> open = new HashMap<>();

    ReplicaStatements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /**
     * @param sql a statement of this batch
     * @return it, prepared on the first call and the same object after (its parameters are the caller's to set)
     * @throws SQLException if it cannot be prepared
     */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = open.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            open.put(sql, ps);
        }
        return ps;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : open.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
