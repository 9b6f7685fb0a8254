package ua.gov.nsoz.store.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.store.AuditChain;

/**
 * Publishes the {@link AuditLog} and its {@link AuditChain} ({@link JdbcAuditLog}) once the schema is migrated ({@link StoreSchema}). A class of its own so that
 * the component has one public constructor (the DS runtime picks the constructor by its number of parameters), while
 * {@link JdbcAuditLog} keeps its DataSource constructor for code that builds the part by hand.
 */
@Component(service = {AuditLog.class, AuditChain.class})
public class AuditLogComponent extends JdbcAuditLog {

    /** @param schema the node's migrated database */
    @Activate
    public AuditLogComponent(@Reference StoreSchema schema) {
        super(schema.database());
    }
}
