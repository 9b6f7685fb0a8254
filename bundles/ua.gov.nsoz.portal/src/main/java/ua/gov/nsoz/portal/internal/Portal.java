package ua.gov.nsoz.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The citizens' web portal at the node's root: the bundle's folder {@code portal/} served by a {@link PortalServlet}
 * registered with the HttpService at the alias {@code /}, which answers what no longer alias does (CXF holds
 * {@code /api}, Open311 {@code /open311}).
 */
@Component(immediate = true)
public class Portal {

    private static final Logger LOG = LoggerFactory.getLogger(Portal.class);
    static final String ALIAS = "/";
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
        Map<String, byte[]> files = new HashMap<>();
        Enumeration<URL> entries = context.getBundle().findEntries(FOLDER, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (path.endsWith("/")) {
                continue;
            }
            files.put(path.substring(path.indexOf("/" + FOLDER + "/") + FOLDER.length() + 1), read(url));
        }
        PortalServlet servlet = new PortalServlet(files);
        http.registerServlet(ALIAS, servlet, null, null);
        LOG.info("The citizens' portal serves {} files at the node's root", servlet.paths().size());
    }

    private static byte[] read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
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
