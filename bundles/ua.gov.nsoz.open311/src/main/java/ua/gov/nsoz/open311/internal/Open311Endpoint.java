package ua.gov.nsoz.open311.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.intake.PublicIntake;

/**
 * Serves Open311 GeoReport v2 at {@code https://<node>/open311/v2/} (docs/open311.md). Registered with the HttpService
 * at the alias {@code /open311}: longer than the node root's {@code /} and the portal's, so it wins for its paths.
 */
@Component(immediate = true)
public class Open311Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(Open311Endpoint.class);
    static final String ALIAS = "/open311";

    private final HttpService http;

    /**
     * @param http the node's HttpService (pax-web)
     * @param reference the classifier, whose topics are the services
     * @param node this node: its id is the jurisdiction_id
     * @param appeals the public status of appeals
     * @param intake where public submissions go
     * @throws Exception if the alias cannot be registered
     */
    @Activate
    public Open311Endpoint(@Reference HttpService http, @Reference ReferenceData reference,
            @Reference NodeIdentity node, @Reference AppealService appeals, @Reference PublicIntake intake)
            throws Exception {
        this.http = http;
        http.registerServlet(ALIAS, new Open311Servlet(new GeoReport(reference, node, appeals, intake)), null, null);
        LOG.info("Open311 GeoReport v2 answers at {}/v2/ (jurisdiction_id {})", ALIAS, node.nodeId());
    }

    @Deactivate
    void stop() {
        try {
            http.unregister(ALIAS);
        } catch (IllegalArgumentException e) {
            LOG.debug("The Open311 alias was not registered any more", e);
        }
    }
}
