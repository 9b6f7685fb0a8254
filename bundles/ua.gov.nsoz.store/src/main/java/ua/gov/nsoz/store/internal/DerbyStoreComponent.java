package ua.gov.nsoz.store.internal;

import java.util.OptionalLong;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.AuditChain;
import ua.gov.nsoz.store.ReplicationStore;

/**
 * Publishes the store once the schema is migrated: appeals, replication and the audit log (the audit log's work is
 * {@link JdbcAuditLog}'s). The DataSource is the pax-jdbc one named by {@code dataSource.target} in PID
 * {@code ua.gov.nsoz.store} (default {@code (dataSourceName=nsoz)}).
 */
@Component(service = {AppealStore.class, ReplicationStore.class, AuditLog.class, AuditChain.class},
        configurationPid = "ua.gov.nsoz.store", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "dataSource.target=(dataSourceName=nsoz)")
public class DerbyStoreComponent extends JdbcAppealStore implements AuditLog, AuditChain {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyStoreComponent.class);

    private final JdbcAuditLog audit;

    /**
     * @param dataSource the node's DataSource
     */
    @Activate
    public DerbyStoreComponent(@Reference(name = "dataSource") DataSource dataSource) {
        super(dataSource);
        long start = System.nanoTime();
        Migrations.migrate(dataSource);
        this.audit = new JdbcAuditLog(dataSource);
        LOG.info("Store ready: schema migrated in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void record(AuditEntry entry) {
        audit.record(entry);
    }

    @Override
    public Page<AuditEntry> search(AuditQuery query) {
        return audit.search(query);
    }

    @Override
    public OptionalLong verify() {
        return audit.verify();
    }
}
