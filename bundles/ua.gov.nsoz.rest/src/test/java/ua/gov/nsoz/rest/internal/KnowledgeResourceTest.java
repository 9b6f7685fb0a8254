package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import javax.ws.rs.ClientErrorException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.ArticleDraft;
import ua.gov.nsoz.api.knowledge.ArticleHit;
import ua.gov.nsoz.api.knowledge.CenterEditsException;
import ua.gov.nsoz.api.knowledge.KnowledgeBase;

/** {@code /knowledge/articles}: search, read, write and withdraw at the center; a region answers 409. */
@DisplayName("REST: the knowledge base is searched by everyone who may read it and edited at the center")
class KnowledgeResourceTest {

    /** A knowledge base in a map: the resource's own logic is tested here, the search in the knowledge bundle. */
    static final class FakeBase implements KnowledgeBase {
        final Map<String, Article> articles = new TreeMap<>();
        boolean center = true;
        final List<Object> searched = new ArrayList<>();

        @Override
        public List<ArticleHit> search(String query, String topic, int limit) {
            searched.add(query);
            searched.add(topic);
            searched.add(limit);
            return articles.values().stream().filter(a -> !a.withdrawn())
                    .map(a -> new ArticleHit(a, "<mark>" + a.title() + "</mark>", 1.5f)).limit(limit).toList();
        }

        @Override
        public Optional<Article> get(String code) {
            return Optional.ofNullable(articles.get(code));
        }

        @Override
        public Article put(String code, ArticleDraft d, String actor) {
            if (!center) {
                throw new CenterEditsException("Статті пише центр (ucc) / The center (ucc) writes articles");
            }
            if (d.title() == null || d.title().isBlank()) {
                throw new ValidationException(List.of(new ua.gov.nsoz.api.FieldError("title", "required")));
            }
            long v = get(code).map(Article::version).orElse(0L) + 1;
            Article a = new Article(code, d.title(), d.body(), d.topics(), v, Instant.parse("2026-12-01T10:00:00Z"),
                    actor, false);
            articles.put(code, a);
            return a;
        }

        @Override
        public Article withdraw(String code, String actor) {
            if (!center) {
                throw new CenterEditsException("Статті пише центр (ucc) / The center (ucc) writes articles");
            }
            Article c = get(code).orElseThrow(NoSuchElementException::new);
            Article a = new Article(code, c.title(), c.body(), c.topics(), c.version() + 1, c.updatedAt(), actor, true);
            articles.put(code, a);
            return a;
        }

        @Override
        public boolean apply(Article article) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Article> all() {
            return List.copyOf(articles.values());
        }
    }

    final FakeBase kb = new FakeBase();
    final KnowledgeResource resource = new KnowledgeResource(kb);

    static KnowledgeResource.ArticleInput input(String title) {
        return new KnowledgeResource.ArticleInput(title, "Пенсія перераховується автоматично.", List.of("01.02"));
    }

    @Test
    @DisplayName("reading and searching need KNOWLEDGE_READ; writing and withdrawing KNOWLEDGE_EDIT")
    void allowed() {
        Map<String, Operation> expected = Map.of("search", Operation.KNOWLEDGE_READ, "get", Operation.KNOWLEDGE_READ,
                "put", Operation.KNOWLEDGE_EDIT, "withdraw", Operation.KNOWLEDGE_EDIT);
        for (Map.Entry<String, Operation> e : expected.entrySet()) {
            java.lang.reflect.Method m = java.util.Arrays.stream(KnowledgeResource.class.getMethods())
                    .filter(x -> x.getName().equals(e.getKey())).findFirst().orElseThrow();
            assertEquals(e.getValue(), m.getAnnotation(Allowed.class).value(), e.getKey());
        }
    }

    @Test
    @DisplayName("PUT writes: 201 for a new article, 200 for a new version, the writer named")
    void put() {
        Response r = resource.put("PENSION-RECALC", input("Перерахунок пенсії"), null);
        assertEquals(201, r.getStatus());
        assertEquals("/api/v1/knowledge/articles/PENSION-RECALC", r.getLocation().toString());
        KnowledgeResource.ArticleJson a = (KnowledgeResource.ArticleJson) r.getEntity();
        assertEquals(1, a.version());
        assertEquals("anonymous", a.updatedBy());
        Response again = resource.put("PENSION-RECALC", input("Перерахунок пенсій"), null);
        assertEquals(200, again.getStatus());
        assertEquals(2, ((KnowledgeResource.ArticleJson) again.getEntity()).version());
        assertEquals("body", assertThrows(ValidationException.class, () -> resource.put("X", null, null)).errors()
                .get(0).field());
    }

    @Test
    @DisplayName("GET one article, 404 for an unknown code; search passes q, topic and limit, default 20")
    void getAndSearch() {
        resource.put("PENSION-RECALC", input("Перерахунок пенсії"), null);
        assertEquals("Перерахунок пенсії", resource.get("PENSION-RECALC").title());
        assertThrows(NotFoundException.class, () -> resource.get("NO-SUCH"));
        KnowledgeResource.SearchJson s = resource.search("пенсіями", "01.02", null);
        assertEquals(1, s.count());
        assertEquals("<mark>Перерахунок пенсії</mark>", s.items().get(0).snippet());
        assertEquals(List.of("пенсіями", "01.02", 20), kb.searched);
        KnowledgeResource.SearchJson blank = resource.search(" ", "", "5");
        assertNull(blank.q());
        assertNull(blank.topic());
        assertEquals(5, kb.searched.get(5));
    }

    @Test
    @DisplayName("a limit out of 1..100 or a query over 500 characters is a 400 naming the field")
    void searchRefused() {
        assertEquals("limit", assertThrows(ValidationException.class, () -> resource.search("a", null, "0"))
                .errors().get(0).field());
        assertEquals("limit", assertThrows(ValidationException.class, () -> resource.search("a", null, "x"))
                .errors().get(0).field());
        assertEquals("q", assertThrows(ValidationException.class, () -> resource.search("а".repeat(501), null,
                null)).errors().get(0).field());
        assertTrue(kb.searched.isEmpty());
    }

    @Test
    @DisplayName("DELETE withdraws; an unknown article is a 404")
    void withdraw() {
        resource.put("PENSION-RECALC", input("Перерахунок пенсії"), null);
        KnowledgeResource.ArticleJson w = resource.withdraw("PENSION-RECALC", null);
        assertTrue(w.withdrawn());
        assertEquals(2, w.version());
        assertThrows(NotFoundException.class, () -> resource.withdraw("NO-SUCH", null));
    }

    @Test
    @DisplayName("a region answers 409 saying the center edits")
    void regionConflict() {
        kb.center = false;
        ClientErrorException put = assertThrows(ClientErrorException.class,
                () -> resource.put("PENSION-RECALC", input("Перерахунок пенсії"), null));
        assertEquals(409, put.getResponse().getStatus());
        assertTrue(put.getMessage().contains("центр") && put.getMessage().contains("center"), put.getMessage());
        assertEquals(409, assertThrows(ClientErrorException.class, () -> resource.withdraw("X", null)).getResponse()
                .getStatus());
    }

    @Test
    @DisplayName("without the knowledge base the resource answers 503")
    void absent() {
        assertThrows(ServiceUnavailableException.class, () -> new KnowledgeResource().search("a", null, null));
    }
}
