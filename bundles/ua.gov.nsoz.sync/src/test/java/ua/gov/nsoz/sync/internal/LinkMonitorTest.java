package ua.gov.nsoz.sync.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ua.gov.nsoz.sync.LinkMonitor;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;

/** When a peer counts as never connected (shown by GET /api/v1/sync and nsoz:sync-status). */
class LinkMonitorTest {

    @Test
    void aPeerNotConnectedNowThatNeverSentAnythingWasNeverConnected() {
        assertTrue(LinkMonitor.neverConnected(new PeerState("lviv", false, 0), 0));
        assertTrue(LinkMonitor.neverConnected(new PeerState("lviv", null, 0), 0), "the broker cannot tell");
        assertTrue(LinkMonitor.neverConnected(null, 0), "the link is not running");
    }

    @Test
    void connectedNowOrHeardFromOnceIsNotNeverConnected() {
        assertFalse(LinkMonitor.neverConnected(new PeerState("lviv", true, 0), 0));
        assertFalse(LinkMonitor.neverConnected(new PeerState("lviv", false, 0), 1));
        assertFalse(LinkMonitor.neverConnected(null, 7));
    }
}
