package ua.gov.nsoz.replication.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import ua.gov.nsoz.sync.ExchangeGateway;

/**
 * {@code nsoz-outbox:<node>}: the node's outbox as a Camel consumer. Each exchange is one batch of up to
 * {@code batchSize} documents for one peer, in commit order: body {@code List<ExchangeGateway.Outgoing>}, header
 * {@value #PEER}. The entries stay in the outbox until the route marks them shipped; an exchange that fails leaves
 * them there and ends the round (the next round sends them again).
 *
 * <p><b>Why a component.</b> The outbox is a table read through {@link ExchangeGateway}, with a wake-up on a local
 * commit ({@link OutboxSignal}): no Camel component polls it, and a timer route around a loop would hide the batches
 * from the route's statistics. The consumer waits for the signal (at most {@code intervalMillis}), lets
 * {@code lingerMillis} pass so that what commits meanwhile goes in the same batch, then, for every peer, hands the
 * route batch after batch until the peer's outbox is empty. The first round for a peer goes through the route even
 * with nothing waiting (an empty batch), so that the producer makes the peer's queue at once (at the center, a
 * region's federation retries until its queue exists). Options: {@code batchSize} (500), {@code lingerMillis} (20),
 * {@code intervalMillis} (200), {@code delayMillis} (1000, before the first round).
 */
final class OutboxComponent extends DefaultComponent {

    /** The URI scheme. */
    static final String SCHEME = "nsoz-outbox";
    /** Header: the peer the batch is for. */
    static final String PEER = "NsozPeer";

    private final ExchangeGateway gateway;
    private final Supplier<List<String>> peers;
    private final OutboxSignal signal;

    /**
     * @param gateway reads the outbox
     * @param peers the peers to look at in a round, in order
     * @param signal wakes the consumer when a local change commits
     */
    OutboxComponent(ExchangeGateway gateway, Supplier<List<String>> peers, OutboxSignal signal) {
        this.gateway = gateway;
        this.peers = peers;
        this.signal = signal;
    }

    ExchangeGateway gateway() {
        return gateway;
    }

    Supplier<List<String>> peers() {
        return peers;
    }

    OutboxSignal signal() {
        return signal;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Endpoint endpoint = new OutboxEndpoint(uri, this);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The outbox with its options (see the component). */
    static final class OutboxEndpoint extends DefaultEndpoint {

        private int batchSize = 500;
        private long lingerMillis = 20;
        private long intervalMillis = 200;
        private long delayMillis = 1000;

        OutboxEndpoint(String uri, OutboxComponent component) {
            super(uri, component);
        }

        @Override
        public OutboxComponent getComponent() {
            return (OutboxComponent) super.getComponent();
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException(SCHEME + ": the outbox is filled by the store, not by a route");
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer consumer = new OutboxConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = Math.max(1, batchSize);
        }

        public long getLingerMillis() {
            return lingerMillis;
        }

        public void setLingerMillis(long lingerMillis) {
            this.lingerMillis = Math.max(0, lingerMillis);
        }

        public long getIntervalMillis() {
            return intervalMillis;
        }

        public void setIntervalMillis(long intervalMillis) {
            this.intervalMillis = Math.max(10, intervalMillis);
        }

        public long getDelayMillis() {
            return delayMillis;
        }

        public void setDelayMillis(long delayMillis) {
            this.delayMillis = Math.max(0, delayMillis);
        }
    }
}
