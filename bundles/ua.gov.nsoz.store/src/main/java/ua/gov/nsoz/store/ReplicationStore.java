package ua.gov.nsoz.store;

import java.time.Instant;
import java.util.List;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;

/**
 * The node's side of replication (DESIGN principles 3 and 4): an outbox written in the same
 * transaction as the change it ships, and an inbox of applied message ids written in the same
 * transaction as their effect. Transport may deliver twice, late or out of order; the effect happens once.
 */
public interface ReplicationStore {

    /**
     * The SQL state of the failure {@link #applyReplicas} gives (inside its {@link StoreException}) when an event names
     * another owner for an appeal the store holds: a refusal of that event, never a transient failure of the store.
     */
    String NOT_THE_OWNER = "NSOZ2";

    /**
     * A message waiting to be shipped to one peer, in the order it was committed.
     *
     * @param seq this node's sequence of the message (increasing; the exchange header's sourceSeq)
     * @param destination the peer node id
     * @param messageId the message id (also the broker's duplicate-detection id)
     * @param messageType {@code appealEvent}, {@code changeRequest}, …
     * @param appealId the appeal concerned
     * @param event the event shipped, for an appealEvent; else {@code null}
     * @param payload the message's own data (JSON), for messages that are not events; else {@code null}
     * @param createdAt when it was committed
     */
    record OutboxEntry(long seq, String destination, String messageId, String messageType, String appealId,
            AppealEvent event, String payload, Instant createdAt) {
    }

    /**
     * The message that carried a change from another node, kept in the inbox with the change.
     *
     * @param messageId its id
     * @param sourceNode who sent it
     * @param sourceSeq the sender's sequence
     * @param sentAt when the sender committed it (the exchange header's time), for the link's lag; may be null
     */
    record Inbound(String messageId, String sourceNode, long sourceSeq, Instant sentAt) {

        /**
         * @param messageId its id
         * @param sourceNode who sent it
         * @param sourceSeq the sender's sequence
         */
        public Inbound(String messageId, String sourceNode, long sourceSeq) {
            this(messageId, sourceNode, sourceSeq, null);
        }
    }

    /**
     * An event replicated from the appeal's owner, with the message that carried it.
     *
     * @param inbound the message
     * @param snapshot the appeal as it stands after the event
     * @param event the event
     */
    record Replica(Inbound inbound, Appeal snapshot, AppealEvent event) {
    }

    /** What applying a replicated event did. */
    enum ApplyResult {
        /** Applied: the event is stored, and the record updated if the event is the newest. */
        APPLIED,
        /** This message id was applied before: nothing done. */
        DUPLICATE,
        /** The event was stored, but the record already stood at a higher version (a late message). */
        STALE
    }

    /**
     * The messages not shipped yet to one peer, oldest first.
     *
     * @param destination the peer
     * @param max at most this many
     * @return the entries, in sequence order
     */
    List<OutboxEntry> pending(String destination, int max);

    /**
     * Removes shipped entries from the outbox and counts them for the link's statistics.
     *
     * @param destination the peer they went to
     * @param entries what was handed to the broker
     */
    void markShipped(String destination, List<OutboxEntry> entries);

    /**
     * Queues a message that is not an event of this node (e.g. a change request to an appeal's owner).
     *
     * @param destination the peer
     * @param messageId its id
     * @param messageType its type
     * @param appealId the appeal concerned
     * @param payload its data, JSON
     */
    void enqueue(String destination, String messageId, String messageType, String appealId, String payload);

    /**
     * Answers an inbound message with a message of its own (e.g. a refused change request), at most
     * once: the inbox row and the outbox entry are written in one transaction.
     *
     * @param inbound the message answered
     * @param destination who gets the answer
     * @param messageId the answer's id
     * @param messageType the answer's type
     * @param appealId the appeal concerned
     * @param payload the answer's data, JSON
     * @return false if the inbound message was answered before
     */
    boolean reply(Inbound inbound, String destination, String messageId, String messageType, String appealId,
            String payload);

    /**
     * Applies an event replicated from the appeal's owner, at most once, in one transaction with the
     * inbox row: stores the event and, if its version is higher than the stored record's, the record.
     *
     * @param messageId the message id
     * @param sourceNode who sent it
     * @param sourceSeq the sender's sequence
     * @param snapshot the appeal as it stands after the event
     * @param event the event
     * @return what happened
     */
    ApplyResult applyReplica(String messageId, String sourceNode, long sourceSeq, Appeal snapshot, AppealEvent event);

    /**
     * Applies several replicated events in one transaction, each at most once, in the order given (a batch
     * taken from the broker in one JMS transaction: one commit instead of one per message). All or nothing:
     * if the store fails, nothing of the batch is applied.
     *
     * @param batch the events with their messages
     * @return what happened to each, in the same order
     */
    List<ApplyResult> applyReplicas(List<Replica> batch);

    /**
     * Records a message that has no effect on the store (e.g. an ack) as applied, at most once.
     *
     * @param messageId the message id
     * @param sourceNode who sent it
     * @param sourceSeq the sender's sequence
     * @return false if it was recorded before
     */
    boolean recordReceived(String messageId, String sourceNode, long sourceSeq);

    /**
     * Records a message that has no effect on the store, at most once, with the time it was sent.
     *
     * @param inbound the message
     * @return false if it was recorded before
     */
    boolean recordReceived(Inbound inbound);

    /**
     * The figures of one link as this node sees them.
     *
     * @param peer the peer node
     * @param backlog messages waiting in the outbox for it
     * @param shipped messages handed to the broker for it since the store was created
     * @param lastSentSeq the highest sequence handed to the broker
     * @param lastShippedAt when the last one was handed over
     * @param oldestPendingAt when the oldest waiting message was committed ({@code null} if none)
     * @param received messages applied from it
     * @param lastReceivedSeq the highest sequence applied from it
     * @param lastReceivedAt when that one was applied here ({@code null} if none)
     * @param lastReceivedLagMillis from its commit at the sender to its commit here ({@code null} if unknown;
     *        the two nodes' clocks are compared, so it is as exact as they are synchronized)
     */
    record LinkStats(String peer, long backlog, long shipped, long lastSentSeq, Instant lastShippedAt,
            Instant oldestPendingAt, long received, long lastReceivedSeq, Instant lastReceivedAt,
            Long lastReceivedLagMillis) {
    }

    /**
     * @param peer a peer node id
     * @return the link's figures
     */
    LinkStats stats(String peer);

    /** @return every node this node has sent to, queued for or received from, sorted */
    List<String> peers();
}
