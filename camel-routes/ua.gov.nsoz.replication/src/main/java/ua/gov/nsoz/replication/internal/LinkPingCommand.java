package ua.gov.nsoz.replication.internal;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code nsoz:link-ping}: sends probes over the link (to the center from a region; to a region from the center)
 * and prints their ids; the receiving node logs each id it gets. A tool for checking the link, not for data.
 * It lives here, not in the shell bundle, because Camel is private to this bundle.
 */
@Service
@Command(scope = "nsoz", name = "link-ping",
        description = "Надіслати пробні повідомлення зв'язком / Send probe messages over the link between nodes")
public class LinkPingCommand implements Action {

    @Reference
    CamelContext camel;

    @Option(name = "-n", aliases = "--count", description = "How many probes (1-100000)")
    int count = 1;

    @Argument(index = 0, name = "region", description = "At the center: the region's node id to send to")
    String region;

    @Override
    public Object execute() throws Exception {
        if (count < 1 || count > 100_000) {
            System.err.println("count must be 1..100000");
            return null;
        }
        ProducerTemplate template = camel.createProducerTemplate();
        try {
            String first = null;
            String last = null;
            for (int i = 0; i < count; i++) {
                Exchange sent = template.send(LinkProbeRoutes.PROBE_ENDPOINT, e -> {
                    if (region != null) {
                        e.getMessage().setHeaders(new java.util.HashMap<>(Map.of(Links.TARGET, region)));
                    }
                });
                if (sent.getException() != null) {
                    System.err.println("probe " + (i + 1) + " failed: " + sent.getException().getMessage());
                    return null;
                }
                last = sent.getMessage().getHeader(Links.MESSAGE_ID, String.class);
                if (first == null) {
                    first = last;
                }
            }
            System.out.println("sent " + count + " probe(s)" + (count == 1 ? ": " + first
                    : ", first " + first + ", last " + last));
        } finally {
            template.stop();
        }
        return null;
    }
}
