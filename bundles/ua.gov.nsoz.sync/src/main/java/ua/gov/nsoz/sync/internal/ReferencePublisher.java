package ua.gov.nsoz.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.store.ReplicationStore;

/**
 * At the center: every edit of the reference data goes to every region the center knows, through the outbox (the
 * same at-least-once transport as appeals; a region applies a revision only if it is newer). At start the center
 * sends its current revision again, so a region that missed one (or joined since) catches up; at a center of two
 * nodes only the leading node does ({@link OnceLeading}).
 */
@Component(service = ReferenceAdmin.Listener.class, immediate = true)
public class ReferencePublisher implements ReferenceAdmin.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ReferencePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ReplicationStore store;
    private final NodeIdentity node;
    private final OnceLeading resend;

    /** A center of several nodes: only the leading one sends the edits again at start. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Leadership leadership;

    /**
     * @param store the outbox
     * @param node this node
     * @param reference the reference data, to send its current edits at start
     */
    @Activate
    public ReferencePublisher(@Reference ReplicationStore store, @Reference NodeIdentity node,
            @Reference ReferenceAdmin reference) {
        this(store, node, reference, Duration.ofSeconds(5));
    }

    /** @param first when to look first whether this node leads; zero: at once (tests) */
    ReferencePublisher(ReplicationStore store, NodeIdentity node, ReferenceAdmin reference, Duration first) {
        this.store = store;
        this.node = node;
        this.resend = new OnceLeading("reference-resend", () -> leadership, first);
        if (node.role() == NodeRole.CENTRAL) {
            resend.run(() -> {
                if (reference.edits().revision() > 0) {
                    edited(reference.edits());
                }
            });
        }
    }

    @Deactivate
    void deactivate() {
        resend.close();
    }

    @Override
    public void edited(ReferenceEdits edits) {
        if (node.role() != NodeRole.CENTRAL) {
            return;
        }
        String payload;
        try {
            payload = JSON.writeValueAsString(edits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write reference edits revision " + edits.revision(), e);
        }
        int sent = 0;
        for (String peer : store.peers()) {
            if (!peer.equals(node.nodeId())) {
                store.enqueue(peer, UUID.randomUUID().toString(), "referenceUpdate", null, payload);
                sent++;
            }
        }
        LOG.info("Reference edits revision {} queued for {} regions", edits.revision(), sent);
    }
}
