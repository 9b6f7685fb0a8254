package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import javax.ws.rs.ClientErrorException;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.ArticleDraft;
import ua.gov.nsoz.api.knowledge.ArticleHit;
import ua.gov.nsoz.api.knowledge.CenterEditsException;
import ua.gov.nsoz.api.knowledge.KnowledgeBase;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/knowledge/articles}: the knowledge base for answers at first contact (R4, R5; docs/knowledge.md).
 * Everyone with KNOWLEDGE_READ searches (any Ukrainian word form, snippets with the words found marked) and reads;
 * a supervisor at the center writes and withdraws (KNOWLEDGE_EDIT); a region answers 409: the center edits.
 */
@Component(service = RestResource.class)
@Path("/knowledge/articles")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeResource implements RestResource {

    /** Hits of a search when no limit is given. */
    static final int DEFAULT_LIMIT = 20;

    /** One article. */
    record ArticleJson(String code, String title, String body, List<String> topics, long version, Instant updatedAt,
            String updatedBy, boolean withdrawn) {
        static ArticleJson of(Article a) {
            return new ArticleJson(a.code(), a.title(), a.body(), a.topics(), a.version(), a.updatedAt(),
                    a.updatedBy(), a.withdrawn());
        }
    }

    /** One hit of a search: the article without its whole text, and a snippet of it. */
    record HitJson(String code, String title, List<String> topics, long version, Instant updatedAt, String snippet,
            float score) {
        static HitJson of(ArticleHit h) {
            Article a = h.article();
            return new HitJson(a.code(), a.title(), a.topics(), a.version(), a.updatedAt(), h.snippet(), h.score());
        }
    }

    /** What a search found. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchJson(String q, String topic, int count, List<HitJson> items) {
    }

    /** {@code PUT} body: the article's new text. */
    record ArticleInput(String title, String body, List<String> topics) {
    }

    /** The knowledge base: optional, so that the API starts (and answers 503 here) if its bundle cannot. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeBase knowledge;

    /** For DS. */
    public KnowledgeResource() {
    }

    /** @param knowledge the knowledge base (tests) */
    KnowledgeResource(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    private KnowledgeBase kb() {
        KnowledgeBase kb = knowledge;
        if (kb == null) {
            throw new ServiceUnavailableException("База знань недоступна на цьому вузлі / The knowledge base is not "
                    + "available on this node");
        }
        return kb;
    }

    /**
     * @param q words in any form (blank: the articles by title)
     * @param topic a topic code the articles must name
     * @param limit at most this many hits (1 to 100, default 20)
     * @return the articles in force that match, best first, each with a snippet (HTML: the words found in
     *         {@code <mark>}, the rest escaped)
     */
    @GET
    @Allowed(Operation.KNOWLEDGE_READ)
    public SearchJson search(@QueryParam("q") String q, @QueryParam("topic") String topic,
            @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        int n = Params.parseLimit(errors, "limit", limit, DEFAULT_LIMIT, 100);
        String query = Params.blankToNull(q);
        if (query != null && query.length() > 500) {
            errors.add(new FieldError("q", "Запит до 500 символів / A query of up to 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String t = Params.blankToNull(topic);
        List<HitJson> hits = kb().search(query, t, n).stream().map(HitJson::of).toList();
        return new SearchJson(query, t, hits.size(), hits);
    }

    /**
     * @param code an article code
     * @return the article, withdrawn or not; 404 if there is none
     */
    @GET
    @Path("/{code}")
    @Allowed(Operation.KNOWLEDGE_READ)
    public ArticleJson get(@PathParam("code") String code) {
        return ArticleJson.of(kb().get(code).orElseThrow(() -> notFound(code)));
    }

    /**
     * Writes an article (a new one, or a new version; a withdrawn one comes back in force); the center sends it to
     * every region.
     *
     * @param code the article code (upper-case Latin letters, digits, dashes)
     * @param input the text
     * @param security who writes
     * @return 201 with the article when it is new, else 200; 400 naming the fields; 409 at a region
     */
    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.KNOWLEDGE_EDIT)
    public Response put(@PathParam("code") String code, ArticleInput input, @Context SecurityContext security) {
        if (input == null) {
            throw new ValidationException(List.of(new FieldError("body", "Потрібне тіло запиту JSON з title, body / "
                    + "A JSON body with title and body is required")));
        }
        Article a = center(() -> kb().put(code, new ArticleDraft(input.title(), input.body(), input.topics()),
                Callers.actor(security).name()));
        ArticleJson body = ArticleJson.of(a);
        return a.version() == 1
                ? Response.created(URI.create("/api" + RestServer.ADDRESS + "/knowledge/articles/" + a.code()))
                        .entity(body).build()
                : Response.ok(body).build();
    }

    /**
     * Withdraws an article (kept, no longer found, not to be cited); withdrawing it again changes nothing.
     *
     * @param code the article code
     * @param security who withdraws
     * @return the withdrawn article; 404 if there is none; 409 at a region
     */
    @DELETE
    @Path("/{code}")
    @Allowed(Operation.KNOWLEDGE_EDIT)
    public ArticleJson withdraw(@PathParam("code") String code, @Context SecurityContext security) {
        try {
            return ArticleJson.of(center(() -> kb().withdraw(code, Callers.actor(security).name())));
        } catch (NoSuchElementException e) {
            throw notFound(code);
        }
    }

    private static Article center(java.util.function.Supplier<Article> edit) {
        try {
            return edit.get();
        } catch (CenterEditsException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
    }

    private static NotFoundException notFound(String code) {
        return new NotFoundException("Немає статті бази знань з таким кодом / No knowledge article has this code");
    }
}
