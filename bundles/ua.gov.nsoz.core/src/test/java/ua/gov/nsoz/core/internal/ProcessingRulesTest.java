package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.ValidationException;

/**
 * What each action may do to an appeal, one table per rule of the Law "On citizens' appeals" (Art. 7, 8, 17, 20)
 * and of the classifier of appeals. The rules are pure: every appeal, request, actor and instant here is fixed, on a
 * working calendar that lists no dates (weekends only). Kyiv is UTC+2 until 29.03.2026, UTC+3 after it.
 */
@DisplayName("ProcessingRules: what each action may do to an appeal, by the Law \"On citizens' appeals\"")
class ProcessingRulesTest {

    static final DeadlineRules DEADLINES = new DeadlineRules(new WorkingCalendar(Set.of()));
    static final Set<String> BODIES = Set.of("kmda", "minsoc", "lviv-oda");
    static final Set<String> TOPICS = Set.of("01.001", "02.014");
    static final ProcessingRules RULES = new ProcessingRules(DEADLINES, BODIES::contains, TOPICS::contains);

    static final Actor CLERK = Actor.of("clerk");
    static final Actor HEAD = new Actor("head", Set.of(Actor.HEAD_OF_BODY));

    /** Monday 16.03.2026, 10:00 in Kyiv, on the web: the term counts from that day; 30 days end Wed 15.04.2026. */
    static final Instant RECEIVED = kyiv("2026-03-16T10:00");
    /** One month from Mon 16.03.2026 (Art. 20; CC Art. 254 part 2): Thu 16.04.2026. */
    static final LocalDate DUE_STANDARD = LocalDate.parse("2026-04-16");
    /** Monday 20.04.2026, 10:00 in Kyiv: the term of a standard appeal has passed; it reached its body on 18.04. */
    static final Instant NOW = kyiv("2026-04-20T10:00");
    static final Instant REACHED_BODY = kyiv("2026-04-18T10:00");

    static final List<Attachment> DOCS = List.of(new Attachment("відповідь.pdf", "application/pdf", 1024, null));

    static final Set<AppealStatus> OPEN = EnumSet.of(AppealStatus.REGISTERED, AppealStatus.FORWARDED,
            AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.EXTENDED, AppealStatus.REDIRECTED);

    static Instant kyiv(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    /** An appeal on which everything any action needs besides its status is in place. */
    static Processing withBody() {
        return Processing.NONE.toBuilder().body("kmda", REACHED_BODY).dueDate(DUE_STANDARD).build();
    }

    static Appeal appeal(AppealStatus status, Processing p) {
        return appeal(status, AppealKind.APPLICATION, Set.of(LegalMark.ANONYMOUS), RECEIVED, Channel.WEB, p);
    }

    static Appeal appeal(AppealStatus status, AppealKind kind, Set<LegalMark> marks, Instant receivedAt,
            Channel channel, Processing p) {
        return new Appeal("0196a000-0000-7000-8000-000000000001", "KV-2026-000001", "kyiv-city", "UA-80", kind,
                channel, null, "Прошу відремонтувати освітлення у дворі.", "Благоустрій", null, false, null, false,
                null, List.of(), marks, status, 3, receivedAt, receivedAt, receivedAt, p);
    }

    /** A request, field by field. */
    static final class Req {
        private final AppealAction action;
        private String comment;
        private String body;
        private String topic;
        private Classification classification;
        private NotConsideredGround ground;
        private AnswerResult result;
        private String text;
        private Integer days;
        private Integer rating;
        private List<Attachment> documents;

        Req(AppealAction action) {
            this.action = action;
        }

        Req comment(String v) {
            comment = v;
            return this;
        }

        Req body(String v) {
            body = v;
            return this;
        }

        Req topic(String v) {
            topic = v;
            return this;
        }

        Req classification(Classification v) {
            classification = v;
            return this;
        }

        Req ground(NotConsideredGround v) {
            ground = v;
            return this;
        }

        Req result(AnswerResult v) {
            result = v;
            return this;
        }

        Req text(String v) {
            text = v;
            return this;
        }

        Req days(Integer v) {
            days = v;
            return this;
        }

        Req rating(Integer v) {
            rating = v;
            return this;
        }

        Req documents(List<Attachment> v) {
            documents = v;
            return this;
        }

        ActionRequest build() {
            return new ActionRequest(action, comment, body, topic, classification, ground, result, text, days,
                    rating, documents);
        }
    }

    static Req req(AppealAction action) {
        return new Req(action);
    }

    /** A request for each action with every field it needs. */
    static ActionRequest complete(AppealAction action) {
        return switch (action) {
            case CLASSIFY -> req(action).topic("01.001").build();
            case NOTE -> req(action).comment("Зателефонували заявнику").build();
            case NO_ADDITIONAL_STUDY, ACCEPT, REMIND, ESCALATE -> req(action).build();
            case ANSWER_AT_FIRST_CONTACT -> req(action).text("Роз'яснено порядок отримання довідки").build();
            case FORWARD -> req(action).body("minsoc").build();
            case NOT_CONSIDER -> req(action).ground(NotConsideredGround.ANONYMOUS).build();
            case REDIRECT -> req(action).body("minsoc").comment("Питання соціального захисту").build();
            case EXTEND -> req(action).days(10).comment("Потрібна перевірка на місці").build();
            case ANSWER -> req(action).result(AnswerResult.EXPLAINED).text("Роз'яснено").documents(DOCS).build();
            case RATE -> req(action).rating(5).build();
            case SHORTEN -> req(action).days(10).comment("Виїжджаю на лікування 01.04, прошу розглянути до того").build();
            case RESTORE_TERM -> req(action).comment("Заявник перебував на лікуванні (довідка додана)").build();
        };
    }

    static ProcessingRules.Outcome apply(Appeal a, ActionRequest r, Actor actor, Instant now) {
        return RULES.apply(a, r, actor, now);
    }

    static ValidationException refused(Appeal a, ActionRequest r, Actor actor, Instant now) {
        return assertThrows(ValidationException.class, () -> RULES.apply(a, r, actor, now));
    }

    static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    static String messages(ValidationException e) {
        return e.errors().stream().map(FieldError::message).collect(Collectors.joining("; "));
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * The statuses each action is allowed in, as the Law and the classifier have it. Written out here, not taken from
     * {@link ProcessingRules}, so that a change of the rules shows up as a failing row.
     */
    static final Map<AppealAction, Set<AppealStatus>> ALLOWED = new EnumMap<>(Map.ofEntries(
            // Preliminary processing (classifier of appeals) while the appeal is under consideration.
            Map.entry(AppealAction.CLASSIFY, OPEN),
            // A note may be added to the history at any time.
            Map.entry(AppealAction.NOTE, EnumSet.allOf(AppealStatus.class)),
            // Art. 20: marked at preliminary processing, while the term runs.
            Map.entry(AppealAction.NO_ADDITIONAL_STUDY, OPEN),
            // The contact center answers at first contact, before the appeal goes anywhere.
            Map.entry(AppealAction.ANSWER_AT_FIRST_CONTACT, EnumSet.of(AppealStatus.REGISTERED)),
            Map.entry(AppealAction.FORWARD, EnumSet.of(AppealStatus.REGISTERED)),
            // Art. 8, 17: the appeal stays registered; any time while it is open.
            Map.entry(AppealAction.NOT_CONSIDER, OPEN),
            Map.entry(AppealAction.ACCEPT, EnumSet.of(AppealStatus.REGISTERED, AppealStatus.FORWARDED,
                    AppealStatus.REDIRECTED)),
            // Art. 7: a body that has the appeal sends it on.
            Map.entry(AppealAction.REDIRECT, EnumSet.of(AppealStatus.FORWARDED, AppealStatus.REDIRECTED,
                    AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.EXTENDED)),
            // Art. 20: the head of the body that has the appeal extends its term.
            Map.entry(AppealAction.EXTEND, EnumSet.of(AppealStatus.FORWARDED, AppealStatus.REDIRECTED,
                    AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.EXTENDED)),
            // Art. 15, 19: the body answers what it accepted.
            Map.entry(AppealAction.ANSWER, EnumSet.of(AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS,
                    AppealStatus.EXTENDED)),
            Map.entry(AppealAction.RATE, EnumSet.of(AppealStatus.ANSWERED, AppealStatus.ANSWERED_AT_FIRST_CONTACT)),
            // The deadline watch (Art. 20) while the term runs.
            Map.entry(AppealAction.REMIND, OPEN),
            Map.entry(AppealAction.ESCALATE, OPEN),
            // Art. 20: the applicant's written request for a shorter term, while the term runs.
            Map.entry(AppealAction.SHORTEN, OPEN),
            // Art. 17: the body restores a late complaint's term while it is under consideration.
            Map.entry(AppealAction.RESTORE_TERM, OPEN)));

    /** A complaint filed after its term (Art. 17), with the appeal at a body. */
    static Appeal lateComplaint(AppealStatus status) {
        return appeal(status, AppealKind.COMPLAINT, Set.of(LegalMark.LATE_COMPLAINT), RECEIVED, Channel.POST,
                withBody());
    }

    static Stream<Arguments> everyActionInEveryStatus() {
        List<Arguments> rows = new ArrayList<>();
        for (AppealAction action : AppealAction.values()) {
            for (AppealStatus status : AppealStatus.values()) {
                rows.add(arguments(action, status, ALLOWED.get(action).contains(status)));
            }
        }
        return rows.stream();
    }

    @Test
    @DisplayName("Art. 7, 8, 20: the table of allowed statuses covers every action")
    void tableCoversEveryAction() {
        assertEquals(EnumSet.allOf(AppealAction.class), ALLOWED.keySet());
        assertEquals(AppealAction.values().length * AppealStatus.values().length, everyActionInEveryStatus().count());
    }

    @ParameterizedTest(name = "{0} in status {1}: allowed = {2}")
    @MethodSource("everyActionInEveryStatus")
    @DisplayName("Art. 7, 8, 15, 17, 20: which statuses allow each action; a refusal names the field \"action\"")
    void statusMatrix(AppealAction action, AppealStatus status, boolean allowed) {
        Appeal a = action == AppealAction.RESTORE_TERM ? lateComplaint(status) : appeal(status, withBody());
        ActionRequest r = complete(action);
        if (allowed) {
            ProcessingRules.Outcome o = assertDoesNotThrow(() -> apply(a, r, HEAD, NOW));
            assertNotNull(o.status());
        } else {
            ValidationException e = refused(a, r, HEAD, NOW);
            assertEquals(List.of("action"), fields(e), e::getMessage);
            assertTrue(messages(e).contains(status.name()), messages(e));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Required fields of each action")
    class RequiredFields {

        static Stream<Arguments> missing() {
            return Stream.of(
                    arguments("NOTE without its text", AppealStatus.ACCEPTED, req(AppealAction.NOTE), List.of("comment")),
                    arguments("NOTE with a blank text", AppealStatus.ACCEPTED, req(AppealAction.NOTE).comment(" \t "),
                            List.of("comment")),
                    arguments("CLASSIFY with neither topic nor classification", AppealStatus.REGISTERED,
                            req(AppealAction.CLASSIFY), List.of("topic")),
                    arguments("FORWARD without a body", AppealStatus.REGISTERED, req(AppealAction.FORWARD),
                            List.of("body")),
                    arguments("Art. 8, 17: NOT_CONSIDER without its ground", AppealStatus.REGISTERED,
                            req(AppealAction.NOT_CONSIDER), List.of("ground")),
                    arguments("Art. 7: REDIRECT without a body", AppealStatus.ACCEPTED,
                            req(AppealAction.REDIRECT).comment("Не за належністю"), List.of("body")),
                    arguments("Art. 7: REDIRECT without the reason", AppealStatus.ACCEPTED,
                            req(AppealAction.REDIRECT).body("minsoc"), List.of("comment")),
                    arguments("Art. 7: REDIRECT with neither", AppealStatus.ACCEPTED, req(AppealAction.REDIRECT),
                            List.of("body", "comment")),
                    arguments("Art. 20: EXTEND without days", AppealStatus.ACCEPTED,
                            req(AppealAction.EXTEND).comment("Перевірка"), List.of("days")),
                    arguments("Art. 20: EXTEND without the reason", AppealStatus.ACCEPTED,
                            req(AppealAction.EXTEND).days(10), List.of("comment")),
                    arguments("Art. 20: EXTEND with a blank reason", AppealStatus.ACCEPTED,
                            req(AppealAction.EXTEND).days(10).comment("   "), List.of("comment")),
                    arguments("Art. 15, 19: ANSWER without the result", AppealStatus.ACCEPTED,
                            req(AppealAction.ANSWER).text("Роз'яснено"), List.of("result")),
                    arguments("Art. 15, 19: ANSWER without the text", AppealStatus.ACCEPTED,
                            req(AppealAction.ANSWER).result(AnswerResult.SATISFIED), List.of("text")),
                    arguments("Art. 15, 19: ANSWER with neither", AppealStatus.ACCEPTED, req(AppealAction.ANSWER),
                            List.of("result", "text")),
                    arguments("RATE without a rating", AppealStatus.ANSWERED, req(AppealAction.RATE), List.of("rating")),
                    arguments("ANSWER_AT_FIRST_CONTACT without the answer given", AppealStatus.REGISTERED,
                            req(AppealAction.ANSWER_AT_FIRST_CONTACT), List.of("text")),
                    arguments("ANSWER_AT_FIRST_CONTACT with a blank answer", AppealStatus.REGISTERED,
                            req(AppealAction.ANSWER_AT_FIRST_CONTACT).text("\n"), List.of("text")),
                    arguments("ANSWER in the wrong status and without anything: every problem at once",
                            AppealStatus.REGISTERED, req(AppealAction.ANSWER), List.of("action", "result", "text")));
        }

        @ParameterizedTest(name = "{0} -> {3}")
        @MethodSource("missing")
        @DisplayName("Art. 7, 8, 15, 17, 19, 20: an action without a field it needs is refused, naming each field")
        void required(String label, AppealStatus status, Req request, List<String> expected) {
            ValidationException e = refused(appeal(status, withBody()), request.build(), HEAD, NOW);
            assertEquals(expected, fields(e), e::getMessage);
        }

        @ParameterizedTest(name = "rating {0}: allowed = {1}")
        @CsvSource({"-1, false", "0, false", "1, true", "2, true", "3, true", "4, true", "5, true", "6, false",
                "100, false"})
        @DisplayName("An answer is rated from 1 to 5")
        void ratingRange(int rating, boolean allowed) {
            Appeal a = appeal(AppealStatus.ANSWERED, withBody());
            ActionRequest r = req(AppealAction.RATE).rating(rating).build();
            if (allowed) {
                assertEquals(rating, apply(a, r, Actor.of("applicant"), NOW).processing().rating());
            } else {
                assertEquals(List.of("rating"), fields(refused(a, r, Actor.of("applicant"), NOW)));
            }
        }

        @Test
        @DisplayName("CLASSIFY with only a classification keeps the topic")
        void classifyWithoutTopic() {
            Appeal a = appeal(AppealStatus.REGISTERED, Processing.NONE);
            ProcessingRules.Outcome o = apply(a, req(AppealAction.CLASSIFY).classification(Classification.MULTIPLE)
                    .build(), CLERK, NOW);
            assertEquals("Благоустрій", o.topic());
            assertEquals(Classification.MULTIPLE, o.processing().classification());
        }

        static Stream<Arguments> unknownCodes() {
            return Stream.of(
                    arguments("FORWARD to a body not in the reference data", AppealStatus.REGISTERED,
                            req(AppealAction.FORWARD).body("nowhere"), "body"),
                    arguments("Art. 7: REDIRECT to a body not in the reference data", AppealStatus.ACCEPTED,
                            req(AppealAction.REDIRECT).body("nowhere").comment("Не за належністю"), "body"),
                    arguments("Art. 7: REDIRECT to the body that has it already", AppealStatus.ACCEPTED,
                            req(AppealAction.REDIRECT).body("kmda").comment("Не за належністю"), "body"),
                    arguments("CLASSIFY with a topic not in the classifier", AppealStatus.REGISTERED,
                            req(AppealAction.CLASSIFY).topic("99.999"), "topic"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("unknownCodes")
        @DisplayName("Art. 7: a body or topic code that is not in the reference data is refused")
        void unknownBodyOrTopic(String label, AppealStatus status, Req request, String field) {
            ValidationException e = refused(appeal(status, withBody()), request.build(), HEAD, NOW);
            assertEquals(List.of(field), fields(e), e::getMessage);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"comment, 4000, 4001", "text, 32000, 32001"})
        @DisplayName("Texts are trimmed and capped: a note at 4,000 characters, an answer at 32,000")
        void lengths(String field, int longest, int tooLong) {
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody());
            AppealAction action = field.equals("comment") ? AppealAction.NOTE : AppealAction.ANSWER;
            Req ok = req(action).result(AnswerResult.EXPLAINED);
            Req bad = req(action).result(AnswerResult.EXPLAINED);
            if (field.equals("comment")) {
                ok.comment("  " + "н".repeat(longest) + "  ");
                bad.comment("н".repeat(tooLong));
            } else {
                ok.text("  " + "в".repeat(longest) + "  ");
                bad.text("в".repeat(tooLong));
            }
            ProcessingRules.Outcome o = apply(a, ok.build(), CLERK, NOW);
            String cleaned = field.equals("comment") ? o.request().comment() : o.request().text();
            assertEquals(longest, cleaned.length(), "trimmed before it is measured");
            assertEquals(List.of(field), fields(refused(a, bad.build(), CLERK, NOW)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Grounds for not considering an appeal (Art. 8, 17)")
    class Grounds {

        @ParameterizedTest(name = "marks {0}: allowed = {1}")
        @CsvSource({
                "'',                            false",
                "ANONYMOUS,                     true",
                "UNSIGNED,                      true",
                "ANONYMOUS UNSIGNED,            true",
                "NO_CONTACT_FOR_REPLY,          false",
                "NO_CONTACT_FOR_REPLY UNSIGNED, true"})
        @DisplayName("Art. 8: the ground ANONYMOUS holds only for an appeal marked ANONYMOUS or UNSIGNED")
        void anonymous(String marks, boolean allowed) {
            Set<LegalMark> set = marks.isBlank() ? Set.of()
                    : Arrays.stream(marks.trim().split(" +")).map(LegalMark::valueOf).collect(Collectors.toSet());
            Appeal a = appeal(AppealStatus.REGISTERED, AppealKind.APPLICATION, set, RECEIVED, Channel.POST,
                    Processing.NONE);
            check(a, NotConsideredGround.ANONYMOUS, allowed, "Art. 8");
        }

        @ParameterizedTest(name = "classified {0}: allowed = {1}")
        @CsvSource({"PRIMARY, false", "REPEATED, true", "DUPLICATE, true", "MULTIPLE, false", "MASS, false"})
        @DisplayName("Art. 8: the ground REPEATED holds only for an appeal classified REPEATED or DUPLICATE")
        void repeated(Classification classification, boolean allowed) {
            Appeal a = appeal(AppealStatus.FORWARDED, AppealKind.APPLICATION, Set.of(), RECEIVED, Channel.WEB,
                    withBody().toBuilder().classification(classification).build());
            check(a, NotConsideredGround.REPEATED, allowed, "Art. 8");
        }

        @ParameterizedTest(name = "{0}, marked late {1}, term restored {2}: allowed = {3}")
        @CsvSource({"COMPLAINT, true, false, true", "COMPLAINT, false, false, false", "COMPLAINT, true, true, false",
                "APPLICATION, true, false, false", "PROPOSAL, false, false, false"})
        @DisplayName("Art. 17: the ground LATE_COMPLAINT holds only for a complaint filed late whose term was not "
                + "restored")
        void lateComplaint(AppealKind kind, boolean late, boolean restored, boolean allowed) {
            Appeal a = appeal(AppealStatus.ACCEPTED, kind, late ? Set.of(LegalMark.LATE_COMPLAINT) : Set.of(), RECEIVED,
                    Channel.POST, withBody().toBuilder().termRestored(restored).build());
            check(a, NotConsideredGround.LATE_COMPLAINT, allowed, "Art. 17");
        }

        private void check(Appeal a, NotConsideredGround ground, boolean allowed, String article) {
            ActionRequest r = req(AppealAction.NOT_CONSIDER).ground(ground).build();
            if (allowed) {
                ProcessingRules.Outcome o = apply(a, r, CLERK, NOW);
                assertEquals(AppealStatus.NOT_CONSIDERED, o.status());
                assertEquals(ground, o.processing().ground());
            } else {
                ValidationException e = refused(a, r, CLERK, NOW);
                assertEquals(List.of("ground"), fields(e));
                assertTrue(messages(e).contains(article), messages(e));
            }
        }

        @ParameterizedTest(name = "{0} carries Art. {1}")
        @CsvSource({"ANONYMOUS, 8", "REPEATED, 8", "LATE_COMPLAINT, 17"})
        @DisplayName("Art. 8, 17: each ground names its article")
        void groundArticles(NotConsideredGround ground, String article) {
            assertEquals(article, ground.article());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Redirecting a misaddressed appeal within 5 days (Art. 7)")
    class Redirect {

        @ParameterizedTest(name = "reached the body {0}, redirected {1} (Kyiv): allowed = {2}")
        @CsvSource({
                "2026-03-20T10:00, 2026-03-20T16:00, true",
                "2026-03-20T10:00, 2026-03-25T23:59, true",
                "2026-03-20T10:00, 2026-03-26T00:00, false",
                "2026-03-20T10:00, 2026-03-26T10:00, false",
                // 00:30 in Kyiv is still the day before in UTC: the days are Kyiv days.
                "2026-03-21T00:30, 2026-03-26T23:30, true",
                "2026-03-21T00:30, 2026-03-27T00:30, false",
                // Across the change to summer time on 29.03.2026.
                "2026-03-26T10:00, 2026-03-31T23:59, true",
                "2026-03-26T10:00, 2026-04-01T00:01, false"})
        @DisplayName("Art. 7: a body redirects on the 5th day after the appeal reached it, not on the 6th (Kyiv dates)")
        void fiveDays(String reached, String now, boolean allowed) {
            Appeal a = appeal(AppealStatus.ACCEPTED, Processing.NONE.toBuilder().body("kmda", kyiv(reached)).build());
            ActionRequest r = complete(AppealAction.REDIRECT);
            if (allowed) {
                ProcessingRules.Outcome o = apply(a, r, CLERK, kyiv(now));
                assertEquals(AppealStatus.REDIRECTED, o.status());
                assertEquals("minsoc", o.processing().body());
                assertEquals(kyiv(now), o.processing().forwardedAt(), "the new body's 5 days count from now");
            } else {
                ValidationException e = refused(a, r, CLERK, kyiv(now));
                assertEquals(List.of("action"), fields(e));
                assertTrue(messages(e).contains("Art. 7"), messages(e));
            }
        }

        @Test
        @DisplayName("Art. 7: the body an appeal was redirected to has its own 5 days from the redirect")
        void redirectedAgain() {
            Appeal a = appeal(AppealStatus.ACCEPTED, Processing.NONE.toBuilder()
                    .body("kmda", kyiv("2026-03-20T10:00")).build());
            ProcessingRules.Outcome first = apply(a, complete(AppealAction.REDIRECT), CLERK, kyiv("2026-03-25T10:00"));
            Appeal redirected = appeal(first.status(), first.processing());
            ActionRequest back = req(AppealAction.REDIRECT).body("lviv-oda").comment("Питання області").build();
            assertEquals("lviv-oda", apply(redirected, back, CLERK, kyiv("2026-03-30T23:00")).processing().body());
            assertEquals(List.of("action"), fields(refused(redirected, back, CLERK, kyiv("2026-03-31T00:10"))));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Terms of consideration (Art. 20)")
    class Terms {

        static Stream<Arguments> dueDates() {
            return Stream.of(
                    arguments("Art. 20, CC Art. 254: one month from Mon 16.03 -> Thu 16.04", "2026-03-16T10:00",
                            Channel.WEB, false, 0, "2026-04-16"),
                    arguments("Art. 20: no additional study, 15 days from Mon 16.03 -> Tue 31.03", "2026-03-16T10:00",
                            Channel.WEB, true, 0, "2026-03-31"),
                    arguments("Art. 20: the month (31 days) extended by 10: 41 days -> Sun 26.04 -> Mon 27.04",
                            "2026-03-16T10:00", Channel.WEB, false, 10, "2026-04-27"),
                    arguments("Art. 20: the month (31 days) extended by 14: 45 days -> Thu 30.04", "2026-03-16T10:00",
                            Channel.WEB, false, 14, "2026-04-30"),
                    arguments("Art. 20: no additional study extended by 30 days: 45 days -> Thu 30.04",
                            "2026-03-16T10:00", Channel.WEB, true, 30, "2026-04-30"),
                    arguments("Instruction 348: web appeal on Friday 19:30 counts from Mon 23.03 -> Thu 23.04",
                            "2026-03-20T19:30", Channel.WEB, false, 0, "2026-04-23"),
                    arguments("Art. 20: a letter taken on Saturday 21.03 counts from that day -> Tue 21.04",
                            "2026-03-21T12:00", Channel.POST, false, 0, "2026-04-21"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dueDates")
        @DisplayName("Art. 20: dueDate() is one month, or 15 days without additional study, plus the extensions")
        void dueDate(String label, String received, Channel channel, boolean noStudy, int extension, String due) {
            Processing p = Processing.NONE.toBuilder().noAdditionalStudy(noStudy).extensionDays(extension).build();
            Appeal a = appeal(AppealStatus.ACCEPTED, AppealKind.APPLICATION, Set.of(), kyiv(received), channel, p);
            assertEquals(LocalDate.parse(due), RULES.dueDate(AppealStatus.ACCEPTED, a, p));
            assertEquals(noStudy ? ua.gov.nsoz.api.DeadlineKind.NO_ADDITIONAL_STUDY
                    : ua.gov.nsoz.api.DeadlineKind.STANDARD, ProcessingRules.otherwise(p));
        }

        @ParameterizedTest(name = "{0}: the term runs = {1}")
        @CsvSource({"REGISTERED, true", "FORWARDED, true", "ACCEPTED, true", "IN_PROGRESS, true", "EXTENDED, true",
                "REDIRECTED, true", "ANSWERED, false", "ANSWERED_AT_FIRST_CONTACT, false", "CLOSED, false",
                "NOT_CONSIDERED, false"})
        @DisplayName("Art. 20: an answered, closed or not considered appeal has no due date")
        void noDueDateOnceDone(AppealStatus status, boolean runs) {
            Appeal a = appeal(status, Processing.NONE);
            LocalDate due = RULES.dueDate(status, a, Processing.NONE);
            if (runs) {
                assertEquals(DUE_STANDARD, due);
            } else {
                assertNull(due);
            }
        }

        @Test
        @DisplayName("Art. 20: NO_ADDITIONAL_STUDY shortens the term that dueDate() gives from 30 to 15 days")
        void noStudyShortens() {
            Appeal a = appeal(AppealStatus.REGISTERED, Processing.NONE);
            ProcessingRules.Outcome o = apply(a, complete(AppealAction.NO_ADDITIONAL_STUDY), CLERK, RECEIVED);
            assertTrue(o.processing().noAdditionalStudy());
            assertEquals(LocalDate.parse("2026-03-31"), RULES.dueDate(o.status(), a, o.processing()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Extending the term (Art. 20)")
    class Extension {

        @ParameterizedTest(name = "roles {0}: allowed = {1}")
        @CsvSource({"nsoz-head, true", "'nsoz-head nsoz-operator', true", "'', false", "nsoz-operator, false",
                "head, false"})
        @DisplayName("Art. 20: only the head of the body or a deputy (role nsoz-head) extends the term")
        void onlyTheHead(String roles, boolean allowed) {
            Actor actor = new Actor("someone", roles.isBlank() ? Set.of() : Set.of(roles.split(" ")));
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody());
            ActionRequest r = complete(AppealAction.EXTEND);
            if (allowed) {
                assertEquals(AppealStatus.EXTENDED, apply(a, r, actor, NOW).status());
            } else {
                ValidationException e = refused(a, r, actor, NOW);
                assertEquals(List.of("action"), fields(e));
                assertTrue(messages(e).contains("Art. 20"), messages(e));
            }
        }

        @ParameterizedTest(name = "{0}, already {1} days, +{2} = {3} days in total: allowed = {4}")
        @CsvSource({
                "STANDARD,            0, 13, 44, true",
                "STANDARD,            0, 14, 45, true",
                "STANDARD,            0, 15, 46, false",
                "STANDARD,           10,  3, 44, true",
                "STANDARD,           10,  4, 45, true",
                "STANDARD,           10,  5, 46, false",
                "STANDARD,           14,  1, 46, false",
                "NO_ADDITIONAL_STUDY, 0, 29, 44, true",
                "NO_ADDITIONAL_STUDY, 0, 30, 45, true",
                "NO_ADDITIONAL_STUDY, 0, 31, 46, false",
                "NO_ADDITIONAL_STUDY,20, 10, 45, true",
                "NO_ADDITIONAL_STUDY,20, 11, 46, false"})
        @DisplayName("Art. 20: the term is never extended past 45 days in total")
        void cap(ua.gov.nsoz.api.DeadlineKind kind, int already, int days, int total, boolean allowed) {
            Processing p = withBody().toBuilder().noAdditionalStudy(kind == ua.gov.nsoz.api.DeadlineKind.NO_ADDITIONAL_STUDY)
                    .extensionDays(already).build();
            // One month from Mon 16.03.2026 ends Thu 16.04: 31 days (Art. 20, CC Art. 254 part 2).
            int base = kind == ua.gov.nsoz.api.DeadlineKind.STANDARD ? 31 : 15;
            assertEquals(total, base + already + days);
            Appeal a = appeal(already == 0 ? AppealStatus.ACCEPTED : AppealStatus.EXTENDED, p);
            ActionRequest r = req(AppealAction.EXTEND).days(days).comment("Перевірка на місці").build();
            if (allowed) {
                ProcessingRules.Outcome o = apply(a, r, HEAD, NOW);
                assertEquals(already + days, o.processing().extensionDays());
                assertEquals(RECEIVED.atZone(WorkingCalendar.ZONE).toLocalDate().plusDays(total),
                        RULES.dueDate(o.status(), a, o.processing()),
                        "16.03 + 44 days is Wed 29.04, + 45 days Thu 30.04: both working days");
            } else {
                ValidationException e = refused(a, r, HEAD, NOW);
                assertEquals(List.of("days"), fields(e), e::getMessage);
                assertTrue(messages(e).contains("45") && messages(e).contains("Art. 20"), messages(e));
            }
        }

        @ParameterizedTest(name = "+{0} days")
        @ValueSource(ints = {0, -1, -30})
        @DisplayName("Art. 20: an extension is at least one day")
        void atLeastOneDay(int days) {
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody());
            ValidationException e = refused(a, req(AppealAction.EXTEND).days(days).comment("Перевірка").build(), HEAD,
                    NOW);
            assertEquals(List.of("days"), fields(e));
        }

        @Test
        @DisplayName("Art. 20: an extension of 0 days without a reason is refused on both fields")
        void zeroDaysWithoutReason() {
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody());
            ValidationException e = refused(a, req(AppealAction.EXTEND).days(0).build(), HEAD, NOW);
            assertEquals(List.of("days", "comment"), fields(e), e::getMessage);
        }

        @Test
        @DisplayName("Art. 20: without the role and the days, both are named")
        void everythingMissing() {
            ValidationException e = refused(appeal(AppealStatus.ACCEPTED, withBody()), req(AppealAction.EXTEND).build(),
                    CLERK, NOW);
            assertEquals(List.of("action", "days", "comment"), fields(e));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("What each action makes of the appeal")
    class Outcomes {

        static Stream<Arguments> outcomes() {
            Processing base = withBody();
            return Stream.of(
                    arguments("CLASSIFY sets the topic and the classification; the status stays", AppealStatus.REGISTERED,
                            req(AppealAction.CLASSIFY).topic(" 02.014 ").classification(Classification.MULTIPLE),
                            AppealStatus.REGISTERED, "02.014",
                            base.toBuilder().classification(Classification.MULTIPLE).build()),
                    arguments("NOTE changes nothing but the history", AppealStatus.IN_PROGRESS,
                            req(AppealAction.NOTE).comment(" Зателефонували "), AppealStatus.IN_PROGRESS, null, base),
                    arguments("Art. 20: NO_ADDITIONAL_STUDY marks the 15-day term; the status stays",
                            AppealStatus.FORWARDED, req(AppealAction.NO_ADDITIONAL_STUDY), AppealStatus.FORWARDED, null,
                            base.toBuilder().noAdditionalStudy(true).build()),
                    arguments("ANSWER_AT_FIRST_CONTACT keeps the answer given, with no result", AppealStatus.REGISTERED,
                            req(AppealAction.ANSWER_AT_FIRST_CONTACT).text(" Роз'яснено "),
                            AppealStatus.ANSWERED_AT_FIRST_CONTACT, null,
                            base.toBuilder().answer(null, "Роз'яснено", List.of(), NOW).build()),
                    arguments("FORWARD sends it to the body, which has it from now", AppealStatus.REGISTERED,
                            req(AppealAction.FORWARD).body("minsoc"), AppealStatus.FORWARDED, null,
                            base.toBuilder().body("minsoc", NOW).build()),
                    arguments("Art. 8: NOT_CONSIDER keeps the ground; the appeal stays registered",
                            AppealStatus.FORWARDED, req(AppealAction.NOT_CONSIDER).ground(NotConsideredGround.ANONYMOUS),
                            AppealStatus.NOT_CONSIDERED, null,
                            base.toBuilder().ground(NotConsideredGround.ANONYMOUS).build()),
                    arguments("ACCEPT: the body accepts it for consideration", AppealStatus.FORWARDED,
                            req(AppealAction.ACCEPT), AppealStatus.ACCEPTED, null, base),
                    arguments("Art. 7: REDIRECT sends it on to the competent body", AppealStatus.ACCEPTED,
                            req(AppealAction.REDIRECT).body("minsoc").comment("Не за належністю"),
                            AppealStatus.REDIRECTED, null, base.toBuilder().body("minsoc", NOW).build()),
                    arguments("Art. 20: EXTEND adds the days", AppealStatus.ACCEPTED,
                            req(AppealAction.EXTEND).days(10).comment("Перевірка"), AppealStatus.EXTENDED, null,
                            base.toBuilder().extensionDays(10).build()),
                    arguments("Art. 15, 19: ANSWER keeps the result, the text and the documents", AppealStatus.IN_PROGRESS,
                            req(AppealAction.ANSWER).result(AnswerResult.REFUSED).text("Відмовлено, бо…").documents(DOCS),
                            AppealStatus.ANSWERED, null,
                            base.toBuilder().answer(AnswerResult.REFUSED, "Відмовлено, бо…", DOCS, NOW).build()),
                    arguments("RATE closes the appeal with the rating", AppealStatus.ANSWERED,
                            req(AppealAction.RATE).rating(4).comment("Дякую"), AppealStatus.CLOSED, null,
                            base.toBuilder().rating(4).build()),
                    arguments("Art. 20: REMIND records the due date it was raised for", AppealStatus.ACCEPTED,
                            req(AppealAction.REMIND), AppealStatus.ACCEPTED, null,
                            base.toBuilder().remindedFor(DUE_STANDARD).build()),
                    arguments("Art. 20: ESCALATE records when; the status stays", AppealStatus.EXTENDED,
                            req(AppealAction.ESCALATE), AppealStatus.EXTENDED, null,
                            base.toBuilder().escalatedAt(NOW).build()),
                    arguments("Art. 20: SHORTEN records the days and the applicant's reason; the status stays",
                            AppealStatus.ACCEPTED, req(AppealAction.SHORTEN).days(20).comment(" Виїзд  на лікування "),
                            AppealStatus.ACCEPTED, null, base.toBuilder().shortened(20, "Виїзд  на лікування").build()),
                    arguments("Art. 17: RESTORE_TERM marks the late complaint's term restored; the status stays",
                            AppealStatus.ACCEPTED, req(AppealAction.RESTORE_TERM).comment("Хвороба заявника"),
                            AppealStatus.ACCEPTED, null, base.toBuilder().termRestored(true).build()));
        }

        @ParameterizedTest(name = "{0}: {1} -> {3}")
        @MethodSource("outcomes")
        @DisplayName("Art. 7, 8, 15, 19, 20: the status and processing state each action produces")
        void outcome(String label, AppealStatus from, Req request, AppealStatus to, String topic, Processing expected) {
            ActionRequest r = request.build();
            Appeal a = r.action() == AppealAction.RESTORE_TERM ? lateComplaint(from) : appeal(from, withBody());
            ProcessingRules.Outcome o = apply(a, r, HEAD, NOW);
            assertEquals(to, o.status());
            assertEquals(topic == null ? a.topic() : topic, o.topic());
            assertEquals(expected, o.processing());
            assertEquals(DUE_STANDARD, o.processing().dueDate(), "the due date is the caller's to set");
        }

        @Test
        @DisplayName("Every action is in the outcome table")
        void everyActionHasAnOutcome() {
            assertEquals(EnumSet.allOf(AppealAction.class),
                    outcomes().map(args -> ((Req) args.get()[2]).build().action())
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(AppealAction.class))));
        }

        @Test
        @DisplayName("The request comes back cleaned: texts trimmed, blanks absent")
        void requestCleaned() {
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody());
            ProcessingRules.Outcome o = apply(a, req(AppealAction.EXTEND).days(10).comment("  Перевірка  ")
                    .text("   ").build(), HEAD, NOW);
            assertEquals("Перевірка", o.request().comment());
            assertNull(o.request().text());
            assertEquals(Integer.valueOf(10), o.request().days());
        }

        @Test
        @DisplayName("apply() is pure: the appeal is not changed and the same input gives the same outcome")
        void pure() {
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody());
            Processing before = a.processing();
            ProcessingRules.Outcome first = apply(a, complete(AppealAction.EXTEND), HEAD, NOW);
            ProcessingRules.Outcome second = apply(a, complete(AppealAction.EXTEND), HEAD, NOW);
            assertEquals(first, second);
            assertSame(before, a.processing());
            assertEquals(0, a.processing().extensionDays());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("The deadline watch: reminders and escalation (Art. 20)")
    class Watch {

        @ParameterizedTest(name = "due {0}, reminded for {1}: allowed = {2}")
        @CsvSource({
                "2026-04-15, ,           true",
                "2026-04-15, 2026-04-15, false",
                // Extended after the reminder: the new due date gets its own.
                "2026-04-27, 2026-04-15, true",
                ",           ,           false"})
        @DisplayName("Art. 20: a reminder is raised once per due date")
        void remindOnce(LocalDate due, LocalDate remindedFor, boolean allowed) {
            Appeal a = appeal(AppealStatus.ACCEPTED, withBody().toBuilder().dueDate(due).remindedFor(remindedFor)
                    .build());
            ActionRequest r = complete(AppealAction.REMIND);
            if (allowed) {
                ProcessingRules.Outcome o = apply(a, r, Actor.of("deadline-watch"), NOW);
                assertEquals(due, o.processing().remindedFor());
                Appeal reminded = appeal(o.status(), o.processing());
                assertEquals(List.of("action"), fields(refused(reminded, r, Actor.of("deadline-watch"), NOW)),
                        "and not again for the same date");
            } else {
                assertEquals(List.of("action"), fields(refused(a, r, Actor.of("deadline-watch"), NOW)));
            }
        }

        @ParameterizedTest(name = "due {0}, now {1} (Kyiv), escalated before = {2}: allowed = {3}")
        @CsvSource({
                "2026-04-15, 2026-04-14T12:00, false, false",
                "2026-04-15, 2026-04-15T00:01, false, false",
                "2026-04-15, 2026-04-15T23:59, false, false",
                // 00:30 on the 16th in Kyiv is still the 15th in UTC: the term has passed in Kyiv.
                "2026-04-16, 2026-04-17T00:30, false, true",
                "2026-04-15, 2026-04-16T00:00, false, true",
                "2026-04-15, 2026-05-20T10:00, false, true",
                "2026-04-15, 2026-04-16T10:00, true,  false",
                ",           2026-04-16T10:00, false, false"})
        @DisplayName("Art. 20: an appeal is escalated only after its due date has passed, and once")
        void escalateAfterDueDateOnce(LocalDate due, String now, boolean escalatedBefore, boolean allowed) {
            Appeal a = appeal(AppealStatus.IN_PROGRESS, withBody().toBuilder().dueDate(due)
                    .escalatedAt(escalatedBefore ? kyiv("2026-04-16T09:00") : null).build());
            ActionRequest r = complete(AppealAction.ESCALATE);
            if (allowed) {
                ProcessingRules.Outcome o = apply(a, r, Actor.of("deadline-watch"), kyiv(now));
                assertEquals(kyiv(now), o.processing().escalatedAt());
                assertEquals(AppealStatus.IN_PROGRESS, o.status());
                Appeal escalated = appeal(o.status(), o.processing());
                assertEquals(List.of("action"), fields(refused(escalated, r, Actor.of("deadline-watch"),
                        kyiv(now).plusSeconds(86_400))), "and not twice");
            } else {
                assertEquals(List.of("action"), fields(refused(a, r, Actor.of("deadline-watch"), kyiv(now))));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = AppealStatus.class, names = {"ANSWERED", "ANSWERED_AT_FIRST_CONTACT", "CLOSED",
            "NOT_CONSIDERED"})
        @DisplayName("Art. 20: an appeal whose term no longer runs is neither reminded nor escalated")
        void notOnceDone(AppealStatus status) {
            Appeal a = appeal(status, withBody());
            assertEquals(List.of("action"), fields(refused(a, complete(AppealAction.REMIND), CLERK, NOW)));
            assertEquals(List.of("action"), fields(refused(a, complete(AppealAction.ESCALATE), CLERK, NOW)));
        }
    }
}
