package ua.gov.nsoz.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.KnowledgeBase;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.sync.LinkAccess;

/**
 * At the center: every version of a knowledge article the center writes goes to every region the center knows,
 * through the outbox (message {@code articleUpdate}; a region stores a version only if it is later than its own):
 * the regions the link enrols ({@link LinkAccess#enrolled()}) and every peer the outbox has seen.
 * At start the center sends every article again, so a region that missed one (or joined since) catches up; a
 * region that has them already changes nothing. At a center of two nodes only the leading node sends them again
 * ({@link OnceLeading}); every node queues the articles written at it.
 */
@Component(service = KnowledgeBase.Listener.class, immediate = true)
public class KnowledgePublisher implements KnowledgeBase.Listener {

    /** The outbox's message type. */
    static final String TYPE = "articleUpdate";

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ReplicationStore store;
    private final NodeIdentity node;

    /** The center's link: the regions enrolled, also those that have sent nothing yet. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile LinkAccess link;

    /** A center of several nodes: only the leading one sends every article again at start. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Leadership leadership;

    private final OnceLeading resend;

    /**
     * @param store the outbox
     * @param node this node
     */
    @Activate
    public KnowledgePublisher(@Reference ReplicationStore store, @Reference NodeIdentity node) {
        this(store, node, Duration.ofSeconds(5));
    }

    /** @param first when to look first whether this node leads; zero: at once (tests) */
    KnowledgePublisher(ReplicationStore store, NodeIdentity node, Duration first) {
        this.store = store;
        this.node = node;
        this.resend = new OnceLeading("knowledge-resend", () -> leadership, first);
    }

    @Deactivate
    void deactivate() {
        resend.close();
    }

    /**
     * The knowledge base came (the node started, or its bundle did): at the center every article is sent again. The
     * reference is optional: the link's feature does not need the knowledge bundle.
     *
     * @param knowledge the knowledge base
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "knowledgeGone")
    void knowledge(KnowledgeBase knowledge) {
        if (node.role() == NodeRole.CENTRAL) {
            resend.run(() -> {
                List<Article> all = knowledge.all();
                all.forEach(this::changed);
                if (!all.isEmpty()) {
                    LOG.info("Knowledge base: {} articles queued again for the regions at start", all.size());
                }
            });
        }
    }

    /** @param knowledge the knowledge base gone: its articles are not sent again */
    void knowledgeGone(KnowledgeBase knowledge) {
        resend.close();
    }

    @Override
    public void changed(Article article) {
        if (node.role() != NodeRole.CENTRAL) {
            return;
        }
        String payload;
        try {
            payload = JSON.writeValueAsString(article);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write article " + article.code(), e);
        }
        Set<String> regions = new TreeSet<>(store.peers());
        LinkAccess l = link;
        if (l != null) {
            try {
                regions.addAll(l.enrolled());
            } catch (RuntimeException e) {
                LOG.debug("The link's enrolled regions are not known now; the outbox's peers get article {}",
                        article.code(), e);
            }
        }
        regions.remove(node.nodeId());
        for (String peer : regions) {
            store.enqueue(peer, UUID.randomUUID().toString(), TYPE, null, payload);
        }
        int sent = regions.size();
        LOG.debug("Article {} v{} queued for {} regions", article.code(), article.version(), sent);
    }
}
