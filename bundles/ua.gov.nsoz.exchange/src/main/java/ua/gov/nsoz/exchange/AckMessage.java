package ua.gov.nsoz.exchange;

import java.util.Objects;

/**
 * A receiver tells a sender how far it has applied the sender's messages: every
 * {@link Header#sourceSeq() sourceSeq} up to and including {@code upToSeq}. Informational (the broker
 * already guarantees delivery); it drives a link's backlog and lag figures.
 *
 * @param header the message header (its source is the receiver that acknowledges)
 * @param ackedNode the node whose messages are acknowledged
 * @param upToSeq the highest sequence number applied without a gap, 0 if none
 */
public record AckMessage(Header header, String ackedNode, long upToSeq) implements ExchangeMessage {

    /** Required parts must be present. */
    public AckMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(ackedNode, "ackedNode");
    }
}
