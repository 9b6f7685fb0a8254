package ua.gov.nsoz.replication.internal.batch;

import java.util.Map;

/**
 * One message a {@code nsoz-batch:} producer sends: a text message with string properties. The body of an exchange
 * sent to a {@code nsoz-batch:} producer is a list of these.
 *
 * @param text the message's text (may be {@code null})
 * @param properties its string properties, in the order to set them
 */
public record BatchMessage(String text, Map<String, String> properties) {

    /** @param text the text; @param properties the properties (copied) */
    public BatchMessage {
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(properties));
    }
}
