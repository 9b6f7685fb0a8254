package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import ua.gov.nsoz.store.EventFeed;
import ua.gov.nsoz.store.StoreException;

/**
 * {@link EventFeed} over {@code appeal_event} and {@code appeal}: plain reads, autocommit, read committed. Published
 * by {@link EventFeedComponent}.
 */
public class JdbcEventFeed implements EventFeed {

    private static final int MAX_PAGE = 10_000;
    private static final int MAX_IN = 1_000;

    private final Database db;

    /** @param dataSource the node's DataSource */
    public JdbcEventFeed(DataSource dataSource) {
        this(new Database(dataSource));
    }

    JdbcEventFeed(Database db) {
        this.db = db;
    }

    @Override
    public List<FeedEvent> after(long afterSeq, int limit) {
        check(limit, MAX_PAGE);
        String sql = "SELECT seq, appeal_id, event_type, occurred_at FROM appeal_event WHERE seq > ? ORDER BY seq"
                + db.dialect().limit(limit);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterSeq);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the event log", e);
        }
    }

    @Override
    public List<FeedEvent> eventsAt(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        check(seqs.size(), MAX_IN);
        String sql = "SELECT seq, appeal_id, event_type, occurred_at FROM appeal_event WHERE seq IN ("
                + marks(seqs.size()) + ") ORDER BY seq";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Long s : seqs) {
                ps.setLong(i++, s);
            }
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the event log", e);
        }
    }

    @Override
    public long lastSeq() {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM appeal_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the event log", e);
        }
    }

    @Override
    public List<String> appealIds(String afterId, int limit) {
        check(limit, MAX_PAGE);
        String sql = "SELECT id FROM appeal" + (afterId == null ? "" : " WHERE id > ?") + " ORDER BY id"
                + db.dialect().limit(limit);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (afterId != null) {
                ps.setString(1, afterId);
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("Cannot list the appeals", e);
        }
    }

    @Override
    public Map<String, Instant> firstOccurrence(Collection<String> appealIds, String eventType) {
        if (appealIds.isEmpty()) {
            return Map.of();
        }
        check(appealIds.size(), MAX_IN);
        String sql = "SELECT appeal_id, MIN(occurred_at) FROM appeal_event WHERE event_type = ? AND appeal_id IN ("
                + marks(appealIds.size()) + ") GROUP BY appeal_id";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventType);
            int i = 2;
            for (String id : appealIds) {
                ps.setString(i++, id);
            }
            Map<String, Instant> first = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    first.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the event log", e);
        }
    }

    private static List<FeedEvent> read(PreparedStatement ps) throws SQLException {
        List<FeedEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new FeedEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
            }
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static void check(int n, int max) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException("Between 1 and " + max + ", not " + n);
        }
    }
}
