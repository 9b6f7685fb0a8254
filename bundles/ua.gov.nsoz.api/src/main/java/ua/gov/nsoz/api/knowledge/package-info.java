/**
 * The knowledge base for answers at first contact (R4, R5): articles that supervisors write at the center and the
 * center distributes to the regions, searched in Ukrainian word forms. Everything here is a contract between
 * bundles; change it only with a version bump.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.api.knowledge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
