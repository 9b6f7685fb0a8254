package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples published in docs/exchange-format.md must stay valid: this test reads every one. */
class ExchangeFormatDocTest {

    private static Path docs() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        Path doc = Path.of(base).resolve("../../docs/exchange-format.md").normalize();
        assertTrue(Files.isRegularFile(doc), "the format's documentation is at " + doc);
        return doc;
    }

    /** The fenced ```xml blocks of a Markdown text, with the line each starts on. */
    static Map<Integer, String> xmlBlocks(List<String> lines) {
        Map<Integer, String> blocks = new HashMap<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (current == null) {
                if (line.strip().equals("```xml")) {
                    current = new StringBuilder();
                    start = i + 2;
                }
            } else if (line.strip().equals("```")) {
                blocks.put(start, current.toString());
                current = null;
            } else {
                current.append(line).append('\n');
            }
        }
        assertEquals(null, current, "every ```xml block is closed");
        return blocks;
    }

    @Test
    void everyExampleIsValidAndParses() throws Exception {
        Map<Integer, String> blocks = xmlBlocks(Files.readAllLines(docs(), StandardCharsets.UTF_8));
        List<Class<?>> kinds = new ArrayList<>();
        for (Map.Entry<Integer, String> block : blocks.entrySet()) {
            String where = "example starting on line " + block.getKey() + " of docs/exchange-format.md";
            ExchangeMessage m;
            try {
                m = ExchangeCodec.read(block.getValue());
            } catch (InvalidMessageException e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            kinds.add(m.getClass());
            // What is published is exactly what the writer produces: same order, same formatting of times.
            assertEquals(block.getValue(), ExchangeCodec.write(m), where);
        }
        assertEquals(6, blocks.size(), "one example of each message, and a change request with parameters");
        assertTrue(kinds.containsAll(List.of(AppealEventMessage.class, ChangeRequestMessage.class,
                ChangeRefusedMessage.class, AckMessage.class, ReferenceUpdateMessage.class)),
                "one example of each message: " + kinds);
    }

    @Test
    void theAppealEventExampleCarriesOutTheChangeRequestExample() throws Exception {
        Map<Integer, String> blocks = xmlBlocks(Files.readAllLines(docs(), StandardCharsets.UTF_8));
        AppealEventMessage event = null;
        List<ChangeRequestMessage> requests = new java.util.ArrayList<>();
        for (String xml : blocks.values()) {
            ExchangeMessage m = ExchangeCodec.read(xml);
            if (m instanceof AppealEventMessage e) {
                event = e;
            } else if (m instanceof ChangeRequestMessage r) {
                requests.add(r);
            }
        }
        assertTrue(event != null);
        String carriedOut = event.requestId();
        // One example is carried out by the event; the other shows an extension's parameters.
        ChangeRequestMessage request = requests.stream().filter(r -> r.requestId().equals(carriedOut)).findFirst()
                .orElse(null);
        assertTrue(request != null, "the appealEvent example carries out one of the changeRequest examples");
        assertEquals(request.requestId(), event.requestId());
        assertEquals(request.appealId(), event.appeal().id());
        assertEquals(event.appeal().node(), event.header().sourceNode(), "only the owner sends an appeal's events");
        assertTrue(event.appeal().text().contains("\n"), "the example shows a text of several lines");
    }
}
