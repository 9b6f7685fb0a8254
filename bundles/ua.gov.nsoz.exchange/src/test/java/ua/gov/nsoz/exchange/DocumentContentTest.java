package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The message that carries a document's content (added within version 1, issue 15). */
class DocumentContentTest {

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static DocumentContentMessage message(byte[] content) throws Exception {
        return new DocumentContentMessage(Samples.header(7), Samples.APPEAL_ID, "довідка з лікарні.pdf",
                "application/pdf", content.length, sha256(content), content);
    }

    @Test
    @DisplayName("Every byte value survives the round trip, and writing what was read gives the same document")
    void roundTrip() throws Exception {
        byte[] content = new byte[256 * 4];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        DocumentContentMessage m = message(content);
        String xml = ExchangeCodec.write(m);
        assertTrue(xml.contains("<documentContent xmlns=\"urn:ua:gov:nsoz:exchange:1\">"), xml);
        DocumentContentMessage back = assertInstanceOf(DocumentContentMessage.class, ExchangeCodec.read(xml));
        assertEquals(m, back);
        assertArrayEquals(content, back.content());
        assertEquals(xml, ExchangeCodec.write(back));
    }

    @Test
    @DisplayName("A documentContent may be larger than 1 MiB; any other message may not")
    void largerThanOtherMessages() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(15).nextBytes(content);
        String xml = ExchangeCodec.write(message(content));
        assertTrue(xml.length() > ExchangeCodec.MAX_DOCUMENT_BYTES);
        DocumentContentMessage back = (DocumentContentMessage) ExchangeCodec.read(xml);
        assertArrayEquals(content, back.content());
        assertEquals(sha256(content), back.sha256());

        String padding = "<!--" + "x".repeat(ExchangeCodec.MAX_DOCUMENT_BYTES) + "-->";
        String ack = ExchangeCodec.write(new AckMessage(Samples.header(1), "ucc", 1));
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(ack + padding));
        assertTrue(e.getMessage().startsWith("Document too large: more than 1048576 bytes"), e.getMessage());
        // A DOCTYPE in front of a big documentContent: refused without reading it, as too large.
        String doctype = xml.replaceFirst("\\?>", "?><!DOCTYPE documentContent [<!ENTITY e \"x\">]>");
        e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(doctype));
        assertTrue(e.getMessage().startsWith("Document too large"), e.getMessage());
    }

    @Test
    @DisplayName("Content that is not base64, or no content, is refused by the schema; the reason quotes no content")
    void invalidContent() throws Exception {
        String xml = ExchangeCodec.write(message("%PDF-1.4 синтетичний".getBytes(StandardCharsets.UTF_8)));
        String broken = xml.replaceFirst("<content>[^<]*</content>", "<content>не base64 " + "x".repeat(50)
                + "</content>");
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(broken));
        assertTrue(e.getMessage().contains("/documentContent/content"), e.getMessage());
        assertFalse(e.getMessage().contains("x".repeat(50)), e.getMessage());
        String empty = xml.replaceFirst("<content>[^<]*</content>", "<content></content>");
        assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(empty));
        String none = xml.replaceFirst("\\s*<content>[^<]*</content>", "");
        e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(none));
        assertTrue(e.getMessage().contains("content"), e.getMessage());
    }

    @Test
    @DisplayName("The writer refuses a hash that is not 64 lower-case hex characters and an empty file")
    void writerRefusesWhatWouldNotBeValid() throws Exception {
        DocumentContentMessage m = message(new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> ExchangeCodec.write(new DocumentContentMessage(m.header(),
                m.appealId(), m.fileName(), m.mediaType(), 3, m.sha256().toUpperCase(), m.content())));
        assertThrows(IllegalArgumentException.class, () -> ExchangeCodec.write(new DocumentContentMessage(m.header(),
                m.appealId(), m.fileName(), m.mediaType(), 0, sha256(new byte[0]), new byte[0])));
    }

    @Test
    @DisplayName("toString names neither the file nor its bytes")
    void toStringHidesTheFile() throws Exception {
        DocumentContentMessage m = message("секрет".getBytes(StandardCharsets.UTF_8));
        assertFalse(m.toString().contains("довідка"), m.toString());
        assertTrue(m.toString().contains(m.sha256()), m.toString());
    }
}
