package ua.gov.nsoz.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMS channel against the JDK's HTTP server standing in for a gateway. */
class SmsHttpChannelTest {

    /** What the gateway got. */
    record Request(String method, String path, String contentType, String authorization, String body) {
    }

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 202;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sms", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SmsHttpChannel channel(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
        config.put("timeoutMillis", 5000);
        config.putAll(extra);
        return new SmsHttpChannel(Configs.of(SmsConfig.class, config));
    }

    @Test
    void postsJsonWithNumberAndTextAndTheBearerToken() throws Exception {
        channel(Map.of("token", "t0ken")).send("+380671234567", "Звернення LV-2026-000001: зареєстровано",
                "Код доступу: \"AB\\12\"\nдругий рядок");

        assertEquals(1, requests.size());
        Request r = requests.get(0);
        assertEquals("POST", r.method());
        assertEquals("/sms", r.path());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("Bearer t0ken", r.authorization());
        assertEquals("{\"to\":\"+380671234567\",\"text\":\"Звернення LV-2026-000001: зареєстровано\\n"
                + "Код доступу: \\\"AB\\\\12\\\"\\nдругий рядок\"}", r.body());
    }

    @Test
    void noTokenNoAuthorizationHeader() throws Exception {
        channel(Map.of()).send("+380671234567", "s", "b");

        assertNull(requests.get(0).authorization());
    }

    @Test
    void anErrorAnswerIsAnExceptionNamingTheStatusOnly() {
        status = 500;
        SmsHttpChannel c = channel(Map.of());

        IOException e = assertThrows(IOException.class, () -> c.send("+380671234567", "Тема", "Текст відповіді"));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertFalse(e.getMessage().contains("380671234567"), e.getMessage());
        assertFalse(e.getMessage().contains("Текст"), e.getMessage());
    }

    @Test
    void aMissingUrlFailsActivation() {
        assertThrows(IllegalArgumentException.class, () -> channel(Map.of("url", " ")));
        assertThrows(IllegalArgumentException.class, () -> channel(Map.of("url", "ftp://gateway/sms")));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"a\\u0001b\\tc\"", SmsHttpChannel.jsonString("a\u0001b\tc"));
    }

    @Test
    void enabledFalseIsOffWithoutAGatewayAndSendsNothing() {
        SmsHttpChannel off = new SmsHttpChannel(Configs.of(SmsConfig.class, Map.of("enabled", false)));

        assertFalse(off.enabled());
        assertThrows(IllegalStateException.class, () -> off.send("+380671234567", "s", "b"));
        assertThrows(IllegalArgumentException.class,
                () -> new SmsHttpChannel(Configs.of(SmsConfig.class, Map.of())), "on without a url: refused");
    }
}
