package ua.gov.nsoz.rest.internal;

import ua.gov.nsoz.api.access.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.CompetenceRouter;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/reference}: the directory of executive bodies, the topic classifier, the applicant categories and
 * the competence rules this node routes by; {@code /api/v1/reference/route/{appeal}}: which body the router
 * proposes for an appeal, and why (R3).
 */
@Component(service = RestResource.class)
@Path("/reference")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceResource implements RestResource {

    /** What the node holds. */
    record SummaryJson(String version, int bodies, int topics, int categories, int rules) {
    }

    /** A list with the data's version. */
    record ListJson<T>(String version, List<T> items) {
    }

    /** One body, absent fields left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BodyJson(String code, String kind, String nameUk, String nameEn, String region, String parentCode,
            String email, String phone, String address) {
        static BodyJson of(Body b) {
            return new BodyJson(b.code(), b.kind().name(), b.nameUk(), b.nameEn(), b.region(), b.parentCode(),
                    b.email(), b.phone(), b.address());
        }
    }

    /** One topic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TopicJson(String code, String nameUk, String nameEn, String parentCode) {
        static TopicJson of(Topic t) {
            return new TopicJson(t.code(), t.nameUk(), t.nameEn(), t.parentCode());
        }
    }

    /** One rule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RuleJson(String id, int order, String topicCode, String region, String addresseeContains, String bodyCode,
            String reasonUk, String reasonEn) {
        static RuleJson of(RoutingRule r) {
            return new RuleJson(r.id(), r.order(), r.topicCode(), r.region(), r.addresseeContains(), r.bodyCode(),
                    r.reasonUk(), r.reasonEn());
        }
    }

    /** The router's proposal. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RouteJson(String appealId, String registrationNumber, BodyJson body, String reasonUk, String reasonEn,
            List<String> trace) {
    }

    /** Who may edit the reference data (at the center). */

    /** The edits in effect. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EditsJson(String version, long revision, java.time.Instant editedAt, String editedBy, List<BodyJson> bodies,
            List<RuleJson> rules, List<String> removedRules, List<PublicReferenceResource.EntryJson> entries,
            List<String> removedEntries) {
        static EditsJson of(String version, ua.gov.nsoz.api.reference.ReferenceEdits e) {
            return new EditsJson(version, e.revision(), e.editedAt(), e.editedBy(),
                    e.bodies().stream().map(BodyJson::of).toList(), e.rules().stream().map(RuleJson::of).toList(),
                    e.removedRules(), e.entries().stream().map(PublicReferenceResource.EntryJson::of).toList(),
                    e.removedEntries());
        }
    }

    /** An entry of the reference base as the admin sends it (R17). */
    record EntryInput(String type, String code, String nameUk, String nameEn, String region, String phone,
            String email, String address, String scheduleUk, String scheduleEn, String url, String descriptionUk,
            String descriptionEn, String bodyCode, Boolean example) {
    }

    private final ReferenceData data;
    private final CompetenceRouter router;
    private final AppealService appeals;
    private final Callers callers;
    private final ua.gov.nsoz.api.reference.ReferenceAdmin admin;

    /**
     * @param data the reference data
     * @param router proposes the competent body
     * @param appeals finds the appeal to route
     * @param admin edits the reference data
     * @param callers the scope rules at this node
     */
    @Activate
    public ReferenceResource(@Reference ReferenceData data, @Reference CompetenceRouter router,
            @Reference AppealService appeals, @Reference ua.gov.nsoz.api.reference.ReferenceAdmin admin,
            @Reference Callers callers) {
        this.callers = callers;
        this.data = data;
        this.router = router;
        this.appeals = appeals;
        this.admin = admin;
    }

    /** @return the center's edits in effect on this node (revision 0: none) */
    @GET
    @Path("/edits")
    @Allowed(Operation.REFERENCE_READ)
    public EditsJson edits() {
        return EditsJson.of(data.version(), admin.edits());
    }

    /**
     * Adds a body or replaces the one with this code (at the center, role nsoz-admin); replicated to the regions.
     *
     * @param code the body's code
     * @param b the body
     * @param security who is calling
     * @return the edits after it
     */
    @javax.ws.rs.PUT
    @Path("/bodies/{code}")
    @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.REFERENCE_EDIT)
    public EditsJson putBody(@javax.ws.rs.PathParam("code") String code, BodyJson b,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        String actor = editor(security);
        if (b == null) {
            throw new ua.gov.nsoz.api.ValidationException(List.of(new ua.gov.nsoz.api.FieldError("body",
                    "Очікується JSON-об'єкт органу / Expected a JSON object describing the body")));
        }
        if (b.code() != null && !b.code().equals(code)) {
            throw invalid("code", "Код у шляху і в тілі різні / The code in the path and in the body differ");
        }
        ua.gov.nsoz.api.reference.BodyKind kind;
        try {
            kind = b.kind() == null ? null : ua.gov.nsoz.api.reference.BodyKind.valueOf(b.kind());
        } catch (IllegalArgumentException e) {
            throw invalid("kind", "Невідомий вид органу / Unknown kind; expected one of "
                    + java.util.Arrays.toString(ua.gov.nsoz.api.reference.BodyKind.values()));
        }
        return EditsJson.of(data.version(), edit(() -> admin.putBody(new Body(code, kind, b.nameUk(), b.nameEn(),
                b.region(), b.parentCode(), b.email(), b.phone(), b.address()), actor)));
    }

    /**
     * Adds a routing rule or replaces the one with this id (at the center, role nsoz-admin); replicated.
     *
     * @param id the rule's id
     * @param r the rule
     * @param security who is calling
     * @return the edits after it
     */
    @javax.ws.rs.PUT
    @Path("/rules/{id}")
    @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.REFERENCE_EDIT)
    public EditsJson putRule(@javax.ws.rs.PathParam("id") String id, RuleJson r,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        String actor = editor(security);
        if (r == null) {
            throw invalid("body", "Очікується JSON-об'єкт правила / Expected a JSON object describing the rule");
        }
        if (r.id() != null && !r.id().equals(id)) {
            throw invalid("id", "Ідентифікатор у шляху і в тілі різні / The id in the path and in the body differ");
        }
        return EditsJson.of(data.version(), edit(() -> admin.putRule(new RoutingRule(id, r.order(), r.topicCode(),
                r.region(), r.addresseeContains(), r.bodyCode(), r.reasonUk(), r.reasonEn()), actor)));
    }

    /**
     * Takes a routing rule out (at the center, role nsoz-admin); replicated.
     *
     * @param id the rule's id
     * @param security who is calling
     * @return the edits after it
     */
    @javax.ws.rs.DELETE
    @Path("/rules/{id}")
    @Allowed(Operation.REFERENCE_EDIT)
    public EditsJson removeRule(@javax.ws.rs.PathParam("id") String id,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        String actor = editor(security);
        return EditsJson.of(data.version(), edit(() -> admin.removeRule(id, actor)));
    }

    /**
     * Adds an entry of the reference base (a contact center, hotline or administrative service) or replaces the one
     * with this code (at the center, role nsoz-admin); replicated to the regions.
     *
     * @param code the entry's code
     * @param in the entry
     * @param security who is calling
     * @return the edits after it
     */
    @javax.ws.rs.PUT
    @Path("/entries/{code}")
    @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.REFERENCE_EDIT)
    public EditsJson putEntry(@javax.ws.rs.PathParam("code") String code, EntryInput in,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        String actor = editor(security);
        if (in == null) {
            throw invalid("body", "Очікується JSON-об'єкт запису / Expected a JSON object describing the entry");
        }
        if (in.code() != null && !in.code().equals(code)) {
            throw invalid("code", "Код у шляху і в тілі різні / The code in the path and in the body differ");
        }
        ua.gov.nsoz.api.reference.ReferenceEntryType type;
        try {
            type = in.type() == null ? null : ua.gov.nsoz.api.reference.ReferenceEntryType.valueOf(in.type());
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || type == ua.gov.nsoz.api.reference.ReferenceEntryType.BODY) {
            throw invalid("type", "Очікується CONTACT_CENTER, HOTLINE або SERVICE (орган редагують через "
                    + "/reference/bodies) / Expected CONTACT_CENTER, HOTLINE or SERVICE (a body is edited at "
                    + "/reference/bodies)");
        }
        ua.gov.nsoz.api.reference.ReferenceEntry entry = new ua.gov.nsoz.api.reference.ReferenceEntry(type, code,
                in.nameUk(), in.nameEn(), in.region(), in.phone(), in.email(), in.address(), in.scheduleUk(),
                in.scheduleEn(), in.url(), in.descriptionUk(), in.descriptionEn(), in.bodyCode(),
                Boolean.TRUE.equals(in.example()));
        return EditsJson.of(data.version(), edit(() -> admin.putEntry(entry, actor)));
    }

    /**
     * Takes an entry of the reference base out (at the center, role nsoz-admin); replicated.
     *
     * @param code the entry's code
     * @param security who is calling
     * @return the edits after it
     */
    @javax.ws.rs.DELETE
    @Path("/entries/{code}")
    @Allowed(Operation.REFERENCE_EDIT)
    public EditsJson removeEntry(@javax.ws.rs.PathParam("code") String code,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        String actor = editor(security);
        return EditsJson.of(data.version(), edit(() -> admin.removeEntry(code, actor)));
    }

    /** @return the editing user ({@link Authorize} has checked the role, REFERENCE_EDIT) */
    private static String editor(javax.ws.rs.core.SecurityContext security) {
        return Callers.actor(security).name();
    }

    /** Runs an edit: a check that fails is a 400 naming it, a region a 409. */
    private static ua.gov.nsoz.api.reference.ReferenceEdits edit(
            java.util.function.Supplier<ua.gov.nsoz.api.reference.ReferenceEdits> edit) {
        try {
            return edit.get();
        } catch (IllegalStateException e) {
            throw new javax.ws.rs.ClientErrorException(e.getMessage(), 409);
        } catch (IllegalArgumentException e) {
            throw invalid("body", e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            throw new javax.ws.rs.NotFoundException(e.getMessage());
        }
    }

    private static ua.gov.nsoz.api.ValidationException invalid(String field, String message) {
        return new ua.gov.nsoz.api.ValidationException(List.of(new ua.gov.nsoz.api.FieldError(field, message)));
    }

    /** @return the data's version and sizes */
    @GET
    @Allowed(Operation.REFERENCE_READ)
    public SummaryJson summary() {
        return new SummaryJson(data.version(), data.bodies().size(), data.topics().size(), data.categories().size(),
                data.rules().size());
    }

    /**
     * @param region only the bodies of this region (e.g. UA-46) and the national ones; all if absent
     * @return the directory of executive bodies
     */
    @GET
    @Path("/bodies")
    @Allowed(Operation.REFERENCE_READ)
    public ListJson<BodyJson> bodies(@QueryParam("region") String region) {
        return new ListJson<>(data.version(), data.bodies().stream()
                .filter(b -> region == null || region.isBlank() || b.region() == null || region.equals(b.region()))
                .map(BodyJson::of).toList());
    }

    /** @return the topic classifier (CMU resolution No. 858, a subset) */
    @GET
    @Path("/topics")
    @Allowed(Operation.REFERENCE_READ)
    public ListJson<TopicJson> topics() {
        return new ListJson<>(data.version(), data.topics().stream().map(TopicJson::of).toList());
    }

    /** @return the applicant categories; {@code priority} ones are considered first (Art. 15, 22) */
    @GET
    @Path("/categories")
    @Allowed(Operation.REFERENCE_READ)
    public ListJson<ApplicantCategory> categories() {
        return new ListJson<>(data.version(), data.categories());
    }

    /** @return the competence rules, in the order they are tried */
    @GET
    @Path("/rules")
    @Allowed(Operation.REFERENCE_READ)
    public ListJson<RuleJson> rules() {
        return new ListJson<>(data.version(), data.rules().stream().map(RuleJson::of).toList());
    }

    /**
     * @param id an appeal id or registration number
     * @return the body the router proposes, its reason, and every rule it considered
     */
    @GET
    @Path("/route/{id}")
    @Allowed(Operation.APPEAL_READ)
    public RouteJson route(@PathParam("id") String id,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext security) {
        Appeal a = AppealResource.found(appeals, id);
        callers.requireScope(callers.of(security), a, "GET /reference/route/{id}");
        CompetenceRouter.Route r = router.route(a);
        return new RouteJson(a.id(), a.registrationNumber(), r.body().map(BodyJson::of).orElse(null), r.reasonUk(),
                r.reasonEn(), r.trace());
    }
}
