/**
 * Monitoring of public opinion (R16): spikes and newly emerging issues in the daily appeals per topic section and
 * region, found against a baseline and kept as {@link ua.gov.nsoz.monitoring.Alert alerts} to the Secretariat, which
 * an analyst acknowledges and closes ({@link ua.gov.nsoz.monitoring.Alerts}). New alerts go to every
 * {@link ua.gov.nsoz.monitoring.AlertListener} and, if configured, to the Secretariat's e-mail address. The method is
 * in docs/monitoring.md. An alert never carries applicants' data: only counts and example appeal ids.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
