package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.node.Leadership;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.sync.ExchangeGateway.Outgoing;

/** A center of several nodes (docs/center-cluster.md): who leads, what the others leave alone, the regions' groups. */
class CenterLeadershipTest {

    static final Links.Node CENTER = new Links.Node("ucc", "ucc", true);
    static final Links.Node LVIV = new Links.Node("lviv", "ucc", false);

    static ReplicationStore storeWithPeers(List<String> peers) {
        return (ReplicationStore) Proxy.newProxyInstance(ReplicationStore.class.getClassLoader(),
                new Class<?>[] {ReplicationStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("peers")) {
                        return peers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @DisplayName("A center node leads while its broker is live; a region always leads, without asking a broker")
    void leadsByTheBroker() {
        AtomicBoolean live = new AtomicBoolean(false);
        AtomicInteger asked = new AtomicInteger();
        BrokerLeadership center = new BrokerLeadership(true, () -> {
            asked.incrementAndGet();
            return live.get();
        });
        assertFalse(center.leads(), "a backup (or a broker still starting) does not lead");
        live.set(true);
        assertFalse(center.leads(), "the answer is kept a moment (each outbox round asks)");
        assertEquals(1, asked.get());

        BrokerLeadership fresh = new BrokerLeadership(true, live::get);
        assertTrue(fresh.leads(), "the live broker's node leads");

        AtomicInteger regionAsked = new AtomicInteger();
        BrokerLeadership region = new BrokerLeadership(false, () -> {
            regionAsked.incrementAndGet();
            return false;
        });
        assertTrue(region.leads());
        assertEquals(0, regionAsked.get());
        assertTrue(Leadership.leads(null), "no service: the node leads (a node without the link works as before)");
    }

    @Test
    @DisplayName("The center's outbox is shipped by the leading node only; a region ships to its center always")
    void onlyTheLeaderShips() {
        ReplicationConfig config = DeadlineWatchTest.config(Map.of("regions", new String[] {"lviv", "kyiv-city"}));
        ReplicationStore store = storeWithPeers(List.of("odesa", "lviv"));
        AtomicBoolean leads = new AtomicBoolean(false);
        LinkOutboundRoutes routes = new LinkOutboundRoutes(config, CENTER, null, store, null, leads::get);
        assertEquals(List.of(), routes.peers(), "the other node ships the shared outbox");
        leads.set(true);
        assertEquals(List.of("lviv", "kyiv-city", "odesa"), routes.peers());

        LinkOutboundRoutes region = new LinkOutboundRoutes(config, LVIV, null, store, null, () -> false);
        assertEquals(List.of("ucc"), region.peers());
    }

    @Test
    @DisplayName("Every document a node sends is in its node's message group: one region's are applied in order")
    void regionsMessageGroup() {
        var message = LinkOutboundRoutes.message(new Outgoing("m-1", 1, "<x/>"), "lviv", "ucc");
        assertEquals("lviv", message.properties().get("JMSXGroupID"));
        assertEquals("m-1", message.properties().get(Links.DUPLICATE_ID));
    }
}
