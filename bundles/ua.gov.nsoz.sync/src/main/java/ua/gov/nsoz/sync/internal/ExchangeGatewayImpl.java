package ua.gov.nsoz.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.exchange.AckMessage;
import ua.gov.nsoz.exchange.AppealEventMessage;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.ExchangeMessage;
import ua.gov.nsoz.exchange.Header;
import ua.gov.nsoz.exchange.InvalidMessageException;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.ApplyResult;
import ua.gov.nsoz.store.ReplicationStore.OutboxEntry;
import ua.gov.nsoz.sync.ExchangeGateway;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * Turns outbox entries into exchange documents and received documents into store changes. The
 * ownership rule is enforced here: an appealEvent is accepted only from the node that registered
 * the appeal (the single writer of its history).
 */
@Component(service = ExchangeGateway.class)
public class ExchangeGatewayImpl implements ExchangeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeGatewayImpl.class);

    private final ReplicationStore store;
    private final NodeIdentity node;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param store the node's outbox and inbox
     * @param node this node
     */
    @Activate
    public ExchangeGatewayImpl(@Reference ReplicationStore store, @Reference NodeIdentity node) {
        this.store = store;
        this.node = node;
    }

    @Override
    public List<Outgoing> outgoing(String peer, int max) {
        List<Outgoing> out = new ArrayList<>();
        for (OutboxEntry entry : store.pending(peer, max)) {
            try {
                out.add(new Outgoing(entry.messageId(), entry.seq(), ExchangeCodec.write(toMessage(entry))));
            } catch (RuntimeException | JsonProcessingException e) {
                // Left in the outbox and counted in the backlog; the receiver orders by version, so the
                // entries after it may go on.
                LOG.error("Outbox entry {} for {} (appeal {}) cannot be written as an exchange document", entry.seq(),
                        peer, entry.appealId(), e);
            }
        }
        return out;
    }

    private ExchangeMessage toMessage(OutboxEntry entry) throws JsonProcessingException {
        Header header = new Header(entry.messageId(), node.nodeId(), entry.seq(), entry.createdAt());
        if ("appealEvent".equals(entry.messageType()) && entry.event() != null) {
            AppealEvent e = entry.event();
            Appeal snapshot = json.readValue(e.payload(), Appeal.class);
            return new AppealEventMessage(header, e.eventId(), e.type(), e.occurredAt(), e.node(), e.actor(), null, null,
                    snapshot);
        }
        throw new IllegalStateException("No exchange document for outbox messages of type " + entry.messageType());
    }

    @Override
    public void shipped(String peer, List<Outgoing> shipped) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (Outgoing o : shipped) {
            entries.add(new OutboxEntry(o.seq(), peer, o.messageId(), null, null, null, null, null));
        }
        store.markShipped(peer, entries);
    }

    @Override
    public Outcome receive(String xml) throws RejectedMessageException {
        ExchangeMessage message;
        try {
            message = ExchangeCodec.read(xml);
        } catch (InvalidMessageException e) {
            throw new RejectedMessageException(e.reason(), e);
        }
        Header h = message.header();
        if (message instanceof AppealEventMessage e) {
            Appeal appeal = e.appeal();
            if (!appeal.node().equals(h.sourceNode())) {
                throw new RejectedMessageException("Node " + h.sourceNode() + " sent an event of appeal " + appeal.id()
                        + ", which node " + appeal.node() + " owns: only the owner writes an appeal's history", null);
            }
            String payload;
            try {
                payload = json.writeValueAsString(appeal);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("Cannot serialize appeal " + appeal.id(), ex);
            }
            AppealEvent event = new AppealEvent(e.eventId(), appeal.id(), appeal.version(), e.type(), e.occurredAt(),
                    e.actorNode(), e.actor(), payload);
            ApplyResult result = store.applyReplica(h.messageId(), h.sourceNode(), h.sourceSeq(), appeal, event);
            LOG.debug("Message {} from {} seq {}: appeal {} v{} {}", h.messageId(), h.sourceNode(), h.sourceSeq(),
                    appeal.id(), appeal.version(), result);
            return Outcome.valueOf(result.name());
        }
        if (message instanceof AckMessage) {
            return store.recordReceived(h.messageId(), h.sourceNode(), h.sourceSeq()) ? Outcome.APPLIED
                    : Outcome.DUPLICATE;
        }
        throw new RejectedMessageException("This node does not handle " + message.getClass().getSimpleName()
                + " messages yet", null);
    }
}
