package ua.gov.nsoz.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ua.gov.nsoz.api.Appeal;

/**
 * The look-ups for repeated, duplicate and mass appeals (Art. 8, 11), by the fingerprints kept in the appeal's row
 * ({@link Fingerprints}: {@code applicant_key}, {@code text_fp}), never by personal data in clear.
 */
final class Relations {

    private final Database db;

    Relations(Database db) {
        this.db = db;
    }

    /** @see ua.gov.nsoz.store.AppealStore#sameApplicant */
    List<Appeal> sameApplicant(Appeal appeal, int limit) {
        String key = Fingerprints.applicantKey(appeal.applicant());
        if (key == null) {
            return List.of();
        }
        return db.read("Cannot read appeals", c -> AppealRows.list(c, "SELECT " + AppealColumns.COLUMNS
                + " FROM appeal WHERE applicant_key = ? AND id <> ? ORDER BY registered_at DESC"
                + db.dialect().limit(limit), key, appeal.id()));
    }

    /** @see ua.gov.nsoz.store.AppealStore#otherApplicantsWithSameText */
    long otherApplicantsWithSameText(Appeal appeal, Instant since) {
        String fp = Fingerprints.textFingerprint(appeal.text());
        String key = Fingerprints.applicantKey(appeal.applicant());
        if (fp == null) {
            return 0;
        }
        return db.read("Cannot count appeals with the same text", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT COALESCE(applicant_key, id)) "
                    + "FROM appeal WHERE text_fp = ? AND id <> ? AND registered_at >= ? AND (applicant_key IS NULL OR "
                    + "applicant_key <> ?)")) {
                ps.setString(1, fp);
                ps.setString(2, appeal.id());
                ps.setLong(3, since.toEpochMilli());
                ps.setString(4, key == null ? "" : key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Reads the other appeals with the same text in the window through the index on (text_fp, registered_at), with no
     * DISTINCT, GROUP BY or ORDER BY (each would make Derby read every match before the first row), and stops at the
     * {@code others}-th distinct applicant: a campaign of a hundred thousand identical texts is decided after about
     * {@code others} rows (an applicant who is not known counts as one by itself, as in the count).
     *
     * @see ua.gov.nsoz.store.AppealStore#sameTextFromAtLeast
     */
    boolean sameTextFromAtLeast(Appeal appeal, Instant since, int others) {
        String fp = Fingerprints.textFingerprint(appeal.text());
        String key = Fingerprints.applicantKey(appeal.applicant());
        if (fp == null) {
            return false;
        }
        if (others <= 0) {
            return true;
        }
        return db.read("Cannot look for appeals with the same text", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT applicant_key, id FROM appeal WHERE text_fp = ? "
                    + "AND registered_at >= ? AND id <> ? AND (applicant_key IS NULL OR applicant_key <> ?)")) {
                ps.setString(1, fp);
                ps.setLong(2, since.toEpochMilli());
                ps.setString(3, appeal.id());
                ps.setString(4, key == null ? "" : key);
                ps.setFetchSize(others + 1);
                Set<String> applicants = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String k = rs.getString(1);
                        applicants.add(k == null ? "id:" + rs.getString(2) : k);
                        if (applicants.size() >= others) {
                            return true;
                        }
                    }
                }
                return false;
            }
        });
    }
}
