package ua.gov.nsoz.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of a node, PID {@code ua.gov.nsoz.node}. */
@ObjectClassDefinition(name = "NSOZ node", description = "Who this node is in the federation")
public @interface NodeConfig {

    /** @return the node id, unique in the federation */
    @AttributeDefinition(description = "Node id, unique in the federation, e.g. lviv")
    String nodeId() default "local";

    /** @return the registration-number prefix */
    @AttributeDefinition(description = "Short code used in registration numbers, e.g. LV (letters and digits)")
    String code() default "LOC";

    /** @return display name */
    @AttributeDefinition(description = "Display name in Ukrainian")
    String name() default "Вузол НСОЗ";

    /** @return CENTRAL or REGIONAL */
    @AttributeDefinition(description = "CENTRAL (Government Contact Center) or REGIONAL")
    String role() default "REGIONAL";

    /** @return the center's node id */
    @AttributeDefinition(description = "Node id of the Government Contact Center a regional node replicates to "
            + "(e.g. ucc); empty for the center. Every event of a regional node is queued for it in the outbox.")
    String center() default "";

    /** @return region code */
    @AttributeDefinition(description = "Region code (ISO 3166-2, e.g. UA-46); empty for the center")
    String region() default "";
}
