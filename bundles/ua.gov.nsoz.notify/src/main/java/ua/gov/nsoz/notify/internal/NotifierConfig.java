package ua.gov.nsoz.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the notifier, PID {@code ua.gov.nsoz.notify}. */
@ObjectClassDefinition(name = "NSOZ notifications", description = "Messages to applicants about their appeals (R8)")
public @interface NotifierConfig {

    /** @return the public base URL */
    @AttributeDefinition(description = "Public base URL of this node, for the status lookup link in the registration "
            + "message (<publicUrl>/api/v1/public/status?number=...&code=...)")
    String publicUrl() default "http://localhost:8181";

    /** @return attempts per message */
    @AttributeDefinition(description = "Attempts per message and recipient before giving up (at least 1)")
    int maxAttempts() default 5;

    /** @return first retry delay */
    @AttributeDefinition(description = "Delay before the first retry, in milliseconds; doubled after each failure")
    long firstRetryMillis() default 1000;

    /** @return longest retry delay */
    @AttributeDefinition(description = "Longest delay between retries, in milliseconds")
    long maxRetryMillis() default 60000;

    /** @return the queue bound */
    @AttributeDefinition(description = "Most messages queued or waiting for a retry; more are dropped and counted "
            + "as failed")
    int maxPending() default 10000;

    /** @return sending threads */
    @AttributeDefinition(description = "Threads that send (1 to 16)")
    int threads() default 2;
}
