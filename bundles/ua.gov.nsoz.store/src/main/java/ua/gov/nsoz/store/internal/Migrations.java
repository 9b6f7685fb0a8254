package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.DerbyDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import ua.gov.nsoz.store.StoreException;

/** Creates and upgrades the schema with Liquibase, from the versioned changelog in this bundle. */
public final class Migrations {

    static final String CHANGELOG = "ua/gov/nsoz/store/db/changelog.sql";

    private Migrations() {
    }

    public static void migrate(DataSource dataSource) {
        migrate(dataSource, CHANGELOG, Migrations.class.getClassLoader());
    }

    /**
     * @param dataSource the node's DataSource
     * @param changelog a changelog's resource path
     * @param resources the class loader that finds it; Liquibase's own classes and extensions come from this bundle
     */
    public static void migrate(DataSource dataSource, String changelog, ClassLoader resources) {
        // One migration at a time in this JVM: the bundles' changelogs run as their components start, in parallel.
        // On a fresh database Liquibase creates its history table before it takes its lock table's lock, so two
        // bundles did so at once (the store's and the documents', at a center's first start on PostgreSQL in
        // CenterFailoverIT): one failed with a unique violation on pg_type, and the store's component never started.
        synchronized (Migrations.class) {
            migrateAlone(dataSource, changelog, resources);
        }
    }

    private static void migrateAlone(DataSource dataSource, String changelog, ClassLoader resources) {
        ClassLoader loader = Migrations.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Liquibase finds its own extensions through the context class loader.
        thread.setContextClassLoader(loader);
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(Map.of(Scope.Attr.classLoader.name(), loader), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                if (database instanceof DerbyDatabase derby) {
                    // Liquibase would shut the whole embedded engine down on close; the pool still needs it.
                    derby.setShutdownEmbeddedDerby(false);
                }
                try (Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(resources),
                        database)) {
                    liquibase.update("");
                }
            });
        } catch (SQLException e) {
            throw new StoreException("Cannot open the store to migrate its schema", e);
        } catch (Exception e) {
            throw new StoreException("Schema migration failed: " + changelog, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
