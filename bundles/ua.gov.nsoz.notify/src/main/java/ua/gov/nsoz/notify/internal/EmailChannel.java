package ua.gov.nsoz.notify.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.spi.NotificationChannel;

/**
 * Sends plain-text UTF-8 mail through an SMTP server (Jakarta Mail with the Angus provider). Exists only while PID
 * {@value #PID} is configured, so a node without a mail server has no e-mail channel. With {@code enabled = false}
 * it is off: it checks nothing of the server, sends nothing, and the notifier does not use it (its service carries
 * the property {@code enabled=false}), which is how a launcher or an admin turns e-mail off in a way that survives a
 * restart (Karaf keeps the configuration of a file deleted while it was stopped).
 */
@Component(service = NotificationChannel.class, configurationPid = EmailChannel.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = NotifierComponent.CHANNEL_PROPERTY + "=" + NotifierComponent.EMAIL)
@Designate(ocd = EmailConfig.class)
public class EmailChannel implements NotificationChannel {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.notify.email";

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);
    private static final String TEXT_PLAIN_UTF8 = "text/plain; charset=UTF-8";

    /**
     * Jakarta Mail and Activation find their providers through the thread context class loader; in OSGi that is
     * whatever the calling thread had, so they are run with the Angus provider bundle's own loader, which sees
     * its META-INF/services and (by its DynamicImport-Package) the API.
     */
    private static final ClassLoader PROVIDER_LOADER = SMTPTransport.class.getClassLoader();

    private final boolean enabled;
    private final Session session;
    private final InternetAddress from;
    private final String username;
    private final String password;

    /** @param config the SMTP server and sender */
    @Activate
    public EmailChannel(EmailConfig config) {
        this.enabled = config.enabled();
        if (!enabled) {
            this.session = null;
            this.from = null;
            this.username = "";
            this.password = "";
            LOG.info("E-mail channel off ({}: enabled = false): no e-mail is sent", PID);
            return;
        }
        String host = trim(config.host());
        if (host.isEmpty()) {
            throw new IllegalArgumentException(PID + ": host is empty");
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException(PID + ": port must be 1-65535, got " + config.port());
        }
        try {
            this.from = new InternetAddress(trim(config.from()), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(PID + ": from is not a valid address: " + config.from(), e);
        }
        this.username = trim(config.username());
        this.password = config.password() == null ? "" : config.password();

        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(config.port()));
        p.setProperty("mail.smtp.from", from.getAddress());
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(Math.max(1, config.connectTimeoutMillis())));
        p.setProperty("mail.smtp.timeout", Integer.toString(Math.max(1, config.timeoutMillis())));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(Math.max(1, config.timeoutMillis())));
        p.setProperty("mail.smtp.auth", Boolean.toString(!username.isEmpty()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        this.session = withProviderLoader(() -> Session.getInstance(p));
        LOG.info("E-mail channel ready: SMTP {}:{}, STARTTLS {}, AUTH {}", host, config.port(), config.starttls(),
                !username.isEmpty());
    }

    @Override
    public String name() {
        return NotifierComponent.EMAIL;
    }

    /** @return false if the configuration turns the channel off */
    boolean enabled() {
        return enabled;
    }

    /**
     * @throws IllegalArgumentException if the recipient is not an e-mail address (retrying will not help)
     * @throws MessagingException if the server could not be reached or refused the message
     * @throws IllegalStateException if the channel is off
     */
    @Override
    public void send(String recipient, String subject, String body) throws MessagingException {
        if (!enabled) {
            throw new IllegalStateException("the e-mail channel is off (" + PID + ": enabled = false)");
        }
        InternetAddress to;
        try {
            to = new InternetAddress(recipient, true);
        } catch (AddressException e) {
            // AddressException's message repeats the address: not for the log
            throw new IllegalArgumentException("the recipient is not a valid e-mail address");
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(PROVIDER_LOADER);
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipient(Message.RecipientType.TO, to);
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            m.setHeader("Auto-Submitted", "auto-generated");
            // The text as bytes with its type: no content handler (mailcap) lookup is needed to write it.
            m.setDataHandler(new DataHandler(new ByteArrayDataSource(body.getBytes(StandardCharsets.UTF_8),
                    TEXT_PLAIN_UTF8)));
            m.saveChanges();
            if (username.isEmpty()) {
                Transport.send(m);
            } else {
                Transport.send(m, username, password);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static <T> T withProviderLoader(Supplier<T> action) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(PROVIDER_LOADER);
        try {
            return action.get();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
