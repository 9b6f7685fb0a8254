/**
 * The node's document store (issue 15): the files of appeals (attachments of written appeals, the bodies' answers,
 * call recordings), content-addressed by SHA-256, with a size limit and the type checked by the content, not by the
 * name. An {@link ua.gov.nsoz.api.Attachment} names a document by its {@code sha256}; who may read it is decided by
 * the appeal that names it (the REST layer), never by the store.
 */
@Export
@Version("1.1.0")
package ua.gov.nsoz.documents;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
