package ua.gov.nsoz.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.core.internal.AppealServiceImpl;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;
import ua.gov.nsoz.sync.ExchangeGateway.Outcome;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;
import ua.gov.nsoz.sync.RejectedMessageException;

/**
 * A region and the center, each with its own real Derby store, joined by nothing but the exchange
 * documents: what the region registers arrives at the center exactly once, whatever is resent.
 */
class ExchangeGatewayTest {

    record Node(String nodeId, String code, String name, NodeRole role, String region, String centerNodeId,
            String softwareVersion, Instant startedAt) implements NodeIdentity {
    }

    static final Node LVIV = new Node("lviv", "LV", "Львів", NodeRole.REGIONAL, "UA-46", "ucc", "1", Instant.now());
    static final Node UCC = new Node("ucc", "UCC", "Центр", NodeRole.CENTRAL, null, null, "1", Instant.now());

    @TempDir
    Path dir;

    JdbcAppealStore regionStore;
    JdbcAppealStore centerStore;
    AppealServiceImpl region;
    AppealServiceImpl center;
    ExchangeGatewayImpl regionLink;
    ExchangeGatewayImpl centerLink;

    private static EmbeddedDataSource db(Path path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Migrations.migrate(ds);
        return ds;
    }

    @BeforeEach
    void nodes() {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        regionStore = new JdbcAppealStore(db(dir.resolve("lviv")));
        centerStore = new JdbcAppealStore(db(dir.resolve("ucc")));
        region = new AppealServiceImpl(regionStore, LVIV);
        center = new AppealServiceImpl(centerStore, UCC);
        regionLink = new ExchangeGatewayImpl(regionStore, LVIV, region);
        centerLink = new ExchangeGatewayImpl(centerStore, UCC, center);
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

    private Appeal register(String text) {
        return region.register(new NewAppeal(AppealKind.COMPLAINT, Channel.WEB,
                new Applicant(ApplicantType.CITIZEN, "Тестовий Заявник", "м. Львів, вул. Синтетична, 1",
                        "test@example.org", null), text, "ЖКГ", null, false, null, true, null, null, List.of()),
                "operator");
    }

    @Test
    @DisplayName("What a region registers reaches the center with the same id, number, status and version")
    void regionToCenter() throws Exception {
        Appeal a = register("Синтетична скарга <&> «лапки»");
        List<Outgoing> batch = regionLink.outgoing("ucc", 100);
        assertEquals(1, batch.size());
        assertTrue(batch.get(0).xml().contains("urn:ua:gov:nsoz:exchange:1"));
        assertEquals(Outcome.APPLIED, centerLink.receive(batch.get(0).xml(), "lviv"));
        regionLink.shipped("ucc", batch);
        assertEquals(a, centerStore.get(a.id()).orElseThrow(), "the center holds the region's record as it is");
        assertEquals(1, centerStore.events(a.id()).size());
        assertTrue(regionLink.outgoing("ucc", 100).isEmpty());
        assertEquals(1, regionStore.stats("ucc").shipped());
        assertEquals(1, centerStore.stats("lviv").received());
    }

    @Test
    @DisplayName("A batch resent after a crash between send and confirm is applied once")
    void resentBatchAppliesOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            register("Звернення " + i);
        }
        List<Outgoing> batch = regionLink.outgoing("ucc", 100);
        for (Outgoing o : batch.subList(0, 12)) {
            centerLink.receive(o.xml(), "lviv");
        }
        // The region died before shipped(): the whole batch comes again.
        List<Outgoing> again = regionLink.outgoing("ucc", 100);
        assertEquals(batch, again, "the same documents, with the same message ids");
        int duplicates = 0;
        for (Outgoing o : again) {
            if (centerLink.receive(o.xml(), "lviv") == Outcome.DUPLICATE) {
                duplicates++;
            }
        }
        regionLink.shipped("ucc", again);
        assertEquals(12, duplicates);
        assertEquals(20, centerStore.search(AppealQuery.all()).total());
        assertEquals(20, centerStore.stats("lviv").received());
    }

    @Test
    @DisplayName("A malformed document, or an event from a node that does not own the appeal, is rejected and applies nothing")
    void rejects() {
        RejectedMessageException bad = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive("<appealEvent xmlns=\"urn:ua:gov:nsoz:exchange:1\"/>", "lviv"));
        assertTrue(bad.getMessage() != null && !bad.getMessage().isBlank());
        register("Чуже звернення");
        String xml = regionLink.outgoing("ucc", 1).get(0).xml().replace("<sourceNode>lviv</sourceNode>",
                "<sourceNode>kyiv-city</sourceNode>");
        RejectedMessageException notOwner = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive(xml, "kyiv-city"));
        assertTrue(notOwner.getMessage().contains("owns"), notOwner.getMessage());
        assertEquals(0, centerStore.search(AppealQuery.all()).total());
    }

    @Test
    @DisplayName("A document is refused unless its source is the node the link authenticated; nothing of it applies")
    void refusesAForgedSource() throws Exception {
        register("Звернення Львова");
        String xml = regionLink.outgoing("ucc", 1).get(0).xml();
        // kyiv-city's own broker user delivers lviv's document (or a copy naming lviv as source and owner).
        RejectedMessageException forged = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive(xml, "kyiv-city"));
        assertTrue(forged.getMessage().contains("names lviv as its source")
                && forged.getMessage().contains("came over the link from kyiv-city"), forged.getMessage());
        RejectedMessageException unknown = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive(xml, null));
        assertTrue(unknown.getMessage().contains("could not tell who sent it"), unknown.getMessage());
        assertEquals(0, centerStore.search(AppealQuery.all()).total());
        assertEquals(0, centerStore.stats("lviv").received(), "not counted as received either");
        // The same document from lviv itself applies.
        assertEquals(Outcome.APPLIED, centerLink.receive(xml, "lviv"));
        // A region takes documents only from the center: its transport names the center as the sender.
        assertThrows(RejectedMessageException.class, () -> regionLink.receive(xml, "ucc"));
    }

    @Test
    @DisplayName("An event for an appeal another node owns is refused in a batch, alone, and the held record stays")
    void refusesAForgedOwnerOfAHeldAppeal() throws Exception {
        Appeal a = register("Звернення, яке хтось підмінює");
        Outgoing real = regionLink.outgoing("ucc", 1).get(0);
        assertEquals(Outcome.APPLIED, centerLink.receive(real.xml(), "lviv"));
        // kyiv-city claims the appeal as its own: source and owner both kyiv-city, a newer version, another text.
        String forged = real.xml().replace("<sourceNode>lviv</sourceNode>", "<sourceNode>kyiv-city</sourceNode>")
                .replace(">lviv<", ">kyiv-city<");
        String id = java.util.UUID.randomUUID().toString();
        forged = forged.replaceFirst("<messageId>[^<]+</messageId>", "<messageId>" + id + "</messageId>")
                .replaceFirst("<version>1</version>", "<version>9</version>");
        register("Інше звернення");
        String honest = regionLink.outgoing("ucc", 10).get(1).xml();
        List<ua.gov.nsoz.sync.ExchangeGateway.Received> results = centerLink.receiveAll(List.of(
                new ua.gov.nsoz.sync.ExchangeGateway.Incoming(forged, "kyiv-city"),
                new ua.gov.nsoz.sync.ExchangeGateway.Incoming(honest, "lviv")));
        assertTrue(results.get(0).rejected() != null, "the forged owner is refused: " + results.get(0));
        assertTrue(results.get(0).rejected().getMessage().contains("owned by node lviv"),
                results.get(0).rejected().getMessage());
        assertEquals(Outcome.APPLIED, results.get(1).outcome(), "the honest one in the same batch applies");
        // Alone in its batch (as the broker may deliver it), it is refused all the same, not taken for a store failure.
        String again = forged.replaceFirst("<messageId>[^<]+</messageId>", "<messageId>"
                + java.util.UUID.randomUUID() + "</messageId>");
        RejectedMessageException alone = assertThrows(RejectedMessageException.class,
                () -> centerLink.receive(again, "kyiv-city"));
        assertTrue(alone.getMessage().contains("owned by node lviv"), alone.getMessage());
        Appeal held = centerStore.get(a.id()).orElseThrow();
        assertEquals("lviv", held.node());
        assertEquals(1, held.version());
        assertEquals(a.text(), held.text());
    }

    /** Moves everything queued at one node to the other, as the broker would. */
    private int pump(ExchangeGatewayImpl from, String to, ExchangeGatewayImpl into) throws Exception {
        List<Outgoing> batch = from.outgoing(to, 1000);
        for (Outgoing o : batch) {
            into.receive(o.xml(), "ucc".equals(to) ? "lviv" : "ucc");
        }
        from.shipped(to, batch);
        return batch.size();
    }

    @Test
    @DisplayName("A body's acceptance at the center reaches the owning region, and the region's new version comes back")
    void statusChangeFromCenter() throws Exception {
        Appeal a = register("Скарга для органу");
        pump(regionLink, "ucc", centerLink);
        ua.gov.nsoz.api.AppealService.ActionResult asked = center.act(a.id(), ua.gov.nsoz.api.AppealAction.ACCEPT,
                "Прийнято до розгляду Мінсоцполітики", "clerk-minsoc");
        assertEquals(false, asked.applied(), "the center does not own the appeal: it asks the owner");
        assertEquals(ua.gov.nsoz.api.AppealStatus.REGISTERED, centerStore.get(a.id()).orElseThrow().status());
        assertEquals(1, pump(centerLink, "lviv", regionLink));
        Appeal atRegion = regionStore.get(a.id()).orElseThrow();
        assertEquals(ua.gov.nsoz.api.AppealStatus.ACCEPTED, atRegion.status());
        assertEquals(2, atRegion.version());
        assertEquals("ucc", regionStore.events(a.id()).get(1).node(), "the event says which node asked");
        assertEquals(1, pump(regionLink, "ucc", centerLink));
        assertEquals(atRegion, centerStore.get(a.id()).orElseThrow(), "both nodes agree");
        assertEquals(2, centerStore.events(a.id()).size());
    }

    @Test
    @DisplayName("A change at the region reaches the center; a request the owner cannot apply is refused, not lost")
    void regionChangeAndRefusal() throws Exception {
        Appeal a = register("Скарга");
        pump(regionLink, "ucc", centerLink);
        // During a partition both sides act: the region's clerk accepts, and the center, not knowing it, asks too.
        region.act(a.id(), ua.gov.nsoz.api.AppealAction.ACCEPT, null, "clerk-lviv");
        region.act(a.id(), ua.gov.nsoz.api.AppealAction.NOTE, "Зателефонували заявнику", "operator");
        center.act(a.id(), ua.gov.nsoz.api.AppealAction.ACCEPT, null, "clerk-minsoc");
        String requestDoc = centerLink.outgoing("lviv", 10).get(0).xml();
        pump(centerLink, "lviv", regionLink);
        assertEquals(3, regionStore.get(a.id()).orElseThrow().version(), "already accepted: the request changes nothing");
        List<Outgoing> toCenter = regionLink.outgoing("ucc", 10);
        assertEquals(3, toCenter.size(), "two events and one refusal");
        assertTrue(toCenter.get(2).xml().contains("changeRefused"), toCenter.get(2).xml());
        assertEquals(Outcome.DUPLICATE, regionLink.receive(requestDoc, "ucc"), "the same request again is answered once");
        assertEquals(3, regionLink.outgoing("ucc", 10).size());
        pump(regionLink, "ucc", centerLink);
        Appeal atCenter = centerStore.get(a.id()).orElseThrow();
        assertEquals(ua.gov.nsoz.api.AppealStatus.ACCEPTED, atCenter.status());
        assertEquals(regionStore.get(a.id()).orElseThrow(), atCenter, "the owner's history wins; both agree");
    }

    @Test
    @DisplayName("A batch from the broker: good documents apply together, a bad one is refused alone, a repeat is a duplicate")
    void batchRefusesOnlyTheBadOne() {
        for (int i = 0; i < 5; i++) {
            register("Пакет " + i);
        }
        List<Outgoing> out = regionLink.outgoing("ucc", 100);
        List<String> docs = new java.util.ArrayList<>(out.stream().map(Outgoing::xml).toList());
        docs.add(2, "<appealEvent xmlns=\"urn:ua:gov:nsoz:exchange:1\"/>");
        docs.add(out.get(0).xml());
        List<ua.gov.nsoz.sync.ExchangeGateway.Received> results = centerLink.receiveAll(docs.stream().map(d -> new ua.gov.nsoz.sync.ExchangeGateway.Incoming(d, "lviv")).toList());
        assertEquals(7, results.size());
        assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED,
                Outcome.DUPLICATE), results.stream().filter(r -> r.rejected() == null).map(r -> r.outcome()).toList());
        assertTrue(results.get(2).rejected() != null && results.get(2).outcome() == null);
        assertEquals(5, centerStore.search(AppealQuery.all()).total());
        assertEquals(5, centerStore.stats("lviv").received());
        assertTrue(centerStore.stats("lviv").lastReceivedLagMillis() != null, "the sender's time is kept for the lag");
    }

    @Test
    @DisplayName("A big batch is prepared on several cores and still applied in order, each document once")
    void bigBatchInOrder() {
        Appeal a = register("Перша версія");
        for (int i = 0; i < ExchangeGatewayImpl.PARALLEL_FROM; i++) {
            register("Велика партія " + i);
        }
        region.act(a.id(), ua.gov.nsoz.api.AppealAction.NOTE, "Друга версія", "operator");
        List<String> docs = new java.util.ArrayList<>(regionLink.outgoing("ucc", 1000).stream().map(Outgoing::xml)
                .toList());
        docs.add(5, "not xml at all");
        List<ua.gov.nsoz.sync.ExchangeGateway.Received> results = centerLink.receiveAll(docs.stream().map(d -> new ua.gov.nsoz.sync.ExchangeGateway.Incoming(d, "lviv")).toList());
        assertEquals(docs.size(), results.size());
        assertTrue(results.get(5).rejected() != null, "the bad one, at its place");
        assertEquals(docs.size() - 1, results.stream().filter(r -> r.outcome() == Outcome.APPLIED).count());
        assertEquals(2, centerStore.get(a.id()).orElseThrow().version(), "its two events applied in order");
        assertEquals(ExchangeGatewayImpl.PARALLEL_FROM + 1, centerStore.search(AppealQuery.all()).total());
    }

    @Test
    @DisplayName("Art. 20: marked at the center as needing no additional study, the appeal runs 15 days at its region and at the center")
    void noAdditionalStudyFromCenter() throws Exception {
        Appeal a = register("Довідка без додаткового вивчення");
        pump(regionLink, "ucc", centerLink);
        ua.gov.nsoz.api.Deadline month = center.deadline(a.id()).orElseThrow();
        // One month from receipt (Art. 20), as the Civil Code counts it: 28 to 31 days, by the month.
        assertEquals(java.time.temporal.ChronoUnit.DAYS.between(month.receiptDate(), month.receiptDate().plusMonths(1)),
                month.termDays());
        ua.gov.nsoz.api.AppealService.ActionResult asked = center.act(a.id(),
                ua.gov.nsoz.api.AppealAction.NO_ADDITIONAL_STUDY, null, "operator-ucc");
        assertEquals(false, asked.applied(), "the center asks the owner");
        assertEquals(1, pump(centerLink, "lviv", regionLink));
        assertEquals(ua.gov.nsoz.api.DeadlineKind.NO_ADDITIONAL_STUDY, region.deadline(a.id()).orElseThrow().kind());
        assertEquals(15, region.deadline(a.id()).orElseThrow().termDays());
        assertEquals(1, pump(regionLink, "ucc", centerLink));
        assertEquals(region.deadline(a.id()), center.deadline(a.id()), "both nodes compute the same deadline");
        region.act(a.id(), ua.gov.nsoz.api.AppealAction.ACCEPT, null, "clerk");
        assertEquals(15, region.deadline(a.id()).orElseThrow().termDays(), "the mark stays with later events");
    }
}
