package ua.gov.nsoz.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the staff workspace's sessions, PID {@code ua.gov.nsoz.rest.session} (docs/security.md). */
@ObjectClassDefinition(name = "NSOZ staff sessions", description = "Cookie sessions of the staff workspace: how long "
        + "an unused session lives and how long any session lives")
public @interface SessionConfig {

    /** @return seconds without a request after which a session ends */
    @AttributeDefinition(description = "Seconds without a request after which a session ends (default 15 minutes)")
    long idleTimeoutSeconds() default 900;

    /** @return seconds after the login after which a session ends, used or not */
    @AttributeDefinition(description = "Seconds after the login after which a session ends however it is used "
            + "(default 8 hours)")
    long absoluteLifetimeSeconds() default 28_800;

    /** @return sessions one user may hold at once; a further login ends their least recently used one */
    @AttributeDefinition(description = "Sessions one user may hold at once; a further login ends the least recently "
            + "used one")
    int maxSessionsPerUser() default 20;
}
