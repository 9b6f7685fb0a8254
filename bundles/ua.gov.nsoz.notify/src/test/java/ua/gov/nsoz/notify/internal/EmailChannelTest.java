package ua.gov.nsoz.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail channel against a real SMTP server (GreenMail) on a free port. */
class EmailChannelTest {

    private static final String SUBJECT = "Звернення LV-2026-000001: зареєстровано / Appeal LV-2026-000001: registered";
    private static final String BODY = "Ваше звернення зареєстровано за номером LV-2026-000001.\nКод доступу: ЖҐЄ-12\n"
            + "\n----------\n\nYour appeal has been registered.\n";

    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("nsoz", "s3cret"))
            .withPerMethodLifecycle(true);

    private EmailChannel channel(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", smtp.getSmtp().getPort());
        config.put("from", "nsoz@lviv.example");
        config.put("connectTimeoutMillis", 5000);
        config.put("timeoutMillis", 5000);
        config.putAll(extra);
        return new EmailChannel(Configs.of(EmailConfig.class, config));
    }

    @Test
    void sendsPlainUtf8MailWithUkrainianSubjectAndBody() throws Exception {
        channel(Map.of()).send("applicant@example.org", SUBJECT, BODY);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals("applicant@example.org",
                ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals("nsoz@lviv.example", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals(SUBJECT, m.getSubject());
        assertTrue(m.getContentType().toLowerCase().startsWith("text/plain"), m.getContentType());
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), m.getContentType());
        assertEquals(BODY, ((String) m.getContent()).replace("\r\n", "\n"));
        assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
    }

    @Test
    void authenticatesWhenAUserIsConfigured() throws Exception {
        channel(Map.of("username", "nsoz", "password", "s3cret")).send("applicant@example.org", SUBJECT, BODY);

        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void wrongPasswordIsAFailure() {
        EmailChannel c = channel(Map.of("username", "nsoz", "password", "wrong"));

        assertThrows(MessagingException.class, () -> c.send("applicant@example.org", SUBJECT, BODY));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void anInvalidRecipientIsRefusedWithoutNamingIt() {
        EmailChannel c = channel(Map.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.send("not an address", SUBJECT, BODY));
        assertTrue(!e.getMessage().contains("not an address"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EmailChannel c = channel(Map.of("port", closedPort));

        assertThrows(MessagingException.class, () -> c.send("applicant@example.org", SUBJECT, BODY));
    }

    @Test
    void anInvalidSenderFailsActivation() {
        assertThrows(IllegalArgumentException.class, () -> channel(Map.of("from", "no at sign")));
    }

    @Test
    void enabledFalseIsOffWithoutAServerAndSendsNothing() {
        // what the launcher writes without NSOZ_SMTP_PORT: only the switch, no host, port or sender to check
        EmailChannel off = new EmailChannel(Configs.of(EmailConfig.class, Map.of("enabled", false)));

        assertTrue(!off.enabled());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> off.send("applicant@example.org", SUBJECT, BODY));
        assertTrue(e.getMessage().contains("enabled = false"), e.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length);
        assertTrue(channel(Map.of()).enabled(), "on by default");
    }
}
