package ua.gov.nsoz.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.ws.rs.ClientErrorException;
import javax.ws.rs.Consumes;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.calls.CallCenter;
import ua.gov.nsoz.api.calls.CallRecord;
import ua.gov.nsoz.api.calls.CallState;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.rest.RestResource;

/**
 * The operator's calls (R13, issue 16; docs/calls.md): the long poll of the calls ringing for the logged-in operator
 * ({@code GET /calls/ringing?wait=25}), one call with the caller's earlier appeals ({@code GET /calls/{id}}), the
 * link of a call to the appeal it became ({@code PUT /calls/{id}/appeal}); and, under the appeal
 * ({@link AppealCalls}: {@code /appeals/{id}/calls}), the calls of an appeal and their recordings, read by the
 * appeal's access rule. A call's record holds the caller's number (personal data): the operations on calls are
 * {@link Operation#CALL_HANDLE} (operators, supervisors); under an appeal, whoever sees the appeal's personal data.
 */
@Component(service = RestResource.class)
@Path("/calls")
public class CallsResource implements RestResource {

    private static final Logger LOG = LoggerFactory.getLogger(CallsResource.class);

    /** The longest long poll, seconds (under the usual 60 s of proxies and browsers). */
    static final int MAX_WAIT = 30;
    /** Earlier calls from the same number looked at for the earlier appeals. */
    static final int EARLIER_CALLS = 50;

    private final CallCenter calls;
    private final AppealService appeals;
    private final Callers callers;

    /**
     * @param calls the node's call center
     * @param appeals the appeal service
     * @param callers the scope rules and audit log at this node
     */
    @Activate
    public CallsResource(@Reference CallCenter calls, @Reference AppealService appeals, @Reference Callers callers) {
        this.calls = calls;
        this.appeals = appeals;
        this.callers = callers;
    }

    /**
     * An earlier appeal of the same caller, as the operator may see it: no text, no personal data.
     *
     * @param id the appeal's id
     * @param registrationNumber its number
     * @param registeredAt when it was registered
     * @param status where it stands
     */
    record EarlierAppeal(String id, String registrationNumber, Instant registeredAt, AppealStatus status) {
    }

    /**
     * A call as the API shows it: the record, and (on the operator's screen) the caller's earlier appeals. What a call
     * has not had (an answer, an end, an appeal, a recording, a transfer) is absent.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record CallJson(String id, String pbxCallId, String callerNumber, String calledNumber, String operator,
            CallState state, Instant ringingAt, Instant answeredAt, Instant endedAt, long durationSeconds,
            String appealId, String recordingSha256, String transferredTo, String transferredToCenter,
            List<EarlierAppeal> earlierAppeals) {

        static CallJson of(CallRecord r, List<EarlierAppeal> earlier) {
            return new CallJson(r.id(), r.pbxCallId(), r.callerNumber(), r.calledNumber(), r.operator(), r.state(),
                    r.ringingAt(), r.answeredAt(), r.endedAt(), r.durationSeconds(), r.appealId(),
                    r.recordingSha256(), r.transferredTo(), r.transferredToCenter(), earlier);
        }
    }

    /** The body of {@code PUT /calls/{id}/appeal}. */
    record LinkRequest(String appealId) {
    }

    /**
     * @param wait seconds to wait for a call, 0–30 (default 0: answer at once)
     * @param security who is calling: the operator whose calls these are
     * @return the calls ringing for the operator or in conversation with them, with the callers' earlier appeals;
     *         [] if none came within the wait
     */
    @GET
    @Path("/ringing")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.CALL_HANDLE)
    public List<CallJson> ringing(@QueryParam("wait") String wait, @Context SecurityContext security) {
        int seconds = waitSeconds(wait);
        AccessRules.Caller caller = callers.of(security);
        List<CallRecord> found;
        try {
            found = calls.awaitRinging(caller.actor().name(), Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = List.of();
        }
        List<CallJson> out = new ArrayList<>();
        for (CallRecord r : found) {
            out.add(CallJson.of(r, earlierAppeals(caller, r)));
        }
        return out;
    }

    static int waitSeconds(String wait) {
        if (wait == null || wait.isBlank()) {
            return 0;
        }
        try {
            int s = Integer.parseInt(wait.trim());
            if (s >= 0 && s <= MAX_WAIT) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ValidationException(List.of(new FieldError("wait", "Ціле число секунд від 0 до " + MAX_WAIT
                + " / Whole seconds from 0 to " + MAX_WAIT)));
    }

    /**
     * @param id the call's id
     * @param security who is calling
     * @return the call with the caller's earlier appeals
     */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.CALL_HANDLE)
    public CallJson get(@PathParam("id") String id, @Context SecurityContext security) {
        CallRecord r = found(id);
        return CallJson.of(r, earlierAppeals(callers.of(security), r));
    }

    /**
     * Links the call to the appeal just registered (the appeal must be in the caller's scope).
     *
     * @param id the call's id
     * @param body {@code {"appealId": "..."}} (an id or a registration number)
     * @param security who is calling
     * @return the call; 404 if the call or the appeal is unknown, 409 if the call is linked to another appeal
     */
    @PUT
    @Path("/{id}/appeal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.CALL_HANDLE)
    public CallJson link(@PathParam("id") String id, LinkRequest body, @Context SecurityContext security) {
        if (body == null || body.appealId() == null || body.appealId().isBlank()) {
            throw new ValidationException(List.of(new FieldError("appealId", "Обов'язкове поле: ідентифікатор або "
                    + "номер звернення / Required: the appeal's id or registration number")));
        }
        CallRecord r = found(id);
        AccessRules.Caller caller = callers.of(security);
        Appeal appeal = AppealResource.found(appeals, body.appealId().trim());
        callers.requireScope(caller, appeal, "PUT /calls/{id}/appeal");
        try {
            CallRecord linked = calls.attach(r.id(), appeal.id());
            callers.record(caller, AuditAction.CHANGE, appeal.id(), "PUT /calls/{id}/appeal: call " + r.id());
            return CallJson.of(linked, earlierAppeals(caller, linked));
        } catch (IllegalStateException e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    private CallRecord found(String id) {
        return calls.get(id).orElseThrow(() -> new NotFoundException("Виклику не знайдено / No such call"));
    }

    /**
     * The appeals linked to earlier calls from the same number (not this call's own), in the caller's scope: their
     * numbers, dates and status only; the newest first.
     */
    List<EarlierAppeal> earlierAppeals(AccessRules.Caller caller, CallRecord call) {
        if (call.callerNumber() == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (CallRecord earlier : calls.fromNumber(call.callerNumber(), EARLIER_CALLS)) {
            if (earlier.appealId() != null && !earlier.appealId().equals(call.appealId())) {
                ids.add(earlier.appealId());
            }
        }
        List<EarlierAppeal> out = new ArrayList<>();
        for (String appealId : ids) {
            appeals.get(appealId).filter(a -> AccessRules.inScope(caller, a)).ifPresent(a -> out.add(
                    new EarlierAppeal(a.id(), a.registrationNumber(), a.registeredAt(), a.status())));
        }
        return out;
    }

    /**
     * {@code /appeals/{id}/calls}: the calls of an appeal and their recordings, by the appeal's access rule. Its own
     * root resource, matched before {@link AppealResource}'s {@code /appeals}.
     */
    @Component(service = RestResource.class)
    @Path("/appeals/{id}/calls")
    public static class AppealCalls implements RestResource {

        private final CallCenter calls;
        private final AppealService appeals;
        private final DocumentStore documents;
        private final Callers callers;

        /**
         * @param calls the node's call center
         * @param appeals the appeal service
         * @param documents the node's documents (the recordings)
         * @param callers the scope rules and audit log at this node
         */
        @Activate
        public AppealCalls(@Reference CallCenter calls, @Reference AppealService appeals,
                @Reference DocumentStore documents, @Reference Callers callers) {
            this.calls = calls;
            this.appeals = appeals;
            this.documents = documents;
            this.callers = callers;
        }

        /**
         * @param id an appeal id or registration number
         * @param security who is calling
         * @return the calls linked to the appeal, the oldest first (the callers' numbers masked for whoever sees the
         *         appeal masked)
         */
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @Allowed(Operation.APPEAL_READ)
        public List<CallJson> list(@PathParam("id") String id, @Context SecurityContext security) {
            Appeal appeal = AppealResource.found(appeals, id);
            AccessRules.Caller caller = callers.of(security);
            String what = "GET /appeals/{id}/calls";
            callers.requireScope(caller, appeal, what);
            boolean personal = AccessRules.seesPersonalData(caller, appeal);
            List<CallJson> out = new ArrayList<>();
            for (CallRecord r : calls.forAppeal(appeal.id())) {
                CallJson json = CallJson.of(r, null);
                out.add(personal ? json : new CallJson(r.id(), r.pbxCallId(), "***", r.calledNumber(), r.operator(),
                        r.state(), r.ringingAt(), r.answeredAt(), r.endedAt(), r.durationSeconds(), r.appealId(),
                        null, r.transferredTo(), r.transferredToCenter(), null));
            }
            if (personal && !out.isEmpty()) {
                callers.record(caller, AuditAction.READ, appeal.id(), what);
            }
            return out;
        }

        /**
         * @param id an appeal id or registration number
         * @param callId a call linked to it
         * @param security who is calling
         * @return the call's recording (audited as a READ of the appeal)
         */
        @GET
        @Path("/{callId}/recording")
        @Produces(MediaType.WILDCARD)
        @Allowed(Operation.APPEAL_READ)
        public Response recording(@PathParam("id") String id, @PathParam("callId") String callId,
                @Context SecurityContext security) {
            Appeal appeal = AppealResource.found(appeals, id);
            AccessRules.Caller caller = callers.of(security);
            String what = "GET /appeals/{id}/calls/{callId}/recording";
            callers.requireScope(caller, appeal, what);
            if (!AccessRules.seesPersonalData(caller, appeal)) {
                callers.record(caller, AuditAction.DENIED, appeal.id(), what);
                throw new ForbiddenException("Записи розмов цього звернення вам недоступні / The recordings of this "
                        + "appeal's calls are not available to your roles");
            }
            CallRecord call = calls.get(callId).filter(c -> appeal.id().equals(c.appealId()))
                    .orElseThrow(() -> new NotFoundException("Звернення не має такого виклику / The appeal has no "
                            + "such call"));
            if (call.recordingSha256() == null) {
                throw new NotFoundException("Запису розмови ще немає / The call has no recording yet");
            }
            StoredDocument doc = documents.find(call.recordingSha256()).orElseThrow(() -> new NotFoundException(
                    "Запису немає на цьому вузлі / This node does not hold the recording"));
            callers.record(caller, AuditAction.READ, appeal.id(), what);
            StreamingOutput body = out -> {
                try (InputStream in = documents.open(doc.sha256())) {
                    in.transferTo(out);
                } catch (NoSuchElementException e) {
                    LOG.warn("Recording {} went away while it was sent", doc.sha256());
                    throw new IOException("recording gone", e);
                }
            };
            return Response.ok(body).type(doc.mediaType()).header("Content-Length", doc.sizeBytes())
                    .header("Content-Disposition", DocumentsResource.disposition(CtiResource.fileName(call,
                            doc.mediaType())))
                    .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, no-store").build();
        }
    }
}
