package ua.gov.nsoz.analytics.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The bulk rebuild's load on PostgreSQL (docs/postgresql.md): what Derby's {@code SYSCS_IMPORT_DATA} in replace mode
 * does, by {@code TRUNCATE} and {@code COPY ... FROM STDIN (FORMAT csv)} through the driver's CopyManager, in one
 * transaction (readers see the old rows until the new ones are there). The CSV files are those of {@link BulkCells}
 * (standard CSV: strings in double quotes, a quote doubled). Loaded only on PostgreSQL: the driver's packages are an
 * optional import of this bundle.
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    static void replace(Connection c, String table, String columns, Path csv) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE TABLE " + table);
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)", in);
            } catch (IOException e) {
                throw new SQLException("Cannot read " + csv + " to load " + table, e);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
