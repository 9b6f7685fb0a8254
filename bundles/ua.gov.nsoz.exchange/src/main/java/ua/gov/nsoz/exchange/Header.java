package ua.gov.nsoz.exchange;

import java.time.Instant;
import java.util.Objects;

/**
 * The header of every exchange message.
 *
 * @param messageId globally unique id of this message (lowercase UUID); also the broker's
 *        duplicate-detection id ({@code _AMQ_DUPL_ID}) and the key of the receiver's inbox
 * @param sourceNode id of the node that sent it
 * @param sourceSeq the sender's sequence number for this message, 1 for the first message it sends to
 *        one destination and +1 for each further one
 * @param createdAt when the sender created it (carried to the millisecond)
 */
public record Header(String messageId, String sourceNode, long sourceSeq, Instant createdAt) {

    /** Required parts must be present. */
    public Header {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sourceNode, "sourceNode");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
