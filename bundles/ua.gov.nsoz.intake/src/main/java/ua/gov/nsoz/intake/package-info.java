/**
 * Appeals from citizens without an account (issue 15): the public web portal's form and Open311 file through
 * {@link ua.gov.nsoz.intake.PublicIntake}, which limits submissions per client address and per e-mail, asks for a
 * proof of work that needs no outside service, answers a resent submission with its first registration (an
 * idempotency key), records where each came from in the audit log, and registers every submission it accepts.
 */
@Export
@Version("1.0.0")
package ua.gov.nsoz.intake;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
