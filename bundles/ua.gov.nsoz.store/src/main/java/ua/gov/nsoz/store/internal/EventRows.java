package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The append-only history of appeals, table {@code appeal_event}, on one connection inside the caller's transaction:
 * an event is written with the change it records (a registration, an update, an applied replica) and read back in
 * version order. (The analysis reads it through {@link JdbcEventFeed}; retention rewrites its payloads, in
 * {@link Anonymization}.)
 */
final class EventRows {

    /** The INSERT of one event. */
    static final String INSERT_EVENT = "INSERT INTO appeal_event "
            + "(event_id, appeal_id, version, event_type, occurred_at, node_id, actor, payload) "
            + "VALUES (?,?,?,?,?,?,?,?)";

    private EventRows() {
    }

    static void insert(Connection c, SqlDialect dialect, AppealEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            insert(ps, dialect, e);
        }
    }

    /** @param ps {@link #INSERT_EVENT} (reused across a batch of replicas) */
    static void insert(PreparedStatement ps, SqlDialect dialect, AppealEvent e) throws SQLException {
        ps.setString(1, e.eventId());
        ps.setString(2, e.appealId());
        ps.setLong(3, e.version());
        ps.setString(4, e.type());
        ps.setLong(5, e.occurredAt().toEpochMilli());
        ps.setString(6, e.node());
        ps.setString(7, e.actor());
        dialect.setText(ps, 8, e.payload());
        ps.executeUpdate();
    }

    /** @return the appeal's events in version order */
    static List<AppealEvent> list(Connection c, SqlDialect dialect, String appealId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, appeal_id, version, event_type, "
                + "occurred_at, node_id, actor, payload FROM appeal_event WHERE appeal_id = ? ORDER BY version")) {
            ps.setString(1, appealId);
            List<AppealEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new AppealEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7),
                            dialect.text(rs, 8)));
                }
            }
            return events;
        }
    }
}
