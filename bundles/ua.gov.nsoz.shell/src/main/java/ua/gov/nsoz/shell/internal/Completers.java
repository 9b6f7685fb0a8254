package ua.gov.nsoz.shell.internal;

import java.util.List;
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

    /** Registration numbers of the latest appeals (the id is long; the number is what people type). */
    @Service
    public static final class AppealIdCompleter implements Completer {

        @Reference
        AppealService appeals;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter delegate = new StringsCompleter();
            for (Appeal a : appeals.search(new AppealQuery(null, null, null, null, null, null, null, 0, 200)).items()) {
                delegate.getStrings().add(a.registrationNumber());
            }
            return delegate.complete(session, commandLine, candidates);
        }
    }
}
