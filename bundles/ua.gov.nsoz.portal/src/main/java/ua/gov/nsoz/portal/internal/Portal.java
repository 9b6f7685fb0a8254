package ua.gov.nsoz.portal.internal;

import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.portal.web.StaticSite;

/**
 * The citizens' web portal at the node's root: the bundle's folder {@code portal/} served by a {@link StaticSite}
 * registered with the HttpService at the alias {@code /}, which answers what no longer alias does (CXF holds
 * {@code /api}, Open311 {@code /open311}).
 */
@Component(immediate = true)
public class Portal {

    private static final Logger LOG = LoggerFactory.getLogger(Portal.class);
    static final String ALIAS = "/";
    /** pax-web's init parameter naming a servlet. */
    static final String SERVLET_NAME = "servlet-name";
    static final String FOLDER = "portal";

    private final HttpService http;

    /**
     * @param http the node's HttpService (pax-web)
     * @param context this bundle, whose folder {@code portal/} holds the pages
     * @throws Exception if a file cannot be read or the alias cannot be registered
     */
    @Activate
    public Portal(@Reference HttpService http, BundleContext context) throws Exception {
        this.http = http;
        StaticSite site = StaticSite.of(context.getBundle(), FOLDER, ALIAS);
        // a name of its own: pax-web names a servlet by its class otherwise, and the portal and the workspace are both
        // a StaticSite in the same servlet context (a second one of a name is refused)
        http.registerServlet(ALIAS, site, new Hashtable<>(Map.of(SERVLET_NAME, "nsoz-portal")), null);
        LOG.info("The citizens' portal serves {} files at the node's root", site.paths().size());
    }

    @Deactivate
    void stop() {
        try {
            http.unregister(ALIAS);
        } catch (IllegalArgumentException e) {
            LOG.debug("The portal's alias was not registered any more", e);
        }
    }
}
