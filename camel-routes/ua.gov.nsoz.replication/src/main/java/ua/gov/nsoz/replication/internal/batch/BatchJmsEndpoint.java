package ua.gov.nsoz.replication.internal.batch;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One queue of {@link BatchJmsComponent} with its batch options (see there). */
public final class BatchJmsEndpoint extends DefaultEndpoint {

    private final String queue;
    private int batchSize = 500;
    private long waitMillis = 500;
    private int concurrentConsumers = 1;
    private long recoveryIntervalMillis = 5000;
    private long maxBatchChars = 32L * 1024 * 1024;

    BatchJmsEndpoint(String uri, BatchJmsComponent component, String queue) {
        super(uri, component);
        this.queue = queue;
    }

    @Override
    public BatchJmsComponent getComponent() {
        return (BatchJmsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new BatchJmsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        BatchJmsConsumer consumer = new BatchJmsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** @return the queue's name */
    public String getQueue() {
        return queue;
    }

    /** @return messages per transaction, at most */
    public int getBatchSize() {
        return batchSize;
    }

    /** @param batchSize messages per transaction, at most (at least 1) */
    public void setBatchSize(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    /** @return how long a round waits for its first message, in milliseconds */
    public long getWaitMillis() {
        return waitMillis;
    }

    /** @param waitMillis how long a round waits for its first message (at least 1 ms) */
    public void setWaitMillis(long waitMillis) {
        this.waitMillis = Math.max(1, waitMillis);
    }

    /** @return consumer threads, each with its own session and transaction */
    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    /** @param concurrentConsumers consumer threads (at least 1) */
    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = Math.max(1, concurrentConsumers);
    }

    /** @return how long a consumer waits before it connects again after the broker failed, in milliseconds */
    public long getRecoveryIntervalMillis() {
        return recoveryIntervalMillis;
    }

    /** @param recoveryIntervalMillis the wait before the next try to connect (at least 100 ms) */
    public void setRecoveryIntervalMillis(long recoveryIntervalMillis) {
        this.recoveryIntervalMillis = Math.max(100, recoveryIntervalMillis);
    }

    /** @return the text a batch holds at most, in characters, unless its first message alone has more (issue 15) */
    public long getMaxBatchChars() {
        return maxBatchChars;
    }

    /**
     * @param maxBatchChars the text a batch holds at most (documents' content makes messages of megabytes: a batch of
     *        them stops here rather than at {@code batchSize}); at least 1
     */
    public void setMaxBatchChars(long maxBatchChars) {
        this.maxBatchChars = Math.max(1, maxBatchChars);
    }
}
