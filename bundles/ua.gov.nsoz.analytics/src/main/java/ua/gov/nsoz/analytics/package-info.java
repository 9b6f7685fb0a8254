/**
 * The analysis of appeals (R14 statistics, R15 bodies' results, R18 open data): what other bundles (REST, shell,
 * reports, monitoring) ask of it. The analytics bundle keeps its own tables, fed by the appeal events the node
 * already has (its own changes and the replicas it applied). Everything here is a contract between bundles; change
 * it only with a version bump.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.analytics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
