package ua.gov.nsoz.replication.internal.shell;

import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * A {@code camel:*} command on the node's one CamelContext, the service {@code CamelContextOwner} publishes
 * (found in this bundle's own class space: Camel is embedded privately, so camel-karaf's shell cannot see it).
 * Who may run these is Karaf's command ACL {@code etc/org.apache.karaf.command.acl.camel.cfg} (the admins only).
 */
abstract class CamelCommand implements Action {

    /** Said when the link's CamelContext is not running (no broker password, or the bundle is stopping). */
    static final String NO_CONTEXT = "Зв'язок вимкнено: контексту Camel немає (див. журнал вузла і docs/link.md) / "
            + "The link is off: there is no Camel context (see the node's log and docs/link.md)";

    @Reference(optional = true)
    CamelContext camel;

    @Override
    public final Object execute() throws Exception {
        if (camel == null) {
            System.out.println(NO_CONTEXT);
            return null;
        }
        return execute(camel);
    }

    /** @param context the node's CamelContext, running */
    abstract Object execute(CamelContext context) throws Exception;
}
