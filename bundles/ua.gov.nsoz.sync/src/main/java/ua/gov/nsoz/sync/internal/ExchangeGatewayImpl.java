package ua.gov.nsoz.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.NoSuchElementException;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealService.ActionResult;
import ua.gov.nsoz.api.AppealService.ChangeOrigin;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.exchange.AckMessage;
import ua.gov.nsoz.exchange.AppealEventMessage;
import ua.gov.nsoz.exchange.ChangeRefusedMessage;
import ua.gov.nsoz.exchange.ChangeRequestMessage;
import ua.gov.nsoz.exchange.DocumentContentMessage;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.exchange.ReferenceUpdateMessage;
import ua.gov.nsoz.exchange.ArticleUpdateMessage;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.ExchangeMessage;
import ua.gov.nsoz.exchange.Header;
import ua.gov.nsoz.exchange.InvalidMessageException;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.ApplyResult;
import ua.gov.nsoz.store.ReplicationStore.Inbound;
import ua.gov.nsoz.store.ReplicationStore.OutboxEntry;
import ua.gov.nsoz.store.ReplicationStore.Replica;
import ua.gov.nsoz.store.StoreException;
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
    private final AppealService appeals;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param store the node's outbox and inbox
     * @param node this node
     * @param appeals applies change requests to the appeals this node owns
     */
    /** The node's reference data, which the center's edits update; without it they are refused. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReferenceAdmin reference;

    /**
     * The node's documents (issue 15): the content of the documents its appeals name is shipped from here, and what
     * peers ship is stored here. Without it nothing is shipped and a received document is refused.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DocumentStore documents;

    /** The node's knowledge base (issue 16), which the center's articles update; without it they are refused. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ua.gov.nsoz.api.knowledge.KnowledgeBase knowledge;

    /** Which documents each peer has: the content goes to a peer once. */
    private final DocumentLedger ledger;

    /** The documentContent messages handed out by {@link #outgoing} and not yet shipped: message id → sha256. */
    private final java.util.Map<String, String> shippingDocuments = new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public ExchangeGatewayImpl(@Reference ReplicationStore store, @Reference NodeIdentity node,
            @Reference AppealService appeals) {
        this(store, node, appeals, DocumentLedger.inKarafData());
    }

    ExchangeGatewayImpl(ReplicationStore store, NodeIdentity node, AppealService appeals, DocumentLedger ledger) {
        this.store = store;
        this.node = node;
        this.appeals = appeals;
        this.ledger = ledger;
    }

    /** The most document content one batch carries (base64), unless its first entry alone needs more. */
    static final long MAX_BATCH_CONTENT_CHARS = 32L * 1024 * 1024;

    /** The largest file a documentContent message can carry within {@link ExchangeCodec#MAX_CONTENT_DOCUMENT_BYTES}. */
    static final long MAX_SHIPPED_FILE_BYTES = (ExchangeCodec.MAX_CONTENT_DOCUMENT_BYTES - 8192L) / 4 * 3;

    /**
     * The next documents for the peer in commit order. An entry that names documents by their sha256 (an appeal
     * event's attachments and answer documents, a change request's documents) takes along a {@code documentContent}
     * for each one the peer is not known to have ({@link DocumentLedger}): after an appeal event (the receiving center
     * checks the document against the appeal that event brings), before a change request (the owner needs the file
     * before it carries out an ANSWER that names it). Both leave with the entry, in the same JMS transaction, and the
     * entry leaves the outbox only once the broker has them all: the entry, written in the transaction of the change,
     * is what queues its documents.
     */
    @Override
    public List<Outgoing> outgoing(String peer, int max) {
        List<Outgoing> out = new ArrayList<>();
        java.util.Set<String> inBatch = new java.util.HashSet<>();
        long contentChars = 0;
        for (OutboxEntry entry : store.pending(peer, max)) {
            ExchangeMessage message;
            Outgoing own;
            try {
                message = toMessage(entry);
                own = new Outgoing(entry.messageId(), entry.seq(), ExchangeCodec.write(message));
            } catch (RuntimeException | JsonProcessingException e) {
                // Left in the outbox and counted in the backlog; the receiver orders by version, so the
                // entries after it may go on.
                LOG.error("Outbox entry {} for {} (appeal {}) cannot be written as an exchange document", entry.seq(),
                        peer, entry.appealId(), e);
                continue;
            }
            List<Outgoing> contents;
            try {
                contents = contents(peer, entry, message, inBatch);
            } catch (java.io.IOException e) {
                // The file cannot be read now: the entry waits (with what follows it) and is tried again next round.
                LOG.error("A document named by outbox entry {} for {} (appeal {}) cannot be read; the entry waits",
                        entry.seq(), peer, entry.appealId(), e);
                break;
            }
            long chars = contents.stream().mapToLong(o -> o.xml().length()).sum();
            if (chars > 0 && !out.isEmpty() && contentChars + chars > MAX_BATCH_CONTENT_CHARS) {
                break; // the rest goes in the next round
            }
            contentChars += chars;
            if (message instanceof ChangeRequestMessage) {
                out.addAll(contents);
                out.add(own);
            } else {
                out.add(own);
                out.addAll(contents);
            }
        }
        return out;
    }

    /**
     * @return a documentContent for each document the entry's message names that this node holds and the peer is not
     *         known to have (none without a document store)
     * @throws java.io.IOException if a document this node holds cannot be read
     */
    private List<Outgoing> contents(String peer, OutboxEntry entry, ExchangeMessage message,
            java.util.Set<String> inBatch) throws java.io.IOException {
        DocumentStore docs = documents;
        List<Attachment> named;
        String appealId;
        if (message instanceof AppealEventMessage e) {
            named = new ArrayList<>(e.appeal().attachments());
            named.addAll(e.appeal().processing().answerDocuments());
            appealId = e.appeal().id();
        } else if (message instanceof ChangeRequestMessage r) {
            named = r.request().documents();
            appealId = r.appealId();
        } else {
            return List.of();
        }
        if (docs == null || named.isEmpty()) {
            return List.of();
        }
        List<Outgoing> out = new ArrayList<>();
        for (Attachment a : named) {
            String sha = a.sha256();
            if (sha == null || ledger.has(peer, sha) || !inBatch.add(sha)) {
                continue;
            }
            java.util.Optional<StoredDocument> held = docs.find(sha);
            if (held.isEmpty()) {
                // A paper document's metadata, or a file this node never had: nothing to ship.
                LOG.warn("Appeal {} names document {}, which this node does not hold: its content is not shipped to {}",
                        appealId, sha, peer);
                continue;
            }
            if (held.get().sizeBytes() > MAX_SHIPPED_FILE_BYTES) {
                LOG.error("Document {} of appeal {} has {} bytes, more than an exchange message carries ({}): not"
                        + " shipped to {}", sha, appealId, held.get().sizeBytes(), MAX_SHIPPED_FILE_BYTES, peer);
                continue;
            }
            byte[] content;
            try (java.io.InputStream in = docs.open(sha)) {
                content = in.readAllBytes();
            } catch (NoSuchElementException gone) {
                LOG.warn("Document {} of appeal {} is no longer held: its content is not shipped to {}", sha, appealId,
                        peer);
                continue;
            }
            String fileName = a.fileName() == null || a.fileName().isBlank() ? "document" : a.fileName();
            Header h = new Header(contentMessageId(node.nodeId(), peer, sha), node.nodeId(), entry.seq(),
                    entry.createdAt());
            DocumentContentMessage dm = new DocumentContentMessage(h, appealId, fileName, held.get().mediaType(),
                    content.length, sha, content);
            out.add(new Outgoing(h.messageId(), entry.seq(), ExchangeCodec.write(dm)));
            shippingDocuments.put(h.messageId(), sha);
        }
        return out;
    }

    /**
     * @return the id of the message that ships a document from one node to another: the same every time, so that the
     *         broker's duplicate detection and the receiver's inbox take it once
     */
    static String contentMessageId(String from, String to, String sha256) {
        return java.util.UUID.nameUUIDFromBytes(("nsoz:documentContent:" + from + ">" + to + ":" + sha256)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private ExchangeMessage toMessage(OutboxEntry entry) throws JsonProcessingException {
        Header header = new Header(entry.messageId(), node.nodeId(), entry.seq(), entry.createdAt());
        if ("appealEvent".equals(entry.messageType()) && entry.event() != null) {
            AppealEvent e = entry.event();
            JsonNode payload = json.readTree(e.payload());
            Appeal snapshot = json.treeToValue(payload, Appeal.class);
            return new AppealEventMessage(header, e.eventId(), e.type(), e.occurredAt(), e.node(), e.actor(),
                    text(payload, "requestId"), text(payload, "comment"), snapshot, text(payload, "article"));
        }
        if ("changeRequest".equals(entry.messageType())) {
            JsonNode p = json.readTree(entry.payload());
            ActionRequest request = json.treeToValue(p, ActionRequest.class);
            java.util.Set<String> roles = new java.util.TreeSet<>();
            p.path("roles").forEach(r -> roles.add(r.asText()));
            return new ChangeRequestMessage(header, p.get("requestId").asText(), entry.appealId(), request,
                    text(p, "actor"), roles, Instant.parse(p.get("requestedAt").asText()));
        }
        if ("referenceUpdate".equals(entry.messageType())) {
            return new ReferenceUpdateMessage(header, json.readValue(entry.payload(), ReferenceEdits.class));
        }
        if (KnowledgePublisher.TYPE.equals(entry.messageType())) {
            return new ArticleUpdateMessage(header,
                    json.readValue(entry.payload(), ua.gov.nsoz.api.knowledge.Article.class));
        }
        if ("changeRefused".equals(entry.messageType())) {
            JsonNode p = json.readTree(entry.payload());
            return new ChangeRefusedMessage(header, p.get("requestId").asText(), entry.appealId(),
                    p.get("reason").asText());
        }
        throw new IllegalStateException("No exchange document for outbox messages of type " + entry.messageType());
    }

    /**
     * The entries leave the outbox (a documentContent carries its entry's seq: it is counted as shipped, and deleting
     * that seq again does nothing), then the documents shipped are noted as the peer's.
     */
    @Override
    public void shipped(String peer, List<Outgoing> shipped) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (Outgoing o : shipped) {
            entries.add(new OutboxEntry(o.seq(), peer, o.messageId(), null, null, null, null, null));
        }
        store.markShipped(peer, entries);
        for (Outgoing o : shipped) {
            String sha = shippingDocuments.remove(o.messageId());
            if (sha != null) {
                ledger.mark(peer, sha);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * A region takes the center's reference edits (a newer revision replaces its own; the same or an older one
     * changes nothing, so a resent message is harmless), then records the message.
     */
    private Outcome applyReference(ReferenceUpdateMessage u) throws RejectedMessageException {
        Header h = u.header();
        if (!h.sourceNode().equals(node.centerNodeId())) {
            throw new RejectedMessageException("Reference data edits come from the center (" + node.centerNodeId()
                    + "), not from " + h.sourceNode(), null);
        }
        ReferenceAdmin ref = reference;
        if (ref == null) {
            throw new RejectedMessageException("Node " + node.nodeId() + " has no reference data service to apply "
                    + "revision " + u.edits().revision() + " to", null);
        }
        try {
            boolean newer = ref.apply(u.edits());
            LOG.info("Reference edits revision {} from {}: {}", u.edits().revision(), h.sourceNode(),
                    newer ? "applied" : "not newer than ours, kept ours");
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException("Reference edits revision " + u.edits().revision()
                    + " do not fit this node's shipped data: " + e.getMessage(), e);
        }
        return store.recordReceived(inbound(h)) ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    /**
     * A region takes a version of a knowledge article from the center (issue 16): stored if later than its own; the
     * same or an earlier version changes nothing, so a resent message is harmless. Then records the message.
     */
    private Outcome applyArticle(ArticleUpdateMessage m) throws RejectedMessageException {
        Header h = m.header();
        ua.gov.nsoz.api.knowledge.Article a = m.article();
        if (!h.sourceNode().equals(node.centerNodeId()) || node.role() == ua.gov.nsoz.api.NodeRole.CENTRAL) {
            throw new RejectedMessageException("Knowledge articles come from the center (" + node.centerNodeId()
                    + ") to a region, not from " + h.sourceNode(), null);
        }
        ua.gov.nsoz.api.knowledge.KnowledgeBase kb = knowledge;
        if (kb == null) {
            throw new RejectedMessageException("Node " + node.nodeId() + " has no knowledge base to store article "
                    + a.code() + " v" + a.version() + " in", null);
        }
        boolean stored = kb.apply(a);
        LOG.info("Article {} v{} from {}: {}", a.code(), a.version(), h.sourceNode(),
                stored ? "applied" : "not later than ours, kept ours");
        return store.recordReceived(inbound(h)) ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    /** The owner's side of a change request: apply it as our own event, or answer with a refusal. */
    private Outcome applyRequest(ChangeRequestMessage r) throws RejectedMessageException {
        Header h = r.header();
        try {
            ActionResult result = appeals.applyRequested(r.appealId(), r.request(),
                    new Actor(r.actor() == null ? h.sourceNode() : r.actor(), r.roles()),
                    new ChangeOrigin(r.requestId(), h.sourceNode(), h.messageId(), h.sourceSeq()));
            return result.applied() ? Outcome.APPLIED : Outcome.DUPLICATE;
        } catch (NoSuchElementException e) {
            throw new RejectedMessageException("Node " + node.nodeId() + " does not own appeal " + r.appealId()
                    + ": a change request goes to the node that registered the appeal", e);
        } catch (ValidationException e) {
            String reason = e.errors().stream().map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse("refused");
            ObjectNode refusal = json.createObjectNode().put("requestId", r.requestId()).put("reason", reason);
            boolean first = store.reply(inbound(h),
                    h.sourceNode(), java.util.UUID.randomUUID().toString(), "changeRefused", r.appealId(),
                    refusal.toString());
            LOG.info("Change request {} for appeal {} from {} refused: {}", r.requestId(), r.appealId(), h.sourceNode(),
                    reason);
            return first ? Outcome.APPLIED : Outcome.DUPLICATE;
        }
    }

    /**
     * Stores a document a peer shipped (issue 15), then records the message in the inbox. A region takes documents
     * only from the center, and only of appeals it owns; the center takes from a region only documents of appeals
     * that region owns and that the appeal (as the region's last event brought it) names. The content must hash to
     * the header's sha256. Anything else is refused with the reason (a dead letter), nothing stored.
     */
    private Outcome applyDocument(DocumentContentMessage d) throws RejectedMessageException {
        Header h = d.header();
        String what = "Document " + d.sha256() + " of appeal " + d.appealId() + " from " + h.sourceNode();
        DocumentStore docs = documents;
        if (docs == null) {
            throw new RejectedMessageException(what + ": node " + node.nodeId() + " has no document store to keep it"
                    + " in (the documents bundle is not running): refused, not stored", null);
        }
        Appeal appeal = appeals.get(d.appealId()).orElse(null);
        if (node.role() == NodeRole.CENTRAL) {
            if (appeal == null) {
                throw new RejectedMessageException(what + ": the appeal is not known at " + node.nodeId() + " (a region"
                        + " ships a document after the event that names it; replay this once the appeal is here):"
                        + " refused, not stored", null);
            }
            if (!appeal.node().equals(h.sourceNode())) {
                throw new RejectedMessageException(what + ": appeal " + appeal.id() + " is owned by node "
                        + appeal.node() + ", not by " + h.sourceNode() + "; a region ships only documents of its own"
                        + " appeals: refused, not stored", null);
            }
            if (!names(appeal, d.sha256())) {
                throw new RejectedMessageException(what + ": appeal " + appeal.id() + " does not name this document"
                        + " (neither its attachments nor its answer's): refused, not stored", null);
            }
        } else {
            if (!h.sourceNode().equals(node.centerNodeId())) {
                throw new RejectedMessageException(what + ": a region takes documents only from the center ("
                        + node.centerNodeId() + "): refused, not stored", null);
            }
            if (appeal == null || !node.nodeId().equals(appeal.node())) {
                throw new RejectedMessageException(what + ": node " + node.nodeId() + " does not own the appeal; the"
                        + " center ships a region only documents of the region's appeals: refused, not stored", null);
            }
        }
        byte[] content = d.content();
        String actual = sha256(content);
        if (content.length != d.sizeBytes() || !actual.equals(d.sha256())) {
            throw new RejectedMessageException(what + ": its content does not match its sha256 or size (the content"
                    + " has " + content.length + " bytes, SHA-256 " + actual + "; the header says " + d.sizeBytes()
                    + " bytes): refused, not stored", null);
        }
        StoredDocument stored;
        try {
            stored = docs.put(new java.io.ByteArrayInputStream(content), d.fileName());
        } catch (DocumentRejectedException e) {
            throw new RejectedMessageException(what + ": this node's document store refuses it (" + e.reason() + "): "
                    + e.getMessage(), e);
        } catch (java.io.IOException e) {
            // Not the message's fault: the batch rolls back and the broker delivers it again.
            throw new java.io.UncheckedIOException("Cannot store document " + d.sha256() + " at " + node.nodeId(), e);
        }
        if (!stored.sha256().equals(d.sha256())) {
            throw new RejectedMessageException(what + ": the document store keeps it as " + stored.sha256()
                    + ": refused", null);
        }
        ledger.mark(h.sourceNode(), d.sha256()); // the sender has it: never ship it back
        boolean first = store.recordReceived(inbound(h));
        LOG.info("Document {} of appeal {} ({} bytes) from {}: {}", d.sha256(), d.appealId(), content.length,
                h.sourceNode(), first ? "stored" : "had it before");
        return first ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    private static boolean names(Appeal appeal, String sha256) {
        return appeal.attachments().stream().anyMatch(a -> sha256.equals(a.sha256()))
                || appeal.processing().answerDocuments().stream().anyMatch(a -> sha256.equals(a.sha256()));
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    @Override
    public Outcome receive(String xml, String sender) throws RejectedMessageException {
        Received received = receiveAll(List.of(new Incoming(xml, sender))).get(0);
        if (received.rejected() != null) {
            throw received.rejected();
        }
        return received.outcome();
    }

    /** From this many documents on, a batch is parsed and validated on several cores before it is applied. */
    static final int PARALLEL_FROM = 32;

    @Override
    public List<Received> receiveAll(List<Incoming> documents) {
        // Parsing and validating is most of the work and independent per document: done in parallel for a big
        // batch (a backlog after a partition); applying stays in order, in one transaction.
        java.util.stream.Stream<Incoming> stream = documents.size() >= PARALLEL_FROM ? documents.parallelStream()
                : documents.stream();
        List<Object> prepared = stream.map(this::prepare).toList();
        Received[] results = new Received[documents.size()];
        List<Integer> positions = new ArrayList<>();
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Object p = prepared.get(i);
            if (p instanceof RejectedMessageException e) {
                results[i] = new Received(null, e);
            } else if (p instanceof Replica r) {
                replicas.add(r);
                positions.add(i);
            } else {
                // Keep the order: what came before it is applied first.
                applyReplicas(replicas, positions, results);
                try {
                    results[i] = new Received(receiveOther((ExchangeMessage) p), null);
                } catch (RejectedMessageException e) {
                    results[i] = new Received(null, e);
                }
            }
        }
        applyReplicas(replicas, positions, results);
        return List.of(results);
    }

    /** @return a {@link Replica} for an appeal event, the message itself for any other, or why it is refused */
    private Object prepare(Incoming incoming) {
        try {
            ExchangeMessage message = read(incoming.xml());
            checkSender(message.header(), incoming.sender());
            return message instanceof AppealEventMessage e ? toReplica(e) : message;
        } catch (RejectedMessageException e) {
            return e;
        }
    }

    /**
     * The document's source must be the node the link authenticated: a region cannot speak for another region
     * (issue 11: a region's own broker user is its identity at the center), and a region takes documents only
     * from the center. Nothing of a document that fails this is applied.
     */
    private void checkSender(Header h, String sender) throws RejectedMessageException {
        if (sender == null) {
            throw new RejectedMessageException("Message " + h.messageId() + " names " + h.sourceNode()
                    + " as its source, but the link could not tell who sent it (not a region's own broker user): "
                    + "refused, nothing applied", null);
        }
        if (!sender.equals(h.sourceNode())) {
            throw new RejectedMessageException("Message " + h.messageId() + " names " + h.sourceNode()
                    + " as its source, but it came over the link from " + sender + ": refused, nothing applied", null);
        }
    }

    private static ExchangeMessage read(String xml) throws RejectedMessageException {
        try {
            return ExchangeCodec.read(xml);
        } catch (InvalidMessageException e) {
            throw new RejectedMessageException(e.reason(), e);
        }
    }

    private Replica toReplica(AppealEventMessage e) throws RejectedMessageException {
        Header h = e.header();
        Appeal appeal = e.appeal();
        if (!appeal.node().equals(h.sourceNode())) {
            throw new RejectedMessageException("Node " + h.sourceNode() + " sent an event of appeal " + appeal.id()
                    + ", which node " + appeal.node() + " owns: only the owner writes an appeal's history", null);
        }
        AppealEvent event = new AppealEvent(e.eventId(), appeal.id(), appeal.version(), e.type(), e.occurredAt(),
                e.actorNode(), e.actor(), payload(appeal, e.comment(), e.article(), e.requestId()));
        return new Replica(inbound(h), appeal, event);
    }

    /**
     * The same payload the owner wrote: the record after the event, with the event's comment and request after its
     * fields. Written straight from the record (not through a tree, which cost a second serialization per message
     * at the center); the text is the same as the tree's.
     */
    String payload(Appeal appeal, String comment, String requestId) {
        return payload(appeal, comment, null, requestId);
    }

    /** The same, with the knowledge article of an answer at first contact (issue 16) after the comment. */
    String payload(Appeal appeal, String comment, String article, String requestId) {
        try {
            String record = json.writeValueAsString(appeal);
            if (comment == null && article == null && requestId == null) {
                return record;
            }
            StringBuilder sb = new StringBuilder(record.length() + 128).append(record, 0, record.lastIndexOf('}'));
            if (comment != null) {
                sb.append(",\"comment\":").append(json.writeValueAsString(comment));
            }
            if (article != null) {
                sb.append(",\"article\":").append(json.writeValueAsString(article));
            }
            if (requestId != null) {
                sb.append(",\"requestId\":").append(json.writeValueAsString(requestId));
            }
            return sb.append('}').toString();
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("Cannot write the event payload of appeal " + appeal.id(), x);
        }
    }

    private static Inbound inbound(Header h) {
        return new Inbound(h.messageId(), h.sourceNode(), h.sourceSeq(), h.createdAt());
    }

    /**
     * Applies the collected events in one transaction and clears the lists. If the store refuses the batch,
     * each is tried alone: one that still fails is refused with the store's reason, unless all fail (the
     * store itself is down), in which case the failure propagates and nothing is lost.
     */
    private void applyReplicas(List<Replica> replicas, List<Integer> positions, Received[] results) {
        if (replicas.isEmpty()) {
            return;
        }
        try {
            List<ApplyResult> applied = store.applyReplicas(replicas);
            for (int k = 0; k < applied.size(); k++) {
                results[positions.get(k)] = new Received(Outcome.valueOf(applied.get(k).name()), null);
                log(replicas.get(k), applied.get(k));
            }
        } catch (StoreException batchFailure) {
            if (replicas.size() == 1 && !notTheOwner(batchFailure)) {
                throw batchFailure;
            }
            int failed = 0;
            for (int k = 0; k < replicas.size(); k++) {
                Replica r = replicas.get(k);
                try {
                    ApplyResult one = store.applyReplicas(List.of(r)).get(0);
                    results[positions.get(k)] = new Received(Outcome.valueOf(one.name()), null);
                    log(r, one);
                } catch (StoreException e) {
                    // An event for an appeal another node owns is refused, never retried; any other failure counts
                    // towards "the store is down".
                    failed += notTheOwner(e) ? 0 : 1;
                    results[positions.get(k)] = new Received(null, new RejectedMessageException(
                            "Cannot be applied at " + node.nodeId() + ": " + e.getMessage()
                                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e));
                }
            }
            if (failed == replicas.size()) {
                throw batchFailure;
            }
        } finally {
            replicas.clear();
            positions.clear();
        }
    }

    /** @return whether the store refused an event because another node owns its appeal (never a transient failure) */
    private static boolean notTheOwner(StoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && ReplicationStore.NOT_THE_OWNER.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void log(Replica r, ApplyResult result) {
        LOG.debug("Message {} from {} seq {}: appeal {} v{} {}", r.inbound().messageId(), r.inbound().sourceNode(),
                r.inbound().sourceSeq(), r.snapshot().id(), r.snapshot().version(), result);
    }

    /** Every message but an appeal event: change requests, refusals, acks. */
    private Outcome receiveOther(ExchangeMessage message) throws RejectedMessageException {
        Header h = message.header();
        if (message instanceof ChangeRequestMessage r) {
            return applyRequest(r);
        }
        if (message instanceof ChangeRefusedMessage r) {
            // The requester learns that the owner refused; the reason is the owner's words.
            LOG.info("Change request {} for appeal {} was refused by {}: {}", r.requestId(), r.appealId(),
                    h.sourceNode(), r.reason());
            return store.recordReceived(inbound(h)) ? Outcome.APPLIED : Outcome.DUPLICATE;
        }
        if (message instanceof AckMessage) {
            return store.recordReceived(inbound(h)) ? Outcome.APPLIED : Outcome.DUPLICATE;
        }
        if (message instanceof ReferenceUpdateMessage u) {
            return applyReference(u);
        }
        if (message instanceof DocumentContentMessage d) {
            return applyDocument(d);
        }
        if (message instanceof ArticleUpdateMessage a) {
            return applyArticle(a);
        }
        throw new RejectedMessageException("Unknown message " + message.getClass().getSimpleName(), null);
    }
}
