package ua.gov.nsoz.knowledge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.ArticleDraft;
import ua.gov.nsoz.api.knowledge.ArticleHit;
import ua.gov.nsoz.api.knowledge.CenterEditsException;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;

/** The knowledge base over a real database (Derby, or PostgreSQL) and the real Ukrainian analyzer (synthetic articles). */
class KnowledgeBaseImplTest {

    record Node(String nodeId, String code, String name, NodeRole role, String region, String centerNodeId,
            String softwareVersion, Instant startedAt) implements NodeIdentity {
    }

    static final Node UCC = new Node("ucc", "UCC", "Урядовий контактний центр", NodeRole.CENTRAL, null, "ucc", "1",
            Instant.now());
    static final Node LVIV = new Node("lviv", "LV", "Львів", NodeRole.REGIONAL, "UA-46", "ucc", "1", Instant.now());
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    TestDatabase db;
    DataSource ds;

    /** A fresh database of this run's engine (nsoz.test.db: Derby, or PostgreSQL, where the body is the clob domain). */
    @BeforeEach
    void open() {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        db = TestDatabases.create(dir, "knowledge-" + DATABASES.incrementAndGet());
        ds = db.dataSource();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    KnowledgeBaseImpl kb(Node node) {
        return new KnowledgeBaseImpl(ds, node, CLOCK);
    }

    static ArticleDraft pension() {
        return new ArticleDraft("Перерахунок пенсії", "Пенсія перераховується автоматично з 1 березня. Пенсійний "
                + "фонд надсилає повідомлення; звертатися до управління не потрібно.", List.of("TOPIC-01"));
    }

    @Test
    @DisplayName("A search in one word form finds an article written in another («пенсіями» → «пенсія»)")
    void wordForms() {
        KnowledgeBaseImpl kb = kb(UCC);
        kb.put("PENSION-RECALC", pension(), "supervisor");
        kb.put("SUBSIDY", new ArticleDraft("Житлова субсидія", "Субсидію призначають на опалювальний сезон.",
                List.of()), "supervisor");
        for (String q : List.of("пенсіями", "пенсії", "пенсію", "перерахунку", "ПЕНСІЙНОГО")) {
            List<ArticleHit> hits = kb.search(q, null, 10);
            assertEquals(1, hits.size(), q + ": " + hits);
            assertEquals("PENSION-RECALC", hits.get(0).article().code(), q);
        }
        assertEquals("SUBSIDY", kb.search("субсидії", null, 10).get(0).article().code());
        assertTrue(kb.search("автомобіль", null, 10).isEmpty());
    }

    @Test
    @DisplayName("The snippet marks the words found in their own form and escapes the rest")
    void snippet() {
        KnowledgeBaseImpl kb = kb(UCC);
        kb.put("ESCAPE", new ArticleDraft("Пенсія", "Про <script> & пенсії: пенсію отримують щомісяця.", null),
                "supervisor");
        String s = kb.search("пенсіями", null, 5).get(0).snippet();
        assertEquals("Про &lt;script&gt; &amp; <mark>пенсії</mark>: <mark>пенсію</mark> отримують щомісяця.", s);
    }

    @Test
    @DisplayName("A long text gives a snippet around the first word found, cut at spaces")
    void longSnippet() {
        KnowledgeBaseImpl kb = kb(UCC);
        String filler = "слово ".repeat(100);
        kb.put("LONG", new ArticleDraft("Довга", filler + "субсидія " + filler, null), "supervisor");
        String s = kb.search("субсидій", null, 5).get(0).snippet();
        assertTrue(s.startsWith("…слово") && s.endsWith("…") && s.contains("<mark>субсидія</mark>"), s);
        assertTrue(s.length() < ArticleIndex.SNIPPET + 30, s);
    }

    @Test
    @DisplayName("Topic filter, blank query by title, limit")
    void topicAndBlank() {
        KnowledgeBaseImpl kb = kb(UCC);
        kb.put("PENSION-RECALC", pension(), "supervisor");
        kb.put("B", new ArticleDraft("Ббб пенсія", "Пенсія інша.", List.of("TOPIC-02")), "supervisor");
        kb.put("A", new ArticleDraft("Ааа", "Текст.", List.of("TOPIC-02")), "supervisor");
        assertEquals(List.of("B"), codes(kb.search("пенсія", "TOPIC-02", 10)));
        assertEquals(List.of("A", "B", "PENSION-RECALC"), codes(kb.search("", null, 10)));
        assertEquals(List.of("A", "B"), codes(kb.search(" ", "TOPIC-02", 10)));
        assertEquals(1, kb.search("пенсія", null, 1).size());
    }

    @Test
    @DisplayName("A new version replaces the text in the index; a withdrawn article is not found but kept")
    void versionsAndWithdraw() {
        KnowledgeBaseImpl kb = kb(UCC);
        Article v1 = kb.put("PENSION-RECALC", pension(), "supervisor");
        assertEquals(1, v1.version());
        Article v2 = kb.put("PENSION-RECALC", new ArticleDraft("Субсидія", "Про субсидію.", null), "supervisor2");
        assertEquals(2, v2.version());
        assertEquals("supervisor2", v2.updatedBy());
        assertTrue(kb.search("пенсія", null, 5).isEmpty());
        assertEquals(1, kb.search("субсидії", null, 5).size());
        Article v3 = kb.withdraw("PENSION-RECALC", "supervisor");
        assertTrue(v3.withdrawn());
        assertEquals(3, v3.version());
        assertTrue(kb.search("субсидії", null, 5).isEmpty());
        assertTrue(kb.get("PENSION-RECALC").orElseThrow().withdrawn());
        assertEquals(v3, kb.withdraw("PENSION-RECALC", "supervisor"), "withdrawing again changes nothing");
        Article v4 = kb.put("PENSION-RECALC", pension(), "supervisor");
        assertFalse(v4.withdrawn());
        assertEquals(4, v4.version());
        assertThrows(NoSuchElementException.class, () -> kb.withdraw("NONE", "supervisor"));
    }

    @Test
    @DisplayName("The index is rebuilt from the table when the component starts again")
    void rebuiltAtStart() {
        kb(UCC).put("PENSION-RECALC", pension(), "supervisor");
        KnowledgeBaseImpl again = kb(UCC);
        assertEquals("PENSION-RECALC", again.search("пенсіями", null, 5).get(0).article().code());
    }

    @Test
    @DisplayName("Two center nodes on one database: what one writes, rewrites or withdraws is found, or no longer, by "
            + "the other's next search")
    void twoCenterNodes() {
        KnowledgeBaseImpl a = kb(UCC);
        KnowledgeBaseImpl b = kb(UCC); // started before A writes: its index was built from an empty table
        a.put("PENSION-RECALC", pension(), "supervisor");
        List<ArticleHit> found = b.search("пенсіями", null, 5);
        assertEquals(List.of("PENSION-RECALC"), codes(found));
        assertEquals(1, found.get(0).article().version());
        // a new version: its new word is found at B, the old one no longer
        a.put("PENSION-RECALC", new ArticleDraft("Житлова субсидія", "Субсидію призначають на опалювальний сезон.",
                null), "supervisor");
        found = b.search("субсидії", null, 5);
        assertEquals(List.of("PENSION-RECALC"), codes(found));
        assertEquals(2, found.get(0).article().version());
        assertTrue(found.get(0).snippet().contains("<mark>Субсидію</mark>"), found.get(0).snippet());
        assertTrue(b.search("пенсія", null, 5).isEmpty());
        // withdrawn at A: out of B's index, so it takes no place among B's hits (the title's word ranks it first)
        a.put("HEATING", new ArticleDraft("Опалення", "Хто має право на субсидію, читайте у статті про неї.", null),
                "supervisor");
        assertEquals(List.of("PENSION-RECALC", "HEATING"), codes(b.search("субсидія", null, 5)));
        a.withdraw("PENSION-RECALC", "supervisor");
        assertEquals(List.of("HEATING"), codes(b.search("субсидія", null, 1)));
        assertEquals(List.of("HEATING"), codes(b.search("", null, 5)));
        // and the other way round
        b.put("PENSION-RECALC", pension(), "supervisor2");
        found = a.search("пенсії", null, 5);
        assertEquals(List.of("PENSION-RECALC"), codes(found));
        assertEquals(4, found.get(0).article().version());
        assertEquals("supervisor2", found.get(0).article().updatedBy());
    }

    @Test
    @DisplayName("An article whose row is gone from the table leaves the index at the next search")
    void goneRow() throws Exception {
        KnowledgeBaseImpl kb = kb(UCC);
        kb.put("SUBSIDY", new ArticleDraft("Житлова субсидія", "Субсидію призначають на сезон.", null), "supervisor");
        kb.put("HEATING", new ArticleDraft("Опалення", "Про субсидію читайте окремо.", null), "supervisor");
        assertEquals(List.of("SUBSIDY", "HEATING"), codes(kb.search("субсидія", null, 5)));
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM knowledge_article WHERE code = ?")) {
            ps.setString(1, "SUBSIDY");
            assertEquals(1, ps.executeUpdate());
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        assertEquals(List.of("HEATING"), codes(kb.search("субсидія", null, 1)));
    }

    @Test
    @DisplayName("A region refuses to write: the center edits")
    void regionRefuses() {
        KnowledgeBaseImpl kb = kb(LVIV);
        CenterEditsException e = assertThrows(CenterEditsException.class,
                () -> kb.put("PENSION-RECALC", pension(), "supervisor"));
        assertTrue(e.getMessage().contains("ucc"), e.getMessage());
        assertThrows(CenterEditsException.class, () -> kb.withdraw("PENSION-RECALC", "supervisor"));
    }

    @Test
    @DisplayName("The center's versions apply at a region: a later one wins, a repeat or an earlier one is a no-op")
    void applyIdempotent() {
        KnowledgeBaseImpl center = kb(UCC);
        List<Article> sent = new ArrayList<>();
        center.addListener(sent::add);
        center.put("PENSION-RECALC", pension(), "supervisor");
        center.put("PENSION-RECALC", new ArticleDraft("Субсидія", "Про субсидію.", null), "supervisor");
        assertEquals(2, sent.size());
        drop();
        open();
        KnowledgeBaseImpl region = kb(LVIV);
        assertTrue(region.apply(sent.get(1)));
        assertFalse(region.apply(sent.get(1)), "a repeat is a no-op");
        assertFalse(region.apply(sent.get(0)), "an earlier version is a no-op");
        assertEquals(sent.get(1), region.get("PENSION-RECALC").orElseThrow());
        assertEquals(1, region.search("субсидією", null, 5).size());
        assertTrue(region.search("пенсія", null, 5).isEmpty());
    }

    @Test
    @DisplayName("Code, title, body and topics are validated, every problem at once")
    void validation() {
        KnowledgeBaseImpl kb = kb(UCC);
        ValidationException e = assertThrows(ValidationException.class,
                () -> kb.put("bad code", new ArticleDraft(" ", null, List.of("a b")), "supervisor"));
        assertEquals(List.of("code", "title", "body", "topics"), e.errors().stream().map(f -> f.field()).toList());
        assertThrows(ValidationException.class, () -> kb.put("X", new ArticleDraft("t",
                "x".repeat(Article.MAX_BODY + 1), null), "supervisor"));
        assertTrue(kb.all().isEmpty());
    }

    private static List<String> codes(List<ArticleHit> hits) {
        return hits.stream().map(h -> h.article().code()).toList();
    }
}
