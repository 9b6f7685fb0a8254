/**
 * What crosses the link between nodes, free of any transport: the outbox as exchange documents to
 * ship, and received exchange documents applied to the store exactly once. The Camel routes in
 * camel-routes/ move the documents over Artemis and call this.
 */
@Export
@Version("2.0.0")
package ua.gov.nsoz.sync;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
