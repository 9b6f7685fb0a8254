package ua.gov.nsoz.sync;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What the node's broker knows of the link: connections, queue depths and dead letters, and the replay
 * of a dead letter. Provided by the transport (the replication bundle) while the link runs; the outbox and
 * inbox figures come from the store ({@code ReplicationStore.stats}).
 */
public interface LinkMonitor {

    /**
     * One queue of the node's broker that the link uses.
     *
     * @param queue its name
     * @param peer the peer it concerns ({@code null} for the center's {@code nsoz.in}, which all regions share)
     * @param role {@code outgoing} (waiting to leave this node), {@code incoming} (arrived, not applied yet) or
     *        {@code dead} (refused)
     * @param messages messages in it now
     * @param consumers consumers attached (at the center, a region's federation is one on {@code nsoz.to.<id>})
     */
    record QueueState(String queue, String peer, String role, long messages, int consumers) {
    }

    /**
     * The link to one peer as the broker sees it.
     *
     * @param peer the peer node
     * @param connected whether the broker is connected to it now ({@code null} if the broker cannot tell)
     * @param waiting messages on this node's broker waiting to reach it
     */
    record PeerState(String peer, Boolean connected, long waiting) {
    }

    /**
     * @param brokerUp whether the node's broker answers
     * @param peers the peers the broker knows of
     * @param queues the link's queues
     * @param deadLetters messages in the dead-letter queue
     */
    record BrokerState(boolean brokerUp, List<PeerState> peers, List<QueueState> queues, long deadLetters) {

        /**
         * @param peer a peer node id
         * @return the broker's view of the link to it, or {@code null} if the broker knows no such peer
         */
        public PeerState peer(String peer) {
            return peers.stream().filter(p -> p.peer().equals(peer)).findFirst().orElse(null);
        }
    }

    /**
     * A message the node refused.
     *
     * @param messageId the exchange message id ({@code null} if it had none)
     * @param origin the node that sent it
     * @param fromQueue where it was taken from (where a replay puts it back)
     * @param reason why it was refused
     * @param deadAt when it was put aside
     */
    record DeadLetter(String messageId, String origin, String fromQueue, String reason, Instant deadAt) {
    }

    /**
     * Whether a peer has never been connected, as far as this node can tell: its broker is not connected to it now
     * (or cannot tell) and nothing from it was ever applied here. A center lists every configured region, so a region
     * that never came up shows so rather than being left out.
     *
     * @param broker the broker's view of the link to the peer ({@code null} if the link is not running or the broker
     *        knows no such peer)
     * @param received messages applied from the peer (the store's {@code LinkStats.received})
     * @return true if it has never been connected
     */
    static boolean neverConnected(PeerState broker, long received) {
        return (broker == null || !Boolean.TRUE.equals(broker.connected())) && received == 0;
    }

    /** @return the broker's view of the link, now */
    BrokerState state();

    /**
     * @param max at most this many, oldest first
     * @return the refused messages
     */
    List<DeadLetter> deadLetters(int max);

    /**
     * Puts a dead letter back on the queue it came from (a copy first, then the original is removed), to be
     * received again once its cause is mended. A replayed document that is still invalid comes back here.
     *
     * @param messageId the exchange message id
     * @return the queue it went back to
     * @throws NoSuchElementException if no dead letter has that id
     */
    String replay(String messageId);
}
