/**
 * Domain model and service interfaces of NSOZ: the appeal as the Law of Ukraine "On citizens'
 * appeals" defines it, and the services other bundles call. Everything here is a contract between
 * bundles; change it only with a version bump.
 */
@Export
@Version("3.3.0")
package ua.gov.nsoz.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
