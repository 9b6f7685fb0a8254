package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.NodeRole;

/** What the center grants each region on its broker, and who may take it away (the broker's side: LinkIdentityIT). */
class RegionAccessTest {

    static RegionAccessRoutes at(String nodeId, NodeRole role, String center) {
        ReplicationConfig config = (ReplicationConfig) java.lang.reflect.Proxy.newProxyInstance(
                ReplicationConfig.class.getClassLoader(), new Class<?>[] {ReplicationConfig.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? ReplicationConfig.class
                        : method.getDefaultValue());
        return new RegionAccessRoutes(config, LinkNodeTest.identity(nodeId, role, center));
    }

    @Test
    @DisplayName("A region's queue: the center's routes send, browse and make it, only that region's role consumes it")
    void permissions() {
        // send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue, deleteNonDurableQueue,
        // manage, browse, createAddress, deleteAddress
        assertArrayEquals(new String[] {"nsoz-node", "nsoz-link-lviv", "nsoz-node", "", "", "", "", "nsoz-node",
            "nsoz-node", ""}, RegionAccessRoutes.permissions("lviv"));
        assertEquals("nsoz.to.kyiv-city", RegionAccessRoutes.queueOf("kyiv-city"));
    }

    @Test
    @DisplayName("Revoking: a region's id at the center only; a bad id, the center itself or a region's node is refused")
    void revokeChecks() {
        RegionAccessRoutes center = at("ucc", NodeRole.CENTRAL, null);
        assertThrows(IllegalArgumentException.class, () -> center.revoke("ucc"));
        assertThrows(IllegalArgumentException.class, () -> center.revoke("Lviv; drop"));
        assertThrows(IllegalArgumentException.class, () -> center.revoke(null));
        IllegalStateException atRegion = assertThrows(IllegalStateException.class,
                () -> at("lviv", NodeRole.REGIONAL, "ucc").revoke("kyiv-city"));
        assertTrue(atRegion.getMessage().contains("Only the center (ucc)"), atRegion.getMessage());
        assertEquals(java.util.List.of(), center.enrolled());
    }
}
