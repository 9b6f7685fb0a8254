package ua.gov.nsoz.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.PublicStatus;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.KnowledgeBase;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.spi.AppealListener;
import ua.gov.nsoz.documents.DocumentNotHeldException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.ReplicationStore;

/** Registers appeals at this node: validation by law, numbering, one transaction with its event. */
@Component(service = AppealService.class)
public class AppealServiceImpl implements AppealService {

    /** The event written when an appeal is registered. */
    public static final String EVENT_REGISTERED = "REGISTERED";


    /** Registration years follow Kyiv time: an appeal at 00:30 on 1 January local time is next year's. */
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private static final Logger LOG = LoggerFactory.getLogger(AppealServiceImpl.class);

    private final AppealStore store;
    private final NodeIdentity node;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<AppealListener> listeners = new CopyOnWriteArrayList<>();
    /** The legal terms on the node's working calendar (the calendar file shipped in this bundle). */
    private final DeadlineRules deadlines;
    /** Bodies and topics, to check the codes an action names; without it any code is taken. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReferenceData reference;
    /** @param ref the reference data, as DS sets it (tests set it here) */
    void reference(ReferenceData ref) {
        this.reference = ref;
    }

    /** The node's documents (issue 15): an attachment with a sha256 must name one it holds; without it, unchecked. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DocumentStore documents;
    /** @param store the document store, as DS sets it (tests set it here) */
    void documents(DocumentStore store) {
        this.documents = store;
    }

    /**
     * The knowledge base (issue 16): an answer at first contact may name the article it was given from, which must be
     * one in force here. Without it, no article can be named.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile KnowledgeBase knowledge;
    /** @param kb the knowledge base, as DS sets it (tests set it here) */
    void knowledge(KnowledgeBase kb) {
        this.knowledge = kb;
    }

    /**
     * An article named by a request: only with ANSWER_AT_FIRST_CONTACT, and an article in force in this node's
     * knowledge base (else 400 naming the field {@code article}).
     */
    private void requireArticle(ActionRequest r) {
        if (r.article() == null) {
            return;
        }
        String code = r.article();
        if (r.action() != AppealAction.ANSWER_AT_FIRST_CONTACT) {
            throw new ValidationException(List.of(new FieldError("article", "Статтю бази знань називають лише з "
                    + "відповіддю під час першого звернення / A knowledge article is named only with an answer at "
                    + "first contact")));
        }
        KnowledgeBase kb = knowledge;
        Optional<Article> found = kb == null || !code.matches(Article.CODE) ? Optional.empty() : kb.get(code);
        if (found.isEmpty() || found.get().withdrawn()) {
            throw new ValidationException(List.of(new FieldError("article", "Немає чинної статті бази знань з таким "
                    + "кодом / No knowledge article in force has this code")));
        }
    }

    /**
     * Every attachment with a sha256 must name a document this node holds (else 422 naming the field), and no more
     * of them than the store's maxPerAppeal (else 400). Without a document store, nothing is checked.
     */
    private void requireHeld(String field, List<Attachment> list) {
        DocumentStore store = documents;
        if (store == null || list == null) {
            return;
        }
        List<FieldError> missing = new ArrayList<>();
        int withContent = 0;
        for (int i = 0; i < list.size(); i++) {
            Attachment at = list.get(i);
            String sha = at == null || at.sha256() == null ? null : at.sha256().trim().toLowerCase(java.util.Locale.ROOT);
            if (sha == null || sha.isEmpty()) {
                continue;
            }
            withContent++;
            if (store.find(sha).isEmpty()) {
                missing.add(DocumentNotHeldException.notHeld(field + "[" + i + "].sha256"));
            }
        }
        int max = store.limits().maxPerAppeal();
        if (withContent > max) {
            throw new ValidationException(List.of(new FieldError(field, "Не більше " + max + " файлів / At most " + max
                    + " files")));
        }
        if (!missing.isEmpty()) {
            throw new DocumentNotHeldException(missing);
        }
    }

    /** The key access codes are derived with, read from the store once. */
    private volatile byte[] accessKey;

    /**
     * @param store the local store
     * @param node this node's identity
     */
    @Activate
    public AppealServiceImpl(@Reference AppealStore store, @Reference NodeIdentity node) {
        this(store, node, Clock.systemUTC());
    }

    AppealServiceImpl(AppealStore store, NodeIdentity node, Clock clock) {
        this(store, node, clock, new DeadlineRules(WorkingCalendar.loadDefault()));
    }

    AppealServiceImpl(AppealStore store, NodeIdentity node, Clock clock, DeadlineRules deadlines) {
        this.deadlines = deadlines;
        this.store = store;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public Appeal register(NewAppeal in, String actor) {
        // The store keeps milliseconds; so does every answer, so that a read equals the write.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        NewAppeal a = IntakeRules.check(in, now);
        requireHeld("attachments", a.attachments());
        boolean priority = priority(a.applicant());
        int year = now.atZone(KYIV).getYear();
        String id = Ids.newId();
        // Everything but the number first, outside the transaction that takes it (the look-ups are the slow part).
        Appeal draft = new Appeal(id, null, node.nodeId(), node.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), IntakeRules.marks(a, deadlines), AppealStatus.REGISTERED, 1, a.receivedAt(),
                now, now, Processing.NONE, a.contested());
        // Repeated, duplicate or mass (shown to the operator), the access code's hash, and the term.
        Processing found = Relations.classify(store, draft, now).toBuilder()
                .accessHash(AccessCodes.hash(id, AccessCodes.code(accessKey(), id))).priority(priority).build();
        Appeal prepared = draft.withProcessing(found.toBuilder()
                .dueDate(rules().dueDate(AppealStatus.REGISTERED, draft, found)).build());
        String eventId = Ids.newId();
        // The number is taken in the transaction that stores the appeal: consecutive, no gap, no repeat (issue #12).
        AppealStore.Registration registered = store.register(year, sequence -> {
            Appeal numbered = withNumber(prepared, registrationNumber(node.code(), year, sequence));
            return new AppealStore.Registration(numbered, new AppealEvent(eventId, id, 1, EVENT_REGISTERED, now,
                    node.nodeId(), actor, toJson(numbered)));
        }, replicationTargets());
        Appeal appeal = registered.appeal();
        AppealEvent event = registered.event();
        // Ids and numbers only: the log never carries an applicant's personal data.
        LOG.debug("Registered appeal {} as {} marks={}", appeal.id(), appeal.registrationNumber(), appeal.marks());
        notifyListeners(event, appeal);
        return appeal;
    }

    /**
     * Whether the applicant's category has statutory benefits (Art. 20: considered first), by the reference data.
     *
     * @throws ValidationException if the category is not in the reference data
     */
    private boolean priority(ua.gov.nsoz.api.Applicant applicant) {
        if (applicant == null || applicant.category() == null) {
            return false;
        }
        ReferenceData ref = reference;
        if (ref == null) {
            return false;
        }
        return ref.categories().stream().filter(c -> c.code().equals(applicant.category())).findFirst()
                .orElseThrow(() -> new ValidationException(List.of(new FieldError("applicant.category",
                        "Немає такої категорії заявника в довіднику (GET /api/v1/reference/categories) / No such "
                                + "applicant category in the reference data (GET /api/v1/reference/categories): "
                                + applicant.category()))))
                .priority();
    }

    /** The appeal with its registration number (the draft has none until the store hands the number out). */
    private static Appeal withNumber(Appeal a, String number) {
        return new Appeal(a.id(), number, a.node(), a.region(), a.kind(), a.channel(), a.applicant(), a.text(),
                a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(), a.attachments(),
                a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt(), a.processing(),
                a.contested());
    }

    /** Where this node's events go: a region ships every event to the center; the center to nobody. */
    private List<String> replicationTargets() {
        String center = node.centerNodeId();
        return center == null ? List.of() : List.of(center);
    }

    /**
     * @param code node code
     * @param year year of registration
     * @param sequence the year's sequence number
     * @return e.g. {@code LV-2026-000042}
     */
    static String registrationNumber(String code, int year, long sequence) {
        return String.format("%s-%d-%06d", code, year, sequence);
    }

    private String toJson(Appeal appeal) {
        try {
            return json.writeValueAsString(appeal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize appeal " + appeal.id(), e);
        }
    }

    private void notifyListeners(AppealEvent event, Appeal appeal) {
        for (AppealListener l : listeners) {
            try {
                l.onEvent(event, appeal);
            } catch (RuntimeException e) {
                LOG.warn("Appeal listener {} failed on event {}", l.getClass().getName(), event.eventId(), e);
            }
        }
    }

    @Override
    public ActionResult act(String appealId, ActionRequest request, Actor actor) {
        Appeal current = store.get(appealId).orElseThrow(() -> new NoSuchElementException(appealId));
        requireHeld("documents", request.documents());
        requireArticle(request);
        if (current.node().equals(node.nodeId())) {
            return new ActionResult(applyLocally(current, request, actor, null), true, null);
        }
        // Not ours: the owner is the single writer of the appeal's history; check here, then ask it.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ProcessingRules.Outcome checked = rules().apply(current, request, actor, now);
        String requestId = Ids.newId();
        ObjectNode payload = json.valueToTree(checked.request());
        payload.put("requestId", requestId).put("actor", actor.name()).put("requestedAt", now.toString());
        if (request.article() != null) {
            payload.put("article", request.article());
        }
        payload.set("roles", json.valueToTree(actor.roles()));
        replication().enqueue(current.node(), requestId, "changeRequest", appealId, payload.toString());
        LOG.debug("Change request {} ({}) for appeal {} queued for its owner {}", requestId, request.action(), appealId,
                current.node());
        return new ActionResult(current, false, requestId);
    }

    @Override
    public ActionResult applyRequested(String appealId, ActionRequest request, Actor actor, ChangeOrigin origin) {
        Appeal current = store.get(appealId).filter(a -> a.node().equals(node.nodeId()))
                .orElseThrow(() -> new NoSuchElementException(appealId));
        Appeal next = applyLocally(current, request, actor, origin);
        return new ActionResult(next == null ? current : next, next != null, origin.requestId());
    }

    /** The rules with the reference data as it is now (a dynamic service). */
    private ProcessingRules rules() {
        ReferenceData ref = reference;
        return new ProcessingRules(deadlines, b -> ref == null || ref.body(b).isPresent(),
                t -> ref == null || ref.topic(t).isPresent());
    }

    /** Writes the change as this node's event; retries on a concurrent change. Null if the message was a duplicate. */
    private Appeal applyLocally(Appeal read, ActionRequest request, Actor actor, ChangeOrigin origin) {
        String appealId = read.id();
        Appeal a = read;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) {
                a = store.get(appealId).orElseThrow(() -> new NoSuchElementException(appealId));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            ProcessingRules rules = rules();
            ProcessingRules.Outcome o = rules.apply(a, request, actor, now);
            Processing processing = o.processing().toBuilder().dueDate(rules.dueDate(o.status(), a, o.processing()))
                    .build();
            Appeal next = a.next(o.topic(), o.status(), now, processing);
            ObjectNode payload = json.valueToTree(next);
            ActionRequest r = o.request();
            if (r.comment() != null) {
                payload.put("comment", r.comment());
            }
            if (request.article() != null) {
                // The knowledge article the answer at first contact was given from (issue 16), kept in the event.
                payload.put("article", request.article());
            }
            if (origin != null) {
                payload.put("requestId", origin.requestId());
            }
            AppealEvent event = new AppealEvent(Ids.newId(), a.id(), next.version(), request.action().eventType(), now,
                    origin == null ? node.nodeId() : origin.node(), actor.name(), payload.toString());
            ReplicationStore.Inbound inbound = origin == null ? null
                    : new ReplicationStore.Inbound(origin.messageId(), origin.node(), origin.sourceSeq());
            switch (store.update(next, event, replicationTargets(), inbound)) {
                case UPDATED:
                    notifyListeners(event, next);
                    return next;
                case DUPLICATE:
                    return null;
                default:
                    // CONFLICT: someone changed it meanwhile; read it again and re-check.
            }
        }
        throw new IllegalStateException("Appeal " + appealId + " keeps changing; try again");
    }

    /**
     * The store's outbox, through which a change request goes to the appeal's owner: its own service since the store
     * is split by responsibility (issue 17). A store that is both (tests build one from a DataSource) serves alone.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReplicationStore outbox;

    private ReplicationStore replication() {
        ReplicationStore r = outbox;
        if (r != null) {
            return r;
        }
        if (store instanceof ReplicationStore both) {
            return both;
        }
        throw new IllegalStateException("This node's store cannot queue messages for other nodes");
    }

    @Override
    public Optional<Appeal> get(String id) {
        return id == null ? Optional.empty() : store.get(id);
    }

    @Override
    public Optional<Appeal> findByRegistrationNumber(String registrationNumber) {
        return registrationNumber == null ? Optional.empty() : store.findByRegistrationNumber(registrationNumber);
    }

    @Override
    public Page<Appeal> search(AppealQuery q) {
        List<FieldError> errors = new ArrayList<>();
        if (q.offset() < 0) {
            errors.add(new FieldError("offset", "Має бути не менше 0 / Must be 0 or more"));
        }
        if (q.limit() < 1 || q.limit() > AppealQuery.MAX_LIMIT) {
            errors.add(new FieldError("limit", "Має бути від 1 до " + AppealQuery.MAX_LIMIT + " / Must be between 1 and "
                    + AppealQuery.MAX_LIMIT));
        }
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            errors.add(new FieldError("to", "Кінець періоду має бути пізніше початку / 'to' must be after 'from'"));
        }
        if (q.text() != null && q.text().length() > 200) {
            errors.add(new FieldError("q", "Не довше 200 символів / At most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return store.search(q);
    }

    @Override
    public Optional<Deadline> deadline(String appealId) {
        return store.get(appealId).map(this::deadline);
    }

    @Override
    public Deadline deadline(Appeal a) {
        Processing p = a.processing();
        Deadline d = rules().base(a, p);
        if (p.extensionDays() > 0) {
            // Each extension from the history, with its reason: its days are the growth of the record's total (the
            // payload is the record after the event, on the owner and on every replica alike).
            int total = 0;
            for (AppealEvent e : store.events(a.id())) {
                if (AppealAction.EXTEND.eventType().equals(e.type())) {
                    try {
                        com.fasterxml.jackson.databind.JsonNode n = json.readTree(e.payload());
                        int after = n.path("processing").path("extensionDays").asInt();
                        d = deadlines.extend(d, after - total, n.path("comment").asText("—"));
                        total = after;
                    } catch (JsonProcessingException | IllegalArgumentException ex) {
                        throw new IllegalStateException("Extension event " + e.eventId() + " cannot be read", ex);
                    }
                }
            }
        }
        // The terms of Art. 7 that run beside it, while the appeal is open.
        boolean defect = a.marks().contains(ua.gov.nsoz.api.LegalMark.UNSIGNED)
                || a.marks().contains(ua.gov.nsoz.api.LegalMark.NO_CONTACT_FOR_REPLY);
        boolean withBody = ProcessingRules.WITH_BODY.contains(a.status()) && p.forwardedAt() != null;
        List<String> article7 = a.status().isOpen()
                ? deadlines.article7(a.receivedAt(), a.channel(), defect, withBody ? p.forwardedAt() : null) : List.of();
        if (article7.isEmpty()) {
            return d;
        }
        List<String> lines = new ArrayList<>(d.explanation());
        lines.addAll(article7);
        return new Deadline(d.receivedAt(), d.receiptDate(), d.kind(), d.termDays(), d.extensionDays(), d.dueDate(),
                lines, d.ruleSet());
    }

    @Override
    public Optional<String> accessCode(Appeal appeal) {
        return appeal.node().equals(node.nodeId()) ? Optional.of(AccessCodes.code(accessKey(), appeal.id()))
                : Optional.empty();
    }

    private byte[] accessKey() {
        byte[] k = accessKey;
        if (k == null) {
            k = java.util.Base64.getDecoder().decode(store.secret("access-code", AccessCodes::newKey));
            accessKey = k;
        }
        return k;
    }

    @Override
    public Optional<PublicStatus> publicStatus(String registrationNumber, String accessCode) {
        return byCode(registrationNumber, accessCode).map(a -> {
            Processing p = a.processing();
            ReferenceData ref = reference;
            String bodyName = p.body() == null ? null
                    : ref == null ? p.body() : ref.body(p.body()).map(b -> b.nameUk() + " / " + b.nameEn()).orElse(p.body());
            // How the term was computed, while it runs; the answer and its documents once given (issue 15).
            String explanation = null;
            if (p.dueDate() != null && a.status().isOpen()) {
                try {
                    explanation = String.join("\n", deadline(a).explanation());
                } catch (RuntimeException e) {
                    LOG.warn("No deadline explanation for the public status of appeal {}: {}", a.id(), e.toString());
                }
            }
            boolean answered = p.answeredAt() != null;
            return new PublicStatus(a.registrationNumber(), a.kind(), a.status(), a.registeredAt(), bodyName,
                    p.dueDate(), p.result(), p.answeredAt(), p.rating(), ProcessingRules.RATEABLE.contains(a.status()),
                    explanation, answered ? p.answer() : null, answered ? p.answerDocuments() : List.of());
        });
    }

    @Override
    public ActionResult rate(String registrationNumber, String accessCode, int rating, String comment) {
        Appeal a = byCode(registrationNumber, accessCode).orElseThrow(() -> new NoSuchElementException(registrationNumber));
        return act(a.id(), new ActionRequest(AppealAction.RATE, comment, null, null, null, null, null, null, null, rating,
                null), Actor.of("applicant"));
    }

    /** Wrong access codes allowed per registration number within {@link #LOOKUP_WINDOW}. */
    static final int MAX_WRONG_CODES = 10;
    /** The window of wrong codes; the lookup of that number stays closed until the oldest leaves it. */
    static final java.time.Duration LOOKUP_WINDOW = java.time.Duration.ofHours(1);
    /** Numbers followed at most (the least recently tried are forgotten first). */
    static final int TRACKED_NUMBERS = 10_000;

    /** Recent wrong codes per registration number (existing appeals only). */
    private final java.util.Map<String, java.util.ArrayDeque<Instant>> wrongCodes = java.util.Collections
            .synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, java.util.ArrayDeque<Instant>> e) {
                    return size() > TRACKED_NUMBERS;
                }
            });

    private Optional<Appeal> byCode(String number, String code) {
        if (number == null || code == null) {
            return Optional.empty();
        }
        Optional<Appeal> found = store.findByRegistrationNumber(number.strip());
        if (found.isEmpty()) {
            return found;
        }
        Appeal a = found.get();
        Instant now = clock.instant();
        synchronized (wrongCodes) {
            java.util.ArrayDeque<Instant> wrong = wrongCodes.computeIfAbsent(a.registrationNumber(),
                    n -> new java.util.ArrayDeque<>());
            while (!wrong.isEmpty() && wrong.peekFirst().isBefore(now.minus(LOOKUP_WINDOW))) {
                wrong.pollFirst();
            }
            if (wrong.size() >= MAX_WRONG_CODES) {
                java.time.Duration wait = java.time.Duration.between(now, wrong.peekFirst().plus(LOOKUP_WINDOW));
                throw new ua.gov.nsoz.api.TooManyAttemptsException("Забагато невірних кодів доступу для цього номера; "
                        + "спробуйте пізніше / Too many wrong access codes for this number; try again later", wait);
            }
            if (AccessCodes.matches(a.processing().accessHash(), a.id(), code)) {
                return found;
            }
            wrong.addLast(now);
            return Optional.empty();
        }
    }

    @Override
    public java.util.Map<String, Long> overdueCounts(boolean byBody, java.time.LocalDate today) {
        return store.overdueCounts(byBody, today);
    }

    @Override
    public List<Appeal> dueBy(java.time.LocalDate today, java.time.LocalDate lastDay, int limit) {
        return store.dueBy(node.nodeId(), today, lastDay, limit);
    }

    @Override
    public List<AppealEvent> history(String appealId) {
        return store.events(appealId);
    }

    /** Appeals read per page by {@link #recomputeDueDates(boolean)}. */
    static final int RECOMPUTE_PAGE = 500;

    @Override
    public List<ua.gov.nsoz.api.DueDateChange> recomputeDueDates(boolean apply) {
        ProcessingRules rules = rules();
        List<ua.gov.nsoz.api.DueDateChange> moved = new ArrayList<>();
        String after = null;
        long seen = 0;
        while (true) {
            List<Appeal> page = store.openAppeals(after, RECOMPUTE_PAGE);
            for (Appeal a : page) {
                seen++;
                java.time.LocalDate now = rules.dueDate(a.status(), a, a.processing());
                java.time.LocalDate before = a.processing().dueDate();
                if (!java.util.Objects.equals(before, now)) {
                    boolean applied = apply && store.setDueDate(a.id(), a.version(), now);
                    moved.add(new ua.gov.nsoz.api.DueDateChange(a.id(), a.registrationNumber(), before, now, applied));
                }
            }
            if (page.size() < RECOMPUTE_PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        // Counts only: the report itself lists registration numbers and dates, never an applicant's data.
        LOG.info("Terms recomputed under {}: {} open appeals, {} due dates {}", deadlines.terms().name(), seen,
                moved.size(), apply ? "moved" : "would move (dry run)");
        return moved;
    }

    @Override
    public List<ua.gov.nsoz.api.CategoryCount> categoryCounts(java.time.LocalDate today) {
        return store.categoryCounts(today);
    }
}
