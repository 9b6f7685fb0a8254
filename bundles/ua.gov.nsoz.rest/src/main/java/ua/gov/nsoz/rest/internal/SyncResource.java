package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;

/** {@code /api/v1/sync}: the figures of this node's links, the same as {@code nsoz:sync-status}. */
@Component(service = RestResource.class)
@Path("/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource implements RestResource {

    /** One link. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkJson(String peer, long backlog, Instant oldestPendingAt, Long lagSeconds, long shipped, long lastSentSeq,
            Instant lastShippedAt, long received, long lastReceivedSeq) {
    }

    /** All links. */
    record SyncJson(String node, List<LinkJson> links) {
    }

    private final ReplicationStore replication;
    private final NodeIdentity node;

    /**
     * @param replication the outbox and inbox
     * @param node this node
     */
    @Activate
    public SyncResource(@Reference ReplicationStore replication, @Reference NodeIdentity node) {
        this.replication = replication;
        this.node = node;
    }

    /** @return one entry per peer */
    @GET
    public SyncJson status() {
        TreeSet<String> peers = new TreeSet<>(replication.peers());
        if (node.centerNodeId() != null) {
            peers.add(node.centerNodeId());
        }
        Instant now = Instant.now();
        List<LinkJson> links = peers.stream().map(replication::stats).map((LinkStats s) -> new LinkJson(s.peer(),
                s.backlog(), s.oldestPendingAt(),
                s.oldestPendingAt() == null ? null : Duration.between(s.oldestPendingAt(), now).getSeconds(),
                s.shipped(), s.lastSentSeq(), s.lastShippedAt(), s.received(), s.lastReceivedSeq())).toList();
        return new SyncJson(node.nodeId(), links);
    }
}
