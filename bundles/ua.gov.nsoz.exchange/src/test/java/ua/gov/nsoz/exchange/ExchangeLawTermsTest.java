package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Processing;

/**
 * The additions of issue #13 to version 1 ("The Law's terms exactly"): {@code applicant/category}, the mark
 * {@code LATE_COMPLAINT}, {@code appeal/contestedDecision}, {@code processing/priority}, {@code shortenedDays},
 * {@code shortenedReason}, {@code termRestored}, and the actions {@code SHORTEN} and {@code RESTORE_TERM}. They are
 * additive: every one is optional and written only when it has a value, so a record that does not use them is the
 * same document as before, which a node still on the older schema reads.
 */
class ExchangeLawTermsTest {

    /** The elements issue #13 added; none of them may appear in a document of a record that does not use them. */
    private static final List<String> NEW_ELEMENTS = List.of("<category>", "<contestedDecision>", "<decidedOn>",
            "<learnedOn>", "<priority>", "<shortenedDays>", "<shortenedReason>", "<termRestored>",
            "<mark>LATE_COMPLAINT</mark>", "<action>SHORTEN</action>", "<action>RESTORE_TERM</action>");

    private static final String BEFORE = "/ua/gov/nsoz/exchange/before-13/";

    private static ExchangeMessage roundTrip(ExchangeMessage m) throws InvalidMessageException {
        String xml = ExchangeCodec.write(m);
        ExchangeMessage back = ExchangeCodec.read(xml);
        assertEquals(m, back, xml);
        assertEquals(xml, ExchangeCodec.write(back));
        return back;
    }

    private static Appeal roundTrip(Appeal a) throws InvalidMessageException {
        return ((AppealEventMessage) roundTrip(Samples.event(a))).appeal();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExchangeLawTermsTest.class.getResourceAsStream(BEFORE + name)) {
            assertTrue(in != null, BEFORE + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The schema as it was before issue #13 (a copy of exchange-1.xsd at that time): what a node not yet updated has. */
    private static Schema olderSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        var url = ExchangeLawTermsTest.class.getResource(BEFORE + "exchange-1.xsd");
        assertTrue(url != null);
        try (InputStream in = url.openStream()) {
            return f.newSchema(new StreamSource(in, url.toExternalForm()));
        }
    }

    private static void validAgainst(Schema schema, String xml) throws IOException, SAXException {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static String refused(String xml) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String reason, String... words) {
        for (String w : words) {
            assertTrue(reason.contains(w), "'" + w + "' in: " + reason);
        }
    }

    private static String replaceOnce(String xml, String from, String to) {
        assertTrue(xml.contains(from), from + " in\n" + xml);
        return xml.replace(from, to);
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void everyNewFieldSetRoundTrips() throws Exception {
        Appeal a = Samples.lawTerms(Samples.appeal());
        String xml = ExchangeCodec.write(Samples.event(a));
        // In the schema's order: category last in applicant, contestedDecision after processing, the processing
        // additions after accessHash.
        assertInOrder(xml, "<phone>", "<category>7.1</category>", "</applicant>");
        assertInOrder(xml, "<mark>LATE_COMPLAINT</mark>", "<status>");
        assertInOrder(xml, "</processing>", "<contestedDecision>", "<decidedOn>2025-10-01</decidedOn>",
                "<learnedOn>2026-10-20</learnedOn>", "</contestedDecision>", "</appeal>");
        assertInOrder(xml, "<dueDate>2026-12-07</dueDate>", "<priority>true</priority>",
                "<shortenedDays>10</shortenedDays>", "<shortenedReason>", "<termRestored>true</termRestored>",
                "</processing>");

        Appeal back = roundTrip(a);
        assertEquals("7.1", back.applicant().category());
        assertEquals(Set.of(LegalMark.LATE_COMPLAINT), back.marks());
        assertEquals(new ContestedDecision(LocalDate.of(2025, 10, 1), LocalDate.of(2026, 10, 20)), back.contested());
        assertTrue(back.processing().priority());
        assertEquals(10, back.processing().shortenedDays());
        assertEquals(a.processing().shortenedReason(), back.processing().shortenedReason());
        assertTrue(back.processing().termRestored());
    }

    private static void assertInOrder(String xml, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = xml.indexOf(part, from);
            assertTrue(at >= 0, part + " after position " + from + " in\n" + xml);
            from = at + part.length();
        }
    }

    static Stream<Appeal> eachNewFieldAlone() {
        Appeal a = Samples.appeal();
        Processing none = Processing.NONE;
        Processing processed = Samples.processed(a).processing();
        return Stream.of(
                Samples.with13(a, "7.1", a.marks(), none, null),
                Samples.with13(Samples.withApplicant(a, null), "1", Set.of(), none, null),
                Samples.with13(a, "A".repeat(40), a.marks(), none, null),
                Samples.with13(a, null, EnumSet.allOf(LegalMark.class), none, null),
                Samples.with13(a, null, EnumSet.of(LegalMark.ANONYMOUS, LegalMark.LATE_COMPLAINT), none, null),
                Samples.with13(a, null, a.marks(), none, new ContestedDecision(LocalDate.of(2025, 1, 31), null)),
                Samples.with13(a, null, a.marks(), none, new ContestedDecision(null, LocalDate.of(2026, 2, 28))),
                Samples.with13(a, null, a.marks(), none,
                        new ContestedDecision(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1))),
                // priority alone is enough to write processing (everything else as on registration)
                Samples.with13(a, null, a.marks(), none.toBuilder().priority(true).build(), null),
                Samples.with13(a, null, a.marks(), none.toBuilder().shortened(1, "Терміново").build(), null),
                Samples.with13(a, null, a.marks(), none.toBuilder().shortened(45, null).build(), null),
                Samples.with13(a, null, a.marks(), none.toBuilder().shortened(null, "лише причина").build(), null),
                Samples.with13(a, null, a.marks(), none.toBuilder().termRestored(true).build(), null),
                Samples.with13(a, null, a.marks(),
                        processed.toBuilder().shortened(14, "x".repeat(4000)).priority(true).build(), null),
                Samples.with13(a, null, a.marks(), processed.toBuilder().termRestored(true).build(),
                        new ContestedDecision(null, LocalDate.of(2026, 11, 1))));
    }

    @ParameterizedTest
    @MethodSource
    void eachNewFieldAlone(Appeal a) throws Exception {
        Appeal back = roundTrip(a);
        assertEquals(a.applicant(), back.applicant());
        assertEquals(a.marks(), back.marks());
        assertEquals(a.contested(), back.contested());
        assertEquals(a.processing(), back.processing());
    }

    @Test
    void unsetNewFieldsAreLeftOutAndReadAsNullOrFalse() throws Exception {
        // Set to "no value" explicitly: no category, no contested decision, priority and termRestored false.
        Appeal a = Samples.with13(Samples.processed(Samples.appeal()), null, Set.of(LegalMark.UNSIGNED),
                Samples.processed(Samples.appeal()).processing().toBuilder().priority(false).shortened(null, null)
                        .termRestored(false).build(),
                null);
        String xml = ExchangeCodec.write(Samples.event(a));
        for (String element : NEW_ELEMENTS) {
            assertFalse(xml.contains(element), element + " should be left out:\n" + xml);
        }
        Appeal back = roundTrip(a);
        assertNull(back.applicant().category());
        assertNull(back.contested());
        assertFalse(back.processing().priority());
        assertNull(back.processing().shortenedDays());
        assertNull(back.processing().shortenedReason());
        assertFalse(back.processing().termRestored());
    }

    @Test
    void anEmptyContestedDecisionIsLeftOut() throws Exception {
        Appeal a = Samples.with13(Samples.appeal(), null, Samples.appeal().marks(), Processing.NONE,
                new ContestedDecision(null, null));
        String xml = ExchangeCodec.write(Samples.event(a));
        assertFalse(xml.contains("contestedDecision"), xml);
        assertNull(((AppealEventMessage) ExchangeCodec.read(xml)).appeal().contested());
        assertEquals(ExchangeCodec.write(Samples.event(Samples.appeal())), xml);
    }

    @Test
    void anExplicitFalseFromAnotherWriterIsReadAsFalse() throws Exception {
        String xml = replaceOnce(ExchangeCodec.write(Samples.event(Samples.processed(Samples.appeal()))),
                "</accessHash>", "</accessHash>\n      <priority>false</priority>\n      <termRestored>0</termRestored>");
        Processing p = ((AppealEventMessage) ExchangeCodec.read(xml)).appeal().processing();
        assertFalse(p.priority());
        assertFalse(p.termRestored());
        assertEquals(Samples.processed(Samples.appeal()).processing(), p);
    }

    @Test
    void shortenAndRestoreTermTravelInAChangeRequest() throws Exception {
        ChangeRequestMessage shorten = (ChangeRequestMessage) roundTrip(Samples.shortenRequest());
        assertEquals(AppealAction.SHORTEN, shorten.action());
        assertEquals(10, shorten.request().days());
        assertTrue(shorten.comment().startsWith("Письмова вимога"));
        String xml = ExchangeCodec.write(Samples.shortenRequest());
        assertInOrder(xml, "<action>SHORTEN</action>", "<comment>", "<requestedAt>", "<role>nsoz-clerk</role>",
                "<days>10</days>");

        ChangeRequestMessage restore = (ChangeRequestMessage) roundTrip(Samples.restoreTermRequest());
        assertEquals(AppealAction.RESTORE_TERM, restore.action());
        assertNull(restore.request().days());
        assertTrue(restore.comment().contains("лікуванні"));
    }

    // ------------------------------------------------------------------ the same documents as before

    /**
     * The documents in {@code before-13/} were written, from the same samples, by the writer and schema as they were
     * before issue #13. A record that does not use the additions gives exactly the same document, byte for byte, and
     * a node that still has the older schema accepts it.
     */
    @Test
    void withoutTheNewFieldsTheDocumentsAreExactlyThoseWrittenBefore() throws Exception {
        Schema older = olderSchema();
        List<Object[]> cases = List.of(
                new Object[] {"appealEvent.xml", Samples.event(Samples.appeal())},
                new Object[] {"appealEvent-processed.xml", Samples.event(Samples.processed(Samples.appeal()))},
                new Object[] {"changeRequest-extend.xml", Samples.extendRequest()},
                new Object[] {"changeRequest-answer.xml", Samples.answerRequest()});
        for (Object[] c : cases) {
            String before = resource((String) c[0]);
            String now = ExchangeCodec.write((ExchangeMessage) c[1]);
            assertEquals(before, now, (String) c[0]);
            for (String element : NEW_ELEMENTS) {
                assertFalse(now.contains(element), element + " in " + c[0]);
            }
            validAgainst(older, now);
            // And what was written before reads into the same record today.
            assertEquals(c[1], ExchangeCodec.read(before), (String) c[0]);
        }
        // An empty contested decision is no contested decision: left out, the document is as before.
        String event = ExchangeCodec.write(Samples.event(Samples.with13(Samples.appeal(), null, Samples.appeal().marks(),
                Processing.NONE, new ContestedDecision(null, null))));
        validAgainst(older, event);
    }

    /** Why the rollout puts the new schema on every node first: an older node refuses a document that uses them. */
    @Test
    void anOlderNodeRefusesADocumentThatUsesTheAdditions() throws Exception {
        Schema older = olderSchema();
        Appeal a = Samples.appeal();
        Processing none = Processing.NONE;
        List<Object[]> cases = List.of(
                new Object[] {"category", Samples.event(Samples.with13(a, "7.1", a.marks(), none, null))},
                new Object[] {"LATE_COMPLAINT",
                    Samples.event(Samples.with13(a, null, Set.of(LegalMark.LATE_COMPLAINT), none, null))},
                new Object[] {"contestedDecision", Samples.event(Samples.with13(a, null, a.marks(), none,
                        new ContestedDecision(LocalDate.of(2025, 1, 1), null)))},
                new Object[] {"priority",
                    Samples.event(Samples.with13(a, null, a.marks(), none.toBuilder().priority(true).build(), null))},
                new Object[] {"shortenedDays", Samples.event(Samples.with13(a, null, a.marks(),
                        none.toBuilder().shortened(5, "r").build(), null))},
                new Object[] {"termRestored", Samples.event(Samples.with13(a, null, a.marks(),
                        none.toBuilder().termRestored(true).build(), null))},
                new Object[] {"SHORTEN", Samples.shortenRequest()},
                new Object[] {"RESTORE_TERM", Samples.restoreTermRequest()});
        for (Object[] c : cases) {
            String xml = ExchangeCodec.write((ExchangeMessage) c[1]);
            SAXException e = assertThrows(SAXException.class, () -> validAgainst(older, xml), (String) c[0]);
            assertTrue(e.getMessage().contains((String) c[0]), c[0] + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ refusals

    private static final String FULL = ExchangeCodec.write(Samples.event(Samples.lawTerms(Samples.appeal())));

    @Test
    void badShortenedDaysIsRefusedNamingTheElement() {
        for (String bad : new String[] {"0", "46", "-1", "ten", "2147483648"}) {
            assertMentions(refused(replaceOnce(FULL, "<shortenedDays>10</shortenedDays>",
                    "<shortenedDays>" + bad + "</shortenedDays>")), "/appealEvent/appeal/processing/shortenedDays");
        }
    }

    @Test
    void badDatesAreRefusedNamingTheElement() {
        String decided = "<decidedOn>2025-10-01</decidedOn>";
        for (String bad : new String[] {"2025-02-29", "01.10.2025", "2025-10-01T00:00:00Z", "2025-10-01+02:00",
            "2025-13-01", ""}) {
            assertMentions(refused(replaceOnce(FULL, decided, "<decidedOn>" + bad + "</decidedOn>")),
                    "/appealEvent/appeal/contestedDecision/decidedOn");
        }
        assertMentions(refused(replaceOnce(FULL, "<learnedOn>2026-10-20</learnedOn>",
                "<learnedOn>вчора</learnedOn>")), "/appealEvent/appeal/contestedDecision/learnedOn");
    }

    @Test
    void aContestedDecisionNeedsOneDateInOrder() {
        String dates = "<decidedOn>2025-10-01</decidedOn>\n      <learnedOn>2026-10-20</learnedOn>";
        assertMentions(refused(replaceOnce(FULL, dates, "")), "/appealEvent/appeal/contestedDecision");
        assertMentions(refused(replaceOnce(FULL, dates,
                "<learnedOn>2026-10-20</learnedOn>\n      <decidedOn>2025-10-01</decidedOn>")),
                "/appealEvent/appeal/contestedDecision/decidedOn");
        assertMentions(refused(replaceOnce(FULL, dates, dates + "\n      <learnedOn>2026-10-21</learnedOn>")),
                "/appealEvent/appeal/contestedDecision/learnedOn");
    }

    @Test
    void elementsOutOfTheSchemasOrderAreRefused() {
        // contestedDecision is the last child of appeal; category the last of applicant.
        int from = FULL.indexOf("    <contestedDecision>");
        int to = FULL.indexOf("</contestedDecision>") + "</contestedDecision>\n".length();
        String contested = FULL.substring(from, to);
        String moved = FULL.substring(0, from) + FULL.substring(to);
        moved = replaceOnce(moved, "    <processing>", contested + "    <processing>");
        assertMentions(refused(moved), "/appealEvent/appeal/processing");
        assertMentions(refused(replaceOnce(FULL, "<category>7.1</category>", "")
                .replace("<type>CITIZEN</type>", "<category>7.1</category><type>CITIZEN</type>")),
                "/appealEvent/appeal/applicant/type");
    }

    @Test
    void unknownMarkAndTooManyMarksAreRefused() {
        assertMentions(refused(replaceOnce(FULL, "<mark>LATE_COMPLAINT</mark>", "<mark>LATE</mark>")),
                "/appealEvent/appeal/mark", "LATE");
        String all = "<mark>ANONYMOUS</mark><mark>UNSIGNED</mark><mark>NO_CONTACT_FOR_REPLY</mark>"
                + "<mark>LATE_COMPLAINT</mark>";
        assertMentions(refused(replaceOnce(FULL, "<mark>LATE_COMPLAINT</mark>", all + "<mark>ANONYMOUS</mark>")),
                "/appealEvent/appeal/mark");
    }

    @Test
    void badCategoryReasonAndFlagsAreRefused() {
        assertMentions(refused(replaceOnce(FULL, "<category>7.1</category>", "<category></category>")),
                "/appealEvent/appeal/applicant/category");
        assertMentions(refused(replaceOnce(FULL, "<category>7.1</category>",
                "<category>" + "7".repeat(41) + "</category>")), "/appealEvent/appeal/applicant/category");
        String reason = FULL.substring(FULL.indexOf("<shortenedReason>"),
                FULL.indexOf("</shortenedReason>") + "</shortenedReason>".length());
        assertMentions(refused(replaceOnce(FULL, reason, "<shortenedReason></shortenedReason>")),
                "/appealEvent/appeal/processing/shortenedReason");
        assertMentions(refused(replaceOnce(FULL, reason, "<shortenedReason>" + "x".repeat(4001) + "</shortenedReason>")),
                "/appealEvent/appeal/processing/shortenedReason", "4001");
        assertMentions(refused(replaceOnce(FULL, "<priority>true</priority>", "<priority>так</priority>")),
                "/appealEvent/appeal/processing/priority");
        assertMentions(refused(replaceOnce(FULL, "<termRestored>true</termRestored>",
                "<termRestored>yes</termRestored>")), "/appealEvent/appeal/processing/termRestored");
    }

    @Test
    void unknownActionIsRefused() {
        String xml = ExchangeCodec.write(Samples.shortenRequest());
        assertMentions(refused(replaceOnce(xml, "<action>SHORTEN</action>", "<action>SHORTEN_TERM</action>")),
                "/changeRequest/action", "SHORTEN_TERM");
        assertMentions(refused(replaceOnce(xml, "<days>10</days>", "<days>0</days>")), "/changeRequest/days");
    }

    @Test
    void theWriterRefusesWhatTheSchemaWouldRefuse() {
        Appeal a = Samples.appeal();
        IllegalArgumentException days = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.with13(a, null, a.marks(),
                        Processing.NONE.toBuilder().shortened(0, "r").build(), null))));
        assertMentions(days.getMessage(), "shortenedDays");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.with13(a, "", a.marks(), Processing.NONE, null))));
        assertMentions(empty.getMessage(), "category");
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.with13(a, null, a.marks(),
                        Processing.NONE.toBuilder().shortened(5, "причина\u0007").build(), null))));
        assertMentions(control.getMessage(), "appeal.processing.shortenedReason", "U+0007");
    }
}
