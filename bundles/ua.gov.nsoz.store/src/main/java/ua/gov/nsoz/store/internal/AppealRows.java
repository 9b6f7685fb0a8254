package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.store.AppealStore;

/**
 * The rows of one appeal, on one connection inside the caller's transaction if any: its row in {@code appeal} (with
 * the fingerprints the relations look it up by) and its attachments and answer documents in
 * {@code appeal_attachment}.
 */
final class AppealRows {

    /** The INSERT of an appeal's row: {@link AppealColumns#COLUMNS}, then applicant_key and text_fp. */
    static final String INSERT_APPEAL = "INSERT INTO appeal (" + AppealColumns.COLUMNS + ", applicant_key, text_fp) "
            + "VALUES (" + String.join(",", java.util.Collections.nCopies(
                    AppealColumns.COLUMNS.split(",").length + 2, "?")) + ")";

    private static final String INSERT_ATTACHMENT = "INSERT INTO appeal_attachment "
            + "(appeal_id, position, file_name, media_type, size_bytes, sha256, part) VALUES (?,?,?,?,?,?,?)";

    /** Answer documents are numbered from here in appeal_attachment, after the appeal's own (at most 50). */
    private static final int ANSWER_POSITIONS = 1000;

    private AppealRows() {
    }

    /** Inserts the appeal's row and its attachments and answer documents. */
    static void insert(Connection c, Appeal a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_APPEAL)) {
            insert(c, ps, a);
        }
    }

    /** @param ps {@link #INSERT_APPEAL}, prepared on {@code c} (reused across a batch of replicas) */
    static void insert(Connection c, PreparedStatement ps, Appeal a) throws SQLException {
        int i = AppealColumns.bindAppeal(ps, a);
        ps.setString(i++, Fingerprints.applicantKey(a.applicant()));
        // An anonymized replica's text tells nothing; its fingerprint would make all of them one mass appeal.
        ps.setString(i, AppealStore.ANONYMIZED_TEXT.equals(a.text()) ? null
                : Fingerprints.textFingerprint(a.text()));
        ps.executeUpdate();
        insertAttachments(c, a.id(), a.attachments(), 0, "APPEAL");
        insertAttachments(c, a.id(), a.processing().answerDocuments(), ANSWER_POSITIONS, "ANSWER");
    }

    private static void insertAttachments(Connection c, String appealId, List<Attachment> list, int first, String part)
            throws SQLException {
        if (list.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ATTACHMENT)) {
            int position = first;
            for (Attachment at : list) {
                ps.setString(1, appealId);
                ps.setInt(2, position++);
                ps.setString(3, at.fileName());
                ps.setString(4, at.mediaType());
                ps.setLong(5, at.sizeBytes());
                ps.setString(6, at.sha256());
                ps.setString(7, part);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces the appeal's answer documents by those of {@code a} (its own attachments never change). */
    static void replaceAnswerDocuments(Connection c, Appeal a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM appeal_attachment WHERE appeal_id = ? AND part = 'ANSWER'")) {
            ps.setString(1, a.id());
            ps.executeUpdate();
        }
        insertAttachments(c, a.id(), a.processing().answerDocuments(), ANSWER_POSITIONS, "ANSWER");
    }

    /** Deletes the appeal's row and its attachments (its events stay). */
    static void delete(Connection c, String id) throws SQLException {
        for (String sql : new String[] {"DELETE FROM appeal_attachment WHERE appeal_id = ?",
            "DELETE FROM appeal WHERE id = ?"}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
    }

    /**
     * @param column {@code id} or {@code reg_number}
     * @return the appeal whose column has that value, with its attachments and answer documents
     */
    static Optional<Appeal> find(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + AppealColumns.COLUMNS + " FROM appeal WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Appeal a = AppealColumns.readAppeal(rs, List.of());
                return Optional.of(withAttachments(c, a));
            }
        }
    }

    /** @return the appeal as read from its row, with its attachments and answer documents */
    static Appeal withAttachments(Connection c, Appeal a) throws SQLException {
        List<Attachment> attachments = new ArrayList<>();
        List<Attachment> answerDocuments = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name, media_type, size_bytes, sha256, part "
                + "FROM appeal_attachment WHERE appeal_id = ? ORDER BY position")) {
            ps.setString(1, a.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Attachment at = new Attachment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
                    ("ANSWER".equals(rs.getString(5)) ? answerDocuments : attachments).add(at);
                }
            }
        }
        return AppealColumns.withAttachments(a, attachments, answerDocuments);
    }

    /**
     * @param sql a SELECT of {@link AppealColumns#COLUMNS} from {@code appeal}
     * @param args its string parameters
     * @return the appeals it selects, without attachments
     */
    static List<Appeal> list(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Appeal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(AppealColumns.readAppeal(rs, List.of()));
                }
            }
            return out;
        }
    }
}
