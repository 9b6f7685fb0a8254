package ua.gov.nsoz.replication.internal.batch;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transacted batch consumer of {@link BatchJmsComponent}: per consumer thread, one connection and one transacted
 * session kept open; per round, one batch, one exchange, one commit or one rollback (see the component).
 */
public final class BatchJmsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJmsConsumer.class);
    /** The longest a stop waits for the batch in hand to finish. */
    private static final long STOP_MILLIS = 30_000;

    private final BatchJmsEndpoint endpoint;
    private volatile CountDownLatch stopping;
    private ExecutorService executor;

    BatchJmsConsumer(BatchJmsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public BatchJmsEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopping = new CountDownLatch(1);
        int threads = endpoint.getConcurrentConsumers();
        executor = endpoint.getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                BatchJmsComponent.SCHEME + ":" + endpoint.getQueue(), threads);
        for (int i = 0; i < threads; i++) {
            executor.execute(new Worker(stopping));
        }
    }

    @Override
    protected void doStop() throws Exception {
        CountDownLatch latch = stopping;
        if (latch != null) {
            latch.countDown();
        }
        if (executor != null) {
            // Each worker ends after the round in hand: a batch being applied is committed or rolled back first.
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, STOP_MILLIS);
            executor = null;
        }
        super.doStop();
    }

    /** One consumer thread: its own connection, session and consumer, kept open between rounds. */
    private final class Worker implements Runnable {

        private final CountDownLatch stop;
        private Connection connection;
        private Session session;
        private MessageConsumer consumer;
        private boolean failing;

        Worker(CountDownLatch stop) {
            this.stop = stop;
        }

        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            // The Artemis client looks some classes up through the context class loader.
            thread.setContextClassLoader(BatchJmsConsumer.class.getClassLoader());
            try {
                while (stop.getCount() > 0 && !thread.isInterrupted()) {
                    try {
                        open();
                        round();
                        if (failing) {
                            LOG.info("Receiving from {} again", endpoint.getQueue());
                            failing = false;
                        }
                    } catch (JMSException e) {
                        if (!failing) {
                            LOG.warn("Cannot receive from {} on the node's broker (retrying every {} ms): {}",
                                    endpoint.getQueue(), endpoint.getRecoveryIntervalMillis(), e.toString());
                            failing = true;
                        }
                        close();
                        if (stop.await(endpoint.getRecoveryIntervalMillis(), TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    }
                }
            } catch (InterruptedException e) {
                thread.interrupt();
            } finally {
                close();
            }
        }

        /** One batch: receive, one exchange through the route, commit or roll back. */
        private void round() throws JMSException {
            Message first = consumer.receive(endpoint.getWaitMillis());
            if (first == null) {
                return;
            }
            List<Message> batch = new ArrayList<>();
            batch.add(first);
            long chars = chars(first);
            // Up to batchSize messages, and no more text than maxBatchChars (a document's content is megabytes).
            while (batch.size() < endpoint.getBatchSize() && chars < endpoint.getMaxBatchChars()) {
                Message next = consumer.receiveNoWait();
                if (next == null) {
                    break;
                }
                batch.add(next);
                chars += chars(next);
            }
            Exchange exchange = createExchange(false);
            try {
                exchange.getIn().setBody(batch);
                exchange.getIn().setHeader(BatchJmsComponent.QUEUE, endpoint.getQueue());
                exchange.setProperty(BatchJmsComponent.SESSION, session);
                try {
                    getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                Exception failure = exchange.getException();
                if (failure == null) {
                    session.commit();
                    LOG.debug("{} messages from {} committed", batch.size(), endpoint.getQueue());
                    return;
                }
                session.rollback();
                // The exception's text only: never the body, which holds applicants' data.
                LOG.warn("{} messages from {} not taken (rolled back, the broker delivers them again): {}",
                        batch.size(), endpoint.getQueue(), failure.toString());
                JMSException broker = jmsCause(failure);
                if (broker != null) {
                    throw broker; // the session may be gone: connect again
                }
            } finally {
                exchange.removeProperty(BatchJmsComponent.SESSION);
                releaseExchange(exchange, false);
            }
        }

        /** @return the length of a text message's text (0 for any other) */
        private static long chars(Message m) throws JMSException {
            if (m instanceof jakarta.jms.TextMessage t) {
                String text = t.getText();
                return text == null ? 0 : text.length();
            }
            return 0;
        }

        private void open() throws JMSException {
            if (session != null) {
                return;
            }
            try {
                connection = endpoint.getComponent().factory().createConnection();
                session = connection.createSession(true, Session.SESSION_TRANSACTED);
                consumer = session.createConsumer(session.createQueue(endpoint.getQueue()));
                connection.start();
            } catch (JMSException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Drops the connection; what was taken and not committed goes back to the queue. */
        private void close() {
            Connection c = connection;
            connection = null;
            session = null;
            consumer = null;
            if (c != null) {
                try {
                    c.close();
                } catch (JMSException | RuntimeException e) {
                    LOG.debug("Closing the connection to the broker", e);
                }
            }
        }
    }

    static JMSException jmsCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JMSException j) {
                return j;
            }
        }
        return null;
    }
}
