package ua.gov.nsoz.api.spi;

/**
 * A way to tell an applicant about their appeal (e-mail, SMS, …). Implementations are OSGi
 * services with the property {@code nsoz.channel} naming the channel.
 */
public interface NotificationChannel {

    /** @return the channel's name, e.g. {@code email} */
    String name();

    /**
     * @param recipient the address in this channel's terms (e-mail address, phone number)
     * @param subject a short subject
     * @param body the message
     * @throws Exception if the message could not be handed over; the caller retries
     */
    void send(String recipient, String subject, String body) throws Exception;
}
