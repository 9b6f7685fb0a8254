package ua.gov.nsoz.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.ValidationException;

/**
 * What each action may do to an appeal and what it makes of it, by the Law "On citizens' appeals": the one place
 * the processing rules live. Pure: the same appeal, request, actor and time give the same outcome on every node
 * (the node that asks checks first, the owner checks again before it writes).
 */
final class ProcessingRules {

    /** Longest note, reason or comment. */
    static final int MAX_COMMENT = 4000;
    /** Lowest and highest rating of an answer. */
    static final int MIN_RATING = 1;
    static final int MAX_RATING = 5;

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    /** Statuses from which a body may accept an appeal for consideration. */
    static final Set<AppealStatus> ACCEPTABLE = EnumSet.of(AppealStatus.REGISTERED, AppealStatus.FORWARDED,
            AppealStatus.REDIRECTED);
    /** Statuses in which the appeal is with a body that has it under consideration. */
    static final Set<AppealStatus> WITH_BODY = EnumSet.of(AppealStatus.FORWARDED, AppealStatus.REDIRECTED,
            AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS, AppealStatus.EXTENDED);
    /** Statuses in which the body may answer: it has accepted the appeal. */
    static final Set<AppealStatus> ANSWERABLE = EnumSet.of(AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS,
            AppealStatus.EXTENDED);
    /** Statuses whose answer the applicant may rate. */
    static final Set<AppealStatus> RATEABLE = EnumSet.of(AppealStatus.ANSWERED, AppealStatus.ANSWERED_AT_FIRST_CONTACT);

    /**
     * What an action makes of an appeal.
     *
     * @param status the new status
     * @param topic the new topic
     * @param processing the new processing state (the due date is set by the caller)
     * @param request the request as cleaned (trimmed texts)
     */
    record Outcome(AppealStatus status, String topic, Processing processing, ActionRequest request) {
    }

    private final DeadlineRules deadlines;
    private final Predicate<String> bodyExists;
    private final Predicate<String> topicExists;

    /**
     * @param deadlines the legal terms
     * @param bodyExists whether a body id is in the reference data
     * @param topicExists whether a topic code is in the classifier
     */
    ProcessingRules(DeadlineRules deadlines, Predicate<String> bodyExists, Predicate<String> topicExists) {
        this.deadlines = deadlines;
        this.bodyExists = bodyExists;
        this.topicExists = topicExists;
    }

    /**
     * Checks an action against the appeal as it stands and works out its effect.
     *
     * @param a the appeal
     * @param in the request
     * @param actor who does it
     * @param now when
     * @return the outcome
     * @throws ValidationException naming every field that is wrong, with the article it rests on
     */
    Outcome apply(Appeal a, ActionRequest in, Actor actor, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ActionRequest r = clean(errors, in);
        Processing p = a.processing();
        Processing.Builder next = p.toBuilder();
        AppealStatus status = a.status();
        String topic = a.topic();
        switch (r.action()) {
            case CLASSIFY -> {
                open(errors, a);
                if (r.topic() == null && r.classification() == null) {
                    errors.add(IntakeRules.required("topic", "код теми або класифікація", "a topic code or a "
                            + "classification"));
                }
                if (r.topic() != null && !topicExists.test(r.topic())) {
                    errors.add(new FieldError("topic", "Немає такої теми в класифікаторі / No such topic code in the "
                            + "classifier: " + r.topic()));
                }
                topic = r.topic() == null ? topic : r.topic();
                if (r.classification() != null) {
                    next.classification(r.classification());
                }
            }
            case NOTE -> {
                if (r.comment() == null) {
                    errors.add(IntakeRules.required("comment", "текст примітки", "the note's text"));
                }
            }
            case NO_ADDITIONAL_STUDY -> {
                open(errors, a);
                next.noAdditionalStudy(true);
            }
            case ANSWER_AT_FIRST_CONTACT -> {
                inStatus(errors, a, EnumSet.of(AppealStatus.REGISTERED), "відповісти під час першого звернення",
                        "answer at first contact");
                if (r.text() == null) {
                    errors.add(IntakeRules.required("text", "текст наданої відповіді", "the answer given"));
                }
                next.answer(null, r.text(), List.of(), now);
                status = AppealStatus.ANSWERED_AT_FIRST_CONTACT;
            }
            case FORWARD -> {
                inStatus(errors, a, EnumSet.of(AppealStatus.REGISTERED), "направити до органу", "forward to a body");
                knownBody(errors, r.body());
                next.body(r.body(), now);
                status = AppealStatus.FORWARDED;
            }
            case NOT_CONSIDER -> {
                open(errors, a);
                if (r.ground() == null) {
                    errors.add(IntakeRules.required("ground", "підстава: ANONYMOUS, REPEATED або LATE_COMPLAINT",
                            "the ground: ANONYMOUS, REPEATED or LATE_COMPLAINT"));
                } else {
                    groundHolds(errors, a, r.ground());
                }
                next.ground(r.ground());
                status = AppealStatus.NOT_CONSIDERED;
            }
            case ACCEPT -> {
                inStatus(errors, a, ACCEPTABLE, "прийняти до розгляду", "accept for consideration");
                status = AppealStatus.ACCEPTED;
            }
            case REDIRECT -> {
                inStatus(errors, a, WITH_BODY, "переслати за належністю", "redirect");
                knownBody(errors, r.body());
                if (r.body() != null && r.body().equals(p.body())) {
                    errors.add(new FieldError("body", "Звернення вже в цьому органі / The appeal is already with this "
                            + "body"));
                }
                if (r.comment() == null) {
                    errors.add(IntakeRules.required("comment", "чому звернення надіслано не за належністю",
                            "why the appeal is not for this body"));
                }
                if (p.forwardedAt() != null) {
                    LocalDate arrived = p.forwardedAt().atZone(KYIV).toLocalDate();
                    LocalDate last = deadlines.redirectLastDay(arrived);
                    if (now.atZone(KYIV).toLocalDate().isAfter(last)) {
                        String term = deadlines.terms().get(TermRules.Term.REDIRECT).uk();
                        String termEn = deadlines.terms().get(TermRules.Term.REDIRECT).en();
                        errors.add(new FieldError("action", "Переслати за належністю можна не пізніше " + term
                                + " від надходження до органу (ст. 7): надійшло " + arrived + ", останній день " + last
                                + " / A misaddressed appeal is sent on within " + termEn + " of reaching the body "
                                + "(Art. 7): it arrived " + arrived + ", the last day was " + last));
                    }
                }
                next.body(r.body(), now);
                status = AppealStatus.REDIRECTED;
            }
            case EXTEND -> {
                inStatus(errors, a, WITH_BODY, "продовжити строк", "extend the term");
                if (!actor.has(Actor.HEAD_OF_BODY)) {
                    errors.add(new FieldError("action", "Продовжити строк розгляду може лише керівник органу або його "
                            + "заступник (ст. 20) / Only the head of the body or a deputy may extend the term (Art. 20)"));
                }
                if (r.days() == null) {
                    errors.add(IntakeRules.required("days", "на скільки днів продовжити", "days to extend by"));
                } else {
                    try {
                        deadlines.extend(term(a, p), r.days(), r.comment() == null ? "—" : r.comment());
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("days", e.getMessage()));
                    }
                    next.extensionDays(p.extensionDays() + Math.max(0, r.days()));
                }
                if (r.comment() == null) {
                    errors.add(IntakeRules.required("comment", "причина продовження строку (ст. 20)",
                            "the reason for the extension (Art. 20)"));
                }
                status = AppealStatus.EXTENDED;
            }
            case ANSWER -> {
                inStatus(errors, a, ANSWERABLE, "надати відповідь (спершу орган приймає звернення до розгляду)",
                        "answer (the body accepts the appeal for consideration first)");
                if (r.result() == null) {
                    errors.add(IntakeRules.required("result", "результат: SATISFIED, EXPLAINED або REFUSED",
                            "the result: SATISFIED, EXPLAINED or REFUSED"));
                }
                if (r.text() == null) {
                    errors.add(IntakeRules.required("text", "текст відповіді", "the answer's text"));
                }
                next.answer(r.result(), r.text(), r.documents(), now);
                status = AppealStatus.ANSWERED;
            }
            case RATE -> {
                inStatus(errors, a, RATEABLE, "оцінити відповідь", "rate the answer");
                if (r.rating() == null || r.rating() < MIN_RATING || r.rating() > MAX_RATING) {
                    errors.add(new FieldError("rating", "Оцінка від " + MIN_RATING + " до " + MAX_RATING + " / A rating "
                            + "from " + MIN_RATING + " to " + MAX_RATING));
                }
                next.rating(r.rating());
                status = AppealStatus.CLOSED;
            }
            case REMIND -> {
                open(errors, a);
                if (p.dueDate() == null || p.dueDate().equals(p.remindedFor())) {
                    errors.add(new FieldError("action", "Нагадування щодо цього строку вже надіслано / A reminder for "
                            + "this term was raised already"));
                }
                next.remindedFor(p.dueDate());
            }
            case ESCALATE -> {
                open(errors, a);
                if (p.dueDate() == null || !now.atZone(KYIV).toLocalDate().isAfter(p.dueDate())) {
                    errors.add(new FieldError("action", "Строк розгляду ще не минув / The term has not passed"));
                } else if (p.escalatedAt() != null) {
                    errors.add(new FieldError("action", "Вже передано до центру / Escalated to the center already"));
                }
                next.escalatedAt(now);
            }
            case SHORTEN -> {
                open(errors, a);
                if (p.extensionDays() > 0) {
                    errors.add(new FieldError("action", "Строк розгляду вже продовжено; скоротити його не можна (ст. 20) "
                            + "/ The term was extended already; it cannot be shortened (Art. 20)"));
                }
                if (r.days() == null) {
                    errors.add(IntakeRules.required("days", "скорочений строк розгляду в днях від надходження",
                            "the shortened term in days from receipt"));
                }
                if (r.comment() == null) {
                    errors.add(IntakeRules.required("comment", "обґрунтування з письмової вимоги заявника (ст. 20)",
                            "the reason from the applicant's written request (Art. 20)"));
                }
                if (r.days() != null && r.comment() != null) {
                    try {
                        deadlines.shortened(a.receivedAt(), a.channel(), r.days(), r.comment(), otherwise(p));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("days", e.getMessage()));
                    }
                }
                next.shortened(r.days(), r.comment());
            }
            case RESTORE_TERM -> {
                open(errors, a);
                if (!a.marks().contains(LegalMark.LATE_COMPLAINT)) {
                    errors.add(new FieldError("action", "Скаргу подано вчасно: поновлювати строк не потрібно (ст. 17) "
                            + "/ The complaint was filed in time: there is no term to restore (Art. 17)"));
                } else if (p.termRestored()) {
                    errors.add(new FieldError("action", "Строк подання скарги вже поновлено / The term to complain was "
                            + "restored already"));
                }
                if (r.comment() == null) {
                    errors.add(IntakeRules.required("comment", "поважна причина пропуску строку (ст. 17)",
                            "the good reason the term was missed (Art. 17)"));
                }
                next.termRestored(true);
            }
            default -> throw new IllegalArgumentException("Unknown action " + r.action());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Outcome(status, topic, next.build(), r);
    }

    /**
     * @param p the processing state
     * @return the term of consideration that applies to it unless the applicant asked for a shorter one
     */
    static DeadlineKind otherwise(Processing p) {
        return p.noAdditionalStudy() ? DeadlineKind.NO_ADDITIONAL_STUDY : DeadlineKind.STANDARD;
    }

    /**
     * The term of consideration before any extension: the shortened one (Art. 20) where the applicant asked for it
     * and it is still the shorter, else one month, or 15 days for an appeal needing no additional study.
     *
     * @param a the appeal (its receipt)
     * @param p its processing state
     * @return the deadline with its explanation
     */
    Deadline base(Appeal a, Processing p) {
        Deadline other = deadlines.compute(a.receivedAt(), a.channel(), otherwise(p));
        if (p.shortenedDays() != null && p.shortenedDays() >= 1 && p.shortenedDays() < other.termDays()) {
            return deadlines.shortened(a.receivedAt(), a.channel(), p.shortenedDays(),
                    p.shortenedReason() == null ? "—" : p.shortenedReason(), otherwise(p));
        }
        return other;
    }

    /**
     * @param status the status after an action
     * @param a the appeal (its receipt)
     * @param p the processing state after the action
     * @return the last day of the term, or null once the term no longer runs
     */
    LocalDate dueDate(AppealStatus status, Appeal a, Processing p) {
        if (!status.isOpen()) {
            return null;
        }
        return term(a, p).dueDate();
    }

    /** The term as the processing state has it: its kind, plus the extensions in one step. */
    private Deadline term(Appeal a, Processing p) {
        Deadline base = base(a, p);
        return p.extensionDays() == 0 ? base : deadlines.extend(base, p.extensionDays(), "—");
    }

    private static void open(List<FieldError> errors, Appeal a) {
        if (!a.status().isOpen()) {
            errors.add(new FieldError("action", "Звернення у статусі " + a.status() + " вже не розглядається / An "
                    + "appeal in status " + a.status() + " is no longer under consideration"));
        }
    }

    private static void inStatus(List<FieldError> errors, Appeal a, Set<AppealStatus> allowed, String whatUk,
            String whatEn) {
        if (!allowed.contains(a.status())) {
            errors.add(new FieldError("action", "Звернення у статусі " + a.status() + " не можна " + whatUk + " (можна у "
                    + allowed + ") / An appeal in status " + a.status() + " cannot " + whatEn + " (only in " + allowed
                    + ")"));
        }
    }

    private void knownBody(List<FieldError> errors, String body) {
        if (body == null) {
            errors.add(IntakeRules.required("body", "код органу", "the body's code"));
        } else if (!bodyExists.test(body)) {
            errors.add(new FieldError("body", "Немає такого органу в довіднику / No such body in the reference data: "
                    + body));
        }
    }

    /** Art. 8 and 17: a ground must fit the appeal. */
    private static void groundHolds(List<FieldError> errors, Appeal a, NotConsideredGround ground) {
        switch (ground) {
            case ANONYMOUS -> {
                if (!a.marks().contains(LegalMark.ANONYMOUS) && !a.marks().contains(LegalMark.UNSIGNED)) {
                    errors.add(new FieldError("ground", "Звернення не анонімне: автора встановлено (ст. 8) / The appeal "
                            + "is not anonymous: its author is known (Art. 8)"));
                }
            }
            case REPEATED -> {
                Classification c = a.processing().classification();
                if (c != Classification.REPEATED && c != Classification.DUPLICATE) {
                    errors.add(new FieldError("ground", "Звернення не класифіковано як повторне (ст. 8); спершу "
                            + "CLASSIFY / The appeal is not classified as repeated (Art. 8); CLASSIFY it first"));
                }
            }
            case LATE_COMPLAINT -> {
                if (a.kind() != AppealKind.COMPLAINT) {
                    errors.add(new FieldError("ground", "Строк оскарження стосується лише скарг (ст. 17) / The term to "
                            + "appeal applies to complaints only (Art. 17)"));
                } else if (!a.marks().contains(LegalMark.LATE_COMPLAINT)) {
                    errors.add(new FieldError("ground", "Скаргу не позначено як подану з пропуском строку: строк рахується "
                            + "від дат оскаржуваного рішення, вказаних під час реєстрації (ст. 17) / The complaint is not "
                            + "marked as filed late: the term counts from the dates of the contested decision given at "
                            + "registration (Art. 17)"));
                } else if (a.processing().termRestored()) {
                    errors.add(new FieldError("ground", "Пропущений строк подання скарги поновлено; скаргу розглядають "
                            + "(ст. 17) / The missed term to complain was restored; the complaint is considered (Art. 17)"));
                }
            }
            default -> throw new IllegalArgumentException("Unknown ground " + ground);
        }
    }

    /** Trims every text; checks lengths and characters (each must travel in the exchange format). */
    private static ActionRequest clean(List<FieldError> errors, ActionRequest r) {
        String comment = IntakeRules.checkLength(errors, "comment", r.comment(), MAX_COMMENT);
        String text = IntakeRules.checkLength(errors, "text", r.text(), IntakeRules.MAX_TEXT);
        String body = IntakeRules.checkLength(errors, "body", r.body(), 40);
        String topic = IntakeRules.checkLength(errors, "topic", r.topic(), IntakeRules.MAX_SHORT);
        List<Attachment> documents = IntakeRules.checkAttachments(errors, "documents", r.documents());
        return new ActionRequest(r.action(), comment, body, topic, r.classification(), r.ground(), r.result(), text,
                r.days(), r.rating(), documents);
    }
}
