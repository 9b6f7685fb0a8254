package ua.gov.nsoz.knowledge.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ua.gov.nsoz.api.knowledge.Article;

/**
 * The knowledge base's table in the node's database (changelog {@code knowledge:*}): one row per article, its current
 * version. A write replaces a row only with a later version ({@link #store}), in one statement, so two writers and a
 * repeated or late message from the center cannot put an earlier version back.
 */
final class ArticleTable {

    /** Derby's SQLState of a duplicate key. */
    private static final String DUPLICATE = "23505";
    private static final String COLUMNS = "code, title, body, topics, version, updated_at, updated_by, withdrawn";

    private final DataSource ds;

    /** @param ds the node's DataSource, migrated */
    ArticleTable(DataSource ds) {
        this.ds = ds;
    }

    /** @return the article of a code */
    Optional<Article> get(String code) {
        List<Article> found = select("SELECT " + COLUMNS + " FROM knowledge_article WHERE code = ?", code);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @return every article, by code */
    List<Article> all() {
        return select("SELECT " + COLUMNS + " FROM knowledge_article ORDER BY code", null);
    }

    /**
     * Stores a version if it is later than the stored one (or the article is new).
     *
     * @return true if the row now holds this version; false if the stored version was the same or later
     */
    boolean store(Article a) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE knowledge_article SET title = ?, body = ?, "
                    + "topics = ?, version = ?, updated_at = ?, updated_by = ?, withdrawn = ? WHERE code = ? "
                    + "AND version < ?")) {
                int i = values(up, a, 1);
                up.setString(i++, a.code());
                up.setLong(i, a.version());
                if (up.executeUpdate() == 1) {
                    commit(c);
                    return true;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO knowledge_article (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                in.setString(1, a.code());
                values(in, a, 2);
                in.executeUpdate();
                commit(c);
                return true;
            } catch (SQLException e) {
                if (DUPLICATE.equals(e.getSQLState())) {
                    return false; // the row is there with the same or a later version
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write article " + a.code(), e);
        }
    }

    private static int values(PreparedStatement ps, Article a, int from) throws SQLException {
        int i = from;
        ps.setString(i++, a.title());
        ps.setString(i++, a.body());
        ps.setString(i++, String.join(",", a.topics()));
        ps.setLong(i++, a.version());
        ps.setLong(i++, a.updatedAt().toEpochMilli());
        ps.setString(i++, a.updatedBy());
        ps.setShort(i++, (short) (a.withdrawn() ? 1 : 0));
        return i;
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private List<Article> select(String sql, String code) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (code != null) {
                ps.setString(1, code);
            }
            List<Article> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String topics = rs.getString(4);
                    out.add(new Article(rs.getString(1), rs.getString(2), rs.getString(3),
                            topics.isEmpty() ? List.of() : Arrays.asList(topics.split(",")), rs.getLong(5),
                            Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getShort(8) != 0));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the knowledge base", e);
        }
    }
}
