package ua.gov.nsoz.rest.internal;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.rest.internal.Dto.AppealJson;
import ua.gov.nsoz.rest.internal.Dto.AppealRequest;
import ua.gov.nsoz.rest.internal.Dto.AppealSummaryJson;
import ua.gov.nsoz.rest.internal.Dto.PageJson;

/**
 * {@code /api/v1/appeals}: register, read and search appeals at this node. Every method names its operation
 * ({@link Allowed}); one appeal is shown only in the caller's scope and masked where the scope rules say
 * ({@link AccessRules}); every read and change of personal data is in the audit log.
 */
@Component(service = RestResource.class)
@Path("/appeals")
@Produces(MediaType.APPLICATION_JSON)
public class AppealResource implements RestResource {

    private final AppealService appeals;
    private final Callers callers;

    /**
     * @param appeals the appeal service
     * @param callers the scope rules and audit log at this node
     */
    @Activate
    public AppealResource(@Reference AppealService appeals, @Reference Callers callers) {
        this.appeals = appeals;
        this.callers = callers;
    }

    /**
     * Registers an appeal.
     *
     * @param request the appeal
     * @param uriInfo for the Location header
     * @param security who is calling
     * @return 201 with the registered appeal
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.APPEAL_REGISTER)
    public Response register(AppealRequest request, @Context UriInfo uriInfo, @Context SecurityContext security) {
        if (request == null) {
            throw new ValidationException(List.of(new FieldError("body",
                    "Очікується JSON-об'єкт звернення / Expected a JSON object describing the appeal")));
        }
        AccessRules.Caller caller = callers.of(security);
        Appeal appeal = callers.change(caller, AuditAction.CREATE, "POST /appeals",
                () -> appeals.register(request.toDomain(), caller.actor().name()), Appeal::id);
        URI location = uriInfo.getAbsolutePathBuilder().path(appeal.id()).build();
        // The access code is told once, to whoever registers (the operator reads it to the applicant).
        return Response.created(location).entity(AppealJson.of(appeal, appeals.accessCode(appeal).orElse(null)))
                .build();
    }

    /**
     * @param appeals the service
     * @param id an appeal id or a registration number
     * @return the appeal
     * @throws NotFoundException (404) if there is none
     */
    static Appeal found(AppealService appeals, String id) {
        return appeals.find(id)
                .orElseThrow(() -> new NotFoundException("Звернення не знайдено / No appeal with id or number " + id));
    }

    /**
     * @param id an appeal id or a registration number
     * @return the appeal
     */
    @GET
    @Path("/{id}")
    @Allowed(Operation.APPEAL_READ)
    public AppealJson get(@PathParam("id") String id, @Context SecurityContext security) {
        return AppealJson.of(callers.read(callers.of(security), found(appeals, id), "GET /appeals/{id}"));
    }

    /** One event of an appeal's history: what happened, where, by whom (never the applicant's data). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record EventJson(long version, String type, Instant occurredAt, String node, String actor, String comment,
            String article) {

        /** Without an article (issue 16 added it: the knowledge article an answer at first contact came from). */
        EventJson(long version, String type, Instant occurredAt, String node, String actor, String comment) {
            this(version, type, occurredAt, node, actor, comment, null);
        }
    }

    /**
     * @param id an appeal id or a registration number
     * @param security who is calling
     * @return its history, oldest first; the staff's comments masked for a caller who does not see the applicant
     *         (a note may name them)
     */
    @GET
    @Path("/{id}/history")
    @Allowed(Operation.APPEAL_READ)
    public List<EventJson> history(@PathParam("id") String id, @Context SecurityContext security) {
        Appeal appeal = found(appeals, id);
        AccessRules.Caller caller = callers.of(security);
        callers.requireScope(caller, appeal, "GET /appeals/{id}/history");
        boolean personal = AccessRules.seesPersonalData(caller, appeal);
        List<EventJson> out = new ArrayList<>();
        for (ua.gov.nsoz.api.AppealEvent e : appeals.history(appeal.id())) {
            String comment = null;
            String article = null;
            try {
                com.fasterxml.jackson.databind.JsonNode p = HISTORY_JSON.readTree(e.payload());
                com.fasterxml.jackson.databind.JsonNode c = p.get("comment");
                comment = c == null || c.isNull() ? null : personal ? c.asText() : AccessRules.MASK;
                com.fasterxml.jackson.databind.JsonNode k = p.get("article");
                article = k == null || k.isNull() ? null : k.asText(); // a public article's code: never personal
            } catch (java.io.IOException | RuntimeException ex) {
                // An event without a readable payload still shows what happened.
            }
            out.add(new EventJson(e.version(), e.type(), e.occurredAt(), e.node(), e.actor(), comment, article));
        }
        return out;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper HISTORY_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Overdue open appeals per executive body and per region (R7). */
    record OverdueJson(java.time.LocalDate today, java.util.Map<String, Long> byBody, java.util.Map<String, Long> byRegion) {
    }

    /** @return overdue counts per body and per region, as this node knows them (the center: all regions) */
    @GET
    @Path("/overdue")
    @Allowed(Operation.REPORT_READ)
    public OverdueJson overdue() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Kyiv"));
        return new OverdueJson(today, appeals.overdueCounts(true, today), appeals.overdueCounts(false, today));
    }

    /** Appeals of one applicant category (Art. 20: applicants with statutory benefits first). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record CategoryCountJson(String category, long total, long open, long overdue) {
    }

    /** Appeals counted per applicant category, as this node knows them. */
    record CategoryCountsJson(java.time.LocalDate today, List<CategoryCountJson> items) {
    }

    /**
     * @return appeals per applicant category: all, open, overdue (Art. 20); the category's name and whether it has
     *         statutory benefits are in {@code GET /reference/categories}
     */
    @GET
    @Path("/by-category")
    @Allowed(Operation.REPORT_READ)
    public CategoryCountsJson byCategory() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Kyiv"));
        return new CategoryCountsJson(today, appeals.categoryCounts(today).stream()
                .map(c -> new CategoryCountJson(c.category(), c.total(), c.open(), c.overdue())).toList());
    }

    /** An appeal's deadline, with each step of its computation. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record DeadlineJson(String appealId, String registrationNumber, String status, java.time.Instant receivedAt,
            java.time.LocalDate receiptDate, String kind, String article, int termDays, int extensionDays,
            java.time.LocalDate dueDate, boolean running, Long daysLeft, boolean overdue, List<String> explanation,
            String ruleSet) {
    }

    /**
     * @param id an appeal id or a registration number
     * @return its deadline and how it was computed (R7)
     */
    @GET
    @Path("/{id}/deadline")
    @Allowed(Operation.APPEAL_READ)
    public DeadlineJson deadline(@PathParam("id") String id, @Context SecurityContext security) {
        Appeal appeal = found(appeals, id);
        var caller = callers.of(security);
        callers.requireScope(caller, appeal, "GET /appeals/{id}/deadline");
        // Computed from the appeal as the caller may see it: the applicant's reason for a shorter term is quoted.
        ua.gov.nsoz.api.Deadline d = appeals.deadline(ua.gov.nsoz.api.access.AccessRules.view(caller, appeal));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Kyiv"));
        boolean running = appeal.status().isOpen();
        return new DeadlineJson(appeal.id(), appeal.registrationNumber(), appeal.status().name(), d.receivedAt(),
                d.receiptDate(), d.kind().name(), d.kind().articleEn(), d.termDays(), d.extensionDays(), d.dueDate(),
                running, running ? java.time.temporal.ChronoUnit.DAYS.between(today, d.dueDate()) : null,
                running && today.isAfter(d.dueDate()), d.explanation(), d.ruleSet());
    }

    /**
     * Does an action to an appeal: applied at once where the appeal was registered (200), otherwise
     * sent to that node as a change request (202).
     *
     * @param id the appeal id or registration number
     * @param request the action
     * @param security who is calling
     * @return the result
     */
    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.APPEAL_ACT)
    public Response act(@PathParam("id") String id, Dto.ActionRequest request, @Context SecurityContext security) {
        if (request == null || request.action() == null) {
            throw new ValidationException(List.of(new FieldError("action",
                    "Обов'язкове поле: дія, одна з / Required: the action, one of "
                            + java.util.Arrays.toString(ua.gov.nsoz.api.AppealAction.values()))));
        }
        Appeal appeal = found(appeals, id);
        AccessRules.Caller caller = callers.of(security);
        String what = "POST /appeals/{id}/actions " + request.action();
        callers.requireScope(caller, appeal, what);
        if (!AccessRules.mayAct(caller, appeal, request.action())) {
            callers.record(caller, AuditAction.DENIED, appeal.id(), what);
            throw new javax.ws.rs.ForbiddenException(request.action() == ua.gov.nsoz.api.AppealAction.EXTEND
                    ? "Строк продовжує лише керівник органу, якому передано звернення (ст. 20) / Only the head of the "
                            + "body the appeal is with extends its term (Art. 20)"
                    : "Цю дію вашим ролям не дозволено / Your roles may not do " + request.action()
                            + " to this appeal");
        }
        AppealService.ActionResult r = callers.change(caller, AuditAction.CHANGE, what,
                () -> appeals.act(appeal.id(), request.toDomain(), caller.actor()), x -> appeal.id());
        Dto.ActionResultJson body = new Dto.ActionResultJson(r.applied(), r.requestId(), r.appeal().node(),
                AppealJson.of(AccessRules.view(caller, r.appeal())));
        return Response.status(r.applied() ? 200 : 202).entity(body).build();
    }

    /**
     * Searches appeals; every parameter is optional.
     *
     * @return one page of summaries and the total count
     */
    @GET
    @Allowed(Operation.APPEAL_SEARCH)
    public PageJson<AppealSummaryJson> search(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("channel") String channel, @QueryParam("region") String region,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String text,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit, @QueryParam("body") String body,
            @Context SecurityContext security) {
        AppealQuery q = query(status, kind, channel, region, from, to, text, offset, limit, body, 20);
        AccessRules.Caller caller = callers.of(security);
        // A confidential appeal's text is searched only where the caller sees it (Art. 10; AccessRules.scoped).
        Page<Appeal> page = appeals.search(AccessRules.scoped(caller, q));
        List<AppealSummaryJson> items = new ArrayList<>();
        boolean personal = false;
        for (Appeal a : page.items()) {
            boolean sees = AccessRules.seesPersonalData(caller, a);
            personal |= sees;
            items.add(AppealSummaryJson.of(sees ? a : AccessRules.masked(a)));
        }
        if (personal) {
            callers.record(caller, AuditAction.SEARCH, null, "GET /appeals " + page.items().size() + " of "
                    + page.total());
        }
        return new PageJson<>(items, page.total(), page.offset(), page.limit());
    }

    /** The search's parameters, each checked; every bad one named in one 400. */
    private static AppealQuery query(String status, String kind, String channel, String region, String from,
            String to, String text, String offset, String limit, String body, int defaultLimit) {
        List<FieldError> errors = new ArrayList<>();
        AppealQuery q = new AppealQuery(
                Params.parseEnum(errors, "status", status, AppealStatus::valueOf, AppealStatus.values()),
                Params.parseEnum(errors, "kind", kind, AppealKind::valueOf, AppealKind.values()),
                Params.parseEnum(errors, "channel", channel, Channel::valueOf, Channel.values()),
                Params.blankToNull(region), Params.parseTime(errors, "from", from, false, ZoneOffset.UTC),
                Params.parseTime(errors, "to", to, true, ZoneOffset.UTC), Params.blankToNull(text),
                Params.parseOffset(errors, "offset", offset),
                Params.parseLimit(errors, "limit", limit, defaultLimit, AppealQuery.MAX_LIMIT),
                Params.blankToNull(body));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return q;
    }

    /** The columns of an exported list: the search's summary and the applicant, masked as in every other view. */
    static final List<String> EXPORT_COLUMNS = List.of("id", "registrationNumber", "node", "region", "kind",
            "channel", "status", "topic", "body", "registeredAt", "dueDate", "priority", "confidential",
            "applicantType", "applicantName", "applicantAddress", "applicantEmail", "applicantPhone", "text");

    /**
     * Exports one page of a search as CSV (UTF-8 with a BOM): the same parameters, scope and masking as
     * {@code GET /appeals}, the page up to {@link AppealQuery#MAX_LIMIT} (default the largest), the total in the
     * header {@code X-Total-Count}. Every export is in the audit log as {@link AuditAction#EXPORT}: the parameters
     * (the search text only as its length: it may be a name) and the count, never the appeals' data.
     *
     * @return 200 text/csv
     */
    @GET
    @Path("/export")
    // JSON too: a client that asks for JSON only (Accept) still gets the CSV it asked for by the path, not a 406;
    // the errors are JSON as everywhere.
    @Produces({Analysis.TEXT_CSV, MediaType.APPLICATION_JSON})
    @Allowed(Operation.APPEAL_SEARCH)
    public Response export(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("channel") String channel, @QueryParam("region") String region,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String text,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit, @QueryParam("body") String body,
            @Context SecurityContext security) {
        AppealQuery q = query(status, kind, channel, region, from, to, text, offset, limit, body,
                AppealQuery.MAX_LIMIT);
        AccessRules.Caller caller = callers.of(security);
        AppealQuery scoped = AccessRules.scoped(caller, q);
        Page<Appeal> page = appeals.search(scoped);
        byte[] csv = Analysis.csv(EXPORT_COLUMNS, out -> {
            for (Appeal found : page.items()) {
                Appeal a = AccessRules.view(caller, found);
                ua.gov.nsoz.api.Applicant ap = a.applicant();
                out.printRecord(a.id(), a.registrationNumber(), a.node(), nz(a.region()), a.kind(), a.channel(),
                        a.status(), Analysis.text(a.topic()), nz(a.processing().body()), a.registeredAt(),
                        a.processing().dueDate() == null ? "" : a.processing().dueDate(), a.processing().priority(),
                        a.confidential(), ap == null || ap.type() == null ? "" : ap.type(),
                        ap == null ? "" : Analysis.text(ap.fullName()), ap == null ? "" : Analysis.text(ap.address()),
                        ap == null ? "" : Analysis.text(ap.email()), ap == null ? "" : Analysis.text(ap.phone()),
                        Analysis.text(a.text()));
            }
        });
        callers.record(caller, AuditAction.EXPORT, null, "GET /appeals/export " + describe(scoped) + " -> "
                + page.items().size() + " of " + page.total());
        return Response.fromResponse(Analysis.csvAnswer(csv, "appeals.csv"))
                .header("X-Total-Count", page.total()).build();
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    /** @return the search's parameters for the audit log; the free text only as its length (it may be a name) */
    static String describe(AppealQuery q) {
        StringBuilder sb = new StringBuilder();
        java.util.function.BiConsumer<String, Object> add = (k, v) -> {
            if (v != null) {
                sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v);
            }
        };
        add.accept("status", q.status());
        add.accept("kind", q.kind());
        add.accept("channel", q.channel());
        add.accept("region", q.region());
        add.accept("from", q.from());
        add.accept("to", q.to());
        add.accept("q", q.text() == null ? null : "(" + q.text().length() + " chars)");
        add.accept("body", q.body());
        add.accept("node", q.node());
        add.accept("offset", q.offset());
        add.accept("limit", q.limit());
        return sb.toString();
    }
}
