package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;
import ua.gov.nsoz.sync.LinkMonitor;
import ua.gov.nsoz.sync.LinkMonitor.BrokerState;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;

/** {@code GET /api/v1/sync} at the center: every configured region, the ones never seen included, times in UTC. */
@DisplayName("REST: GET /api/v1/sync lists every configured region")
class SyncResourceTest {

    static final ObjectMapper JSON = RestServer.objectMapper();
    static final Instant APPLIED = Instant.parse("2026-03-01T08:15:00Z");

    /** The store knows only lviv, which sent 5 messages; kyiv-city never sent anything. */
    static ReplicationStore store() {
        Map<String, LinkStats> stats = Map.of("lviv", new LinkStats("lviv", 0, 2, 2, APPLIED, null, 5, 5, APPLIED, 40L));
        return (ReplicationStore) Proxy.newProxyInstance(ReplicationStore.class.getClassLoader(),
                new Class<?>[] {ReplicationStore.class}, (p, m, a) -> switch (m.getName()) {
                    case "peers" -> List.copyOf(stats.keySet());
                    case "stats" -> stats.getOrDefault((String) a[0],
                            new LinkStats((String) a[0], 0, 0, 0, null, null, 0, 0, null, null));
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The center: no center of its own. */
    static NodeIdentity center() {
        return (NodeIdentity) Proxy.newProxyInstance(NodeIdentity.class.getClassLoader(),
                new Class<?>[] {NodeIdentity.class}, (p, m, a) -> switch (m.getName()) {
                    case "nodeId" -> "ucc";
                    case "centerNodeId" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The broker's view: lviv's federation consumes its queue; kyiv-city is configured, its queue has no consumer. */
    static LinkMonitor monitor(List<PeerState> peers) {
        return (LinkMonitor) Proxy.newProxyInstance(LinkMonitor.class.getClassLoader(),
                new Class<?>[] {LinkMonitor.class}, (p, m, a) -> switch (m.getName()) {
                    case "state" -> new BrokerState(true, peers, List.of(), 0);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void aConfiguredRegionThatNeverSentAnythingIsListedAsNeverConnected() throws Exception {
        SyncResource resource = new SyncResource(store(), center());
        resource.setMonitor(monitor(List.of(new PeerState("lviv", true, 0), new PeerState("kyiv-city", false, 0))));

        JsonNode body = JSON.readTree(JSON.writeValueAsString(resource.status()));

        JsonNode links = body.get("links");
        assertEquals(2, links.size(), body.toString());
        JsonNode kyiv = links.get(0);
        assertEquals("kyiv-city", kyiv.get("peer").asText());
        assertTrue(kyiv.get("neverConnected").asBoolean(), kyiv.toString());
        assertFalse(kyiv.get("connected").asBoolean(), kyiv.toString());
        assertEquals(0, kyiv.get("received").asLong());
        assertFalse(kyiv.has("lastReceivedAt"), "no time for what never happened: " + kyiv);
        JsonNode lviv = links.get(1);
        assertEquals("lviv", lviv.get("peer").asText());
        assertFalse(lviv.get("neverConnected").asBoolean(), lviv.toString());
        // REST times: UTC instants, ISO-8601
        assertEquals("2026-03-01T08:15:00Z", lviv.get("lastReceivedAt").asText());
    }

    @Test
    void aRegionOnceHeardFromIsNotNeverConnectedWhileItIsDown() throws Exception {
        SyncResource resource = new SyncResource(store(), center());
        resource.setMonitor(monitor(List.of(new PeerState("lviv", false, 7))));

        JsonNode lviv = JSON.readTree(JSON.writeValueAsString(resource.status())).get("links").get(0);

        assertFalse(lviv.get("connected").asBoolean());
        assertFalse(lviv.get("neverConnected").asBoolean(), lviv.toString());
        assertEquals(7, lviv.get("waitingOnBroker").asLong());
    }

    @Test
    void withoutTheLinkOnlyTheStoreIsShownAndConnectedIsAbsent() throws Exception {
        SyncResource resource = new SyncResource(store(), center());

        JsonNode body = JSON.readTree(JSON.writeValueAsString(resource.status()));

        assertFalse(body.get("linkRunning").asBoolean());
        assertEquals(1, body.get("links").size(), body.toString());
        assertFalse(body.get("links").get(0).has("connected"));
        assertFalse(body.get("links").get(0).get("neverConnected").asBoolean());
    }
}
