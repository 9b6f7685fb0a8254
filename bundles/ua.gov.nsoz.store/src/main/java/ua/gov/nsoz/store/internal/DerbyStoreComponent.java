package ua.gov.nsoz.store.internal;

import javax.sql.DataSource;

/**
 * The whole store over one DataSource, migrated first: what {@link JdbcStore} is, under the name of the one component
 * the store was before it was split by responsibility (issue 17). No longer a component: kept for the code outside
 * this bundle that builds a store by this name (the analysis' tests).
 *
 * @deprecated use {@link JdbcStore}
 */
@Deprecated
public class DerbyStoreComponent extends JdbcStore {

    /** @param dataSource the database */
    public DerbyStoreComponent(DataSource dataSource) {
        super(dataSource);
    }
}
