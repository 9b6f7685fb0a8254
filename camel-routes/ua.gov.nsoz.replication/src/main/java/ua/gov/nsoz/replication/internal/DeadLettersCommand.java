package ua.gov.nsoz.replication.internal;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.BrowsableEndpoint;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code nsoz:dead-letters}: the messages this node refused (queue {@code nsoz.dead}) with their reasons;
 * {@code --replay ID} moves one back to the queue it came from, once the cause is mended.
 */
@Service
@Command(scope = "nsoz", name = "dead-letters",
        description = "Відхилені повідомлення обміну / Exchange messages this node refused, with the reason")
public class DeadLettersCommand implements Action {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Reference
    CamelContext camel;

    @Option(name = "--replay", description = "Повернути повідомлення з цим id / Move the message with this id back")
    String replay;

    @Override
    public Object execute() throws Exception {
        if (replay != null) {
            return replay(replay.trim());
        }
        BrowsableEndpoint dead = camel.getEndpoint("jms:queue:" + LinkInboundRoutes.DEAD, BrowsableEndpoint.class);
        List<Exchange> messages = dead.getExchanges();
        ShellTable t = new ShellTable();
        t.column("Id");
        t.column("Від / From");
        t.column("Черга / Queue");
        t.column("Причина / Reason").maxSize(90).wrap();
        for (Exchange e : messages) {
            Message m = e.getMessage();
            t.addRow().addContent(m.getHeader(Links.MESSAGE_ID), m.getHeader(Links.ORIGIN),
                    m.getHeader(LinkInboundRoutes.FROM_QUEUE), m.getHeader(LinkInboundRoutes.REASON));
        }
        t.print(System.out);
        System.out.printf("Відхилених: %d / Dead letters: %d%n", messages.size(), messages.size());
        return null;
    }

    private Object replay(String id) throws Exception {
        if (!UUID.matcher(id).matches()) {
            throw new IllegalArgumentException("Очікується id повідомлення (UUID) / Expected a message id (a UUID)");
        }
        BrowsableEndpoint dead = camel.getEndpoint("jms:queue:" + LinkInboundRoutes.DEAD, BrowsableEndpoint.class);
        Exchange found = dead.getExchanges().stream()
                .filter(e -> id.equals(e.getMessage().getHeader(Links.MESSAGE_ID, String.class))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Немає такого відхиленого повідомлення / No dead letter with id " + id));
        String queue = found.getMessage().getHeader(LinkInboundRoutes.FROM_QUEUE, String.class);
        if (queue == null || !queue.startsWith("nsoz.")) {
            throw new IllegalStateException("The dead letter does not say where it came from: " + queue);
        }
        ConsumerTemplate consumer = camel.createConsumerTemplate();
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            // Send the copy first, then take the original out: a failure in between leaves it in both
            // places, which the receiver's inbox makes harmless; the other order could lose it.
            Message m = found.getMessage();
            m.removeHeader(LinkInboundRoutes.REASON);
            // A fresh duplicate-detection id: the original one is in the address' cache and would be dropped.
            m.setHeader(Links.DUPLICATE_ID, "replay:" + id + ":" + System.currentTimeMillis());
            producer.sendBodyAndHeaders("jms:queue:" + queue, m.getBody(String.class), m.getHeaders());
            consumer.receive("jms:queue:" + LinkInboundRoutes.DEAD + "?selector=" + Links.MESSAGE_ID + "='" + id + "'",
                    5000);
            System.out.println("Повернуто до / Moved back to " + queue + ": " + id);
            return null;
        } finally {
            consumer.stop();
            producer.stop();
        }
    }
}
