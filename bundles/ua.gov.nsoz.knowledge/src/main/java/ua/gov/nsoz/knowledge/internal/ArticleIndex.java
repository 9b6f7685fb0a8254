package ua.gov.nsoz.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import ua.gov.nsoz.api.knowledge.Article;

/**
 * The search index of the articles in force: Lucene in memory ({@link ByteBuffersDirectory}), filled by the caller
 * from the table (all of it at start, then what changed), with Lucene's Ukrainian analyzer (Morfologik and the
 * dictionary of the Ukrainian language's word forms of ua.net.nlp: every form is indexed and searched as its lemma, so
 * «пенсії» finds «пенсія»).
 * Thread-safe: writes are serialized by the caller, searches go through a {@link SearcherManager}.
 */
final class ArticleIndex implements AutoCloseable {

    /** How many characters of the text a snippet shows around the first word matched. */
    static final int SNIPPET = 240;

    private static final String CODE = "code";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String TOPIC = "topic";

    private final Analyzer analyzer;
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** One hit: the article's code, its score and the terms (lemmas) the query looked for. */
    record Hit(String code, float score, Set<String> terms) {
    }

    ArticleIndex() {
        // The analyzer and its dictionary are found through this bundle's class loader (the jars ride inside it).
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ArticleIndex.class.getClassLoader());
        try {
            this.analyzer = new UkrainianMorfologikAnalyzer();
            this.writer = new IndexWriter(dir, new IndexWriterConfig(analyzer));
            this.writer.commit();
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the knowledge index", e);
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
    }

    /** Puts an article's current version in the index, or takes it out if it is withdrawn. */
    void put(Article a) {
        update(List.of(a), List.of());
    }

    /**
     * Puts articles' current versions in the index (a withdrawn one is taken out) and takes out the articles of some
     * codes, in one commit.
     *
     * @param articles the versions to index
     * @param gone codes whose articles are no longer in the table
     */
    void update(Collection<Article> articles, Collection<String> gone) {
        String at = null;
        try {
            for (Article a : articles) {
                at = a.code();
                if (a.withdrawn()) {
                    writer.deleteDocuments(new Term(CODE, a.code()));
                } else {
                    Document d = new Document();
                    d.add(new StringField(CODE, a.code(), Field.Store.YES));
                    d.add(new TextField(TITLE, a.title(), Field.Store.NO));
                    d.add(new TextField(BODY, a.body(), Field.Store.NO));
                    for (String t : a.topics()) {
                        d.add(new StringField(TOPIC, t, Field.Store.NO));
                    }
                    writer.updateDocument(new Term(CODE, a.code()), d);
                }
            }
            for (String code : gone) {
                at = code;
                writer.deleteDocuments(new Term(CODE, code));
            }
            at = null;
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(at == null ? "Cannot commit the knowledge index"
                    : "Cannot index article " + at, e);
        }
    }

    /**
     * @param query words in any form (blank: every article)
     * @param topic a topic code the article must name, or null
     * @param limit at most this many
     * @return the hits, best first
     */
    List<Hit> search(String query, String topic, int limit) {
        Set<String> terms = terms(query == null ? "" : query);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        if (terms.isEmpty()) {
            q.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        } else {
            BooleanQuery.Builder words = new BooleanQuery.Builder();
            for (String t : terms) {
                words.add(new BoostQuery(new TermQuery(new Term(TITLE, t)), 2f), BooleanClause.Occur.SHOULD);
                words.add(new TermQuery(new Term(BODY, t)), BooleanClause.Occur.SHOULD);
            }
            q.add(words.build(), BooleanClause.Occur.MUST);
        }
        if (topic != null && !topic.isBlank()) {
            q.add(new TermQuery(new Term(TOPIC, topic.strip())), BooleanClause.Occur.FILTER);
        }
        Query built = q.build();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(built, limit);
                List<Hit> hits = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    hits.add(new Hit(s.storedFields().document(sd.doc).get(CODE), sd.score, terms));
                }
                return hits;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the knowledge index", e);
        }
    }

    /** @return the terms (lemmas, lower case, no stop words) the analyzer makes of a text */
    Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A part of a text around the first word that is one of the terms, every such word in it marked
     * {@code <mark>…</mark>}, the rest HTML-escaped.
     *
     * @param text the article's text
     * @param terms the query's terms
     * @return the snippet
     */
    String snippet(String text, Set<String> terms) {
        Map<Integer, Integer> marks = new TreeMap<>(); // start offset -> end offset
        if (!terms.isEmpty()) {
            try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (terms.contains(term.toString())) {
                        marks.merge(off.startOffset(), off.endOffset(), Math::max);
                    }
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int first = marks.isEmpty() ? 0 : marks.keySet().iterator().next();
        int from = Math.max(0, first - SNIPPET / 3);
        if (from > 0) {
            int space = text.indexOf(' ', from);
            from = space >= 0 && space < first ? space + 1 : from;
        }
        int to = Math.min(text.length(), from + SNIPPET);
        if (to < text.length()) {
            int space = text.lastIndexOf(' ', to);
            to = space > from ? space : to;
        }
        StringBuilder out = new StringBuilder();
        if (from > 0) {
            out.append('…');
        }
        int at = from;
        for (Map.Entry<Integer, Integer> m : marks.entrySet()) {
            int s = m.getKey();
            int e = Math.min(m.getValue(), to);
            if (s < at || s >= to) {
                continue;
            }
            escape(text.substring(at, s), out);
            out.append("<mark>");
            escape(text.substring(s, e), out);
            out.append("</mark>");
            at = e;
        }
        escape(text.substring(at, to), out);
        if (to < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    /** @return how many articles are in the index */
    int size() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Comparator<Article> byTitle() {
        return Comparator.comparing(Article::title, String.CASE_INSENSITIVE_ORDER).thenComparing(Article::code);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            analyzer.close();
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
