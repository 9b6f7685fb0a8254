package ua.gov.nsoz.store;

import javax.sql.DataSource;
import ua.gov.nsoz.store.internal.Migrations;

/**
 * Runs a bundle's own Liquibase changelog in the node's database, the way the store runs its own: for the bundles that
 * keep their own tables beside the store's (the analysis, the monitoring). Liquibase itself stays this bundle's
 * dependency; the caller gives only its changelog and the class loader that finds it.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /**
     * Creates or upgrades the tables of a changelog; a changeset already run is not run again.
     *
     * @param dataSource the node's DataSource
     * @param changelog the changelog's resource path, e.g. {@code ua/gov/nsoz/analytics/db/changelog.sql}
     * @param loader the class loader that finds it (the caller's bundle's)
     * @throws StoreException if the database cannot be reached or a changeset fails
     */
    public static void migrate(DataSource dataSource, String changelog, ClassLoader loader) {
        Migrations.migrate(dataSource, changelog, loader);
    }
}
