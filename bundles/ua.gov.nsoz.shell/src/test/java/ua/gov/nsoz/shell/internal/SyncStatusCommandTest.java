package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;
import ua.gov.nsoz.sync.LinkMonitor;
import ua.gov.nsoz.sync.LinkMonitor.BrokerState;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;

/** {@code nsoz:sync-status} at the center: every configured region, "never" for one never seen, times in Kyiv time. */
@DisplayName("nsoz:sync-status")
class SyncStatusCommandTest {

    /** 10:15 in Kyiv (UTC+2 in March). */
    static final Instant SHIPPED = Instant.parse("2026-03-01T08:15:00Z");

    ByteArrayOutputStream out;
    PrintStream stdout;

    @BeforeEach
    void setUp() {
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    @SuppressWarnings("unchecked")
    static <T> T fake(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (!answers.containsKey(m.getName())) {
                throw new UnsupportedOperationException(m.getName());
            }
            return answers.get(m.getName()).apply(a);
        });
    }

    @Test
    void listsAConfiguredRegionNeverSeenAndSaysWhichZoneItsTimesAreIn() {
        SyncStatusCommand command = new SyncStatusCommand();
        command.node = fake(NodeIdentity.class, Map.of("nodeId", a -> "ucc", "centerNodeId", a -> null));
        command.replication = fake(ReplicationStore.class, Map.of("peers", a -> List.of("lviv"), "stats",
                a -> "lviv".equals(a[0]) ? new LinkStats("lviv", 0, 3, 3, SHIPPED, null, 5, 5, SHIPPED, 40L)
                        : new LinkStats((String) a[0], 0, 0, 0, null, null, 0, 0, null, null)));
        // the broker lists the configured kyiv-city (no consumer on its queue) beside lviv (connected)
        command.link = fake(LinkMonitor.class, Map.of("state", a -> new BrokerState(true,
                List.of(new PeerState("lviv", true, 0), new PeerState("kyiv-city", false, 0)), List.of(), 0)));

        AsUser.run("admin", Set.of("nsoz-admin"), command::execute);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith(SyncStatusCommand.ZONE_HEADER), printed);
        String kyiv = printed.lines().filter(l -> l.startsWith("kyiv-city")).findFirst().orElseThrow(
                () -> new AssertionError("kyiv-city is not listed:\n" + printed));
        assertTrue(kyiv.contains("ніколи / never"), kyiv);
        String lviv = printed.lines().filter(l -> l.startsWith("lviv")).findFirst().orElseThrow();
        assertTrue(lviv.contains("так / yes"), lviv);
        assertTrue(lviv.contains("2026-03-01 10:15:00"), "Kyiv local time: " + lviv);
        assertEquals(1, printed.lines().filter(l -> l.contains("ніколи / never")).count(), printed);
    }
}
