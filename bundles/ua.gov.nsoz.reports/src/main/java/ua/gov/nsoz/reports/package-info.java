/**
 * Statistics in text and graphic form (R14) and the quarterly report to the Secretariat (R15): CSV (UTF-8 with a BOM,
 * Ukrainian headers), charts (PNG and SVG drawn on the server with fonts shipped in the bundles, never the system's)
 * and the quarterly PDF report, generated on demand and on a schedule, kept and listed. The REST and shell bundles
 * call {@link ua.gov.nsoz.reports.Reports}. Everything here is a contract between bundles; change it only with a
 * version bump.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.reports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
