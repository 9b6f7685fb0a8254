/**
 * Extension points: interfaces that integrators implement in their own bundles and register as
 * OSGi services (whiteboard). The node finds them at run time; nothing else changes.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
