package ua.gov.nsoz.exchange;

import java.util.Objects;

/**
 * The owner's answer to a {@link ChangeRequestMessage} it cannot carry out.
 *
 * @param header the message header
 * @param requestId the refused request
 * @param appealId the appeal it was about
 * @param reason why, for a person to read (1 to 1000 characters)
 */
public record ChangeRefusedMessage(Header header, String requestId, String appealId, String reason)
        implements ExchangeMessage {

    /** Required parts must be present. */
    public ChangeRefusedMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(appealId, "appealId");
        Objects.requireNonNull(reason, "reason");
    }
}
