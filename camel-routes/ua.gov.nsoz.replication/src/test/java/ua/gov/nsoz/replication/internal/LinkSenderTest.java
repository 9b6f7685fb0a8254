package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who sent a message, as the link authenticated it (issue 11): never what the document or the sender says. */
class LinkSenderTest {

    @Test
    @DisplayName("At the center: a region's own link user names the region; anything else names nobody")
    void atTheCenter() {
        assertEquals("lviv", Links.sender(true, "ucc", "nsoz-node", "nsoz-link-lviv", null));
        assertEquals("kyiv-city", Links.sender(true, "ucc", "nsoz-node", "nsoz-link-kyiv-city", "lviv"),
                "a recorded sender from a region's user is ignored");
        assertNull(Links.sender(true, "ucc", "nsoz-node", "nsoz-link", null), "the old shared user names nobody");
        assertNull(Links.sender(true, "ucc", "nsoz-node", "nsoz-link-ucc", null), "no region is the center");
        assertNull(Links.sender(true, "ucc", "nsoz-node", "nsoz-link-Lviv'", null), "not a node id");
        assertNull(Links.sender(true, "ucc", "nsoz-node", "nsoz-admin", "lviv"), "an admin's send names nobody");
        assertNull(Links.sender(true, "ucc", "nsoz-node", null, "lviv"), "no authenticated user");
    }

    @Test
    @DisplayName("At the center: a replay by the node's own user keeps the sender recorded on the dead letter")
    void replayAtTheCenter() {
        assertEquals("lviv", Links.sender(true, "ucc", "nsoz-node", "nsoz-node", "lviv"));
        assertNull(Links.sender(true, "ucc", "nsoz-node", "nsoz-node", null), "a replay without a recorded sender");
    }

    @Test
    @DisplayName("At a region: its queue is filled from the center only, so the center is the sender")
    void atARegion() {
        assertEquals("ucc", Links.sender(false, "ucc", "nsoz-node", null, null));
        assertEquals("ucc", Links.sender(false, "ucc", "nsoz-node", "nsoz-link-kyiv-city", "kyiv-city"));
    }
}
