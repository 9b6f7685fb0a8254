package ua.gov.nsoz.sync;

import java.util.List;

/** The node's side of the exchange with its peers; the transport calls it. */
public interface ExchangeGateway {

    /**
     * One document ready to ship.
     *
     * @param messageId the message id: the broker's duplicate-detection id ({@code _AMQ_DUPL_ID})
     * @param seq the source sequence in its header
     * @param xml the document, valid against the exchange schema
     */
    record Outgoing(String messageId, long seq, String xml) {
    }

    /** What receiving a document did. */
    enum Outcome {
        /** It took effect. */
        APPLIED,
        /** It had been applied before: nothing done. */
        DUPLICATE,
        /** It was recorded, but the appeal already stood at a newer version. */
        STALE
    }

    /**
     * @param peer the destination node
     * @param max at most this many
     * @return the next documents for the peer, in commit order
     */
    List<Outgoing> outgoing(String peer, int max);

    /**
     * Called once the broker has taken the documents: they leave the outbox.
     *
     * @param peer the destination node
     * @param shipped what was sent
     */
    void shipped(String peer, List<Outgoing> shipped);

    /**
     * A document as the transport took it from the broker, with the node the transport authenticated as its
     * sender: at the center, the region whose own broker user ({@code nsoz-link-<id>}) sent it; at a region, the
     * center (only the center's own routes may send to a region's queue). What the document says about its source
     * is checked against this, never trusted by itself.
     *
     * @param xml the document
     * @param sender the authenticated sender's node id, or {@code null} if the transport could not tell (the
     *        document is then refused)
     */
    record Incoming(String xml, String sender) {
    }

    /**
     * Validates and applies one received document, in one transaction with the inbox.
     *
     * @param xml the document
     * @param sender the node the transport authenticated as its sender ({@link Incoming})
     * @return what happened
     * @throws RejectedMessageException if it is invalid, not from the node it names, or cannot be applied: it
     *         goes to the dead-letter address with the reason, and nothing of it was applied
     */
    Outcome receive(String xml, String sender) throws RejectedMessageException;

    /**
     * What receiving one document of a batch did.
     *
     * @param outcome what happened, if it was taken
     * @param rejected why it was refused (it goes to the dead-letter address), else {@code null}
     */
    record Received(Outcome outcome, RejectedMessageException rejected) {
    }

    /**
     * Validates and applies several documents taken from the broker in one JMS transaction: the appeal
     * events among them in one store transaction, in the order given, each at most once. A document that
     * is invalid, does not come from the node it names as its source ({@link Incoming#sender()}), or cannot be
     * applied is refused alone; the others still take effect.
     *
     * @param documents the documents, in the order the broker delivered them, each with its authenticated sender
     * @return one result per document, in the same order
     * @throws RuntimeException if the store fails for all of them: nothing was applied, the caller rolls
     *         the JMS transaction back and the broker delivers the batch again
     */
    List<Received> receiveAll(List<Incoming> documents);
}
