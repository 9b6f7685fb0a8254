/** The local store of a node: appeals and their append-only event log, in one transaction. */
@Export
@Version("1.2.0")
package ua.gov.nsoz.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
