/**
 * Reference data of the system and routing by competence (R3, R17): the executive bodies appeals are
 * sent to, the topics of the classifier of appeals (CMU resolution No. 858 of 24.09.2008), the
 * applicant categories that give priority (Law "On citizens' appeals", Art. 15, 22), the data-driven
 * competence rules, and the router that applies them; since 1.2 the published reference base of contact centers,
 * hotlines, bodies and administrative service procedures ({@link ua.gov.nsoz.api.reference.ReferenceBase}).
 * Everything here is a contract between bundles;
 * change it only with a version bump.
 */
@Export
@Version("1.2.0")
package ua.gov.nsoz.api.reference;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
