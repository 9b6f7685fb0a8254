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
            if (m instanceof DocumentContentMessage d) {
                // The published file is honest: its hash and size are those of its content.
                assertEquals(DocumentContentTest.sha256(d.content()), d.sha256(), where);
                assertEquals(d.content().length, d.sizeBytes(), where);
            }
            // What is published is exactly what the writer produces: same order, same formatting of times.
            assertEquals(block.getValue(), ExchangeCodec.write(m), where);
        }
        assertEquals(9, blocks.size(), "one example of each message, a change request with parameters, and an"
                + " appeal event with the additions of issue #13");
        assertTrue(kinds.containsAll(List.of(AppealEventMessage.class, ChangeRequestMessage.class,
                ChangeRefusedMessage.class, AckMessage.class, ReferenceUpdateMessage.class,
                DocumentContentMessage.class, ArticleUpdateMessage.class)),
                "one example of each message: " + kinds);
    }

    @Test
    void theAppealEventExampleCarriesOutTheChangeRequestExample() throws Exception {
        Map<Integer, String> blocks = xmlBlocks(Files.readAllLines(docs(), StandardCharsets.UTF_8));
        List<AppealEventMessage> events = new ArrayList<>();
        List<ChangeRequestMessage> requests = new java.util.ArrayList<>();
        for (String xml : blocks.values()) {
            ExchangeMessage m = ExchangeCodec.read(xml);
            if (m instanceof AppealEventMessage e) {
                events.add(e);
            } else if (m instanceof ChangeRequestMessage r) {
                requests.add(r);
            }
        }
        // The story's event carries out a request; the example of issue #13 is the owner's own event.
        List<AppealEventMessage> carryingOut = events.stream().filter(e -> e.requestId() != null).toList();
        assertEquals(1, carryingOut.size(), "one appealEvent example carries out a changeRequest example");
        AppealEventMessage event = carryingOut.get(0);
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

    @Test
    void anExampleShowsEveryAdditionOfIssue13() throws Exception {
        Map<Integer, String> blocks = xmlBlocks(Files.readAllLines(docs(), StandardCharsets.UTF_8));
        List<ua.gov.nsoz.api.Appeal> appeals = new ArrayList<>();
        for (String xml : blocks.values()) {
            if (ExchangeCodec.read(xml) instanceof AppealEventMessage e) {
                appeals.add(e.appeal());
            }
        }
        ua.gov.nsoz.api.Appeal a = appeals.stream().filter(x -> x.contested() != null).findFirst().orElse(null);
        assertTrue(a != null, "an appealEvent example with a contestedDecision");
        assertTrue(a.contested().decidedOn() != null && a.contested().learnedOn() != null, "both dates");
        assertTrue(a.applicant() != null && a.applicant().category() != null, "the applicant's category");
        assertTrue(a.marks().contains(ua.gov.nsoz.api.LegalMark.LATE_COMPLAINT), "the mark LATE_COMPLAINT");
        assertTrue(a.processing().priority(), "priority");
        assertTrue(a.processing().shortenedDays() != null && a.processing().shortenedReason() != null, "shortened");
        assertTrue(a.processing().termRestored(), "termRestored");
    }
}
