package ua.gov.nsoz.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the e-mail channel, PID {@code ua.gov.nsoz.notify.email}; without it there is no e-mail channel. */
@ObjectClassDefinition(name = "NSOZ e-mail channel", description = "SMTP server that sends messages to applicants")
public @interface EmailConfig {

    /**
     * @return whether the channel sends; {@code false} turns e-mail off while the configuration stays in place. Write
     *         {@code enabled = false} rather than deleting the file: Karaf keeps the configuration of a file deleted
     *         while it is stopped, so the channel would come back at the next start (docs/notifications.md)
     */
    @AttributeDefinition(description = "false: the e-mail channel is off and nothing is sent by e-mail")
    boolean enabled() default true;

    /** @return SMTP host */
    @AttributeDefinition(description = "SMTP server host")
    String host() default "localhost";

    /** @return SMTP port */
    @AttributeDefinition(description = "SMTP server port (25, or 587 for submission with STARTTLS)")
    int port() default 25;

    /** @return sender */
    @AttributeDefinition(description = "Sender address (From, and the envelope sender)")
    String from() default "nsoz@localhost";

    /** @return user for SMTP AUTH */
    @AttributeDefinition(required = false, description = "User for SMTP AUTH; empty: no authentication")
    String username() default "";

    /** @return password for SMTP AUTH */
    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Password for SMTP AUTH")
    String password() default "";

    /** @return whether STARTTLS is required */
    @AttributeDefinition(description = "Require STARTTLS (with the server's certificate and host name checked)")
    boolean starttls() default false;

    /** @return connect timeout */
    @AttributeDefinition(description = "Connect timeout, milliseconds")
    int connectTimeoutMillis() default 10000;

    /** @return read and write timeout */
    @AttributeDefinition(description = "Read and write timeout, milliseconds")
    int timeoutMillis() default 30000;
}
