package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.LegalMark;

class ExchangeCodecRoundTripTest {

    private static ExchangeMessage roundTrip(ExchangeMessage m) throws InvalidMessageException {
        String xml = ExchangeCodec.write(m);
        ExchangeMessage back = ExchangeCodec.read(xml);
        assertEquals(m, back, xml);
        // Writing what was read gives the same document: nothing is lost or reordered on the way.
        assertEquals(xml, ExchangeCodec.write(back));
        return back;
    }

    private static AppealEventMessage roundTrip(Appeal a) throws InvalidMessageException {
        return (AppealEventMessage) roundTrip(Samples.event(a));
    }

    @Test
    void appealEventRoundTrip() throws Exception {
        AppealEventMessage back = (AppealEventMessage) roundTrip(Samples.event(Samples.appeal()));
        assertEquals(2, back.appeal().attachments().size());
        assertEquals(Set.of(LegalMark.UNSIGNED, LegalMark.ANONYMOUS), back.appeal().marks());
    }

    @Test
    void appealEventWithEveryOptionalFieldAbsent() throws Exception {
        Appeal a = Samples.appeal();
        Appeal bare = new Appeal(a.id(), a.registrationNumber(), a.node(), null, AppealKind.PROPOSAL, Channel.WEB, null,
                "Т", null, null, false, null, false, null, List.of(), Set.of(), AppealStatus.REGISTERED, 1,
                a.receivedAt(), a.registeredAt(), a.updatedAt());
        AppealEventMessage m = new AppealEventMessage(Samples.header(1), "0193a5f2-9000-7000-8000-000000000002",
                "REGISTERED", Samples.T0, "lviv", null, null, null, bare);
        String xml = ExchangeCodec.write(m);
        for (String absent : List.of("<region>", "<applicant>", "<topic>", "<addressee>", "<coSigners>", "<signed>",
                "<attachment>", "<mark>", "<actor>", "<requestId>", "<comment>")) {
            assertFalse(xml.contains(absent), absent + " should be left out:\n" + xml);
        }
        AppealEventMessage back = (AppealEventMessage) roundTrip(m);
        assertNull(back.appeal().applicant());
        assertNull(back.appeal().signed());
        assertNull(back.appeal().coSigners());
        assertNull(back.appeal().region());
    }

    @Test
    void appealEventCarryingARequestId() throws Exception {
        AppealEventMessage m = new AppealEventMessage(Samples.header(9), "0193a5f2-9000-7000-8000-000000000003",
                "ACCEPTED", Samples.T0, "lviv", "ucc:body.minregion", "0193a5f3-1000-7000-8000-000000000001", null,
                Samples.appeal());
        roundTrip(m);
    }

    @Test
    void changeRequestRoundTrip() throws Exception {
        roundTrip(Samples.changeRequest());
        for (ua.gov.nsoz.api.AppealAction action : ua.gov.nsoz.api.AppealAction.values()) {
            roundTrip(new ChangeRequestMessage(Samples.header(2), "0193a5f3-1000-7000-8000-000000000009",
                    Samples.APPEAL_ID, action, null, null, Samples.T0));
        }
        // Every parameter an action can carry, and the actor's roles.
        roundTrip(Samples.extendRequest());
        roundTrip(Samples.answerRequest());
    }

    @Test
    void processingRoundTrip() throws Exception {
        roundTrip(Samples.event(Samples.processed(Samples.appeal())));
    }

    @Test
    void changeRefusedRoundTrip() throws Exception {
        roundTrip(Samples.changeRefused());
    }

    @Test
    void ackRoundTrip() throws Exception {
        roundTrip(Samples.ack());
        roundTrip(new AckMessage(Samples.header(Long.MAX_VALUE), "kyiv-city", 0));
        roundTrip(new AckMessage(Samples.header(1), "kyiv-city", Long.MAX_VALUE));
    }

    static Stream<Applicant> applicants() {
        return Stream.of(null, new Applicant(null, null, null, null, null),
                new Applicant(ApplicantType.ENTERPRISE, null, null, null, null),
                new Applicant(null, "Петренко Іван", null, null, null),
                new Applicant(ApplicantType.CITIZEN, null, "с. Вишневе", null, "0671234567"),
                new Applicant(ApplicantType.LOCAL_SELF_GOVERNMENT, "Сільська рада", "", "rada@example.org", null));
    }

    @ParameterizedTest
    @MethodSource("applicants")
    void applicantNullOrPartial(Applicant applicant) throws Exception {
        assertEquals(applicant, roundTrip(Samples.withApplicant(Samples.appeal(), applicant)).appeal().applicant());
    }

    @Test
    void signedNullTrueFalseAndCoSigners() throws Exception {
        Appeal a = Samples.appeal();
        for (Boolean signed : new Boolean[] {null, Boolean.TRUE, Boolean.FALSE}) {
            for (Integer coSigners : new Integer[] {null, 1, 2, Integer.MAX_VALUE}) {
                Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                        a.applicant(), a.text(), a.topic(), a.addressee(), coSigners != null, coSigners, true, signed,
                        a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(),
                        a.updatedAt());
                Appeal back = roundTrip(b).appeal();
                assertEquals(signed, back.signed());
                assertEquals(coSigners, back.coSigners());
            }
        }
    }

    @Test
    void difficultText() throws Exception {
        String text = "Шановний пане голово!\n\n"
                + "Прошу розглянути \"скаргу\" щодо м'ясокомбінату «Добробут» & Ко: <b>не</b> тег, ]]> не CDATA.\r\n"
                + "Рядок з CR\rі табуляцією\tтут; апостроф ’ і ʼ; 😀👍🏽🇺🇦 (сурогатні пари); &amp; як текст; "
                + "  пробіли на краях  \n"
                + "Ґґ Єє Іі Її — «лапки» … №5";
        Appeal back = roundTrip(Samples.withText(Samples.appeal(), text)).appeal();
        assertEquals(text, back.text());
        String spaces = "  \n\t ";
        assertEquals(spaces, roundTrip(Samples.withText(Samples.appeal(), spaces)).appeal().text());
    }

    @Test
    void longestText() throws Exception {
        // The JDK's validator counts a length in UTF-16 units, as String.length() and the intake rules do:
        // 16000 emoji are 32000 units, the most a text may have.
        String emoji = "🙂".repeat(16_000);
        assertEquals(emoji, roundTrip(Samples.withText(Samples.appeal(), emoji)).appeal().text());
        assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.withText(Samples.appeal(), emoji + "й"))));
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 32_000) {
            sb.append("Текст звернення з новими рядками,\nлапками \" ' і знаками < > &. ");
        }
        String longest = sb.substring(0, 32_000);
        assertEquals(longest, roundTrip(Samples.withText(Samples.appeal(), longest)).appeal().text());
    }

    @Test
    void everyAttachmentShape() throws Exception {
        List<Attachment> list = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            list.add(new Attachment("файл " + i + " «&<>».pdf", i % 2 == 0 ? "application/pdf" : null,
                    i == 49 ? Long.MAX_VALUE : i, i % 3 == 0 ? Samples.SHA : null));
        }
        Appeal a = Samples.appeal();
        Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), list, EnumSet.allOf(LegalMark.class), a.status(), Long.MAX_VALUE, a.receivedAt(),
                a.registeredAt(), a.updatedAt());
        assertEquals(list, roundTrip(b).appeal().attachments());
    }

    @ParameterizedTest
    @EnumSource(AppealKind.class)
    void everyKind(AppealKind kind) throws Exception {
        Appeal a = Samples.appeal();
        Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), kind, a.channel(), a.applicant(),
                a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt());
        assertEquals(kind, roundTrip(b).appeal().kind());
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyChannel(Channel channel) throws Exception {
        Appeal a = Samples.appeal();
        Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), channel, a.applicant(),
                a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt());
        assertEquals(channel, roundTrip(b).appeal().channel());
    }

    @ParameterizedTest
    @EnumSource(AppealStatus.class)
    void everyStatus(AppealStatus status) throws Exception {
        Appeal a = Samples.appeal();
        Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), a.marks(), status, a.version(), a.receivedAt(), a.registeredAt(),
                a.updatedAt());
        assertEquals(status, roundTrip(b).appeal().status());
    }

    @ParameterizedTest
    @EnumSource(ApplicantType.class)
    void everyApplicantType(ApplicantType type) throws Exception {
        Applicant ap = new Applicant(type, "Назва", null, null, null);
        assertEquals(ap, roundTrip(Samples.withApplicant(Samples.appeal(), ap)).appeal().applicant());
    }

    @ParameterizedTest
    @EnumSource(LegalMark.class)
    void everyMark(LegalMark mark) throws Exception {
        Appeal a = Samples.appeal();
        Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), Set.of(mark), a.status(), a.version(), a.receivedAt(), a.registeredAt(),
                a.updatedAt());
        assertEquals(Set.of(mark), roundTrip(b).appeal().marks());
    }

    @Test
    void instantsAreUtcWithMilliseconds() throws Exception {
        Appeal a = Samples.appeal();
        Appeal b = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), a.marks(), a.status(), a.version(),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00.001Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"));
        String xml = ExchangeCodec.write(Samples.event(b));
        assertTrue(xml.contains("<createdAt>2026-11-27T10:15:37.123Z</createdAt>"), xml);
        assertTrue(xml.contains("<receivedAt>2026-01-01T00:00:00.000Z</receivedAt>"), xml);
        assertTrue(xml.contains("<registeredAt>0001-01-01T00:00:00.001Z</registeredAt>"), xml);
        roundTrip(b);
        // Finer precision than the millisecond is cut off, as the store does.
        AckMessage fine = new AckMessage(new Header("0193a5f3-2000-7000-8000-000000000001", "ucc", 1,
                Instant.parse("2026-11-27T10:15:30.123456789Z")), "lviv", 1);
        assertEquals(Samples.T0, ExchangeCodec.read(ExchangeCodec.write(fine)).header().createdAt());
    }

    @Test
    void readsOtherLexicalFormsTheSchemaAllows() throws Exception {
        String xml = ExchangeCodec.write(Samples.event(Samples.appeal()))
                .replace("<createdAt>2026-11-27T10:15:37.123Z</createdAt>",
                        "<createdAt>\n  2026-11-27T12:15:37.123456+02:00 </createdAt>")
                .replace("<collective>true</collective>", "<collective>1</collective>")
                .replace("<confidential>false</confidential>", "<confidential> 0 </confidential>")
                .replace("<version>3</version>", "<version>+0003</version>")
                .replace("<sourceSeq>7</sourceSeq>", "<sourceSeq>007</sourceSeq>");
        AppealEventMessage m = (AppealEventMessage) ExchangeCodec.read(xml);
        assertEquals(Instant.parse("2026-11-27T10:15:37.123456Z"), m.header().createdAt());
        assertTrue(m.appeal().collective());
        assertFalse(m.appeal().confidential());
        assertEquals(3, m.appeal().version());
        assertEquals(7, m.header().sourceSeq());
    }

    @Test
    void prefixedAndCommentedDocumentsAreRead() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- from lviv -->\n"
                + "<x:ack xmlns:x=\"urn:ua:gov:nsoz:exchange:1\"><x:header>"
                + "<x:messageId>0193a5f3-2000-7000-8000-000000000001</x:messageId><x:sourceNode>ucc</x:sourceNode>"
                + "<x:sourceSeq>1</x:sourceSeq><x:createdAt>2026-11-27T10:15:30.123Z</x:createdAt></x:header>"
                + "<!-- note --><x:ackedNode>lviv</x:ackedNode><x:upToSeq>41</x:upToSeq></x:ack>";
        assertEquals(Samples.ack(), ExchangeCodec.read(xml));
    }

    @Test
    void writeRefusesWhatWouldNotBeValid() {
        Appeal a = Samples.appeal();
        String secret = "Секретний текст заявника ".repeat(1400);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.withText(a, secret))));
        assertTrue(tooLong.getMessage().contains("text"), tooLong.getMessage());
        assertFalse(tooLong.getMessage().contains("Секретний"), tooLong.getMessage());

        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.withText(a, "текст\u0001"))));
        assertTrue(control.getMessage().contains("appeal.text") && control.getMessage().contains("U+0001"),
                control.getMessage());

        IllegalArgumentException halfPair = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(Samples.withText(a, "текст\uD83D"))));
        assertTrue(halfPair.getMessage().contains("U+D83D"), halfPair.getMessage());

        Appeal noKind = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), null, a.channel(),
                a.applicant(), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(),
                a.signed(), a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(),
                a.updatedAt());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(Samples.event(noKind)));
        assertEquals("appeal.kind is required", missing.getMessage());

        IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(new AckMessage(new Header("not-a-uuid", "ucc", 1, Samples.T0), "lviv", 0)));
        assertTrue(badId.getMessage().contains("messageId"), badId.getMessage());

        IllegalArgumentException seqZero = assertThrows(IllegalArgumentException.class,
                () -> ExchangeCodec.write(new AckMessage(Samples.header(0), "lviv", 0)));
        assertTrue(seqZero.getMessage().contains("sourceSeq"), seqZero.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ExchangeCodec.write(null));
    }

    @Test
    void threadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        ExchangeMessage m = switch ((n + i) % 4) {
                            case 0 -> Samples.event(Samples.withText(Samples.appeal(), "Текст " + n + "/" + i));
                            case 1 -> Samples.changeRequest();
                            case 2 -> Samples.changeRefused();
                            default -> Samples.ack();
                        };
                        assertEquals(m, ExchangeCodec.read(ExchangeCodec.write(m)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readGivesTheRightRecordType() throws Exception {
        assertInstanceOf(AppealEventMessage.class, ExchangeCodec.read(ExchangeCodec.write(Samples.event(Samples.appeal()))));
        assertInstanceOf(ChangeRequestMessage.class, ExchangeCodec.read(ExchangeCodec.write(Samples.changeRequest())));
        assertInstanceOf(ChangeRefusedMessage.class, ExchangeCodec.read(ExchangeCodec.write(Samples.changeRefused())));
        assertInstanceOf(AckMessage.class, ExchangeCodec.read(ExchangeCodec.write(Samples.ack())));
    }
}
