package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;

/** The center's configured regions: where they come from, and how the link's figures list them before they connect. */
class ConfiguredRegionsTest {

    private static final Links.Node UCC = new Links.Node("ucc", "ucc", true);

    private static ReplicationConfig center(Object regions) {
        return DeadlineWatchTest.config(regions == null ? Map.of() : Map.of("regions", regions));
    }

    @Test
    void aCfgFileGivesOneCommaSeparatedTextAndATypedConfigurationAnArray() {
        assertEquals(List.of("kyiv-city", "lviv"), Links.regions(UCC, center(new String[] {"kyiv-city, lviv"}), null));
        assertEquals(List.of("kyiv-city", "lviv"), Links.regions(UCC, center(new String[] {"kyiv-city", "lviv"}), null));
    }

    @Test
    void withoutRegionsInTheConfigurationTheSystemPropertyNamesThem() {
        assertEquals(List.of("lviv", "kyiv-city"), Links.regions(UCC, center(new String[0]), "lviv,kyiv-city"));
        assertEquals(List.of("lviv"), Links.regions(UCC, center(null), " lviv ,"));
        assertEquals(List.of(), Links.regions(UCC, center(null), null));
        // the configuration wins over the property
        assertEquals(List.of("odesa"), Links.regions(UCC, center(new String[] {"odesa"}), "lviv"));
    }

    @Test
    void invalidIdsDuplicatesAndTheCenterItselfAreLeftOut() {
        assertEquals(List.of("lviv"), Links.regions(UCC, center(new String[] {"lviv,LVIV,../x,ucc,lviv,"}), null));
    }

    @Test
    void aRegionHasNoRegions() {
        ReplicationConfig config = DeadlineWatchTest.config(Map.of("regions", new String[] {"kyiv-city"}));
        assertEquals(List.of(), Links.regions(new Links.Node("lviv", "ucc", false), config, "kyiv-city"));
    }

    @Test
    void aConfiguredRegionTheBrokerDoesNotKnowIsListedNotConnected() {
        List<PeerState> known = List.of(new PeerState("lviv", true, 3));

        assertEquals(List.of(new PeerState("lviv", true, 3), new PeerState("kyiv-city", false, 0)),
                BrokerLinkMonitor.withConfiguredRegions(known, List.of("kyiv-city", "lviv")));
        assertEquals(known, BrokerLinkMonitor.withConfiguredRegions(known, List.of()));
    }
}
