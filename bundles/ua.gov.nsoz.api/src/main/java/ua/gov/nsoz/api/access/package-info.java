/**
 * Who may do what to which appeal (R19; issue #5): the roles, the operations of the API and the shell, and the
 * scope rules, in one place. The REST API and the shell check every call against {@link AccessRules}; the table in
 * {@code docs/security.md} is what they say, and the authorization-matrix test checks each cell over HTTP. Everything
 * here is a contract between bundles; change it only with a version bump.
 */
@Export
@Version("1.4.0")
package ua.gov.nsoz.api.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
