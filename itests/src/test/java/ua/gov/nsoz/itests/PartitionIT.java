package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * The link cut by a TCP proxy between a region (lviv) and the center (ucc), both running: the region keeps
 * registering, nothing reaches the center while the link is cut, and everything arrives exactly once when it
 * is restored, without restarting either node.
 */
class PartitionIT {

    static final int WHILE_CUT = 500;
    static final Duration DEADLINE = Duration.ofMinutes(3);

    private static NioReactor reactor;
    private static TcpCrusher proxy;

    @BeforeAll
    static void setUp() throws IOException {
        LauncherTest.setUp();
    }

    @AfterAll
    static void tearDown() throws IOException {
        LauncherTest.EXTRA_ENV.clear();
        if (proxy != null) {
            proxy.close();
        }
        if (reactor != null) {
            reactor.close();
        }
        LauncherTest.stoppedCleanly = true;
        LauncherTest.tearDown();
    }

    private static List<String> register(int count, String tag) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = LauncherTest.http.send(HttpRequest.newBuilder(LauncherTest.uri("lviv",
                    "/api/v1/appeals")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"APPLICATION\",\"channel\":\"PHONE\","
                            + "\"text\":\"Синтетична заява " + tag + " " + i + "\",\"topic\":\"" + tag + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(201, r.statusCode(), "the region registers while the link is cut: " + r.body());
            ids.add(LauncherTest.JSON.readTree(r.body()).get("id").asText());
        }
        return ids;
    }

    private static JsonNode linkToCenter() throws IOException, InterruptedException {
        JsonNode sync = LauncherTest.JSON.readTree(LauncherTest.get("lviv", "/api/v1/sync").body());
        for (JsonNode l : sync.get("links")) {
            if ("ucc".equals(l.get("peer").asText()) && l.has("connected")) {
                return l;
            }
        }
        return null;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            TimeUnit.MILLISECONDS.sleep(300); // poll a condition with a deadline
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    @Test
    @DisplayName("A link cut by a TCP proxy: the region keeps working, and all it registered arrives once when the link is back")
    void cutLink() throws Exception {
        int proxyPort;
        try (ServerSocket s = new ServerSocket(0)) {
            proxyPort = s.getLocalPort();
        }
        reactor = new NioReactor();
        proxy = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", proxyPort)
                .withConnectAddress("127.0.0.1", LauncherTest.shiftedPort(61610)).buildAndOpen();
        // Both at once (lviv's link retries until the center is up); lviv reaches the center's link acceptor only
        // through the proxy.
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        env.put("ucc", Map.of());
        env.put("lviv", Map.of("NSOZ_CENTER_BROKER_PORT", Integer.toString(proxyPort)));
        LauncherTest.startAll(env);

        Set<String> first = new HashSet<>(register(1, "mist"));
        await("the first appeal at the center", () -> LauncherTest.lvivIdsAtCenter("mist").equals(first));
        await("lviv connected to the center", () -> {
            JsonNode l = linkToCenter();
            return l != null && l.get("connected").asBoolean();
        });

        proxy.close(); // the cut: every connection through the proxy drops, and no new one is accepted
        await("lviv sees the link down", () -> {
            JsonNode l = linkToCenter();
            return l != null && !l.get("connected").asBoolean();
        });
        Set<String> whileCut = new HashSet<>(register(WHILE_CUT, "obryv"));
        await("all of them on lviv's broker, waiting", () -> {
            JsonNode l = linkToCenter();
            return l != null && l.get("backlog").asLong() == 0 && l.get("waitingOnBroker").asLong() >= WHILE_CUT;
        });
        assertTrue(LauncherTest.lvivIdsAtCenter("obryv").isEmpty(), "nothing crosses a cut link");

        proxy.open(); // the link is back; neither node restarts
        await("everything at the center", () -> LauncherTest.lvivIdsAtCenter("obryv").size() >= WHILE_CUT);
        assertEquals(whileCut, LauncherTest.lvivIdsAtCenter("obryv"), "each appeal exactly once, none foreign");
        await("lviv connected again, nothing waiting", () -> {
            JsonNode l = linkToCenter();
            return l != null && l.get("connected").asBoolean() && l.get("waitingOnBroker").asLong() == 0;
        });
        JsonNode dead = LauncherTest.JSON.readTree(LauncherTest.get("ucc", "/api/v1/sync/dead-letters").body());
        assertEquals(0, dead.get("total").asLong(), dead.toString());
        assertFalse(proxy.getClientTotalCount() == 0, "the link did go through the proxy");
    }
}
