package ua.gov.nsoz.calls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the calls, PID {@code ua.gov.nsoz.calls} (docs/calls.md). */
@ObjectClassDefinition(name = "NSOZ calls", description = "Call records and the PBX's HTTP adapter (R13)")
public @interface CallsConfig {

    /** @return the PBX secret: the key of the HMAC-SHA256 that signs the PBX's requests */
    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The PBX secret: the key of "
            + "the HMAC-SHA256 that signs each request of the PBX (at least 16 characters; the launcher makes one "
            + "per node). Empty: every request of a PBX is refused")
    String pbxSecret() default "";

    /** @return minutes a call may ring before the operator's screen stops showing it */
    @AttributeDefinition(description = "Minutes a call rings at most: a call still RINGING after them (the PBX lost "
            + "its hang-up) is no longer offered to the operator")
    int ringingMinutes() default 10;

    /** @return hours a conversation may last before the operator's screen stops showing it */
    @AttributeDefinition(description = "Hours a call stays ANSWERED at most on the operator's screen (the PBX lost its "
            + "hang-up)")
    int answeredHours() default 4;
}
