package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.RoutingRule;

/**
 * {@code nsoz:rules-list}: the competence rules of the reference data, in the order the router tries them (after
 * the statutory rule for appeals to the Cabinet and any rule bundles integrators installed).
 */
@Service
@Command(scope = "nsoz", name = "rules-list",
        description = "Правила маршрутизації за компетенцією / Competence routing rules, in order")
public class RulesListCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    ReferenceData data;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.REFERENCE_READ);
        ShellTable t = new ShellTable();
        t.column("№ / Order").alignRight();
        t.column("Id");
        t.column("Тема / Topic");
        t.column("Регіон / Region");
        t.column("Адресат містить / Addressee has");
        t.column("Орган / Body");
        t.column("Чому / Reason").maxSize(60).wrap();
        for (RoutingRule r : data.rules()) {
            t.addRow().addContent(r.order(), r.id(), dash(r.topicCode()), dash(r.region()), dash(r.addresseeContains()),
                    r.bodyCode(), r.reasonUk());
        }
        t.print(System.out);
        System.out.printf("Правил / Rules: %d (дані / data %s)%n", data.rules().size(), data.version());
        return null;
    }

    private static String dash(String s) {
        return s == null ? "—" : s;
    }
}
