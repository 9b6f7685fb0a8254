package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceEdits;

/** {@code nsoz:rules-remove ID}: takes a routing rule out, at the center; replicated to the regions. */
@Service
@Command(scope = "nsoz", name = "rules-remove",
        description = "Вилучити правило маршрутизації (у центрі) / Take a routing rule out (at the center)")
public class RuleRemoveCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    ReferenceAdmin admin;


    @Argument(index = 0, name = "id", required = true, description = "Ідентифікатор правила / The rule's id")
    String id;

    @Override
    public Object execute() {
        String editor = ShellAccess.require(nsozNode, Operation.REFERENCE_EDIT).actor().name();
        ReferenceEdits e = admin.removeRule(id, editor);
        System.out.printf("Правило %s вилучено: редакція %d / Rule %s removed: revision %d%n", id, e.revision(), id,
                e.revision());
        return null;
    }
}
