/**
 * The exchange format between NSOZ nodes, version 1 (namespace {@code urn:ua:gov:nsoz:exchange:1}), as
 * code: one record per message of {@code exchange-1.xsd} and {@link ua.gov.nsoz.exchange.ExchangeCodec},
 * which writes a message as a document valid against the schema and reads a document back only after
 * validating it. The format itself, with an example of every message, is described in
 * {@code docs/exchange-format.md}. Everything here is a contract between nodes; change it only with a
 * version bump.
 */
@Export
@Version("2.2.0")
package ua.gov.nsoz.exchange;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
