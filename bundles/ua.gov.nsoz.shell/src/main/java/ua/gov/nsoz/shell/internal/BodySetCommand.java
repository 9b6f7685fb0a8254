package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceEdits;

/**
 * {@code nsoz:body-set --kind … --name-uk … --name-en … CODE} (options before the code): adds a body to the directory or replaces the one with
 * this code, at the center; checked like the shipped data, in effect at once, replicated to the regions.
 */
@Service
@Command(scope = "nsoz", name = "body-set",
        description = "Додати чи змінити орган (у центрі) / Add or replace a body in the directory (at the center)")
public class BodySetCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    ReferenceAdmin admin;


    @Argument(index = 0, name = "code", required = true, description = "Код органу / The body's code, e.g. MINTSYFRA")
    String code;

    @Option(name = "--kind", required = true, description = "CABINET_SECRETARIAT, CENTRAL_BODY, REGIONAL_ADMINISTRATION, "
            + "DISTRICT_ADMINISTRATION")
    BodyKind kind;

    @Option(name = "--name-uk", required = true, description = "Назва українською / Name in Ukrainian")
    String nameUk;

    @Option(name = "--name-en", required = true, description = "Name in English")
    String nameEn;

    @Option(name = "--region", description = "Регіон / Region, e.g. UA-46")
    String region;

    @Option(name = "--parent", description = "Код вищого органу / The parent body's code")
    String parent;

    @Option(name = "--email", description = "E-mail")
    String email;

    @Option(name = "--phone", description = "Телефон / Phone")
    String phone;

    @Option(name = "--address", description = "Адреса / Address")
    String address;

    @Override
    public Object execute() {
        String editor = ShellAccess.require(nsozNode, Operation.REFERENCE_EDIT).actor().name();
        ReferenceEdits e = admin.putBody(new Body(code, kind, nameUk, nameEn, region, parent, email, phone, address),
                editor);
        System.out.printf("Орган %s збережено: редакція %d / Body %s saved: revision %d%n", code, e.revision(), code,
                e.revision());
        return null;
    }
}
