package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.CategoryCount;
import ua.gov.nsoz.store.SqlDialect;

/**
 * The terms of the Law's SQL (changeset nsoz:10-terms, issue #13) on one connection, inside the caller's transaction
 * if any: the open appeals the due-date recomputation pages through, the recomputed due date written without an event,
 * and the counts per applicant category (Art. 20).
 */
final class Terms {

    private Terms() {
    }

    /**
     * @param afterId the last id of the previous page, or null for the first
     * @param limit how many at most
     * @return the next open appeals, ids ascending, with their attachments and answer documents, as {@code get} reads
     *         them
     */
    static List<Appeal> openAppeals(Connection c, SqlDialect dialect, String afterId, int limit)
            throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        Map<String, Appeal> page = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AppealColumns.COLUMNS + " FROM appeal WHERE "
                + AppealColumns.OPEN + (afterId == null ? "" : " AND id > ?") + " ORDER BY id"
                + dialect.limit(limit))) {
            if (afterId != null) {
                ps.setString(1, afterId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Appeal a = AppealColumns.readAppeal(rs, List.of());
                    page.put(a.id(), a);
                }
            }
        }
        if (page.isEmpty()) {
            return List.of();
        }
        return withAttachments(c, page);
    }

    /**
     * Reads the attachments of a page of appeals in one query over the page's id range (the attachments of closed
     * appeals in the range are read and left aside).
     */
    private static List<Appeal> withAttachments(Connection c, Map<String, Appeal> page) throws SQLException {
        Map<String, List<Attachment>> attachments = new LinkedHashMap<>();
        Map<String, List<Attachment>> answerDocuments = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(page.keySet());
        try (PreparedStatement ps = c.prepareStatement("SELECT appeal_id, file_name, media_type, size_bytes, sha256, "
                + "part FROM appeal_attachment WHERE appeal_id >= ? AND appeal_id <= ? ORDER BY appeal_id, position")) {
            ps.setString(1, ids.get(0));
            ps.setString(2, ids.get(ids.size() - 1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (page.containsKey(id)) {
                        Attachment at = new Attachment(rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getString(5));
                        ("ANSWER".equals(rs.getString(6)) ? answerDocuments : attachments)
                                .computeIfAbsent(id, k -> new ArrayList<>()).add(at);
                    }
                }
            }
        }
        List<Appeal> out = new ArrayList<>(page.size());
        for (Appeal a : page.values()) {
            out.add(AppealColumns.withAttachments(a, attachments.getOrDefault(a.id(), List.of()),
                    answerDocuments.getOrDefault(a.id(), List.of())));
        }
        return out;
    }

    /**
     * Writes the due date alone: no event, the same version, nothing for the outbox.
     *
     * @param dueDate the new last day, or null for none
     * @return whether the appeal was still at that version (and so changed)
     */
    static boolean setDueDate(Connection c, String id, long version, LocalDate dueDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE appeal SET due_day = ? WHERE id = ? AND version = ?")) {
            if (dueDate == null) {
                ps.setNull(1, Types.INTEGER);
            } else {
                ps.setInt(1, (int) dueDate.toEpochDay());
            }
            ps.setString(2, id);
            ps.setLong(3, version);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * @param today the date in Kyiv: an open appeal whose last day is before it is overdue
     * @return all, open and overdue appeals per applicant category, codes ascending, no category last
     */
    static List<CategoryCount> categoryCounts(Connection c, LocalDate today) throws SQLException {
        // An ascending order puts NULL last.
        try (PreparedStatement ps = c.prepareStatement("SELECT applicant_category, COUNT(*), "
                + "SUM(CASE WHEN " + AppealColumns.OPEN + " THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN " + AppealColumns.OPEN + " AND due_day < ? THEN 1 ELSE 0 END) "
                + "FROM appeal GROUP BY applicant_category ORDER BY applicant_category")) {
            ps.setInt(1, (int) today.toEpochDay());
            List<CategoryCount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CategoryCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return out;
        }
    }
}
