package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;

/** The center's configured regions: where they come from, and how the link's figures list them before they connect. */
class ConfiguredRegionsTest {

    private static ReplicationConfig center(Object regions) {
        return DeadlineWatchTest.config(regions == null ? Map.of("nodeId", "ucc", "centerNodeId", "ucc")
                : Map.of("nodeId", "ucc", "centerNodeId", "ucc", "regions", regions));
    }

    @Test
    void aCfgFileGivesOneCommaSeparatedTextAndATypedConfigurationAnArray() {
        assertEquals(List.of("kyiv-city", "lviv"), Links.regions(center(new String[] {"kyiv-city, lviv"}), null));
        assertEquals(List.of("kyiv-city", "lviv"), Links.regions(center(new String[] {"kyiv-city", "lviv"}), null));
    }

    @Test
    void withoutRegionsInTheConfigurationTheSystemPropertyNamesThem() {
        assertEquals(List.of("lviv", "kyiv-city"), Links.regions(center(new String[0]), "lviv,kyiv-city"));
        assertEquals(List.of("lviv"), Links.regions(center(null), " lviv ,"));
        assertEquals(List.of(), Links.regions(center(null), null));
        // the configuration wins over the property
        assertEquals(List.of("odesa"), Links.regions(center(new String[] {"odesa"}), "lviv"));
    }

    @Test
    void invalidIdsDuplicatesAndTheCenterItselfAreLeftOut() {
        assertEquals(List.of("lviv"), Links.regions(center(new String[] {"lviv,LVIV,../x,ucc,lviv,"}), null));
    }

    @Test
    void aRegionHasNoRegions() {
        ReplicationConfig lviv = DeadlineWatchTest.config(Map.of("nodeId", "lviv", "centerNodeId", "ucc",
                "regions", new String[] {"kyiv-city"}));
        assertEquals(List.of(), Links.regions(lviv, "kyiv-city"));
    }

    @Test
    void aConfiguredRegionTheBrokerDoesNotKnowIsListedNotConnected() {
        List<PeerState> known = List.of(new PeerState("lviv", true, 3));

        assertEquals(List.of(new PeerState("lviv", true, 3), new PeerState("kyiv-city", false, 0)),
                BrokerLinkMonitor.withConfiguredRegions(known, List.of("kyiv-city", "lviv")));
        assertEquals(known, BrokerLinkMonitor.withConfiguredRegions(known, List.of()));
    }
}
