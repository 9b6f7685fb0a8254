/**
 * The local store of a node: appeals and their append-only event log, in one transaction; retention's anonymization
 * of closed appeals ({@link ua.gov.nsoz.store.AppealStore#anonymizePastRetention}); the audit log's hash chain
 * ({@link ua.gov.nsoz.store.AuditChain}); the event feed of the analysis ({@link ua.gov.nsoz.store.EventFeed}).
 */
@Export
@Version("1.7.0")
package ua.gov.nsoz.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
