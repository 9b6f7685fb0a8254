package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.AppealStore.AppealRef;
import ua.gov.nsoz.store.SqlDialect;

/**
 * Retention's SQL (changeset nsoz:8-retention): which closed appeals are past the period, and their anonymization on
 * one connection, inside the caller's transaction.
 */
final class Anonymization {

    /** SQL for "its consideration is over". */
    private static final String CLOSED = "status IN (" + Arrays.stream(AppealStatus.values())
            .filter(s -> !s.isOpen()).map(s -> "'" + s.name() + "'").collect(Collectors.joining(",")) + ")";

    /** Closed, last changed before the cutoff (parameter 1), not anonymized yet. */
    private static final String PAST = " FROM appeal WHERE anonymized_at IS NULL AND updated_at < ? AND " + CLOSED;

    private Anonymization() {
    }

    /** @return the first {@code limit} appeals past the cutoff, least recently changed first, and their count */
    static Page<AppealRef> pastRetention(Connection c, SqlDialect dialect, Instant cutoff, int limit)
            throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + PAST)) {
            ps.setLong(1, cutoff.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<AppealRef> first = limit <= 0 || total == 0 ? List.of() : refs(c, dialect, cutoff, limit);
        return new Page<>(first, total, 0, Math.max(0, limit));
    }

    private static List<AppealRef> refs(Connection c, SqlDialect dialect, Instant cutoff, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, reg_number" + PAST
                + " ORDER BY updated_at, id" + dialect.limit(limit))) {
            ps.setLong(1, cutoff.toEpochMilli());
            List<AppealRef> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AppealRef(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    /**
     * Anonymizes up to {@code batchSize} appeals past the cutoff. An appeal changed since it was listed (reopened,
     * rated: no longer past the cutoff) is left as it is.
     *
     * @return those anonymized
     */
    static List<AppealRef> anonymize(Connection c, SqlDialect dialect, Instant cutoff, Instant at, int batchSize,
            UnaryOperator<String> payloads) throws SQLException {
        List<AppealRef> done = new ArrayList<>();
        for (AppealRef ref : refs(c, dialect, cutoff, Math.max(1, batchSize))) {
            if (anonymizeAppeal(c, ref.id(), cutoff, at)) {
                renameDocuments(c, ref.id());
                rewritePayloads(c, dialect, ref.id(), payloads);
                forgetCalls(c, dialect, ref.id());
                done.add(ref);
            }
        }
        return done;
    }

    private static boolean anonymizeAppeal(Connection c, String id, Instant cutoff, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE appeal SET applicant_name = NULL, "
                + "applicant_address = NULL, applicant_email = NULL, applicant_phone = NULL, body = ?, "
                + "answer_text = CASE WHEN answer_text IS NULL THEN NULL ELSE CAST(? AS VARCHAR(100)) END, "
                + "shortened_reason = NULL, applicant_key = NULL, text_fp = NULL, anonymized_at = ? "
                + "WHERE id = ? AND anonymized_at IS NULL AND updated_at < ? AND " + CLOSED)) {
            ps.setString(1, AppealStore.ANONYMIZED_TEXT);
            ps.setString(2, AppealStore.ANONYMIZED_TEXT);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, id);
            ps.setLong(5, cutoff.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Names the appeal's attachments {@code document-1}, {@code document-2}, ... in their order, and its answer
     * documents the same way, as the payloads' lists are renamed: the record reads the same from the table and from
     * the history.
     */
    private static void renameDocuments(Connection c, String id) throws SQLException {
        Map<Integer, String> names = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT position, part FROM appeal_attachment WHERE appeal_id = ? ORDER BY part, position")) {
            ps.setString(1, id);
            String part = null;
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(2).equals(part)) {
                        part = rs.getString(2);
                        n = 0;
                    }
                    names.put(rs.getInt(1), documentName(++n));
                }
            }
        }
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE appeal_attachment SET file_name = ? WHERE appeal_id = ? AND position = ?")) {
            for (Map.Entry<Integer, String> e : names.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, id);
                ps.setInt(3, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * @param n the document's place in its list, from 1
     * @return the name an anonymized document has
     */
    static String documentName(int n) {
        return "document-" + n;
    }

    private static void rewritePayloads(Connection c, SqlDialect dialect, String id, UnaryOperator<String> payloads)
            throws SQLException {
        Map<Long, String> before = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, payload FROM appeal_event WHERE appeal_id = ? AND payload IS NOT NULL ORDER BY seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    before.put(rs.getLong(1), dialect.text(rs, 2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE appeal_event SET payload = ? WHERE seq = ?")) {
            int changed = 0;
            for (Map.Entry<Long, String> e : before.entrySet()) {
                String after = payloads.apply(e.getValue());
                if (after == null) {
                    throw new IllegalStateException("No payload left for event " + e.getKey() + " of appeal " + id);
                }
                if (!after.equals(e.getValue())) {
                    ps.setString(1, after);
                    ps.setLong(2, e.getKey());
                    ps.addBatch();
                    changed++;
                }
            }
            if (changed > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * The calls that became the appeal (table {@code call_record} of the bundle ua.gov.nsoz.calls, where it runs):
     * the caller's number goes, and the recording (a voice) is no longer named, so the document store's purge deletes
     * it. Done here, in the anonymization's own transaction, so that no appeal is anonymized with its calls left.
     */
    private static void forgetCalls(Connection c, SqlDialect dialect, String id) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, dialect.catalogName("call_record"),
                new String[] {"TABLE"})) {
            if (!rs.next()) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE call_record SET caller_number = NULL, "
                + "caller_digits = NULL, recording_sha256 = NULL WHERE appeal_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
