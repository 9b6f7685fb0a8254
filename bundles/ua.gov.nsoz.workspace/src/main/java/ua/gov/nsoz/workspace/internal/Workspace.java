package ua.gov.nsoz.workspace.internal;

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
 * The staff workspace at {@code /staff/}: the bundle's folder {@code workspace/} served by the portal's
 * {@link StaticSite} (the same security headers: no inline script or style, nothing from another host) registered
 * with the HttpService at the alias {@code /staff}. The pages hold no data: they call {@code /api/v1} with the
 * session cookie of {@code POST /api/v1/session}.
 */
@Component(immediate = true)
public class Workspace {

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
    static final String ALIAS = "/staff";
    /** pax-web's init parameter naming a servlet. */
    static final String SERVLET_NAME = "servlet-name";
    static final String FOLDER = "workspace";

    private final HttpService http;

    /**
     * @param http the node's HttpService (pax-web)
     * @param context this bundle, whose folder {@code workspace/} holds the pages
     * @throws Exception if the alias cannot be registered
     */
    @Activate
    public Workspace(@Reference HttpService http, BundleContext context) throws Exception {
        this.http = http;
        StaticSite site = StaticSite.of(context.getBundle(), FOLDER, ALIAS);
        // a name of its own: pax-web names a servlet by its class otherwise, and the portal and the workspace are both
        // a StaticSite in the same servlet context (a second one of a name is refused)
        http.registerServlet(ALIAS, site, new Hashtable<>(Map.of(SERVLET_NAME, "nsoz-workspace")), null);
        LOG.info("The staff workspace serves {} files at {}/", site.paths().size(), ALIAS);
    }

    @Deactivate
    void stop() {
        try {
            http.unregister(ALIAS);
        } catch (IllegalArgumentException e) {
            LOG.debug("The workspace's alias was not registered any more", e);
        }
    }
}
