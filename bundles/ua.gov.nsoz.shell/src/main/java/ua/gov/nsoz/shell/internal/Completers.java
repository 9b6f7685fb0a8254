package ua.gov.nsoz.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;

/** Tab completion for the nsoz commands. */
final class Completers {

    private Completers() {
    }

    private static int complete(Enum<?>[] values, Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter(false);
        for (Enum<?> v : values) {
            delegate.getStrings().add(v.name());
        }
        return delegate.complete(session, commandLine, candidates);
    }

    /** Appeal statuses. */
    @Service
    public static final class StatusCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return Completers.complete(AppealStatus.values(), session, commandLine, candidates);
        }
    }

    /** Appeal kinds. */
    @Service
    public static final class KindCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return Completers.complete(AppealKind.values(), session, commandLine, candidates);
        }
    }

    /** Intake channels. */
    @Service
    public static final class ChannelCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return Completers.complete(Channel.values(), session, commandLine, candidates);
        }
    }

    /** Actions of the audit log. */
    @Service
    public static final class AuditActionCompleter implements Completer {
        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            return Completers.complete(AuditAction.values(), session, commandLine, candidates);
        }
    }

    /**
     * Registration numbers of the latest appeals the user may see (the id is long; the number is what people type):
     * the search is limited to the caller's scope as {@code nsoz:appeal-list} limits it ({@link AccessRules#scoped});
     * a user who may not search appeals (the auditor, the admin) is offered none.
     */
    @Service
    public static final class AppealIdCompleter implements Completer {

        /** How many of the newest appeals are offered. */
        static final int LATEST = 200;

        @Reference
        AppealService appeals;

        @Reference
        NodeIdentity nsozNode;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter delegate = new StringsCompleter();
            delegate.getStrings().addAll(numbers());
            return delegate.complete(session, commandLine, candidates);
        }

        /** @return the registration numbers offered to the user running the shell */
        List<String> numbers() {
            AccessRules.Caller caller = new AccessRules.Caller(ShellAccess.actor(), nsozNode.nodeId());
            if (!AccessRules.may(caller, Operation.APPEAL_SEARCH)) {
                return List.of();
            }
            List<AppealQuery> queries = new ArrayList<>();
            AppealQuery newest = new AppealQuery(null, null, null, null, null, null, null, 0, LATEST);
            AccessRules.SearchScope scope = AccessRules.searchScope(caller);
            if (scope.all() || scope.node() != null || scope.bodies().size() <= 1) {
                try {
                    queries.add(AccessRules.scoped(caller, newest));
                } catch (RuntimeException e) {
                    return List.of(); // e.g. a clerk assigned to no body: nothing to offer, and no error while typing
                }
            } else {
                // A clerk of several bodies: each of their bodies (appeal-list asks them to name one).
                for (String body : new TreeSet<>(scope.bodies())) {
                    queries.add(newest.withBody(body));
                }
            }
            Set<String> numbers = new LinkedHashSet<>();
            for (AppealQuery q : queries) {
                for (Appeal a : appeals.search(q).items()) {
                    numbers.add(a.registrationNumber());
                }
            }
            return new ArrayList<>(numbers);
        }
    }
}
