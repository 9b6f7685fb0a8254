package ua.gov.nsoz.replication.internal.batch;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code nsoz-batch:queue:<name>}: a queue of the node's own Artemis broker, taken and sent in batches, each batch in
 * ONE local JMS transaction.
 *
 * <p><b>Why a component of its own.</b> The link needs one broker transaction (one journal sync) per batch of up to
 * 500 documents, and those documents applied in one store transaction before the broker's commit: the catch-up rate
 * depends on it. Camel 2 had this as {@code sjms-batch}, which Camel 3 removed; camel-jms and camel-sjms commit (or
 * acknowledge) per message, and the Aggregate EIP over them acknowledges each message before the aggregate is
 * applied, which loses the redelivery of a batch whose store transaction failed. So this component does only that:
 *
 * <ul>
 *   <li><b>Consumer</b> ({@link BatchJmsConsumer}): owns a transacted JMS session per consumer thread and keeps it
 *   open (a region's federation pulls its queue from the center while a consumer is open there); waits up to
 *   {@code waitMillis} for the first message, takes what else is there up to {@code batchSize}, and hands the route
 *   ONE exchange whose body is the {@code List<jakarta.jms.Message>}, with the session in the exchange property
 *   {@value #SESSION} and the queue in the header {@value #QUEUE}. It runs the route synchronously, then commits the
 *   JMS transaction if the exchange completed without an exception and rolls it back otherwise (the broker
 *   redelivers after its {@code redelivery-delay}, and after {@code max-delivery-attempts} moves the messages to its
 *   dead-letter address). Options: {@code batchSize} (500), {@code waitMillis} (500), {@code concurrentConsumers}
 *   (1), {@code recoveryIntervalMillis} (5000: after the broker failed, the next try to connect).</li>
 *   <li><b>Producer</b> ({@link BatchJmsProducer}): sends a body of {@code List<BatchMessage>}. Inside an exchange
 *   of a {@code nsoz-batch:} consumer it sends on that consumer's session: in the same JMS transaction as the batch
 *   (so a dead letter and the removal of its original commit together). Otherwise it sends the whole list in one
 *   transaction of its own and commits it; if Artemis refuses the commit because the transaction holds a message
 *   it has seen before (duplicate detection, {@code _AMQ_DUPL_ID}: a batch resent after a crash between the
 *   broker's commit and the sender's bookkeeping), it sends the list again one message at a time outside a
 *   transaction, where the broker drops each duplicate silently and keeps the rest. An empty list makes the queue
 *   (auto-create) and sends nothing.</li>
 * </ul>
 */
public final class BatchJmsComponent extends DefaultComponent {

    /** The URI scheme. */
    public static final String SCHEME = "nsoz-batch";
    /** Exchange property: the consumer's transacted {@link Session}, which a producer in the same route joins. */
    public static final String SESSION = "NsozBatchSession";
    /** Header: the queue the batch was taken from. */
    public static final String QUEUE = "NsozBatchQueue";

    private final ConnectionFactory factory;
    private final ProducerSessions producerSessions;

    /** @param factory the node's broker (a plain factory: the consumers keep their own connections) */
    public BatchJmsComponent(ConnectionFactory factory) {
        this.factory = factory;
        this.producerSessions = new ProducerSessions(factory);
    }

    ConnectionFactory factory() {
        return factory;
    }

    ProducerSessions producerSessions() {
        return producerSessions;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!remaining.startsWith("queue:") || remaining.length() == "queue:".length()) {
            throw new IllegalArgumentException(SCHEME + ": expected " + SCHEME + ":queue:<name>, got " + uri);
        }
        BatchJmsEndpoint endpoint = new BatchJmsEndpoint(uri, this, remaining.substring("queue:".length()));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStop() throws Exception {
        producerSessions.close();
        super.doStop();
    }
}
