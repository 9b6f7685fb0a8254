package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceData;

/** {@code nsoz:body-list}: the directory of executive bodies this node routes to. */
@Service
@Command(scope = "nsoz", name = "body-list",
        description = "Довідник органів виконавчої влади / The directory of executive bodies")
public class BodyListCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    ReferenceData data;

    @Option(name = "--region", aliases = "-r",
            description = "Лише органи цього регіону та загальнодержавні / Only this region's bodies and the national ones")
    String region;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.REFERENCE_READ);
        ShellTable t = new ShellTable();
        t.column("Код / Code");
        t.column("Вид / Kind");
        t.column("Назва / Name").maxSize(60).wrap();
        t.column("Регіон / Region");
        t.column("Контакти / Contacts").maxSize(40).wrap();
        int n = 0;
        for (Body b : data.bodies()) {
            if (region != null && b.region() != null && !region.equals(b.region())) {
                continue;
            }
            n++;
            t.addRow().addContent(b.code(), b.kind().labelUk(), b.nameUk(), b.region() == null ? "—" : b.region(),
                    (b.email() == null ? "" : b.email()) + (b.phone() == null ? "" : " " + b.phone()));
        }
        t.print(System.out);
        System.out.printf("Органів / Bodies: %d (дані / data %s)%n", n, data.version());
        return null;
    }
}
