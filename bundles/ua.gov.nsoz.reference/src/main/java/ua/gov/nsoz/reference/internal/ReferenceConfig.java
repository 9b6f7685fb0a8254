package ua.gov.nsoz.reference.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the node's reference data, PID {@code ua.gov.nsoz.reference} (docs/reference-base.md): where the
 * center's edits are kept. The nodes of one center point it at one shared folder.
 */
@ObjectClassDefinition(name = "NSOZ reference data", description = "Where the center's edits of the reference data "
        + "(bodies, routing rules, reference base entries) are kept")
public @interface ReferenceConfig {

    /** @return the folder of {@code reference-edits.json}, empty for the default */
    @AttributeDefinition(required = false, description = "Folder of reference-edits.json; empty: ${karaf.data}/nsoz."
            + " The nodes of one center give it one shared folder")
    String directory() default "";
}
