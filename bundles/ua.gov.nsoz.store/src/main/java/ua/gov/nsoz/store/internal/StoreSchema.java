package ua.gov.nsoz.store.internal;

import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's database with the store's schema migrated (Liquibase, {@link Migrations}): the one component of the store
 * that takes the DataSource, the pax-jdbc one named by {@code dataSource.target} in PID {@code ua.gov.nsoz.store}
 * (default {@code (dataSourceName=nsoz)}). Each component that publishes a part of the store
 * ({@link AppealsComponent}, {@link ReplicationComponent}, {@link AuditLogComponent}, {@link EventFeedComponent})
 * references it, so none is published before
 * the schema is there. A service of this bundle only (its package is not exported).
 */
@Component(service = StoreSchema.class, configurationPid = "ua.gov.nsoz.store",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "dataSource.target=(dataSourceName=nsoz)")
public final class StoreSchema {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSchema.class);

    private final Database database;

    /**
     * Migrates the schema.
     *
     * @param dataSource the node's DataSource
     */
    @Activate
    public StoreSchema(@Reference(name = "dataSource") DataSource dataSource) {
        long start = System.nanoTime();
        Migrations.migrate(dataSource);
        this.database = new Database(dataSource);
        LOG.info("Store ready: schema migrated in {} ms on {}", (System.nanoTime() - start) / 1_000_000,
                database.dialect().id());
    }

    /** @return the migrated database */
    Database database() {
        return database;
    }
}
