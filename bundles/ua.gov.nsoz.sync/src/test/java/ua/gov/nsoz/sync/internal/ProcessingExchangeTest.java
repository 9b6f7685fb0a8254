package ua.gov.nsoz.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService.ActionResult;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.core.internal.AppealServiceImpl;
import ua.gov.nsoz.exchange.ChangeRequestMessage;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.Header;
import ua.gov.nsoz.store.internal.JdbcAppealStore;
import ua.gov.nsoz.store.internal.Migrations;
import ua.gov.nsoz.sync.ExchangeGateway.Outcome;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;

/**
 * Processing actions asked for at the center and applied by the region that owns the appeal, each node with its own
 * real Derby store, joined by nothing but the exchange documents: forwarding to a body, and the extension of the term
 * that only the head of the body may grant (Law "On citizens' appeals", Art. 20).
 */
class ProcessingExchangeTest {

    record Node(String nodeId, String code, String name, NodeRole role, String region, String centerNodeId,
            String softwareVersion, Instant startedAt) implements NodeIdentity {
    }

    static final Node LVIV = new Node("lviv", "LV", "Львів", NodeRole.REGIONAL, "UA-46", "ucc", "1", Instant.now());
    static final Node UCC = new Node("ucc", "UCC", "Центр", NodeRole.CENTRAL, null, null, "1", Instant.now());

    static final Actor OPERATOR = Actor.of("operator-ucc");
    static final Actor HEAD = new Actor("head-minsoc", Set.of(Actor.HEAD_OF_BODY));
    static final Actor CLERK = Actor.of("clerk-minsoc");

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

    private Appeal register() {
        return region.register(new NewAppeal(AppealKind.COMPLAINT, Channel.WEB,
                new Applicant(ApplicantType.CITIZEN, "Тестовий Заявник", "м. Львів, вул. Синтетична, 1",
                        "test@example.org", null), "Скарга на нарахування субсидії", "Соцзахист", null, false, null,
                false, null, null, List.of()), "operator");
    }

    /** Moves everything queued at one node to the other, as the broker would. */
    private static int pump(ExchangeGatewayImpl from, String to, ExchangeGatewayImpl into) throws Exception {
        List<Outgoing> batch = from.outgoing(to, 1000);
        for (Outgoing o : batch) {
            into.receive(o.xml(), "ucc".equals(to) ? "lviv" : "ucc");
        }
        from.shipped(to, batch);
        return batch.size();
    }

    private static ActionRequest forward(String body) {
        return new ActionRequest(AppealAction.FORWARD, null, body, null, null, null, null, null, null, null, null);
    }

    private static ActionRequest extend(int days, String reason) {
        return new ActionRequest(AppealAction.EXTEND, reason, null, null, null, null, null, null, days, null, null);
    }

    /** Registered at the region, known at the center, forwarded by the center to the body minsoc. */
    private Appeal forwardedToMinsoc() throws Exception {
        Appeal a = register();
        assertEquals(1, pump(regionLink, "ucc", centerLink));
        ActionResult asked = center.act(a.id(), forward("minsoc"), OPERATOR);
        assertFalse(asked.applied(), "the center does not own the appeal: it asks the region");
        assertNotNull(asked.requestId());
        assertEquals(1, pump(centerLink, "lviv", regionLink));
        assertEquals(1, pump(regionLink, "ucc", centerLink));
        return regionStore.get(a.id()).orElseThrow();
    }

    @Test
    @DisplayName("A FORWARD asked for at the center is applied by the owning region, and both nodes show the body")
    void forwardTravels() throws Exception {
        Appeal a = register();
        pump(regionLink, "ucc", centerLink);
        center.act(a.id(), forward("minsoc"), OPERATOR);
        assertEquals(AppealStatus.REGISTERED, centerStore.get(a.id()).orElseThrow().status(),
                "nothing changes at the center before the owner has written it");
        assertEquals(1, pump(centerLink, "lviv", regionLink));

        Appeal atRegion = regionStore.get(a.id()).orElseThrow();
        assertEquals(AppealStatus.FORWARDED, atRegion.status());
        assertEquals("minsoc", atRegion.processing().body());
        assertNotNull(atRegion.processing().forwardedAt());
        assertEquals(2, atRegion.version());
        assertEquals("ucc", regionStore.events(a.id()).get(1).node(), "the event says which node asked");
        assertEquals(AppealAction.FORWARD.eventType(), regionStore.events(a.id()).get(1).type());

        assertEquals(1, pump(regionLink, "ucc", centerLink));
        Appeal atCenter = centerStore.get(a.id()).orElseThrow();
        assertEquals(atRegion, atCenter, "both nodes agree");
        assertEquals("minsoc", atCenter.processing().body());
        AppealQuery inbox = new AppealQuery(null, null, null, null, null, null, null, 0, 20, "minsoc");
        assertEquals(List.of(a.id()), centerStore.search(inbox).items().stream().map(Appeal::id).toList(),
                "the body's inbox at the center");
        assertEquals(List.of(a.id()), regionStore.search(inbox).items().stream().map(Appeal::id).toList(),
                "and at the region");
    }

    @Test
    @DisplayName("Art. 20: an EXTEND by the head of the body asked at the center is applied at the region; both show the same due date")
    void extensionByTheHead() throws Exception {
        Appeal before = forwardedToMinsoc();
        Deadline term = region.deadline(before);
        // One month from receipt (Art. 20), as the Civil Code counts it: 28 to 31 days, by the month.
        assertEquals(java.time.temporal.ChronoUnit.DAYS.between(term.receiptDate(), term.receiptDate().plusMonths(1)),
                term.totalDays());
        assertEquals(term.dueDate(), before.processing().dueDate());

        ActionResult asked = center.act(before.id(), extend(10, "Потрібна перевірка на місці"), HEAD);
        assertFalse(asked.applied());
        assertEquals(1, pump(centerLink, "lviv", regionLink));

        Appeal atRegion = regionStore.get(before.id()).orElseThrow();
        assertEquals(AppealStatus.EXTENDED, atRegion.status());
        assertEquals(10, atRegion.processing().extensionDays());
        assertEquals("minsoc", atRegion.processing().body(), "the body stays");
        Deadline extended = region.deadline(atRegion);
        assertEquals(term.totalDays() + 10, extended.totalDays());
        assertEquals(10, extended.extensionDays());
        assertEquals(extended.dueDate(), atRegion.processing().dueDate());
        assertTrue(atRegion.processing().dueDate().isAfter(before.processing().dueDate()));
        assertTrue(String.join("\n", extended.explanation()).contains("Потрібна перевірка на місці"),
                "the reason is in the explanation");
        assertEquals("head-minsoc", regionStore.events(before.id()).get(2).actor());

        assertEquals(1, pump(regionLink, "ucc", centerLink));
        Appeal atCenter = centerStore.get(before.id()).orElseThrow();
        assertEquals(atRegion, atCenter, "both nodes agree");
        assertEquals(atRegion.processing().dueDate(), atCenter.processing().dueDate());
        assertEquals(AppealStatus.EXTENDED, atCenter.status());
    }

    @Test
    @DisplayName("Art. 20: the center explains the extended term as the region does")
    void extendedDeadlineAtTheCenter() throws Exception {
        Appeal before = forwardedToMinsoc();
        center.act(before.id(), extend(10, "Потрібна перевірка на місці"), HEAD);
        pump(centerLink, "lviv", regionLink);
        pump(regionLink, "ucc", centerLink);
        Deadline atRegion = region.deadline(before.id()).orElseThrow();
        assertEquals(10, atRegion.extensionDays());
        assertEquals(atRegion, center.deadline(before.id()).orElseThrow(), "the same term, steps and reason");
    }

    @Test
    @DisplayName("Art. 20: an EXTEND without the head's role is refused at the center before it is sent")
    void extensionWithoutTheRoleAtTheCenter() throws Exception {
        Appeal before = forwardedToMinsoc();
        ValidationException e = assertThrows(ValidationException.class,
                () -> center.act(before.id(), extend(10, "Потрібна перевірка"), CLERK));
        assertEquals(List.of("action"), e.errors().stream().map(FieldError::field).toList());
        assertTrue(e.errors().get(0).message().contains("Art. 20"), e.errors().get(0).message());
        assertTrue(centerLink.outgoing("lviv", 10).isEmpty(), "nothing is asked of the region");
    }

    @Test
    @DisplayName("Art. 20: a change request without the head's role that reaches the region is refused with a changeRefused naming Art. 20")
    void extensionWithoutTheRoleAtTheRegion() throws Exception {
        Appeal before = forwardedToMinsoc();
        // As a center that did not check first (another version, a direct call) would send it.
        String requestId = UUID.randomUUID().toString();
        String doc = ExchangeCodec.write(new ChangeRequestMessage(
                new Header(UUID.randomUUID().toString(), "ucc", 1_000, Instant.now()), requestId, before.id(),
                extend(10, "Потрібна перевірка"), "clerk-minsoc", Set.of("nsoz-operator"), Instant.now()));

        assertEquals(Outcome.APPLIED, regionLink.receive(doc, "ucc"), "answered: the refusal is the request's effect");
        assertEquals(before, regionStore.get(before.id()).orElseThrow(), "the appeal is not changed");
        assertEquals(Outcome.DUPLICATE, regionLink.receive(doc, "ucc"), "the same request again is answered once");

        List<Outgoing> toCenter = regionLink.outgoing("ucc", 10);
        assertEquals(1, toCenter.size());
        String refusal = toCenter.get(0).xml();
        assertTrue(refusal.contains("changeRefused"), refusal);
        assertTrue(refusal.contains(requestId), refusal);
        assertTrue(refusal.contains("Art. 20"), refusal);

        assertEquals(1, pump(regionLink, "ucc", centerLink));
        Appeal atCenter = centerStore.get(before.id()).orElseThrow();
        assertEquals(before, atCenter, "the center still agrees with the owner");
        assertEquals(AppealStatus.FORWARDED, atCenter.status());
        assertEquals(0, atCenter.processing().extensionDays());
    }
}
