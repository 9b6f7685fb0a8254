package ua.gov.nsoz.knowledge.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.ArticleDraft;
import ua.gov.nsoz.api.knowledge.ArticleHit;
import ua.gov.nsoz.api.knowledge.CenterEditsException;
import ua.gov.nsoz.api.knowledge.KnowledgeBase;

/**
 * The knowledge base (docs/knowledge.md): articles in the node's database (table {@code knowledge_article}, the
 * truth), searched through a Lucene index in memory that is built from the table when the component starts, kept up
 * to date by this node's writes, and brought up to date with the table before every search: the other node of a
 * center on the same database (docs/center-cluster.md) writes the same table, and what it wrote or withdrew is
 * indexed here at this node's next search. The index remembers which version of each article it holds; a search
 * compares that with the versions in the table (the rows it reads anyway) and re-indexes what differs. The center
 * writes; every region takes the center's versions ({@link #apply}); a later version wins, the same one again is a
 * no-op. This node's writes, and a search that finds the index behind the table, hold the write lock over the table
 * and the index, any other read the read lock: a search answers from the rows it read and an index that holds exactly
 * their versions.
 */
@Component(service = KnowledgeBase.class, immediate = true, property = "dataSource.target=(dataSourceName=nsoz)")
public class KnowledgeBaseImpl implements KnowledgeBase {

    /** The most hits one search returns. */
    static final int MAX_LIMIT = 100;
    /** The most topics one article names. */
    static final int MAX_TOPICS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseImpl.class);
    private static final Pattern CODE = Pattern.compile(Article.CODE);
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private final ArticleTable table;
    private final ArticleIndex index;
    private final NodeIdentity node;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Code → the version of the article the index holds (a withdrawn one: kept out at that version); under lock. */
    private final Map<String, Long> indexed = new HashMap<>();

    /**
     * @param dataSource the node's DataSource
     * @param node this node (only the center writes)
     */
    @Activate
    public KnowledgeBaseImpl(@Reference(name = "dataSource") DataSource dataSource,
            @Reference(name = "node") NodeIdentity node) {
        this(dataSource, node, Clock.systemUTC());
    }

    KnowledgeBaseImpl(DataSource dataSource, NodeIdentity node, Clock clock) {
        ua.gov.nsoz.store.SchemaMigrations.migrate(dataSource, "ua/gov/nsoz/knowledge/internal/db/changelog.sql",
                KnowledgeBaseImpl.class.getClassLoader());
        this.table = new ArticleTable(dataSource);
        this.node = node;
        this.clock = clock;
        this.index = new ArticleIndex();
        long started = System.nanoTime();
        List<Article> all = table.all();
        catchUp(all);
        LOG.info("Knowledge base: {} articles, {} in force, indexed in {} ms", all.size(), index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** @param l a listener, as DS (or a test) adds it */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(Listener l) {
        listeners.add(l);
    }

    /** @param l a listener gone */
    void removeListener(Listener l) {
        listeners.remove(l);
    }

    @Deactivate
    void deactivate() {
        index.close();
    }

    @Override
    public List<ArticleHit> search(String query, String topic, int limit) {
        lock.readLock().lock();
        try {
            List<Article> rows = table.all();
            if (current(rows)) {
                return searchLocked(query, topic, limit, rows);
            }
        } finally {
            lock.readLock().unlock();
        }
        // The table changed behind the index (the center's other node wrote): catch up under the write lock (the read
        // lock cannot be upgraded), then search under the read lock taken before the write lock is let go.
        lock.writeLock().lock();
        List<Article> rows;
        try {
            rows = table.all();
            catchUp(rows);
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            return searchLocked(query, topic, limit, rows);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return whether the index holds exactly the versions of these rows (under either lock) */
    private boolean current(List<Article> rows) {
        if (rows.size() != indexed.size()) {
            return false;
        }
        for (Article a : rows) {
            Long v = indexed.get(a.code());
            if (v == null || v != a.version()) {
                return false;
            }
        }
        return true;
    }

    /** Brings the index to the versions of these rows, the table's (under the write lock, or in the constructor). */
    private void catchUp(List<Article> rows) {
        List<Article> changed = new ArrayList<>();
        Set<String> gone = new HashSet<>(indexed.keySet());
        for (Article a : rows) {
            gone.remove(a.code());
            Long v = indexed.get(a.code());
            if (v == null || v != a.version()) {
                changed.add(a);
            }
        }
        if (changed.isEmpty() && gone.isEmpty()) {
            return;
        }
        index.update(changed, gone);
        for (Article a : changed) {
            indexed.put(a.code(), a.version());
        }
        indexed.keySet().removeAll(gone);
        LOG.debug("Knowledge index caught up with the table: {} articles re-indexed, {} gone", changed.size(),
                gone.size());
    }

    private List<ArticleHit> searchLocked(String query, String topic, int limit, List<Article> rows) {
        int n = Math.max(1, Math.min(MAX_LIMIT, limit));
        String t = topic == null || topic.isBlank() ? null : topic.strip();
        Set<String> terms = index.terms(query == null ? "" : query);
        if (terms.isEmpty()) {
            // No words to look for: the articles in force by title.
            return rows.stream().filter(a -> !a.withdrawn())
                    .filter(a -> t == null || a.topics().contains(t)).sorted(ArticleIndex.byTitle()).limit(n)
                    .map(a -> new ArticleHit(a, index.snippet(a.body(), Set.of()), 0f)).toList();
        }
        List<ArticleIndex.Hit> hits = index.search(query, t, n);
        Map<String, Article> byCode = rows.stream()
                .collect(Collectors.toMap(Article::code, Function.identity()));
        List<ArticleHit> out = new ArrayList<>();
        for (ArticleIndex.Hit h : hits) {
            Article a = byCode.get(h.code());
            if (a != null && !a.withdrawn()) {
                out.add(new ArticleHit(a, index.snippet(a.body(), h.terms()), h.score()));
            }
        }
        return out;
    }

    @Override
    public Optional<Article> get(String code) {
        if (code == null) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            return table.get(code);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Article> all() {
        lock.readLock().lock();
        try {
            return table.all();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Article put(String code, ArticleDraft draft, String actor) {
        center("write");
        List<FieldError> errors = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            errors.add(new FieldError("code", "Код статті: латинські великі літери, цифри, дефіс, до 40 / Article "
                    + "code: upper-case Latin letters, digits, dashes, up to 40, starting with a letter"));
        }
        String title = draft == null || draft.title() == null ? "" : draft.title().strip();
        String body = draft == null || draft.body() == null ? "" : draft.body().strip();
        if (title.isEmpty() || title.length() > Article.MAX_TITLE) {
            errors.add(new FieldError("title", "Потрібна назва до " + Article.MAX_TITLE + " символів / A title of up "
                    + "to " + Article.MAX_TITLE + " characters is required"));
        }
        if (body.isEmpty() || body.length() > Article.MAX_BODY) {
            errors.add(new FieldError("body", "Потрібен текст до " + Article.MAX_BODY + " символів / A text of up to "
                    + Article.MAX_BODY + " characters is required"));
        }
        Set<String> topics = new LinkedHashSet<>();
        if (draft != null && draft.topics() != null) {
            for (String t : draft.topics()) {
                if (t == null || !TOPIC.matcher(t.strip()).matches()) {
                    errors.add(new FieldError("topics", "Код теми: латинські літери, цифри, крапка, дефіс / A topic "
                            + "code: Latin letters, digits, dots, dashes"));
                    break;
                }
                topics.add(t.strip());
            }
            if (topics.size() > MAX_TOPICS) {
                errors.add(new FieldError("topics", "Не більше " + MAX_TOPICS + " тем / At most " + MAX_TOPICS
                        + " topics"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Article a;
        lock.writeLock().lock();
        try {
            long version = table.get(code).map(Article::version).orElse(0L) + 1;
            a = write(new Article(code, title, body, List.copyOf(topics), version, now(), actor, false));
        } finally {
            lock.writeLock().unlock();
        }
        return told(a);
    }

    @Override
    public Article withdraw(String code, String actor) {
        center("withdraw");
        Article a;
        lock.writeLock().lock();
        try {
            Article current = table.get(code).orElseThrow(() -> new NoSuchElementException("No article " + code));
            if (current.withdrawn()) {
                return current;
            }
            a = write(new Article(code, current.title(), current.body(), current.topics(), current.version() + 1,
                    now(), actor, true));
        } finally {
            lock.writeLock().unlock();
        }
        return told(a);
    }

    /** Stores and indexes a version (under the write lock). */
    private Article write(Article a) {
        if (!table.store(a)) {
            throw new IllegalStateException("Article " + a.code() + " v" + a.version() + " was written meanwhile");
        }
        indexOne(a);
        return a;
    }

    /** Indexes a version this node has just stored, and remembers it (under the write lock). */
    private void indexOne(Article a) {
        index.put(a);
        indexed.put(a.code(), a.version());
    }

    /** Tells the listeners (outside the lock: the link's outbox is written there). */
    private Article told(Article a) {
        LOG.info("Article {} v{} {} by {}", a.code(), a.version(), a.withdrawn() ? "withdrawn" : "written",
                a.updatedBy());
        for (Listener l : listeners) {
            try {
                l.changed(a);
            } catch (RuntimeException e) {
                LOG.warn("A knowledge listener failed on article {} v{}", a.code(), a.version(), e);
            }
        }
        return a;
    }

    @Override
    public boolean apply(Article article) {
        if (!CODE.matcher(article.code()).matches()) {
            throw new IllegalArgumentException("Not an article code: " + article.code());
        }
        boolean stored;
        lock.writeLock().lock();
        try {
            stored = table.store(article);
            if (stored) {
                indexOne(article);
            }
        } finally {
            lock.writeLock().unlock();
        }
        LOG.info("Article {} v{} from the center: {}", article.code(), article.version(),
                stored ? "applied" : "not later than ours, kept ours");
        return stored;
    }

    private void center(String what) {
        if (node.role() != NodeRole.CENTRAL) {
            throw new CenterEditsException("Статті бази знань пише й відкликає центр (" + node.centerNodeId()
                    + "); регіон отримує їх від центру / The center (" + node.centerNodeId() + ") writes and "
                    + "withdraws knowledge articles; a region receives them from the center (cannot " + what
                    + " here)");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
