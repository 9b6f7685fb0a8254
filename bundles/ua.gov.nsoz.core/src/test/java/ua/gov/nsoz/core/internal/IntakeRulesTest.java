package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.ValidationException;

/**
 * The intake rules of the Law "On citizens' appeals": what refuses a request (it cannot be
 * understood) and what only marks an appeal that is registered all the same (Art. 7).
 */
@DisplayName("IntakeRules: validation and legal marks at intake")
class IntakeRulesTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:15:30.123Z");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Applicant citizen() {
        return new Applicant(ApplicantType.CITIZEN, "Шевченко Тарас Григорович", "м. Київ, вул. Хрещатик, 1",
                "taras@example.ua", "+380 44 123-45-67");
    }

    /** A mutable draft of a {@link NewAppeal}; it starts as a complete, signed, individual web appeal. */
    static final class Draft {
        AppealKind kind = AppealKind.COMPLAINT;
        Channel channel = Channel.WEB;
        Applicant applicant = citizen();
        String text = "Не вивозять сміття з двору третій тиждень.";
        String topic = "Благоустрій";
        String addressee = "Київська міська державна адміністрація";
        boolean collective;
        Integer coSigners;
        boolean confidential;
        Boolean signed;
        Instant receivedAt = NOW.minusSeconds(60);
        List<Attachment> attachments = List.of();

        Draft kind(AppealKind v) {
            kind = v;
            return this;
        }

        Draft channel(Channel v) {
            channel = v;
            return this;
        }

        Draft applicant(Applicant v) {
            applicant = v;
            return this;
        }

        Draft text(String v) {
            text = v;
            return this;
        }

        Draft topic(String v) {
            topic = v;
            return this;
        }

        Draft addressee(String v) {
            addressee = v;
            return this;
        }

        Draft collective(boolean c, Integer n) {
            collective = c;
            coSigners = n;
            return this;
        }

        Draft confidential(boolean v) {
            confidential = v;
            return this;
        }

        Draft signed(Boolean v) {
            signed = v;
            return this;
        }

        Draft receivedAt(Instant v) {
            receivedAt = v;
            return this;
        }

        Draft attachments(List<Attachment> v) {
            attachments = v;
            return this;
        }

        NewAppeal build() {
            return new NewAppeal(kind, channel, applicant, text, topic, addressee, collective, coSigners, confidential,
                    signed, receivedAt, attachments);
        }
    }

    static Draft draft() {
        return new Draft();
    }

    static NewAppeal check(Draft d) {
        return IntakeRules.check(d.build(), NOW);
    }

    static Set<LegalMark> marksOf(Draft d) {
        return IntakeRules.marks(check(d));
    }

    static List<String> errorFields(Draft d) {
        ValidationException e = assertThrows(ValidationException.class, () -> check(d));
        return e.errors().stream().map(FieldError::field).toList();
    }

    static Attachment pdf(String name) {
        return new Attachment(name, "application/pdf", 1024, SHA);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    @DisplayName("A complete, signed, individual appeal passes unchanged and carries no legal mark")
    void completeAppealHasNoMarks() {
        NewAppeal in = draft().build();
        NewAppeal out = IntakeRules.check(in, NOW);
        assertEquals(in, out);
        assertEquals(Set.of(), IntakeRules.marks(out));
    }

    @Nested
    @DisplayName("Art. 3: kinds of appeal")
    class Kinds {

        @ParameterizedTest(name = "{0}")
        @EnumSource(AppealKind.class)
        @DisplayName("Art. 3: a proposal, an application and a complaint are each accepted as such")
        void everyKindIsAccepted(AppealKind kind) {
            assertEquals(kind, check(draft().kind(kind)).kind());
        }

        @Test
        @DisplayName("Art. 3: the Law knows exactly three kinds: proposal (remark), application (petition), complaint")
        void exactlyThreeKinds() {
            assertEquals(List.of(AppealKind.PROPOSAL, AppealKind.APPLICATION, AppealKind.COMPLAINT),
                    List.of(AppealKind.values()));
            assertEquals("Скарга", AppealKind.COMPLAINT.labelUk());
        }
    }

    @Nested
    @DisplayName("Required fields, all reported at once")
    class RequiredFields {

        static Stream<Arguments> missing() {
            return Stream.of(
                    arguments("no kind (Art. 3)", draft().kind(null), List.of("kind")),
                    arguments("no channel (Art. 5)", draft().channel(null), List.of("channel")),
                    arguments("no text (Art. 5)", draft().text(null), List.of("text")),
                    arguments("empty text", draft().text(""), List.of("text")),
                    arguments("blank text", draft().text(" \t\n "), List.of("text")),
                    arguments("no kind, no channel", draft().kind(null).channel(null), List.of("kind", "channel")),
                    arguments("no kind, no text", draft().kind(null).text("   "), List.of("kind", "text")),
                    arguments("no channel, no text", draft().channel(null).text(null), List.of("channel", "text")),
                    arguments("nothing at all", draft().kind(null).channel(null).text(null),
                            List.of("kind", "channel", "text")));
        }

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("missing")
        @DisplayName("Art. 3, 5: kind, channel and the essence of the issue are required; every missing one is named")
        void missingRequiredFieldsAreNamed(String label, Draft d, List<String> fields) {
            assertEquals(fields, errorFields(d));
        }

        @Test
        @DisplayName("Art. 5: every problem of a request is reported in one answer, field by field")
        void allProblemsAtOnce() {
            Draft d = draft().kind(null).channel(null).text(" ")
                    .topic(repeat('т', IntakeRules.MAX_SHORT + 1))
                    .applicant(new Applicant(null, "Іван", "Львів", "not-an-email", "phone?"))
                    .collective(false, 5)
                    .receivedAt(NOW.plus(Duration.ofHours(1)))
                    .attachments(List.of(pdf("ok.pdf"), new Attachment(" ", "pdf", -1, "xyz")));
            assertEquals(List.of("kind", "channel", "text", "topic", "applicant.type", "applicant.email",
                    "applicant.phone", "coSigners", "receivedAt", "attachments[1].fileName", "attachments[1].mediaType",
                    "attachments[1].sizeBytes", "attachments[1].sha256"), errorFields(d));
        }

        @Test
        @DisplayName("Every error carries a message in Ukrainian and English, and the exception names the fields")
        void errorsHaveBilingualMessages() {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> check(draft().kind(null).text(null)));
            for (FieldError err : e.errors()) {
                assertTrue(err.message().contains("Обов'язкове поле"), err.message());
                assertTrue(err.message().contains("Required"), err.message());
            }
            assertTrue(e.getMessage().contains("kind") && e.getMessage().contains("text"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("Art. 8: anonymous appeals")
    class Anonymous {

        static Stream<Arguments> anonymous() {
            Applicant c = citizen();
            return Stream.of(
                    arguments("no applicant at all", null),
                    arguments("no full name", new Applicant(ApplicantType.CITIZEN, null, c.address(), c.email(), null)),
                    arguments("blank full name", new Applicant(ApplicantType.CITIZEN, "   ", c.address(), c.email(), null)),
                    arguments("no place of residence", new Applicant(ApplicantType.CITIZEN, c.fullName(), null,
                            c.email(), null)),
                    arguments("blank place of residence", new Applicant(ApplicantType.CITIZEN, c.fullName(), "\t",
                            c.email(), null)),
                    arguments("neither name nor residence", new Applicant(ApplicantType.CITIZEN, null, null,
                            c.email(), c.phone())),
                    arguments("an applicant of blanks only, type given",
                            new Applicant(ApplicantType.CITIZEN, " ", " ", " ", " ")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("anonymous")
        @DisplayName("Art. 8: an appeal without a full name or a place of residence is registered and marked anonymous")
        void anonymousIsValidAndMarked(String label, Applicant applicant) {
            // Art. 7: refusing to accept is prohibited, so this must not throw.
            NewAppeal out = assertDoesNotThrow(() -> check(draft().channel(Channel.PHONE).applicant(applicant)));
            assertEquals(Set.of(LegalMark.ANONYMOUS), IntakeRules.marks(out));
        }

        @Test
        @DisplayName("Art. 7, 8: an applicant given only as blanks is treated as no applicant, not refused")
        void blankApplicantBecomesNull() {
            assertNull(check(draft().applicant(new Applicant(null, " ", "", "\n", "  "))).applicant());
        }

        @Test
        @DisplayName("Art. 5: an applicant with a name and a place of residence is not anonymous")
        void nameAndResidenceAreEnough() {
            Applicant a = new Applicant(ApplicantType.CITIZEN, "Леся Українка", "Луцьк", null, null);
            assertEquals(Set.of(), marksOf(draft().channel(Channel.PHONE).applicant(a)));
        }

        @Test
        @DisplayName("An applicant that is given must say what kind of applicant it is (field applicant.type)")
        void applicantTypeRequired() {
            Applicant a = new Applicant(null, "Леся Українка", "Луцьк", null, null);
            assertEquals(List.of("applicant.type"), errorFields(draft().applicant(a)));
        }
    }

    @Nested
    @DisplayName("Art. 5, 8: signature of written appeals")
    class Signature {

        @ParameterizedTest(name = "{0}, signed={1} -> signed={2}, unsigned mark={3}")
        @CsvSource(nullValues = "null", value = {
                // channel,  signed given, signed kept, UNSIGNED
                "POST,       false,        false,       true",
                "IN_PERSON,  false,        false,       true",
                "POST,       true,         true,        false",
                "IN_PERSON,  true,         true,        false",
                "POST,       null,         null,        false",
                "PHONE,      false,        null,        false",
                "WEB,        false,        null,        false",
                "PORTAL,     false,        null,        false",
                "EMAIL,      true,         null,        false"})
        @DisplayName("Art. 5, 8: a written appeal not signed is marked UNSIGNED (БП); 'signed' is dropped for oral and electronic")
        void unsignedWrittenAppeal(Channel channel, Boolean signed, Boolean expectedSigned, boolean unsigned) {
            NewAppeal out = check(draft().channel(channel).signed(signed));
            assertEquals(expectedSigned, out.signed());
            assertEquals(unsigned, IntakeRules.marks(out).contains(LegalMark.UNSIGNED));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"PHONE, ORAL", "WEB, ELECTRONIC", "PORTAL, ELECTRONIC", "EMAIL, ELECTRONIC", "POST, WRITTEN",
                "IN_PERSON, WRITTEN"})
        @DisplayName("Art. 5: an appeal is oral, written or electronic according to its intake channel")
        void formFollowsChannel(Channel channel, Channel.Form form) {
            assertEquals(form, channel.form());
        }
    }

    @Nested
    @DisplayName("Art. 5: a contact for the reply to an electronic appeal")
    class ContactForReply {

        @ParameterizedTest(name = "{0}, email=''{1}'', phone=''{2}'' -> no contact mark={3}")
        @CsvSource({
                "WEB,       ,                 ,                  true",
                "PORTAL,    ,                 ,                  true",
                "EMAIL,     ,                 ,                  true",
                "WEB,       '   ',            '  ',              true",
                "WEB,       taras@example.ua, ,                  false",
                "PORTAL,    ,                 +380441234567,     false",
                "EMAIL,     taras@example.ua, +380441234567,     false",
                "PHONE,     ,                 ,                  false",
                "POST,      ,                 ,                  false",
                "IN_PERSON, ,                 ,                  false"})
        @DisplayName("Art. 5: an electronic appeal with neither e-mail nor phone is marked NO_CONTACT_FOR_REPLY")
        void electronicWithoutContact(Channel channel, String email, String phone, boolean noContact) {
            Applicant a = new Applicant(ApplicantType.CITIZEN, "Іван Франко", "Львів", email, phone);
            Set<LegalMark> marks = marksOf(draft().channel(channel).applicant(a).signed(true));
            assertEquals(noContact, marks.contains(LegalMark.NO_CONTACT_FOR_REPLY), marks::toString);
            assertFalse(marks.contains(LegalMark.ANONYMOUS));
        }

        @Test
        @DisplayName("Art. 5, 8: an electronic appeal with no applicant is both anonymous and without a contact")
        void electronicWithoutApplicant() {
            assertEquals(EnumSet.of(LegalMark.ANONYMOUS, LegalMark.NO_CONTACT_FOR_REPLY),
                    marksOf(draft().channel(Channel.PORTAL).applicant(null)));
        }

        @Test
        @DisplayName("Art. 5, 7, 8: an unsigned written appeal without a known author is registered with both marks")
        void writtenAnonymousUnsigned() {
            assertEquals(EnumSet.of(LegalMark.ANONYMOUS, LegalMark.UNSIGNED),
                    marksOf(draft().channel(Channel.POST).applicant(null).signed(false)));
        }
    }

    @Nested
    @DisplayName("Art. 5: collective appeals")
    class Collective {

        @ParameterizedTest(name = "collective={0}, coSigners={1} -> valid={2}")
        @CsvSource(nullValues = "null", value = {
                "true,  2,        true",
                "true,  150,      true",
                "true,  10000000, true",
                "true,  10000001, false",
                "true,  1,        false",
                "true,  0,        false",
                "true,  -3,       false",
                "true,  null,     false",
                "false, null,     true",
                "false, 2,        false",
                "false, 0,        false"})
        @DisplayName("Art. 5: a collective appeal needs at least 2 signatories; coSigners without collective is an error")
        void coSigners(boolean collective, Integer coSigners, boolean valid) {
            Draft d = draft().collective(collective, coSigners);
            if (valid) {
                NewAppeal out = check(d);
                assertEquals(collective, out.collective());
                assertEquals(coSigners, out.coSigners());
            } else {
                assertEquals(List.of("coSigners"), errorFields(d));
            }
        }
    }

    @ParameterizedTest(name = "confidential={0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("Art. 10: the applicant's request to withhold name and residence is kept")
    void confidentialityKept(boolean confidential) {
        assertEquals(confidential, check(draft().confidential(confidential)).confidential());
    }

    @Nested
    @DisplayName("Instruction 348: time of receipt")
    class ReceivedAt {

        static Stream<Arguments> accepted() {
            return Stream.of(
                    arguments("an hour ago", NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(1))),
                    arguments("a year ago", Instant.parse("2025-03-10T09:15:30Z"), Instant.parse("2025-03-10T09:15:30Z")),
                    arguments("now", NOW, NOW),
                    arguments("4 min 59 s ahead (clock skew)", NOW.plusSeconds(299), NOW.plusSeconds(299)),
                    arguments("exactly 5 min ahead", NOW.plus(IntakeRules.CLOCK_SKEW), NOW.plus(IntakeRules.CLOCK_SKEW)),
                    arguments("5 min and 0.9 ms ahead, truncated to milliseconds",
                            NOW.plus(IntakeRules.CLOCK_SKEW).plusNanos(900_000), NOW.plus(IntakeRules.CLOCK_SKEW)),
                    arguments("sub-millisecond precision dropped", Instant.parse("2026-03-10T08:00:00.123456789Z"),
                            Instant.parse("2026-03-10T08:00:00.123Z")),
                    arguments("not given: now", null, NOW));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("accepted")
        @DisplayName("A receipt time in the past or within 5 minutes of clock skew is kept (to the millisecond); none means now")
        void acceptedReceiptTimes(String label, Instant given, Instant expected) {
            assertEquals(expected, check(draft().receivedAt(given)).receivedAt());
        }

        @ParameterizedTest(name = "{0} ahead")
        @ValueSource(strings = {"PT5M0.001S", "PT6M", "PT24H", "P3650D"})
        @DisplayName("A receipt time more than 5 minutes in the future is an error on receivedAt")
        void futureReceiptTime(String ahead) {
            assertEquals(List.of("receivedAt"), errorFields(draft().receivedAt(NOW.plus(Duration.parse(ahead)))));
        }
    }

    @Nested
    @DisplayName("Lengths and formats")
    class Formats {

        @ParameterizedTest(name = "{0} characters -> valid={1}")
        @CsvSource({"1, true", "31999, true", "32000, true", "32001, false", "100000, false"})
        @DisplayName("Art. 5: the essence of the issue is at most 32,000 characters; longer documents are attachments")
        void textLength(int length, boolean valid) {
            Draft d = draft().text(repeat('ї', length));
            if (valid) {
                assertEquals(length, check(d).text().length());
            } else {
                assertEquals(List.of("text"), errorFields(d));
            }
        }

        @Test
        @DisplayName("The text limit counts the text after trimming")
        void textLimitAfterTrim() {
            String text = "  \n" + repeat('a', IntakeRules.MAX_TEXT) + "\t ";
            assertEquals(IntakeRules.MAX_TEXT, check(draft().text(text)).text().length());
        }

        @ParameterizedTest(name = "{0}: {1} characters -> valid={2}")
        @CsvSource({
                "topic,             300, true",
                "topic,             301, false",
                "addressee,         300, true",
                "addressee,         301, false",
                "applicant.fullName, 300, true",
                "applicant.fullName, 301, false",
                "applicant.address,  500, true",
                "applicant.address,  501, false"})
        @DisplayName("Short fields have their length limits, each reported under its own name")
        void shortFieldLengths(String field, int length, boolean valid) {
            String v = repeat('я', length);
            Applicant c = citizen();
            Draft d = switch (field) {
                case "topic" -> draft().topic(v);
                case "addressee" -> draft().addressee(v);
                case "applicant.fullName" -> draft().applicant(
                        new Applicant(c.type(), v, c.address(), c.email(), c.phone()));
                case "applicant.address" -> draft().applicant(
                        new Applicant(c.type(), c.fullName(), v, c.email(), c.phone()));
                default -> throw new IllegalArgumentException(field);
            };
            if (valid) {
                assertDoesNotThrow(() -> check(d));
            } else {
                assertEquals(List.of(field), errorFields(d));
            }
        }

        static Stream<Arguments> emails() {
            return Stream.of(
                    arguments("taras@example.ua", true),
                    arguments("taras.shevchenko+appeal@kmda.gov.ua", true),
                    arguments("  padded@example.ua  ", true),
                    arguments("олена@пошта.укр", true),
                    arguments(repeat('a', 64) + "@example.ua", true),
                    arguments(repeat('a', 65) + "@example.ua", false),
                    arguments("no-at-sign.example.ua", false),
                    arguments("no-dot@localhost", false),
                    arguments("two@@example.ua", false),
                    arguments("@example.ua", false),
                    arguments("with space@example.ua", false),
                    arguments("a@b.ua, c@d.ua", false),
                    arguments("x@" + repeat('d', 249) + ".ua", true),
                    arguments("x@" + repeat('d', 250) + ".ua", false));
        }

        @ParameterizedTest(name = "''{0}'' -> valid={1}")
        @MethodSource("emails")
        @DisplayName("Art. 5: an e-mail for the reply must look like an e-mail address (at most 254 characters)")
        void emailFormat(String email, boolean valid) {
            Applicant a = new Applicant(ApplicantType.CITIZEN, "Іван Франко", "Львів", email, null);
            Draft d = draft().applicant(a);
            if (valid) {
                assertEquals(email.strip(), check(d).applicant().email());
            } else {
                // One error per field: a too-long address is not also reported as malformed.
                assertEquals(List.of("applicant.email"), errorFields(d));
            }
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"(044) 123-45-67", "(0322) 12-34-56", "(067) 123 45 67"})
        @DisplayName("Art. 5: a phone for the reply written in the usual form with the area code in brackets is accepted")
        void phoneStartingWithBracket(String phone) {
            Applicant a = new Applicant(ApplicantType.CITIZEN, "Іван Франко", "Львів", null, phone);
            assertEquals(phone, check(draft().applicant(a)).applicant().phone());
        }

        @ParameterizedTest(name = "''{0}'' -> valid={1}")
        @CsvSource(delimiter = '|', value = {
                "+380 44 123-45-67      | true",
                "+38 (044) 123-45-67    | true",
                "0 (44) 123-45-67       | true",
                "0441234567             | true",
                "1551                   | false",
                "15510                  | true",
                "+380441234567890123456789012345 | true",
                "+3804412345678901234567890123456 | true",
                "+38044123456789012345678901234567 | false",
                "+38O441234567          | false",
                "++380441234567         | false",
                "-380441234567          | false",
                "380 44 123 45 67 дод. 2 | false",
                "невідомо               | false"})
        @DisplayName("Art. 5: a phone for the reply has digits, spaces, brackets and dashes, an optional leading '+', 5 to 32 characters")
        void phoneFormat(String phone, boolean valid) {
            Applicant a = new Applicant(ApplicantType.CITIZEN, "Іван Франко", "Львів", null, phone);
            Draft d = draft().applicant(a);
            if (valid) {
                assertEquals(phone, check(d).applicant().phone());
            } else {
                assertEquals(List.of("applicant.phone"), errorFields(d));
            }
        }
    }

    @Nested
    @DisplayName("Attachments")
    class Attachments {

        @ParameterizedTest(name = "{0} attachments -> valid={1}")
        @CsvSource({"0, true", "1, true", "50, true", "51, false"})
        @DisplayName("At most 50 attachments")
        void attachmentCount(int n, boolean valid) {
            List<Attachment> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(pdf("page-" + i + ".pdf"));
            }
            Draft d = draft().attachments(list);
            if (valid) {
                assertEquals(list, check(d).attachments());
            } else {
                assertEquals(List.of("attachments"), errorFields(d));
            }
        }

        static Stream<Arguments> badAttachments() {
            return Stream.of(
                    arguments(new Attachment(null, "application/pdf", 1, SHA), "attachments[1].fileName"),
                    arguments(new Attachment("  ", "application/pdf", 1, SHA), "attachments[1].fileName"),
                    arguments(new Attachment(repeat('f', 256), "application/pdf", 1, SHA), "attachments[1].fileName"),
                    arguments(new Attachment("scan.pdf", "pdf", 1, SHA), "attachments[1].mediaType"),
                    arguments(new Attachment("scan.pdf", "application/pdf; charset=x", 1, SHA),
                            "attachments[1].mediaType"),
                    arguments(new Attachment("scan.pdf", "application/" + repeat('x', 116), 1, SHA),
                            "attachments[1].mediaType"),
                    arguments(new Attachment("scan.pdf", "application/pdf", -1, SHA), "attachments[1].sizeBytes"),
                    arguments(new Attachment("scan.pdf", "application/pdf", 1, SHA.substring(1)),
                            "attachments[1].sha256"),
                    arguments(new Attachment("scan.pdf", "application/pdf", 1, SHA + "0"), "attachments[1].sha256"),
                    arguments(new Attachment("scan.pdf", "application/pdf", 1, "g" + SHA.substring(1)),
                            "attachments[1].sha256"));
        }

        @ParameterizedTest(name = "{1}: {0}")
        @MethodSource("badAttachments")
        @DisplayName("A malformed attachment is reported under its index and field")
        void badAttachment(Attachment bad, String field) {
            assertEquals(List.of(field), errorFields(draft().attachments(List.of(pdf("ok.pdf"), bad))));
        }

        static Stream<Arguments> goodAttachments() {
            return Stream.of(
                    arguments(new Attachment("  скан заяви.pdf ", " application/pdf ", 0, " " + SHA.toUpperCase() + " "),
                            new Attachment("скан заяви.pdf", "application/pdf", 0, SHA)),
                    arguments(new Attachment(repeat('f', 255), null, 5, null),
                            new Attachment(repeat('f', 255), null, 5, null)),
                    arguments(new Attachment("photo.jpg", "  ", Long.MAX_VALUE, "   "),
                            new Attachment("photo.jpg", null, Long.MAX_VALUE, null)),
                    arguments(new Attachment("doc.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 10, SHA),
                            new Attachment("doc.docx",
                                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 10, SHA)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("goodAttachments")
        @DisplayName("Attachment fields are trimmed, blanks become absent, the SHA-256 is kept in lower case")
        void goodAttachment(Attachment in, Attachment expected) {
            assertEquals(List.of(expected), check(draft().attachments(List.of(in))).attachments());
        }

        @Test
        @DisplayName("A missing attachment description is reported as attachments[i], not a crash")
        void nullAttachmentIsAFieldError() {
            List<Attachment> list = Arrays.asList(pdf("ok.pdf"), null);
            ValidationException e = assertThrows(ValidationException.class,
                    () -> IntakeRules.check(draft().attachments(list).build(), NOW));
            assertEquals(List.of("attachments[1]"), e.errors().stream().map(FieldError::field).toList());
        }
    }

    @Nested
    @DisplayName("Cleaning: trimmed, blanks as absent")
    class Cleaning {

        @Test
        @DisplayName("Strings are trimmed and blank ones become null")
        void trimmedAndBlankToNull() {
            Applicant a = new Applicant(ApplicantType.ENTERPRISE, "  ТОВ «Ромашка»  ", "\tм. Одеса\n", " info@romashka.ua ",
                    "  +380 48 700-00-00 ");
            NewAppeal out = check(draft().applicant(a).text("  Суть питання.  ").topic("   ").addressee("\n\t"));
            assertEquals("Суть питання.", out.text());
            assertNull(out.topic());
            assertNull(out.addressee());
            assertEquals(new Applicant(ApplicantType.ENTERPRISE, "ТОВ «Ромашка»", "м. Одеса", "info@romashka.ua",
                    "+380 48 700-00-00"), out.applicant());
        }

        @Test
        @DisplayName("Blank applicant fields become null, which is what makes an appeal anonymous (Art. 8)")
        void blankApplicantFields() {
            Applicant a = new Applicant(ApplicantType.CITIZEN, " ", "Полтава", "", "  ");
            NewAppeal out = check(draft().channel(Channel.WEB).applicant(a));
            assertEquals(new Applicant(ApplicantType.CITIZEN, null, "Полтава", null, null), out.applicant());
            assertEquals(EnumSet.of(LegalMark.ANONYMOUS, LegalMark.NO_CONTACT_FOR_REPLY), IntakeRules.marks(out));
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"", " ", "\t", "\n", "\r\n", " \u2003 ", "\u3000"})
        @DisplayName("clean() turns any blank, including Unicode white space, into null")
        void cleanBlank(String blank) {
            assertNull(IntakeRules.clean(blank));
        }

        @Test
        @DisplayName("clean() keeps inner whitespace and null stays null")
        void cleanKeepsInner() {
            assertEquals("a  b", IntakeRules.clean("  a  b \u2003"));
            assertNull(IntakeRules.clean(null));
        }
    }

    @ParameterizedTest(name = "{0} rests on Art. {1}")
    @CsvSource(delimiter = '|', value = {"ANONYMOUS | 8", "UNSIGNED | 5, 8", "NO_CONTACT_FOR_REPLY | 5"})
    @DisplayName("Each legal mark names the article of the Law it rests on")
    void marksNameTheirArticle(LegalMark mark, String article) {
        assertEquals(article, mark.article());
        assertFalse(mark.messageUk().isBlank());
        assertFalse(mark.messageEn().isBlank());
    }

    @Test
    @DisplayName("marks() answers a fresh set per call: a caller changing it does not change the next answer")
    void marksAreIndependentPerCall() {
        NewAppeal a = check(draft().channel(Channel.POST).applicant(null).signed(false));
        Set<LegalMark> first = IntakeRules.marks(a);
        Set<LegalMark> second = IntakeRules.marks(a);
        assertEquals(first, second);
        first.clear();
        assertEquals(EnumSet.of(LegalMark.ANONYMOUS, LegalMark.UNSIGNED), IntakeRules.marks(a));
    }
}
