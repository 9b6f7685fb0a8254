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
     * Validates and applies one received document, in one transaction with the inbox.
     *
     * @param xml the document
     * @return what happened
     * @throws RejectedMessageException if it is invalid or cannot be applied: it goes to the
     *         dead-letter address with the reason, and nothing of it was applied
     */
    Outcome receive(String xml) throws RejectedMessageException;
}
