package ua.gov.nsoz.replication.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The camel:* commands on a real CamelContext with Camel's management, as the replication bundle embeds it. */
class CamelCommandsTest {

    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("nsoz-test");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ok").routeId("r-ok").log("ok");
                from("direct:fail").routeId("r-fail").throwException(new IllegalStateException("boom"));
                from("direct:handled").routeId("r-handled")
                        .onException(IllegalStateException.class).handled(true).end()
                        .throwException(new IllegalStateException("dead-lettered"));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static String print(java.util.function.Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            printer.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listCountsEachRoutesExchangesFailuresAndHandledFailures() {
        producer.sendBody("direct:ok", "a");
        producer.sendBody("direct:ok", "b");
        assertThrows(CamelExecutionException.class, () -> producer.sendBody("direct:fail", "c"));
        producer.sendBody("direct:handled", "d");

        List<LinkRoutes.Row> rows = LinkRoutes.rows(camel);
        assertEquals(List.of("r-fail", "r-handled", "r-ok"), rows.stream().map(LinkRoutes.Row::id).toList());
        LinkRoutes.Row ok = LinkRoutes.row(camel, "r-ok");
        assertTrue(ok.statistics(), "camel-management is on the class path: the counters must be known");
        assertEquals("Started", ok.status());
        assertEquals(2, ok.total());
        assertEquals(2, ok.completed());
        assertEquals(0, ok.failed());
        assertEquals("direct://ok", ok.from());

        LinkRoutes.Row failed = LinkRoutes.row(camel, "r-fail");
        assertEquals(1, failed.total());
        assertEquals(1, failed.failed());
        assertNotNull(failed.lastFailure());
        assertNotNull(failed.lastFailureExchange());

        LinkRoutes.Row handled = LinkRoutes.row(camel, "r-handled");
        assertEquals(0, handled.failed());
        assertEquals(1, handled.failuresHandled());

        String table = print(out -> RouteListCommand.print(camel, out));
        assertTrue(table.contains("Маршрут / Route") && table.contains("Невдалих / Failed"), table);
        String failLine = table.lines().filter(l -> l.contains("r-fail")).findFirst().orElseThrow();
        assertTrue(failLine.contains("nsoz-test") && failLine.contains("Started"), failLine);
        assertTrue(table.contains(LinkRoutes.KYIV_TIME), table);

        String show = print(out -> RouteShowCommand.print(failed, out));
        assertTrue(show.contains(failed.lastFailureExchange()), show);
        assertTrue(show.contains(failed.lastFailureText()) && !failed.lastFailureText().equals(LinkRoutes.NONE), show);
    }

    @Test
    void stopAndStartARoute() throws Exception {
        LinkRoutes.Row stopped = LinkRoutes.stop(camel, "r-ok");
        assertEquals("Stopped", stopped.status());
        assertEquals(LinkRoutes.NONE, stopped.uptime());
        // A stopped direct route has no consumer: a message to it is refused, not processed (block=false: at once).
        assertThrows(CamelExecutionException.class, () -> producer.sendBody("direct:ok?block=false", "x"));
        assertEquals("Started", LinkRoutes.row(camel, "r-fail").status(), "only the named route stops");

        LinkRoutes.Row started = LinkRoutes.start(camel, "r-ok");
        assertEquals("Started", started.status());
        producer.sendBody("direct:ok", "y");
        assertEquals(1, LinkRoutes.row(camel, "r-ok").completed());
    }

    @Test
    void anUnknownRouteIsNamedWithTheRoutesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkRoutes.stop(camel, "nsoz-nope"));
        assertTrue(e.getMessage().contains("No route 'nsoz-nope'") && e.getMessage().contains("Немає маршруту"),
                e.getMessage());
        assertTrue(e.getMessage().contains("r-ok"), e.getMessage());
        assertEquals("Started", LinkRoutes.row(camel, "r-ok").status());
    }

    @Test
    void withoutACamelContextTheCommandSaysTheLinkIsOff() throws Exception {
        RouteListCommand command = new RouteListCommand();
        PrintStream previous = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(previous);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("The link is off"), out);

        command.camel = camel;
        bytes.reset();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(previous);
        }
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("The link is off"));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("r-handled"));
    }
}
