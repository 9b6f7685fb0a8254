package ua.gov.nsoz.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.function.Supplier;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.StoreException;

/** The node's own secrets, table {@code node_secret}: each made on first use and kept. */
final class Secrets {

    private final Database db;

    Secrets(Database db) {
        this.db = db;
    }

    /** @see ua.gov.nsoz.store.AppealStore#secret */
    String secret(String name, Supplier<String> create) {
        try {
            return readOrMake(name, create);
        } catch (StoreException e) {
            // Another thread made it first (its INSERT won the primary key): read that one.
            if (SqlDialect.isDuplicateKey(e.getCause())) {
                return readOrMake(name, create);
            }
            throw e;
        }
    }

    private String readOrMake(String name, Supplier<String> create) {
        return db.inTransaction("Cannot read the node's secret " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM node_secret WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            String value = create.get();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO node_secret (name, secret) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return value;
        });
    }
}
