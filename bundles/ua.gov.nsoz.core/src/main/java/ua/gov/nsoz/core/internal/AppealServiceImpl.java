package ua.gov.nsoz.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.spi.AppealListener;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.ReplicationStore;

/** Registers appeals at this node: validation by law, numbering, one transaction with its event. */
@Component(service = AppealService.class)
public class AppealServiceImpl implements AppealService {

    /** The event written when an appeal is registered. */
    public static final String EVENT_REGISTERED = "REGISTERED";

    /** Longest note or comment on an action. */
    static final int MAX_COMMENT = 4000;

    /** Statuses from which a body may accept an appeal for consideration. */
    static final java.util.Set<AppealStatus> ACCEPTABLE = java.util.EnumSet.of(AppealStatus.REGISTERED,
            AppealStatus.FORWARDED, AppealStatus.REDIRECTED);

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

    /**
     * @param store the local store
     * @param node this node's identity
     */
    @Activate
    public AppealServiceImpl(@Reference AppealStore store, @Reference NodeIdentity node) {
        this(store, node, Clock.systemUTC());
    }

    AppealServiceImpl(AppealStore store, NodeIdentity node, Clock clock) {
        this.deadlines = new DeadlineRules(WorkingCalendar.loadDefault());
        this.store = store;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public Appeal register(NewAppeal in, String actor) {
        // The store keeps milliseconds; so does every answer, so that a read equals the write.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        NewAppeal a = IntakeRules.check(in, now);
        int year = now.atZone(KYIV).getYear();
        long sequence = store.nextRegistrationSequence(year);
        String number = registrationNumber(node.code(), year, sequence);
        Appeal appeal = new Appeal(Ids.newId(), number, node.nodeId(), node.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), IntakeRules.marks(a), AppealStatus.REGISTERED, 1, a.receivedAt(), now, now);
        AppealEvent event = new AppealEvent(Ids.newId(), appeal.id(), 1, EVENT_REGISTERED, now, node.nodeId(), actor,
                toJson(appeal));
        store.insert(appeal, event, replicationTargets());
        // Ids and numbers only: the log never carries an applicant's personal data.
        LOG.debug("Registered appeal {} as {} marks={}", appeal.id(), number, appeal.marks());
        notifyListeners(event, appeal);
        return appeal;
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
    public ActionResult act(String appealId, AppealAction action, String comment, String actor) {
        Appeal current = store.get(appealId).orElseThrow(() -> new NoSuchElementException(appealId));
        String note = checkAction(current, action, comment);
        if (current.node().equals(node.nodeId())) {
            return new ActionResult(applyLocally(appealId, action, note, actor, null), true, null);
        }
        // Not ours: the owner is the single writer of the appeal's history; ask it.
        String requestId = Ids.newId();
        ObjectNode request = json.createObjectNode().put("requestId", requestId).put("action", action.name())
                .put("actor", actor).put("comment", note).put("requestedAt", clock.instant().toString());
        replication().enqueue(current.node(), requestId, "changeRequest", appealId, request.toString());
        LOG.debug("Change request {} ({}) for appeal {} queued for its owner {}", requestId, action, appealId,
                current.node());
        return new ActionResult(current, false, requestId);
    }

    @Override
    public ActionResult applyRequested(String appealId, AppealAction action, String comment, String actor,
            ChangeOrigin origin) {
        Appeal current = store.get(appealId).filter(a -> a.node().equals(node.nodeId()))
                .orElseThrow(() -> new NoSuchElementException(appealId));
        String note = checkAction(current, action, comment);
        Appeal next = applyLocally(appealId, action, note, actor, origin);
        return new ActionResult(next == null ? current : next, next != null, origin.requestId());
    }

    /** @return the cleaned comment; throws ValidationException if the action does not fit */
    private static String checkAction(Appeal current, AppealAction action, String comment) {
        String note = IntakeRules.clean(comment);
        List<FieldError> errors = new ArrayList<>();
        if (note != null && (note.length() > MAX_COMMENT || !IntakeRules.exchangeable(note))) {
            errors.add(new FieldError("comment", "До " + MAX_COMMENT + " символів, без керівних символів / At most "
                    + MAX_COMMENT + " characters, no control characters"));
        }
        if (action == AppealAction.NOTE && note == null) {
            errors.add(new FieldError("comment", "Обов'язкове поле: текст примітки / Required: the note's text"));
        }
        if (action == AppealAction.NO_ADDITIONAL_STUDY && !current.status().isOpen()) {
            errors.add(new FieldError("action", "Звернення у статусі " + current.status() + " вже не розглядається "
                    + "/ An appeal in status " + current.status() + " is no longer under consideration"));
        }
        if (action == AppealAction.ACCEPT && !ACCEPTABLE.contains(current.status())) {
            errors.add(new FieldError("action", "Звернення у статусі " + current.status() + " не можна прийняти до розгляду "
                    + "/ An appeal in status " + current.status() + " cannot be accepted for consideration"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return note;
    }

    /** Writes the change as this node's event; retries on a concurrent change. Null if the message was a duplicate. */
    private Appeal applyLocally(String appealId, AppealAction action, String note, String actor, ChangeOrigin origin) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Appeal a = store.get(appealId).orElseThrow(() -> new NoSuchElementException(appealId));
            if (attempt > 0) {
                checkAction(a, action, note);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            AppealStatus status = action == AppealAction.ACCEPT ? AppealStatus.ACCEPTED : a.status();
            Appeal next = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                    a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                    a.signed(), a.attachments(), a.marks(), status, a.version() + 1, a.receivedAt(), a.registeredAt(),
                    now);
            ObjectNode payload = json.valueToTree(next);
            if (note != null) {
                payload.put("comment", note);
            }
            if (origin != null) {
                payload.put("requestId", origin.requestId());
            }
            AppealEvent event = new AppealEvent(Ids.newId(), a.id(), next.version(), action.eventType(), now,
                    origin == null ? node.nodeId() : origin.node(), actor, payload.toString());
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

    private ReplicationStore replication() {
        if (store instanceof ReplicationStore r) {
            return r;
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
        // The standard term, unless preliminary processing marked the appeal as needing no additional study.
        boolean noStudy = store.events(a.id()).stream()
                .anyMatch(e -> AppealAction.NO_ADDITIONAL_STUDY.eventType().equals(e.type()));
        return deadlines.compute(a.receivedAt(), a.channel(),
                noStudy ? DeadlineKind.NO_ADDITIONAL_STUDY : DeadlineKind.STANDARD);
    }
}
