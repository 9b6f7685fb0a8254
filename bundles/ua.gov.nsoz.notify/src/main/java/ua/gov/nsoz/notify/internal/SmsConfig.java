package ua.gov.nsoz.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SMS channel, PID {@code ua.gov.nsoz.notify.sms}; without it there is no SMS channel. */
@ObjectClassDefinition(name = "NSOZ SMS channel", description = "HTTP SMS gateway that sends messages to applicants")
public @interface SmsConfig {

    /** @return whether the channel sends; {@code false} turns SMS off (see {@link EmailConfig#enabled()}) */
    @AttributeDefinition(description = "false: the SMS channel is off and nothing is sent by SMS")
    boolean enabled() default true;

    /** @return the gateway's URL */
    @AttributeDefinition(description = "URL the gateway takes POST {\"to\": \"+380...\", \"text\": \"...\"} at; "
            + "required unless enabled = false")
    String url() default "";

    /** @return bearer token */
    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "Token sent as 'Authorization: Bearer <token>'; empty: none")
    String token() default "";

    /** @return timeout */
    @AttributeDefinition(description = "Connect and answer timeout, milliseconds")
    int timeoutMillis() default 10000;
}
