package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.CompetenceRouter;

/** {@code nsoz:route-explain ID}: which body the competence router proposes for an appeal, and every step why (R3). */
@Service
@Command(scope = "nsoz", name = "route-explain",
        description = "Чому звернення йде до цього органу / Which body the router proposes for an appeal, and why")
public class RouteExplainCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    AppealService appeals;

    @Reference
    CompetenceRouter router;

    @Argument(index = 0, name = "id", required = true,
            description = "Id або реєстраційний номер / Appeal id or registration number")
    @Completion(Completers.AppealIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        AccessRules.Caller caller = ShellAccess.require(nsozNode, Operation.APPEAL_READ);
        Appeal a = Format.found(appeals, id);
        if (!AccessRules.inScope(caller, a)) {
            throw new SecurityException(AccessRules.OUT_OF_SCOPE);
        }
        CompetenceRouter.Route r = router.route(a);
        System.out.println(a.registrationNumber() + ": " + r.body().map(b -> b.code() + " — " + b.nameUk())
                .orElse("орган не визначено / no body proposed"));
        System.out.println("Чому / Why: " + r.reasonUk() + " / " + r.reasonEn());
        System.out.println("Кроки / Steps:");
        for (String step : r.trace()) {
            System.out.println("  - " + step);
        }
        return null;
    }
}
