package ua.gov.nsoz.intake.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the public intake, PID {@code ua.gov.nsoz.intake} (docs/intake.md). */
@ObjectClassDefinition(name = "NSOZ public intake", description = "Limits and proof of work of appeals filed without "
        + "an account")
public @interface IntakeConfig {

    /** @return leading zero bits the proof of work needs (16: about 65,536 hashes on average) */
    @AttributeDefinition(description = "Leading zero bits of SHA-256(token:nonce); 16 is about 65,536 hashes on average")
    int difficultyBits() default 16;

    /** @return how long a challenge stays valid */
    @AttributeDefinition(description = "Seconds a challenge stays valid")
    int challengeTtlSeconds() default 600;

    /** @return challenges one address may ask for within 10 minutes */
    @AttributeDefinition(description = "Challenges per client address within 10 minutes")
    int challengesPerAddressPer10Minutes() default 30;

    /** @return submissions one address may make within 10 minutes */
    @AttributeDefinition(description = "Submissions per client address within 10 minutes")
    int submissionsPerAddressPer10Minutes() default 5;

    /** @return submissions one address may make within a day */
    @AttributeDefinition(description = "Submissions per client address within 24 hours")
    int submissionsPerAddressPerDay() default 30;

    /** @return submissions one e-mail may make within an hour */
    @AttributeDefinition(description = "Submissions per e-mail address within an hour")
    int submissionsPerEmailPerHour() default 3;

    /** @return submissions one e-mail may make within a day */
    @AttributeDefinition(description = "Submissions per e-mail address within 24 hours")
    int submissionsPerEmailPerDay() default 10;

    /**
     * @return the file where an older version kept the proof-of-work secret, read once to move it into the database;
     *         empty: {@code ${karaf.data}/nsoz/intake-secret}
     */
    @AttributeDefinition(description = "The file where an older version kept the proof-of-work secret: read once, by "
            + "the first start that finds no secret in the database (table node_secret, shared by the nodes of a "
            + "center), to move it there; never written. Empty: ${karaf.data}/nsoz/intake-secret")
    String secretFile() default "";
}
