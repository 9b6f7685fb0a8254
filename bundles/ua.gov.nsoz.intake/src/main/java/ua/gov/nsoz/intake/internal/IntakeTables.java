package ua.gov.nsoz.intake.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The intake's two tables in the node's database (changelog {@code intake:*}): the first registration of each
 * idempotency key, and the proof-of-work tokens already used. The primary keys make both claims atomic: of two
 * requests with the same key (or token), exactly one inserts the row.
 */
final class IntakeTables {

    /** Derby's SQLState of a duplicate key. */
    private static final String DUPLICATE = "23505";

    private final DataSource ds;

    /** @param ds the node's DataSource, migrated */
    IntakeTables(DataSource ds) {
        this.ds = ds;
    }

    /**
     * An idempotency key's row.
     *
     * @param fingerprint SHA-256 of the submission it was first given with
     * @param appealId the appeal it registered, or null while that registration runs
     * @param createdAt when it was claimed
     */
    record Entry(String fingerprint, String appealId, Instant createdAt) {
    }

    /**
     * @param key an idempotency key
     * @return its row
     */
    Optional<Entry> find(String key) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT fingerprint, appeal_id, created_at FROM intake_idempotency WHERE idem_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Entry(rs.getString(1).strip(), rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the idempotency key's row", e);
        }
    }

    /**
     * Claims a key for a registration about to run.
     *
     * @return true if this call inserted it; false if it was there
     */
    boolean claim(String key, String fingerprint, Instant now) {
        return insert("INSERT INTO intake_idempotency (idem_key, fingerprint, appeal_id, created_at) VALUES (?, ?, NULL, ?)",
                key, fingerprint, now.toEpochMilli());
    }

    /** Records the appeal a claimed key registered. */
    void complete(String key, String appealId) {
        update("UPDATE intake_idempotency SET appeal_id = ? WHERE idem_key = ? AND appeal_id IS NULL", appealId, key);
    }

    /** Lets a claimed key go (its registration was refused), so that a resend is taken as new. */
    void abandon(String key) {
        update("DELETE FROM intake_idempotency WHERE idem_key = ? AND appeal_id IS NULL", key, null);
    }

    /**
     * Marks a token used.
     *
     * @param tokenHash hex SHA-256 of the token
     * @param expiresAt its expiry (the row may go after it)
     * @return true if this call marked it; false if it had been used
     */
    boolean useToken(String tokenHash, Instant expiresAt) {
        return insert("INSERT INTO intake_used_token (token_hash, expires_at) VALUES (?, ?)", tokenHash, null,
                expiresAt.toEpochMilli());
    }

    /** @return whether a token was used */
    boolean tokenUsed(String tokenHash) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM intake_used_token WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the used tokens", e);
        }
    }

    /**
     * Forgets expired tokens and old idempotency keys.
     *
     * @param now now
     * @param keysBefore idempotency keys claimed before this are forgotten
     * @return rows removed
     */
    int purge(Instant now, Instant keysBefore) {
        try (Connection c = ds.getConnection();
                PreparedStatement t = c.prepareStatement("DELETE FROM intake_used_token WHERE expires_at < ?");
                PreparedStatement k = c.prepareStatement("DELETE FROM intake_idempotency WHERE created_at < ?")) {
            t.setLong(1, now.toEpochMilli());
            k.setLong(1, keysBefore.toEpochMilli());
            int n = t.executeUpdate() + k.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge the intake tables", e);
        }
    }

    private boolean insert(String sql, String a, String b, long when) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, a);
            if (b != null) {
                ps.setString(i++, b);
            }
            ps.setLong(i, when);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("Cannot write an intake row", e);
        }
    }

    private void update(String sql, String a, String b) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            if (b != null) {
                ps.setString(2, b);
            }
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write an intake row", e);
        }
    }
}
