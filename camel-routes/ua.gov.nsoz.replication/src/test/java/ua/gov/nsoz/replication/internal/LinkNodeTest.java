package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;

/** The link takes who the node is from its one identity (PID ua.gov.nsoz.node), not from keys of its own. */
class LinkNodeTest {

    static NodeIdentity identity(String nodeId, NodeRole role, String center) {
        return new NodeIdentity() {
            public String nodeId() {
                return nodeId;
            }

            public String code() {
                return "X";
            }

            public String name() {
                return nodeId;
            }

            public NodeRole role() {
                return role;
            }

            public String region() {
                return null;
            }

            public String centerNodeId() {
                return center;
            }

            public String softwareVersion() {
                return "0";
            }

            public Instant startedAt() {
                return Instant.EPOCH;
            }
        };
    }

    @Test
    @DisplayName("The center is its own center (NodeIdentity names none for it); a region names its center")
    void centerAndRegion() {
        assertEquals(new Links.Node("ucc", "ucc", true), Links.Node.of(identity("ucc", NodeRole.CENTRAL, null)));
        assertEquals(new Links.Node("ucc", "ucc", true), Links.Node.of(identity("ucc", NodeRole.CENTRAL, "x")));
        assertEquals(new Links.Node("lviv", "ucc", false), Links.Node.of(identity("lviv", NodeRole.REGIONAL, "ucc")));
    }

    @Test
    @DisplayName("A region that names no center has no link; an id that is not a node id is refused")
    void noCenterAndBadIds() {
        assertFalse(Links.Node.of(identity("lviv", NodeRole.REGIONAL, null)).linked());
        assertThrows(IllegalArgumentException.class, () -> Links.Node.of(identity("../x", NodeRole.REGIONAL, "ucc")));
        assertThrows(IllegalArgumentException.class, () -> Links.Node.of(identity("lviv", NodeRole.REGIONAL, "U C")));
    }
}
