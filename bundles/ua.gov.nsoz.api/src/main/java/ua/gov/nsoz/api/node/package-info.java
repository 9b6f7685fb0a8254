/**
 * The node among its peers: a center of several nodes (docs/center-cluster.md) runs some work once per center,
 * at the node that {@link Leadership leads}. Everything here is a contract between bundles; change it only with a
 * version bump.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
