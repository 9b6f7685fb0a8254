/**
 * Notifications to applicants (R8): the notifier that turns committed appeal events into messages and hands them to
 * the {@link ua.gov.nsoz.api.spi.NotificationChannel} services (e-mail, SMS), and its counters for operators.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
