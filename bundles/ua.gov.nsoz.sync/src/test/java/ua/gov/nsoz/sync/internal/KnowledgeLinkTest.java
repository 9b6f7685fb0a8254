package ua.gov.nsoz.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.knowledge.Article;
import ua.gov.nsoz.api.knowledge.ArticleDraft;
import ua.gov.nsoz.core.internal.AppealServiceImpl;
import ua.gov.nsoz.knowledge.internal.KnowledgeBaseImpl;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;
import ua.gov.nsoz.sync.ExchangeGateway.Outcome;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * Issue 16: the center's knowledge articles reach a region as articleUpdate documents and are applied once (a later
 * version wins, a repeat is a no-op); an answer at first contact names its article, which crosses the link with the
 * event. Two real Derby databases, the real knowledge base (Lucene) at each end, nothing but the documents between.
 */
class KnowledgeLinkTest {

    @TempDir
    Path dir;

    JdbcAppealStore regionStore;
    JdbcAppealStore centerStore;
    AppealServiceImpl region;
    AppealServiceImpl center;
    KnowledgeBaseImpl regionKb;
    KnowledgeBaseImpl centerKb;
    ExchangeGatewayImpl regionLink;
    ExchangeGatewayImpl centerLink;
    KnowledgePublisher publisher;

    private static EmbeddedDataSource db(Path path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Migrations.migrate(ds);
        return ds;
    }

    @BeforeEach
    void nodes() throws Exception {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        EmbeddedDataSource lviv = db(dir.resolve("lviv"));
        EmbeddedDataSource ucc = db(dir.resolve("ucc"));
        regionStore = new JdbcAppealStore(lviv);
        centerStore = new JdbcAppealStore(ucc);
        region = new AppealServiceImpl(regionStore, ExchangeGatewayTest.LVIV);
        center = new AppealServiceImpl(centerStore, ExchangeGatewayTest.UCC);
        regionKb = new KnowledgeBaseImpl(lviv, ExchangeGatewayTest.LVIV);
        centerKb = new KnowledgeBaseImpl(ucc, ExchangeGatewayTest.UCC);
        regionLink = new ExchangeGatewayImpl(regionStore, ExchangeGatewayTest.LVIV, region);
        centerLink = new ExchangeGatewayImpl(centerStore, ExchangeGatewayTest.UCC, center);
        regionLink.knowledge = regionKb;
        centerLink.knowledge = centerKb;
        java.lang.reflect.Method set = AppealServiceImpl.class.getDeclaredMethod("knowledge",
                ua.gov.nsoz.api.knowledge.KnowledgeBase.class);
        set.setAccessible(true);
        set.invoke(region, regionKb);
        publisher = new KnowledgePublisher(centerStore, ExchangeGatewayTest.UCC, java.time.Duration.ZERO);
        // The center knows lviv (its link enrols it) before lviv has sent anything.
        publisher.link = new ua.gov.nsoz.sync.LinkAccess() {
            @Override
            public List<String> enrolled() {
                return List.of("lviv");
            }

            @Override
            public Revoked revoke(String r) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @AfterEach
    void shutdown() {
        for (Path p : List.of(dir.resolve("lviv"), dir.resolve("ucc"))) {
            try {
                DriverManager.getConnection("jdbc:derby:" + p + ";shutdown=true");
            } catch (SQLException expected) {
                // 08006: shut down normally
            }
        }
    }

    private Article write(String title, String body) {
        Article a = centerKb.put("PENSION-RECALC", new ArticleDraft(title, body, List.of("01.02")), "supervisor");
        publisher.changed(a);
        return a;
    }

    private List<String> ship() throws Exception {
        List<Outgoing> out = centerLink.outgoing("lviv", 100);
        List<String> docs = out.stream().map(Outgoing::xml).toList();
        for (String xml : docs) {
            regionLink.receive(xml, "ucc");
        }
        centerLink.shipped("lviv", out);
        return docs;
    }

    @Test
    @DisplayName("An article written at the center reaches the region and is found there by another word form")
    void reachesTheRegion() throws Exception {
        Article a = write("Перерахунок пенсії", "Пенсія перераховується автоматично з 1 березня.");
        List<String> docs = ship();
        assertEquals(1, docs.size());
        assertTrue(docs.get(0).contains("<articleUpdate"), docs.get(0));
        assertEquals(a, regionKb.get("PENSION-RECALC").orElseThrow());
        assertEquals("PENSION-RECALC", regionKb.search("пенсіями", null, 5).get(0).article().code());
    }

    @Test
    @DisplayName("A later version wins at the region; the same or an earlier one again is a no-op")
    void idempotent() throws Exception {
        write("Перерахунок пенсії", "Пенсія перераховується.");
        String v1 = ship().get(0);
        write("Субсидія", "Про субсидію.");
        String v2 = ship().get(0);
        Article withdrawn = centerKb.withdraw("PENSION-RECALC", "supervisor");
        publisher.changed(withdrawn);
        String v3 = ship().get(0);
        assertEquals(withdrawn, regionKb.get("PENSION-RECALC").orElseThrow());
        assertEquals(Outcome.DUPLICATE, regionLink.receive(v3, "ucc"), "a repeat");
        assertEquals(Outcome.DUPLICATE, regionLink.receive(v2, "ucc"));
        // An earlier version in a message never seen (a replay by an admin with a new id) changes nothing.
        String replay = v1.replaceFirst("<messageId>[^<]+</messageId>",
                "<messageId>0193a5f4-2000-7000-8000-0000000000aa</messageId>");
        assertEquals(Outcome.APPLIED, regionLink.receive(replay, "ucc"));
        assertEquals(withdrawn, regionKb.get("PENSION-RECALC").orElseThrow());
        assertTrue(regionKb.search("субсидія", null, 5).isEmpty());
    }

    @Test
    @DisplayName("The center sends every article again at start; the region keeps what it has")
    void resentAtStart() throws Exception {
        write("Перерахунок пенсії", "Пенсія перераховується.");
        ship();
        new KnowledgePublisher(centerStore, ExchangeGatewayTest.UCC, java.time.Duration.ZERO).knowledge(centerKb);
        List<Outgoing> again = centerLink.outgoing("lviv", 100);
        assertEquals(1, again.size());
        assertEquals(Outcome.APPLIED, regionLink.receive(again.get(0).xml(), "ucc"));
        assertEquals(1, regionKb.get("PENSION-RECALC").orElseThrow().version());
    }

    @Test
    @DisplayName("An article from a region, or to a node without a knowledge base, is refused")
    void refused() throws Exception {
        write("Перерахунок пенсії", "Пенсія перераховується.");
        String xml = centerLink.outgoing("lviv", 100).get(0).xml();
        assertThrows(RejectedMessageException.class, () -> centerLink.receive(xml.replace(
                "<sourceNode>ucc</sourceNode>", "<sourceNode>lviv</sourceNode>"), "lviv"));
        regionLink.knowledge = null;
        RejectedMessageException e = assertThrows(RejectedMessageException.class, () -> regionLink.receive(xml, "ucc"));
        assertTrue(e.getMessage().contains("no knowledge base"), e.getMessage());
    }

    @Test
    @DisplayName("An answer at first contact names its article; the event keeps it and carries it to the center")
    void answerFromAnArticle() throws Exception {
        write("Перерахунок пенсії", "Пенсія перераховується.");
        ship();
        Appeal a = region.register(new NewAppeal(AppealKind.APPLICATION, Channel.PHONE,
                new Applicant(ApplicantType.CITIZEN, "Тестовий Заявник", "м. Львів, вул. Синтетична, 1",
                        "test@example.org", null), "Коли перерахують пенсію?", null, null, false, null, true, null,
                null, List.of()), "operator");
        Actor operator = new Actor("operator", java.util.Set.of("nsoz-operator"));
        ValidationException unknown = assertThrows(ValidationException.class, () -> region.act(a.id(),
                answer("NO-SUCH"), operator));
        assertEquals("article", unknown.errors().get(0).field());
        ValidationException wrongAction = assertThrows(ValidationException.class, () -> region.act(a.id(),
                new ActionRequest(AppealAction.NOTE, "x", null, null, null, null, null, null, null, null, null,
                        "PENSION-RECALC"), operator));
        assertEquals("article", wrongAction.errors().get(0).field());
        region.act(a.id(), answer("PENSION-RECALC"), operator);
        AppealEvent last = last(region, a.id());
        assertTrue(last.payload().contains("\"article\":\"PENSION-RECALC\""), last.payload());
        List<Outgoing> toCenter = regionLink.outgoing("ucc", 100);
        assertTrue(toCenter.get(toCenter.size() - 1).xml().contains("<article>PENSION-RECALC</article>"));
        for (Outgoing o : toCenter) {
            centerLink.receive(o.xml(), "lviv");
        }
        assertEquals(last.payload(), last(center, a.id()).payload(), "the center keeps the owner's payload");
    }

    private static ActionRequest answer(String article) {
        return new ActionRequest(AppealAction.ANSWER_AT_FIRST_CONTACT, null, null, null, null, null, null,
                "Пенсію перераховують автоматично з 1 березня.", null, null, null, article);
    }

    private static AppealEvent last(AppealServiceImpl s, String id) {
        List<AppealEvent> h = s.history(id);
        return h.get(h.size() - 1);
    }

}
