package ua.gov.nsoz.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.spi.NotificationChannel;

/**
 * Sends SMS through an HTTP gateway: {@code POST url} with {@code {"to": "+380...", "text": "..."}} (the subject and
 * the body joined). Exists only while PID {@value #PID} is configured.
 */
@Component(service = NotificationChannel.class, configurationPid = SmsHttpChannel.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = NotifierComponent.CHANNEL_PROPERTY + "=" + NotifierComponent.SMS)
@Designate(ocd = SmsConfig.class)
public class SmsHttpChannel implements NotificationChannel {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.notify.sms";

    private static final Logger LOG = LoggerFactory.getLogger(SmsHttpChannel.class);

    private final boolean enabled;
    private final URI url;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    /** @param config the gateway */
    @Activate
    public SmsHttpChannel(SmsConfig config) {
        this.enabled = config.enabled();
        if (!enabled) {
            this.url = null;
            this.token = "";
            this.timeout = null;
            this.client = null;
            LOG.info("SMS channel off ({}: enabled = false): no SMS is sent", PID);
            return;
        }
        String u = config.url() == null ? "" : config.url().trim();
        if (u.isEmpty()) {
            throw new IllegalArgumentException(PID + ": url is required");
        }
        this.url = URI.create(u);
        if (url.getHost() == null || !("http".equalsIgnoreCase(url.getScheme())
                || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException(PID + ": url must be an http(s) URL with a host");
        }
        this.token = config.token() == null ? "" : config.token().trim();
        this.timeout = Duration.ofMillis(Math.max(1, config.timeoutMillis()));
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // The URL's host only: a gateway's URL may carry a key in its query
        LOG.info("SMS channel ready: gateway {}://{}{}, token {}", url.getScheme(), url.getHost(),
                url.getPort() < 0 ? "" : ":" + url.getPort(), token.isEmpty() ? "none" : "set");
    }

    @Override
    public String name() {
        return NotifierComponent.SMS;
    }

    /** @return false if the configuration turns the channel off */
    boolean enabled() {
        return enabled;
    }

    /**
     * @throws IllegalArgumentException if there is no number (retrying will not help)
     * @throws IOException if the gateway could not be reached or answered other than 2xx (the status is named, never
     *         the number or the text)
     * @throws InterruptedException if interrupted while waiting for the answer
     * @throws IllegalStateException if the channel is off
     */
    @Override
    public void send(String recipient, String subject, String body) throws IOException, InterruptedException {
        if (!enabled) {
            throw new IllegalStateException("the SMS channel is off (" + PID + ": enabled = false)");
        }
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("no phone number");
        }
        String text = subject == null || subject.isBlank() ? body : subject + "\n" + body;
        String json = "{\"to\":" + jsonString(recipient.trim()) + ",\"text\":" + jsonString(text) + "}";
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=UTF-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new IOException("SMS gateway answered HTTP " + status);
        }
    }

    /**
     * @param s a string
     * @return it as a JSON string literal
     */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
