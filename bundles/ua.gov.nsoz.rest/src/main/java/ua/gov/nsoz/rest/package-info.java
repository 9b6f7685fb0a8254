/**
 * The REST API's extension point: a bundle adds endpoints under {@code /api/v1} by registering a
 * JAX-RS resource as an OSGi service of type {@link ua.gov.nsoz.rest.RestResource}.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
