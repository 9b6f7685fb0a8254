package ua.gov.nsoz.replication.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.replication.internal.OutboxComponent.OutboxEndpoint;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;

/** The consumer of {@link OutboxComponent}: one thread, rounds woken by a local commit or the interval. */
final class OutboxConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxConsumer.class);
    private static final long STOP_MILLIS = 30_000;

    private final OutboxEndpoint endpoint;
    /** Peers whose first round went through the route (their queue exists). */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch stopping;
    private ExecutorService executor;
    private boolean failing;

    OutboxConsumer(OutboxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        CountDownLatch stop = new CountDownLatch(1);
        stopping = stop;
        executor = endpoint.getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this,
                OutboxComponent.SCHEME);
        executor.execute(() -> run(stop));
    }

    @Override
    protected void doStop() throws Exception {
        CountDownLatch stop = stopping;
        if (stop != null) {
            stop.countDown();
        }
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, STOP_MILLIS);
            executor = null;
        }
        super.doStop();
    }

    private void run(CountDownLatch stop) {
        OutboxComponent outbox = endpoint.getComponent();
        try {
            if (stop.await(endpoint.getDelayMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            while (stop.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
                if (outbox.signal().await(endpoint.getIntervalMillis()) && endpoint.getLingerMillis() > 0) {
                    // Under load, a batch per commit costs a journal sync each: let a few gather.
                    if (stop.await(endpoint.getLingerMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
                round(outbox, stop);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every peer, batch after batch, until its outbox is empty; the first failure ends the round. */
    private void round(OutboxComponent outbox, CountDownLatch stop) {
        try {
            for (String peer : outbox.peers().get()) {
                while (stop.getCount() > 0) {
                    List<Outgoing> batch = outbox.gateway().outgoing(peer, endpoint.getBatchSize());
                    if (batch.isEmpty() && announced.contains(peer)) {
                        break;
                    }
                    Exchange exchange = createExchange(false);
                    try {
                        exchange.getIn().setBody(batch);
                        exchange.getIn().setHeader(OutboxComponent.PEER, peer);
                        try {
                            getProcessor().process(exchange);
                        } catch (Exception e) {
                            exchange.setException(e);
                        }
                        if (exchange.getException() != null) {
                            throw exchange.getException();
                        }
                    } finally {
                        releaseExchange(exchange, false);
                    }
                    announced.add(peer);
                    if (batch.size() < endpoint.getBatchSize()) {
                        break;
                    }
                }
            }
            if (failing) {
                LOG.info("Shipping to the node's broker again");
                failing = false;
            }
        } catch (Exception e) {
            // The outbox keeps everything; the next round tries again. The exception's text only, never a document.
            if (!failing) {
                LOG.warn("Cannot ship to the node's broker (retrying every {} ms): {}", endpoint.getIntervalMillis(),
                        e.toString());
                failing = true;
            }
        }
    }
}
