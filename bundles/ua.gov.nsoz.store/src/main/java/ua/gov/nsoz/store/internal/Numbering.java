package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import ua.gov.nsoz.store.SqlDialect;

/**
 * This node's registration numbers, table {@code registration_counter}: one counter row per year, taken in the
 * transaction that stores the appeal.
 */
final class Numbering {

    private Numbering() {
    }

    /**
     * The year's next number, taken in the caller's transaction: {@code registration_counter.next_value} is the
     * number the next registration gets (a database numbered in blocks of 50 before continues after its last block).
     * The UPDATE takes the row's write lock, held to the commit. A year's first registration inserts its row; if
     * another transaction inserted it meanwhile, the primary key refuses it and the UPDATE is run again (it waits
     * for that transaction).
     */
    static long take(Connection c, int year) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE registration_counter SET next_value = next_value + 1 WHERE reg_year = ?")) {
                ps.setInt(1, year);
                if (ps.executeUpdate() == 1) {
                    try (PreparedStatement read = c.prepareStatement(
                            "SELECT next_value FROM registration_counter WHERE reg_year = ?")) {
                        read.setInt(1, year);
                        try (ResultSet rs = read.executeQuery()) {
                            rs.next();
                            return rs.getLong(1) - 1;
                        }
                    }
                }
            }
            // A savepoint, so that the refused INSERT leaves the transaction usable on any database.
            java.sql.Savepoint before = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO registration_counter (reg_year, next_value) VALUES (?, 2)")) {
                ps.setInt(1, year);
                ps.executeUpdate();
                c.releaseSavepoint(before);
                return 1;
            } catch (SQLException e) {
                if (!SqlDialect.isDuplicateKey(e) || attempt > 1) {
                    throw e;
                }
                c.rollback(before);
            }
        }
    }
}
