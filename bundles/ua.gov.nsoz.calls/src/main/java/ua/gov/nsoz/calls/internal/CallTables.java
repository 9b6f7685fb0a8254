package ua.gov.nsoz.calls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ua.gov.nsoz.api.calls.CallRecord;
import ua.gov.nsoz.api.calls.CallState;

/**
 * The calls' table in the node's database ({@code call_record}, changelog {@code calls:*}): one row per call, found by
 * its id, its PBX id (unique), its appeal, its operator and state, and the caller's number's digits.
 */
final class CallTables {

    /** Derby's SQLState of a duplicate key. */
    static final String DUPLICATE = "23505";

    private static final String COLUMNS = "id, pbx_call_id, caller_number, called_number, operator, state, ringing_at, "
            + "answered_at, ended_at, duration_seconds, appeal_id, recording_sha256, transferred_to, "
            + "transferred_to_center";

    private final DataSource ds;

    /** @param ds the node's DataSource, migrated */
    CallTables(DataSource ds) {
        this.ds = ds;
    }

    /** @return the number's digits only (what calls from the same number share), or null if it has none */
    static String digits(String number) {
        if (number == null) {
            return null;
        }
        String d = number.replaceAll("[^0-9]", "");
        return d.isEmpty() ? null : d;
    }

    /**
     * Inserts a new record.
     *
     * @return false if a record with its PBX id exists already
     */
    boolean insert(CallRecord r) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO call_record ("
                + COLUMNS + ", caller_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.pbxCallId());
            bind(ps, 3, r);
            ps.setString(15, digits(r.callerNumber()));
            ps.executeUpdate();
            commit(c);
            return true;
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("Cannot write a call record", e);
        }
    }

    /** Writes every field of an existing record (found by its id) but its ids. */
    void update(CallRecord r) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE call_record SET "
                + "caller_number = ?, called_number = ?, operator = ?, state = ?, ringing_at = ?, answered_at = ?, "
                + "ended_at = ?, duration_seconds = ?, appeal_id = ?, recording_sha256 = ?, transferred_to = ?, "
                + "transferred_to_center = ?, caller_digits = ? WHERE id = ?")) {
            bind(ps, 1, r);
            ps.setString(13, digits(r.callerNumber()));
            ps.setString(14, r.id());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("No call record " + r.id() + " to update");
            }
            commit(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write a call record", e);
        }
    }

    private static void bind(PreparedStatement ps, int from, CallRecord r) throws SQLException {
        int i = from;
        ps.setString(i++, r.callerNumber());
        ps.setString(i++, r.calledNumber());
        ps.setString(i++, r.operator());
        ps.setString(i++, r.state().name());
        ps.setLong(i++, r.ringingAt().toEpochMilli());
        setTime(ps, i++, r.answeredAt());
        setTime(ps, i++, r.endedAt());
        ps.setLong(i++, r.durationSeconds());
        ps.setString(i++, r.appealId());
        ps.setString(i++, r.recordingSha256());
        ps.setString(i++, r.transferredTo());
        ps.setString(i, r.transferredToCenter());
    }

    Optional<CallRecord> byId(String id) {
        return one("SELECT " + COLUMNS + " FROM call_record WHERE id = ?", id);
    }

    Optional<CallRecord> byPbxId(String pbxCallId) {
        return one("SELECT " + COLUMNS + " FROM call_record WHERE pbx_call_id = ?", pbxCallId);
    }

    /** @return the operator's calls ringing or answered, the oldest first */
    List<CallRecord> live(String operator) {
        return many("SELECT " + COLUMNS + " FROM call_record WHERE operator = ? AND state IN ('RINGING', 'ANSWERED') "
                + "ORDER BY ringing_at, id", 100, operator);
    }

    /** @return the calls linked to the appeal, the oldest first */
    List<CallRecord> forAppeal(String appealId) {
        return many("SELECT " + COLUMNS + " FROM call_record WHERE appeal_id = ? ORDER BY ringing_at, id", 1000,
                appealId);
    }

    /** @return the calls from the number's digits, the newest first */
    List<CallRecord> fromDigits(String digits, int limit) {
        return many("SELECT " + COLUMNS + " FROM call_record WHERE caller_digits = ? ORDER BY ringing_at DESC, id DESC",
                limit, digits);
    }

    private Optional<CallRecord> one(String sql, String key) {
        List<CallRecord> rows = many(sql, 1, key);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<CallRecord> many(String sql, int limit, String key) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setMaxRows(Math.max(1, limit));
            List<CallRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the call records", e);
        }
    }

    private static CallRecord row(ResultSet rs) throws SQLException {
        String sha = rs.getString(12);
        return new CallRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                CallState.valueOf(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)), time(rs, 8), time(rs, 9),
                rs.getLong(10), rs.getString(11), sha == null ? null : sha.strip(), rs.getString(13),
                rs.getString(14));
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
