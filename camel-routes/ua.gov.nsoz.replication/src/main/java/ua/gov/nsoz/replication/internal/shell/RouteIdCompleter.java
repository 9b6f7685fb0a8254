package ua.gov.nsoz.replication.internal.shell;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the link's routes. */
@Service
public class RouteIdCompleter implements Completer {

    @Reference(optional = true)
    CamelContext camel;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (camel != null) {
            delegate.getStrings().addAll(LinkRoutes.ids(camel));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
