/**
 * Calls (R13): the record of a phone call to a contact center and the CTI integration point through which a PBX's
 * call events and recordings reach the node. Everything here is a contract between bundles; change it only with a
 * version bump.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.api.calls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
