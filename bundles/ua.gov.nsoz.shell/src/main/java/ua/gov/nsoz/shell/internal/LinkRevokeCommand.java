package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.sync.LinkAccess;

/**
 * {@code nsoz:link-revoke REGION} at the center: the region may no longer consume its queue, and its broker
 * connections are closed at once (docs/link.md, "Revoking a region"). Its user is deleted from the realm with
 * {@code jaas:user-delete}, and the region removed from the link's {@code regions}, by the admin.
 */
@Service
@Command(scope = "nsoz", name = "link-revoke",
        description = "Відкликати доступ регіону до зв'язку / Revoke a region's access to the center's link")
public class LinkRevokeCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference(optional = true)
    LinkAccess access;

    @Argument(index = 0, name = "region", required = true, description = "Id вузла регіону / The region's node id")
    String region;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.SYNC_MANAGE);
        if (access == null) {
            throw new IllegalStateException("Лише в центрі, де працює зв'язок / Only at the center, while its link runs");
        }
        LinkAccess.Revoked r = access.revoke(region.trim());
        System.out.println("Регіон / Region " + r.region() + ": більше не читає / may no longer consume " + r.queue()
                + "; з'єднання / connections of " + r.user() + ": "
                + (r.disconnected() ? "закрито / closed" : "не було / none open"));
        System.out.println("Далі / Next: jaas:realm-manage --realm karaf; jaas:user-delete " + r.user()
                + "; jaas:update; and remove " + r.region() + " from the link's regions (docs/link.md)");
        return null;
    }
}
