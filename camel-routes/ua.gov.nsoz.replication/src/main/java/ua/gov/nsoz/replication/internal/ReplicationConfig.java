package ua.gov.nsoz.replication.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the link between nodes, PID {@code ua.gov.nsoz.replication}. The defaults of a node come
 * from the {@code nsoz-replication} feature, which reads the node's system properties ({@code nsoz.broker.port},
 * {@code nsoz.node.password}); the broker's own side is {@code etc/artemis*.xml}. Who the node is (its id, whether
 * it is the center, its center's id) is not configured here: the link takes it from the node's one identity
 * ({@code NodeIdentity}, PID {@code ua.gov.nsoz.node}).
 */
@ObjectClassDefinition(name = "NSOZ replication", description = "The node's Camel routes over its local Artemis broker")
public @interface ReplicationConfig {

    /** @return the URL of the node's own broker (Artemis core protocol) */
    @AttributeDefinition(description = "URL of this node's own Artemis broker, e.g. tcp://127.0.0.1:61618")
    String brokerUrl() default "tcp://127.0.0.1:61616";

    /** @return the broker user the node's own routes connect as */
    @AttributeDefinition(description = "Broker user of this node's own routes (role nsoz-node in the JAAS realm karaf)")
    String user() default "nsoz-node";

    /** @return that user's password */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of that user")
    String password() default "";

    /**
     * @return the center: the node ids of its regions, so that the link's figures list a region before it ever
     *         connects and its queue exists from the start; empty: the system property {@code nsoz.regions}
     *         (comma-separated; the demo's launcher writes it), else the regions are known as they first send
     */
    @AttributeDefinition(required = false, description = "The center: node ids of its regions, comma-separated "
            + "(default: system property nsoz.regions); listed by nsoz:sync-status and GET /api/v1/sync before they "
            + "first connect")
    String[] regions() default {};

    /** @return the queue a region sends to (bridged to the center's inbound address) */
    @AttributeDefinition(description = "Local queue a region sends to; the broker bridges it to the center")
    String outQueue() default "nsoz.out";

    /** @return the center's inbound queue */
    @AttributeDefinition(description = "The center's inbound queue (every region's messages)")
    String inQueue() default "nsoz.in";

    /** @return the prefix of a region's queue at the center; the region's node id follows */
    @AttributeDefinition(description = "Prefix of the per-region queue at the center (region pulls it by federation)")
    String toQueuePrefix() default "nsoz.to.";

    /** @return consumers (each its own JMS session and transaction) of the inbound route */
    @AttributeDefinition(description = "Concurrent batch consumers of the inbound route, each with its own JMS "
            + "session and transaction")
    int concurrentConsumers() default 1;

    /** @return how long the outbound route lets changes gather after a wake-up, in milliseconds */
    @AttributeDefinition(description = "After a local commit wakes the outbound route, wait this long (ms) so that "
            + "changes committed meanwhile leave in the same batch")
    long lingerMillis() default 20;

    /** @return documents per transaction, sending and receiving */
    @AttributeDefinition(description = "Documents per JMS and store transaction, sending and receiving")
    int batchSize() default 500;

    /** @return how often a consumer retries to reach the broker, in milliseconds */
    @AttributeDefinition(description = "Milliseconds between attempts of a consumer to (re)connect to the broker")
    long recoveryIntervalMillis() default 5000;

    /** @return how often the outbox is looked at, in milliseconds */
    @AttributeDefinition(description = "How often the outbox is looked at when no local change wakes the route (ms)")
    long shipIntervalMillis() default 200;

    /** @return how often the deadline watch runs, in milliseconds; 0 or less turns it off */
    @AttributeDefinition(description = "How often the deadline watch (R7) reminds of terms ending soon and escalates "
            + "overdue appeals (ms); 0 turns it off")
    long deadlineWatchPeriodMillis() default 600_000;

    /** @return how long after the route starts the deadline watch first runs, in milliseconds */
    @AttributeDefinition(description = "Milliseconds after the start before the deadline watch first runs")
    long deadlineWatchDelayMillis() default 30_000;

    /** @return how many days before an appeal's last day its reminder is raised */
    @AttributeDefinition(description = "Days before an appeal's last day that the deadline watch reminds of it")
    int deadlineRemindDays() default 3;

    /** @return appeals per query of the deadline watch */
    @AttributeDefinition(description = "Appeals the deadline watch reads per query (it widens the query for a backlog)")
    int deadlineWatchBatch() default 200;
}
