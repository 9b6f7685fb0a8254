/**
 * The audit log of personal data (R19; issue #5): every read and change of an applicant's personal data, who did it,
 * when, from where. Append-only: nothing in the API edits or deletes an entry. Everything here is a contract between
 * bundles; change it only with a version bump.
 */
@Export
@Version("1.1.0")
package ua.gov.nsoz.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
