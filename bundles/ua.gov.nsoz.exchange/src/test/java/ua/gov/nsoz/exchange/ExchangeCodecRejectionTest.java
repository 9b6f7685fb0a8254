package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;

class ExchangeCodecRejectionTest {

    private static final String VALID_EVENT = ExchangeCodec.write(Samples.event(Samples.appeal()));
    private static final String VALID_ACK = ExchangeCodec.write(Samples.ack());

    /** Reads a document that must be refused; returns the reason, checked for the basic promises. */
    private static String refused(String xml) {
        // A parser that hangs on a hostile document is caught by surefire's fork timeout (parent pom).
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
        String reason = e.getMessage();
        assertTrue(reason != null && !reason.isBlank(), "a reason is given");
        assertFalse(reason.contains("\n") || reason.contains("\r"), "one line: " + reason);
        assertTrue(reason.length() <= 1000, "short enough for a header: " + reason.length());
        assertEquals(reason, e.reason());
        return reason;
    }

    private static String replaceOnce(String xml, String from, String to) {
        assertTrue(xml.contains(from), from + " in\n" + xml);
        return xml.replace(from, to);
    }

    private static int lineOf(String xml, String part) {
        int at = xml.indexOf(part);
        assertTrue(at >= 0, part);
        return (int) xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static void assertMentions(String reason, String... words) {
        for (String w : words) {
            assertTrue(reason.contains(w), "'" + w + "' in: " + reason);
        }
    }

    @Test
    void notXml() {
        assertMentions(refused("це не XML, а просто текст"), "Not well-formed XML", "line 1");
        assertMentions(refused("{\"messageId\": \"0193a5f2-8000-7000-8000-000000000001\"}"), "Not well-formed XML");
        assertMentions(refused("<ack xmlns=\"urn:ua:gov:nsoz:exchange:1\"><header>"), "Not well-formed XML");
        assertMentions(refused(VALID_ACK.replace("</upToSeq>", "</upToSeqq>")), "Not well-formed XML",
                "line " + lineOf(VALID_ACK, "</upToSeq>"), "upToSeq");
        assertMentions(refused(""), "Empty");
        assertMentions(refused("   \n"), "Empty");
        assertMentions(refused(null), "Empty");
    }

    @Test
    void wrongNamespace() {
        String reason = refused(VALID_EVENT.replace("urn:ua:gov:nsoz:exchange:1", "urn:ua:gov:nsoz:exchange:2"));
        assertMentions(reason, "urn:ua:gov:nsoz:exchange:2", "appealEvent", "urn:ua:gov:nsoz:exchange:1");
        assertMentions(refused(VALID_ACK.replace(" xmlns=\"urn:ua:gov:nsoz:exchange:1\"", "")), "no namespace");
    }

    @Test
    void unknownRootElement() {
        assertMentions(refused("<appeal xmlns=\"urn:ua:gov:nsoz:exchange:1\"/>"), "unknown root element 'appeal'");
        assertMentions(refused(VALID_ACK.replace("<ack ", "<nack ").replace("</ack>", "</nack>")),
                "unknown root element 'nack'");
    }

    @Test
    void missingRequiredElement() {
        String reason = refused(replaceOnce(VALID_EVENT, "<status>FORWARDED</status>", ""));
        assertMentions(reason, "Not valid against exchange-1.xsd", "line ", "/appealEvent/appeal", "status");
        assertFalse(reason.contains("urn:ua:gov:nsoz:exchange:1"), "namespace left out of names: " + reason);
        assertMentions(refused(replaceOnce(VALID_ACK, "<ackedNode>lviv</ackedNode>", "")), "ackedNode");
    }

    @Test
    void unexpectedOrReorderedElement() {
        String swapped = replaceOnce(VALID_ACK, "<ackedNode>lviv</ackedNode>\n  <upToSeq>41</upToSeq>",
                "<upToSeq>41</upToSeq>\n  <ackedNode>lviv</ackedNode>");
        assertMentions(refused(swapped), "/ack/upToSeq");
        assertMentions(refused(replaceOnce(VALID_ACK, "<upToSeq>41</upToSeq>", "<upToSeq>41</upToSeq><extra/>")),
                "extra");
        assertMentions(refused(replaceOnce(VALID_ACK, "<upToSeq>41</upToSeq>", "<upToSeq a=\"1\">41</upToSeq>")),
                "/ack/upToSeq", "'a'");
    }

    @Test
    void badEnumValue() {
        String reason = refused(replaceOnce(VALID_EVENT, "<kind>COMPLAINT</kind>", "<kind>GRIEVANCE</kind>"));
        assertMentions(reason, "/appealEvent/appeal/kind", "GRIEVANCE", "line " + lineOf(VALID_EVENT, "<kind>"));
        assertMentions(refused(replaceOnce(VALID_EVENT, "<kind>COMPLAINT</kind>", "<kind>complaint</kind>")),
                "/appealEvent/appeal/kind");
    }

    @Test
    void badUuid() {
        String id = "0193a5f2-8000-7000-8000-000000000007";
        assertMentions(refused(replaceOnce(VALID_EVENT, id, id.toUpperCase())), "/appealEvent/header/messageId");
        assertMentions(refused(replaceOnce(VALID_EVENT, id, "42")), "/appealEvent/header/messageId", "'42'");
    }

    @Test
    void badTimesAndNumbers() {
        String created = "<createdAt>2026-11-27T10:15:37.123Z</createdAt>";
        assertMentions(refused(replaceOnce(VALID_EVENT, created, "<createdAt>2026-11-27T10:15:37.123</createdAt>")),
                "/appealEvent/header/createdAt");
        assertMentions(refused(replaceOnce(VALID_EVENT, created, "<createdAt>27.11.2026 10:15</createdAt>")),
                "/appealEvent/header/createdAt");
        assertMentions(refused(replaceOnce(VALID_EVENT, created, "<createdAt>2026-11-27T24:00:00Z</createdAt>")),
                "/appealEvent/header/createdAt");
        assertMentions(refused(replaceOnce(VALID_EVENT, "<sourceSeq>7</sourceSeq>",
                "<sourceSeq>9223372036854775808</sourceSeq>")), "/appealEvent/header/sourceSeq");
        assertMentions(refused(replaceOnce(VALID_EVENT, "<sourceSeq>7</sourceSeq>", "<sourceSeq>0</sourceSeq>")),
                "/appealEvent/header/sourceSeq");
        assertMentions(refused(replaceOnce(VALID_EVENT, "<coSigners>12</coSigners>", "<coSigners>2147483648</coSigners>")),
                "/appealEvent/appeal/coSigners");
        assertMentions(refused(replaceOnce(VALID_EVENT, "<signed>true</signed>", "<signed>так</signed>")),
                "/appealEvent/appeal/signed");
    }

    @Test
    void textOver32000CharactersIsRefusedWithoutQuotingIt() {
        String text = "Особисті дані заявника: Коваленко, тел. 0670000000. ".repeat(700).substring(0, 32_001);
        String xml = ExchangeCodec.write(Samples.event(Samples.withText(Samples.appeal(), "x")))
                .replace("<text>x</text>", "<text>" + text + "</text>");
        String reason = refused(xml);
        assertMentions(reason, "/appealEvent/appeal/text", "32001", "32000", "characters omitted");
        assertFalse(reason.contains("Особисті") || reason.contains("Коваленко") || reason.contains("0670000000"),
                reason);
    }

    @Test
    void longPersonalValuesWithApostrophesAreNotQuoted() {
        String address = "м. Київ, вул. Обов'язкова, буд. 1, кв. 2, під'їзд 3; ".repeat(10);
        String xml = ExchangeCodec.write(Samples.event(Samples.withApplicant(Samples.appeal(),
                new Applicant(ApplicantType.CITIZEN, "Ім'я", "адреса", null, null))))
                .replace("<address>адреса</address>", "<address>" + address + "</address>");
        String reason = refused(xml);
        assertMentions(reason, "/appealEvent/appeal/applicant/address", "characters omitted");
        assertFalse(reason.contains("Обов") || reason.contains("Київ"), reason);

        String name = "О'Коннор-Петренко Марія-Анна Олександрівна ".repeat(8);
        String xml2 = ExchangeCodec.write(Samples.event(Samples.appeal()))
                .replace("<fullName>Коваленко Оксана Петрівна</fullName>", "<fullName>" + name + "</fullName>");
        String reason2 = refused(xml2);
        assertMentions(reason2, "/appealEvent/appeal/applicant/fullName");
        assertFalse(reason2.contains("Коннор") || reason2.contains("Марія"), reason2);
    }

    @Test
    void doctypeWithExternalEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + System.nanoTime() + "-таємниця";
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE changeRefused [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>\n"
                + ExchangeCodec.write(Samples.changeRefused()).replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                        .replace("Звернення вже закрито", "&xxe;");
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
        assertMentions(e.getMessage(), "DOCTYPE", "line 2");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret), "the file's content appears nowhere");
        assertFalse(trace.toString().contains("SECRET-"), "the file's content appears nowhere");
    }

    @Test
    void externalDtdAndParameterEntitiesAreNeverFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY leak \"LEAKED\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String body = VALID_ACK.replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
            String external = "<!DOCTYPE ack SYSTEM \"" + base + "/ack.dtd\">\n" + body;
            String parameter = "<!DOCTYPE ack [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]>\n" + body;
            String general = "<!DOCTYPE ack [<!ENTITY e SYSTEM \"" + base + "/e.txt\">]>\n"
                    + body.replace("<ackedNode>lviv</ackedNode>", "<ackedNode>&e;</ackedNode>");
            for (String xml : new String[] {external, parameter, general}) {
                String reason = refused(xml);
                assertMentions(reason, "DOCTYPE");
                assertFalse(reason.contains("LEAKED"));
            }
            assertEquals(0, requests.get(), "no external DTD or entity was fetched");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE ack [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        String xml = dtd + VALID_ACK.replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                .replace("<ackedNode>lviv</ackedNode>", "<ackedNode>&lol10;</ackedNode>");
        assertMentions(refused(xml), "DOCTYPE");
        // Without a DOCTYPE an entity reference is simply undeclared.
        assertMentions(refused(VALID_ACK.replace("<ackedNode>lviv</ackedNode>", "<ackedNode>&lol10;</ackedNode>")),
                "Not well-formed XML", "lol10");
    }

    @Test
    void oversizedDocumentIsRefusedBeforeParsing() {
        String padding = "<!--" + "x".repeat(ExchangeCodec.MAX_DOCUMENT_BYTES) + "-->";
        assertMentions(refused(VALID_ACK + padding), "too large", "1048576");
        // Fewer chars than the limit, but more bytes: Cyrillic takes two bytes in UTF-8.
        String cyrillic = "<!--" + "ж".repeat(600_000) + "-->";
        assertMentions(refused(VALID_ACK + cyrillic), "too large");
        // Right below the limit is read (and the comment ignored).
        String fits = "<!--" + "x".repeat(ExchangeCodec.MAX_DOCUMENT_BYTES - VALID_ACK.length() - 8) + "-->";
        assertEquals(ExchangeCodec.MAX_DOCUMENT_BYTES - 1, (VALID_ACK + fits).getBytes(StandardCharsets.UTF_8).length);
        assertDoesNotThrow(() -> ExchangeCodec.read(VALID_ACK + fits));
    }

    @Test
    void severalErrorsAreListed() {
        String xml = VALID_EVENT.replace("<kind>COMPLAINT</kind>", "<kind>X</kind>")
                .replace("<channel>POST</channel>", "<channel>FAX</channel>")
                .replace("<region>UA-46</region>", "<region>" + "R".repeat(17) + "</region>");
        assertMentions(refused(xml), "/appealEvent/appeal/kind", "/appealEvent/appeal/channel",
                "/appealEvent/appeal/region");
    }
}
