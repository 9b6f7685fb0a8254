package ua.gov.nsoz.rest.internal;

import ua.gov.nsoz.api.access.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import javax.ws.rs.BadRequestException;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;
import ua.gov.nsoz.sync.LinkMonitor;
import ua.gov.nsoz.sync.LinkMonitor.BrokerState;
import ua.gov.nsoz.sync.LinkMonitor.DeadLetter;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;
import ua.gov.nsoz.sync.LinkMonitor.QueueState;

/**
 * {@code /api/v1/sync}: the figures of this node's links, the same as {@code nsoz:sync-status}, and its dead
 * letters, the same as {@code nsoz:dead-letters}.
 */
@Component(service = RestResource.class)
@Path("/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource implements RestResource {

    /**
     * One link: the store's figures, and the broker's when the link runs. {@code neverConnected}: not connected now
     * and nothing ever received from the peer (at the center, every configured region is listed, so one that never
     * came up shows so). Times are instants in UTC, ISO-8601 ({@code 2026-03-01T08:15:00Z}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkJson(String peer, Boolean connected, boolean neverConnected, long backlog, Instant oldestPendingAt,
            Long lagSeconds, long shipped, long lastSentSeq, Instant lastShippedAt, Long waitingOnBroker, long received,
            long lastReceivedSeq, Instant lastReceivedAt, Long lastReceivedLagMillis) {
    }

    /** One queue of the broker. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QueueJson(String queue, String peer, String role, long messages, int consumers) {
        static QueueJson of(QueueState q) {
            return new QueueJson(q.queue(), q.peer(), q.role(), q.messages(), q.consumers());
        }
    }

    /** The broker's part. */
    record BrokerJson(boolean up, long deadLetters, List<QueueJson> queues) {
    }

    /** One dead letter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeadLetterJson(String messageId, String origin, String fromQueue, String reason, Instant deadAt) {
        static DeadLetterJson of(DeadLetter d) {
            return new DeadLetterJson(d.messageId(), d.origin(), d.fromQueue(), d.reason(), d.deadAt());
        }
    }

    /** All links. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SyncJson(String node, boolean linkRunning, BrokerJson broker, List<LinkJson> links) {
    }

    /** The dead letters. */
    record DeadLettersJson(long total, List<DeadLetterJson> items) {
    }

    /** A replayed dead letter. */
    record ReplayJson(String messageId, String queue) {
    }

    private final ReplicationStore replication;
    private final NodeIdentity node;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LinkMonitor monitor;

    /**
     * @param replication the outbox and inbox
     * @param node this node
     */
    @Activate
    public SyncResource(@Reference ReplicationStore replication, @Reference NodeIdentity node) {
        this.replication = replication;
        this.node = node;
    }

    /** @param monitor the broker's side of the link, or {@code null} (tests; DS sets the field) */
    void setMonitor(LinkMonitor monitor) {
        this.monitor = monitor;
    }

    /**
     * @return one entry per peer (at the center, every configured region, seen or not), with the broker's figures
     *         when the link runs
     */
    @GET
    @Allowed(Operation.SYNC_READ)
    public SyncJson status() {
        LinkMonitor link = monitor;
        BrokerState broker = link == null ? null : link.state();
        TreeSet<String> peers = new TreeSet<>(replication.peers());
        if (node.centerNodeId() != null) {
            peers.add(node.centerNodeId());
        }
        if (broker != null) {
            broker.peers().forEach(p -> peers.add(p.peer()));
        }
        Instant now = Instant.now();
        List<LinkJson> links = peers.stream().map(peer -> {
            LinkStats s = replication.stats(peer);
            PeerState p = broker == null ? null : broker.peer(peer);
            return new LinkJson(s.peer(), p == null ? null : p.connected(),
                    LinkMonitor.neverConnected(p, s.received()), s.backlog(), s.oldestPendingAt(),
                    s.oldestPendingAt() == null ? null : Duration.between(s.oldestPendingAt(), now).getSeconds(),
                    s.shipped(), s.lastSentSeq(), s.lastShippedAt(), p == null ? null : p.waiting(), s.received(),
                    s.lastReceivedSeq(), s.lastReceivedAt(), s.lastReceivedLagMillis());
        }).toList();
        return new SyncJson(node.nodeId(), link != null,
                broker == null ? null : new BrokerJson(broker.brokerUp(), broker.deadLetters(),
                        broker.queues().stream().map(QueueJson::of).toList()), links);
    }

    /**
     * @param limit at most this many (1–1000)
     * @return the messages this node refused, oldest first, with the reasons
     */
    @GET
    @Path("/dead-letters")
    @Allowed(Operation.SYNC_MANAGE)
    public DeadLettersJson deadLetters(@QueryParam("limit") String limitParam) {
        List<ua.gov.nsoz.api.FieldError> errors = new java.util.ArrayList<>();
        int limit = Params.parseLimit(errors, "limit", limitParam, 100, 1000);
        if (!errors.isEmpty()) {
            throw new ua.gov.nsoz.api.ValidationException(errors);
        }
        LinkMonitor link = running();
        return new DeadLettersJson(link.state().deadLetters(),
                link.deadLetters(limit).stream().map(DeadLetterJson::of).toList());
    }

    /**
     * @param messageId the dead letter's message id
     * @return where it went back to
     */
    @POST
    @Path("/dead-letters/{messageId}/replay")
    @Allowed(Operation.SYNC_MANAGE)
    public ReplayJson replay(@PathParam("messageId") String messageId) {
        LinkMonitor link = running();
        try {
            return new ReplayJson(messageId, link.replay(messageId));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    private LinkMonitor running() {
        LinkMonitor link = monitor;
        if (link == null) {
            throw new ServiceUnavailableException("Обмін з іншими вузлами не працює на цьому вузлі / The link to other "
                    + "nodes is not running on this node (see the log of ua.gov.nsoz.replication)");
        }
        return link;
    }
}
