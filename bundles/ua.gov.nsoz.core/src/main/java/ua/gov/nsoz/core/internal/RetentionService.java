package ua.gov.nsoz.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Retention;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.AppealStore.AppealRef;

/**
 * Retention of personal data (R19): anonymizes the closed appeals this node holds once the period (PID
 * {@code ua.gov.nsoz.retention}, key {@code retentionDays}) has passed since they last changed. Runs when asked
 * ({@code nsoz:retention}); each appeal it anonymizes is written to the audit log, when there is one.
 */
@Component(service = Retention.class, configurationPid = RetentionService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RetentionConfig.class)
public class RetentionService implements Retention {

    /** The configuration's PID. */
    static final String PID = "ua.gov.nsoz.retention";
    /** Five years (with a leap day). */
    static final int DEFAULT_DAYS = 1826;
    /** The shortest period accepted: an appeal closed by mistake can still be reopened and read within it. */
    static final int MIN_DAYS = 30;
    /** Appeals anonymized per transaction. */
    static final int BATCH = 100;
    /** Registration numbers a report lists at most. */
    static final int LISTED = 1000;
    /** Who runs it when the caller names nobody. */
    static final String SYSTEM_ACTOR = "retention";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

    private final AppealStore store;
    private final NodeIdentity node;
    private final Clock clock;
    private volatile int retentionDays;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditLog audit;

    /**
     * @param store the local store
     * @param node this node
     * @param config the period
     */
    @Activate
    public RetentionService(@Reference AppealStore store, @Reference NodeIdentity node, RetentionConfig config) {
        this(store, node, null, Clock.systemUTC(), config.retentionDays());
    }

    RetentionService(AppealStore store, NodeIdentity node, AuditLog audit, Clock clock, int retentionDays) {
        this.store = store;
        this.node = node;
        this.audit = audit;
        this.clock = clock;
        this.retentionDays = retentionDays;
        if (retentionDays < MIN_DAYS) {
            LOG.warn("{}: retentionDays is {}, below {}: retention runs are refused until it is mended", PID,
                    retentionDays, MIN_DAYS);
        }
    }

    /**
     * A new period takes effect for the next run.
     *
     * @param config the configuration
     */
    @Modified
    void modified(RetentionConfig config) {
        retentionDays = config.retentionDays();
        LOG.info("{}: retentionDays is now {}", PID, retentionDays);
    }

    @Override
    public int retentionDays() {
        return retentionDays;
    }

    @Override
    public Report run(boolean dryRun, Integer days, String actor) {
        int period = days == null ? retentionDays : days;
        if (period < MIN_DAYS) {
            String source = days == null ? " (" + PID + ", retentionDays)" : "";
            throw new ValidationException(List.of(new FieldError("retentionDays", "Строк зберігання має бути не менше "
                    + MIN_DAYS + " днів, задано " + period + source + " / The retention period must be at least "
                    + MIN_DAYS + " days, got " + period + source)));
        }
        String who = actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor.strip();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant cutoff = now.minus(Duration.ofDays(period));
        if (dryRun) {
            Page<AppealRef> found = store.pastRetention(cutoff, LISTED);
            return new Report(cutoff, period, true, found.total(), numbers(found.items()));
        }
        long count = 0;
        List<String> listed = new ArrayList<>();
        List<AppealRef> batch;
        while (!(batch = anonymizeBatch(cutoff, now)).isEmpty()) {
            count += batch.size();
            for (AppealRef ref : batch) {
                if (listed.size() < LISTED) {
                    listed.add(ref.registrationNumber());
                }
            }
            audit(batch, who, now);
        }
        LOG.info("Retention by {}: {} appeal(s) closed before {} anonymized (period {} days)", who, count, cutoff,
                period);
        return new Report(cutoff, period, false, count, listed);
    }

    private List<AppealRef> anonymizeBatch(Instant cutoff, Instant now) {
        return store.anonymizePastRetention(cutoff, now, BATCH, RetentionService::anonymizedPayload);
    }

    private void audit(List<AppealRef> batch, String actor, Instant at) {
        AuditLog log = audit;
        if (log == null) {
            return;
        }
        int recorded = 0;
        try {
            for (AppealRef ref : batch) {
                log.record(new AuditEntry(0, at, actor, "", AuditAction.ANONYMIZE, ref.id(), "retention", "node",
                        node.nodeId()));
                recorded++;
            }
        } catch (RuntimeException e) {
            // The batch is anonymized already; say which appeals the log misses (ids only).
            LOG.error("Retention anonymized appeals {} but could not write them to the audit log",
                    batch.subList(recorded, batch.size()).stream().map(AppealRef::id).toList(), e);
            throw e;
        }
    }

    private static List<String> numbers(List<AppealRef> refs) {
        return refs.stream().map(AppealRef::registrationNumber).toList();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The applicant's reason for a shortened term in a payload's {@code processing} (Art. 20): their own words. */
    private static final String SHORTENED_REASON = "shortenedReason";

    /**
     * An event payload without personal data. A payload is the record after the event ({@link AppealServiceImpl}
     * writes it) plus {@code comment} and {@code requestId}: the applicant keeps only its type and category, the text
     * and the answer's text become {@link AppealStore#ANONYMIZED_TEXT}, documents are named {@code document-<n>} as in
     * the store, the applicant's reason for a shortened term ({@code processing.shortenedReason}) goes as the store's
     * column does, and so does the comment of the event that recorded it ({@code TERM_SHORTENED}: the
     * {@link ua.gov.nsoz.api.AppealAction#SHORTEN} action's comment is that reason), replaced by
     * {@link AppealStore#ANONYMIZED_TEXT}. Everything else stays (priority, the shortened days, the contested
     * decision's dates: statistics), so the history (other comments) and the deadline (extensions) read as before,
     * and the payload still reads as an appeal for a peer that has not received it yet.
     *
     * <p>A payload does not name its event's type; the {@code TERM_SHORTENED} one is the payload whose comment is
     * the record's {@code shortenedReason} (both are the action's comment), which no other event's comment repeats
     * unless it quotes the applicant.
     *
     * @param payload the payload as stored
     * @return the payload to keep
     * @throws IllegalStateException if it is not JSON (the batch is then not anonymized)
     */
    static String anonymizedPayload(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload is not JSON; retention cannot anonymize it", e);
        }
        if (!(root instanceof ObjectNode record)) {
            return payload;
        }
        if (record.get("applicant") instanceof ObjectNode applicant) {
            applicant.remove(List.of("fullName", "address", "email", "phone"));
        }
        if (record.hasNonNull("text")) {
            record.put("text", AppealStore.ANONYMIZED_TEXT);
        }
        renameDocuments(record.get("attachments"));
        if (record.get("processing") instanceof ObjectNode processing) {
            if (processing.hasNonNull("answer")) {
                processing.put("answer", AppealStore.ANONYMIZED_TEXT);
            }
            renameDocuments(processing.get("answerDocuments"));
            JsonNode reason = processing.get(SHORTENED_REASON);
            if (reason != null && !reason.isNull()) {
                JsonNode comment = record.get("comment");
                if (comment != null && comment.isTextual()
                        && comment.asText().strip().equals(reason.asText().strip())) {
                    record.put("comment", AppealStore.ANONYMIZED_TEXT);
                }
                processing.remove(SHORTENED_REASON);
            }
        }
        return record.toString();
    }

    private static void renameDocuments(JsonNode list) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof ObjectNode document) {
                document.put("fileName", "document-" + (i + 1));
            }
        }
    }
}
