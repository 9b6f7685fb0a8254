package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.RoutingRule;

/**
 * {@code nsoz:rules-set --order … --body … --reason-uk … --reason-en … ID} (options before the id): adds a competence routing rule or
 * replaces the one with this id, at the center; checked like the shipped rules (the body must exist), in effect at
 * once, replicated to the regions.
 */
@Service
@Command(scope = "nsoz", name = "rules-set",
        description = "Додати чи змінити правило маршрутизації (у центрі) / Add or replace a routing rule (at the center)")
public class RuleSetCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    ReferenceAdmin admin;


    @Argument(index = 0, name = "id", required = true, description = "Ідентифікатор правила / The rule's id")
    String id;

    @Option(name = "--order", required = true, description = "Порядок: менше — раніше / Order: lower is tried first")
    int order;

    @Option(name = "--topic", description = "Код теми класифікатора / Topic code")
    String topic;

    @Option(name = "--region", description = "Регіон / Region, e.g. UA-46")
    String region;

    @Option(name = "--addressee-contains", description = "Слова в адресаті / Words in the addressee")
    String addresseeContains;

    @Option(name = "--body", required = true, description = "Код органу / The body's code")
    String body;

    @Option(name = "--reason-uk", required = true, description = "Чому (українською) / Why, in Ukrainian")
    String reasonUk;

    @Option(name = "--reason-en", required = true, description = "Why, in English")
    String reasonEn;

    @Override
    public Object execute() {
        String editor = ShellAccess.require(nsozNode, Operation.REFERENCE_EDIT).actor().name();
        ReferenceEdits e = admin.putRule(new RoutingRule(id, order, topic, region, addresseeContains, body, reasonUk,
                reasonEn), editor);
        System.out.printf("Правило %s збережено: редакція %d / Rule %s saved: revision %d%n", id, e.revision(), id,
                e.revision());
        return null;
    }
}
