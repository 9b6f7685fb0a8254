package ua.gov.nsoz.rest.internal;

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

    private final ReferenceData data;
    private final CompetenceRouter router;
    private final AppealService appeals;

    /**
     * @param data the reference data
     * @param router proposes the competent body
     * @param appeals finds the appeal to route
     */
    @Activate
    public ReferenceResource(@Reference ReferenceData data, @Reference CompetenceRouter router,
            @Reference AppealService appeals) {
        this.data = data;
        this.router = router;
        this.appeals = appeals;
    }

    /** @return the data's version and sizes */
    @GET
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
    public ListJson<BodyJson> bodies(@QueryParam("region") String region) {
        return new ListJson<>(data.version(), data.bodies().stream()
                .filter(b -> region == null || region.isBlank() || b.region() == null || region.equals(b.region()))
                .map(BodyJson::of).toList());
    }

    /** @return the topic classifier (CMU resolution No. 858, a subset) */
    @GET
    @Path("/topics")
    public ListJson<TopicJson> topics() {
        return new ListJson<>(data.version(), data.topics().stream().map(TopicJson::of).toList());
    }

    /** @return the applicant categories; {@code priority} ones are considered first (Art. 15, 22) */
    @GET
    @Path("/categories")
    public ListJson<ApplicantCategory> categories() {
        return new ListJson<>(data.version(), data.categories());
    }

    /** @return the competence rules, in the order they are tried */
    @GET
    @Path("/rules")
    public ListJson<RuleJson> rules() {
        return new ListJson<>(data.version(), data.rules().stream().map(RuleJson::of).toList());
    }

    /**
     * @param id an appeal id or registration number
     * @return the body the router proposes, its reason, and every rule it considered
     */
    @GET
    @Path("/route/{id}")
    public RouteJson route(@PathParam("id") String id) {
        Appeal a = AppealResource.found(appeals, id);
        CompetenceRouter.Route r = router.route(a);
        return new RouteJson(a.id(), a.registrationNumber(), r.body().map(BodyJson::of).orElse(null), r.reasonUk(),
                r.reasonEn(), r.trace());
    }
}
