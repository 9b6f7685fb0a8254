package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.exchange.internal.MessageReader;
import ua.gov.nsoz.exchange.internal.OnePassReader;

/**
 * The one-pass read (validated while mapped) gives the same records as validating and then mapping, and accepts
 * nothing the validator would refuse: the documents below are ones the mapper alone would read happily.
 */
class OnePassReadTest {

    private static final String VALID_EVENT = ExchangeCodec.write(Samples.event(Samples.appeal()));
    private static final String VALID_ACK = ExchangeCodec.write(Samples.ack());

    @Test
    @DisplayName("Every kind of message read in one pass is the record that was written")
    void sameRecords() throws Exception {
        for (ExchangeMessage m : List.of(Samples.event(Samples.appeal()), Samples.event(Samples.lawTerms(
                Samples.processed(Samples.appeal()))), Samples.changeRequest(), Samples.answerRequest(),
                Samples.extendRequest(), Samples.changeRefused(), Samples.ack())) {
            String xml = ExchangeCodec.write(m);
            ExchangeMessage fast = OnePassReader.read(xml);
            assertNotNull(fast, "a valid document is read in one pass: " + m.getClass().getSimpleName());
            assertEquals(m, fast);
            assertEquals(MessageReader.read(xml), fast);
        }
    }

    @Test
    @DisplayName("What only the schema forbids is not accepted in one pass, and ExchangeCodec.read refuses it")
    void schemaStillDecides() throws Exception {
        String id = "0193a5f2-8000-7000-8000-000000000007";
        List<String> invalid = List.of(
                VALID_EVENT.replace(id, id.toUpperCase()),                                     // UUID pattern
                VALID_EVENT.replace("<sourceSeq>7</sourceSeq>", "<sourceSeq>0</sourceSeq>"),  // range
                VALID_ACK.replace("<ackedNode>lviv</ackedNode>\n  <upToSeq>41</upToSeq>",
                        "<upToSeq>41</upToSeq>\n  <ackedNode>lviv</ackedNode>"),               // order
                VALID_ACK.replace("<upToSeq>41</upToSeq>", "<upToSeq a=\"1\">41</upToSeq>"),   // attribute
                VALID_EVENT.replace("<text>", "<text>" + "я".repeat(32_001)));                // maxLength
        for (String xml : invalid) {
            assertTrue(!xml.equals(VALID_EVENT) && !xml.equals(VALID_ACK), "the sample was changed");
            assertNotNull(MessageReader.read(xml), "the mapper alone would read it");
            assertNull(OnePassReader.read(xml), "not accepted in one pass");
            assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
        }
        // And the one-pass reader is still usable after a refusal.
        assertEquals(Samples.ack(), OnePassReader.read(VALID_ACK));
    }

    @Test
    @DisplayName("Trailing content and a DOCTYPE are not accepted in one pass")
    void wholeDocument() {
        assertNull(OnePassReader.read(VALID_ACK + "<ack/>"));
        assertNull(OnePassReader.read(VALID_ACK + "garbage"));
        assertNotNull(OnePassReader.read(VALID_ACK + "<!-- a comment after the root is fine -->"));
        int root = VALID_ACK.indexOf("<ack");
        assertNull(OnePassReader.read(VALID_ACK.substring(0, root) + "<!DOCTYPE ack []>" + VALID_ACK.substring(root)));
    }
}
