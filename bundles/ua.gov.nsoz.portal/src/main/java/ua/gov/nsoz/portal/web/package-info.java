/**
 * Serving a bundle's folder of static files (HTML, CSS, JavaScript, images) at an HttpService alias, with the security
 * headers of NSOZ's web pages: the citizens' portal at {@code /} and the staff workspace at {@code /staff} both use
 * {@link ua.gov.nsoz.portal.web.StaticSite}.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.portal.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
