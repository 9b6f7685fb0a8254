package ua.gov.nsoz.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;
import ua.gov.nsoz.core.internal.TermRules.Term;

/**
 * The legal deadlines of an appeal (R7), counted as the Law "On citizens' appeals" and the Civil Code of Ukraine say:
 * the receipt date the term counts from (Instruction No. 348), the term's length from the node's {@link TermRules}
 * (one month for consideration, Art. 20; 15 days without additional study, Art. 20; 5 days to forward, Art. 7; 10 days
 * to return, Art. 7; one year and one month to complain, Art. 17), counted from the next day (Civil Code Art. 253), a
 * term in months or years ending on the same-numbered day or the last day of a shorter month (Art. 254 parts 1, 2),
 * its end moved off a day off (Art. 254 part 5), extensions capped in total (Art. 20) and a term shortened on the
 * applicant's request (Art. 20). Every result carries its explanation, one "Ukrainian / English" line per step.
 * Pure and immutable.
 */
public final class DeadlineRules {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM.uuuu");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final WorkingCalendar calendar;
    private final TermRules terms;

    /**
     * Rules with the rule set of terms shipped in this bundle.
     *
     * @param calendar the working calendar
     */
    public DeadlineRules(WorkingCalendar calendar) {
        this(calendar, TermRules.loadDefault());
    }

    /**
     * Rules with another rule set of terms.
     *
     * @param calendar the working calendar
     * @param terms the rule set
     * @throws IllegalArgumentException if a term of consideration can be longer than the cap on the whole term
     */
    public DeadlineRules(WorkingCalendar calendar, TermRules terms) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.terms = Objects.requireNonNull(terms, "terms");
        int cap = terms.get(Term.MAX_TOTAL).amount();
        for (Term t : List.of(Term.CONSIDERATION, Term.NO_ADDITIONAL_STUDY)) {
            TermRules.Length l = terms.get(t);
            int longest = switch (l.unit()) {
                case DAYS -> l.amount();
                case MONTHS -> l.amount() * 31;
                case YEARS -> l.amount() * 366;
            };
            if (longest > cap) {
                throw new IllegalArgumentException("Граничний строк " + daysUk(cap) + " коротший за строк " + t + " ("
                        + l.uk() + ") / The cap of " + daysEn(cap) + " is shorter than the term " + t + " (" + l.en()
                        + ")");
            }
        }
    }

    /** @return the working calendar */
    public WorkingCalendar calendar() {
        return calendar;
    }

    /** @return the rule set of terms */
    public TermRules terms() {
        return terms;
    }

    /** @return the longest total term with all extensions, in days */
    public int maxTotalDays() {
        return terms.get(Term.MAX_TOTAL).amount();
    }

    /**
     * The date the term counts from. An electronic appeal received after working hours or on a
     * non-working day counts from the next working day (Instruction No. 348); one received on a working
     * day before working hours counts from that same day. An oral or written appeal counts from the
     * day it was received, whatever the hour (Kyiv date).
     *
     * @param receivedAt when the appeal was received
     * @param channel its intake channel
     * @return the legal receipt date (Kyiv)
     */
    public LocalDate legalReceiptDate(Instant receivedAt, Channel channel) {
        return receipt(receivedAt, channel).date();
    }

    /**
     * A term counted from the receipt: consideration ({@link DeadlineKind#STANDARD}, one month), without additional
     * study ({@link DeadlineKind#NO_ADDITIONAL_STUDY}), or the terms of Art. 7 to forward ({@link DeadlineKind#REDIRECT})
     * or return ({@link DeadlineKind#RETURN}) an appeal; its last day moved to the next working day if it is a day off
     * (Civil Code of Ukraine, Art. 254 part 5).
     *
     * @param receivedAt when the appeal was received
     * @param channel its intake channel
     * @param kind which term applies; not {@link DeadlineKind#SHORTENED} (see {@link #shortened})
     * @return the deadline with its explanation
     */
    public Deadline compute(Instant receivedAt, Channel channel, DeadlineKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind == DeadlineKind.SHORTENED) {
            throw new IllegalArgumentException("A shortened term needs its days and reason: use shortened(...)");
        }
        Receipt r = receipt(receivedAt, channel);
        List<String> lines = new ArrayList<>();
        lines.add(r.line());
        TermRules.Length length = terms.get(term(kind));
        LocalDate raw = lastDay(kind.labelUk(), kind.labelEn(), length, r.date(), lines);
        LocalDate due = moveOffDayOff(raw, lines);
        return new Deadline(receivedAt, r.date(), kind, days(r.date(), raw), 0, due, lines, terms.name());
    }

    /**
     * The term of consideration shortened on the applicant's reasoned written request (Art. 20): {@code days} from the
     * receipt, which must end before the term that would apply otherwise.
     *
     * @param receivedAt when the appeal was received
     * @param channel its intake channel
     * @param days the shortened term in days, at least 1
     * @param reason the applicant's reason, recorded in the explanation
     * @param otherwise the term that applies without the request ({@link DeadlineKind#STANDARD} or
     *        {@link DeadlineKind#NO_ADDITIONAL_STUDY})
     * @return the deadline with its explanation
     * @throws IllegalArgumentException ("Ukrainian / English") if the days are below 1, the reason is blank or the
     *         shortened term would not end before the other one
     */
    public Deadline shortened(Instant receivedAt, Channel channel, int days, String reason, DeadlineKind otherwise) {
        Deadline other = compute(receivedAt, channel, otherwise);
        if (days < 1) {
            throw new IllegalArgumentException("Скорочений строк — щонайменше 1 день, а не " + days + " (ст. 20) "
                    + "/ A shortened term is at least 1 day, not " + days + " (Art. 20)");
        }
        String why = reason == null ? "" : reason.strip().replaceAll("\\s+", " ");
        if (why.isEmpty()) {
            throw new IllegalArgumentException("Вкажіть обґрунтування заявника для скорочення строку (ст. 20) "
                    + "/ Give the applicant's reason for shortening the term (Art. 20)");
        }
        if (days >= other.termDays()) {
            throw new IllegalArgumentException("Скорочений строк " + daysUk(days) + " не коротший за строк, що діє: "
                    + daysUk(other.termDays()) + " (" + otherwise.labelUk() + ", ст. 20) / A shortened term of "
                    + daysEn(days) + " is not shorter than the term in force: " + daysEn(other.termDays()) + " ("
                    + otherwise.labelEn() + ", Art. 20)");
        }
        Receipt r = receipt(receivedAt, channel);
        List<String> lines = new ArrayList<>();
        lines.add(r.line());
        LocalDate raw = r.date().plusDays(days);
        DeadlineKind kind = DeadlineKind.SHORTENED;
        lines.add(kind.labelUk() + ": " + daysUk(days) + " замість " + daysUk(other.termDays()) + " (ст. 20 Закону), "
                + "обґрунтування заявника: " + why + "; перебіг строку починається наступного дня, "
                + fmt(r.date().plusDays(1)) + " (ст. 253 ЦК України), останній день " + fmt(raw) + " / "
                + kind.labelEn() + ": " + daysEn(days) + " instead of " + daysEn(other.termDays()) + " (Law, Art. 20), "
                + "the applicant's reason: " + why + "; the term runs from the next day, " + fmt(r.date().plusDays(1))
                + " (Civil Code Art. 253), last day " + fmt(raw));
        LocalDate due = moveOffDayOff(raw, lines);
        return new Deadline(receivedAt, r.date(), kind, days, 0, due, lines, terms.name());
    }

    /**
     * Extends the term of consideration (Art. 20). The Law allows only the head of the body or a
     * deputy to extend it, and the applicant must be told; neither is checked here: the caller enforces
     * who may extend and sends the notice. The whole term, from the receipt to the last day of the term before
     * extension plus all extensions, may not exceed {@link #maxTotalDays()} days counted from the legal receipt date
     * (so an appeal received on 31 January, whose month ends on 28 February, can be extended by 17 days); the
     * due date is the receipt date plus the whole term, moved off a day off as in
     * {@link #compute(Instant, Channel, DeadlineKind)}.
     *
     * @param current the deadline as it stands
     * @param days calendar days to add, at least 1
     * @param reason why the term is extended; recorded in the explanation
     * @return the extended deadline
     * @throws IllegalArgumentException ("Ukrainian / English") if the deadline is one of Art. 7 (forwarding or
     *         returning an appeal), {@code days} is below 1, the reason is blank, or the total would exceed the cap
     *         (Art. 20)
     */
    public Deadline extend(Deadline current, int days, String reason) {
        Objects.requireNonNull(current, "current");
        DeadlineKind kind = current.kind();
        if (kind == DeadlineKind.REDIRECT || kind == DeadlineKind.RETURN) {
            throw new IllegalArgumentException("Строк за ст. 7 (" + kind.labelUk() + ") не продовжується: продовжити "
                    + "можна лише строк розгляду (ст. 20) / The term of Art. 7 (" + kind.labelEn() + ") cannot be "
                    + "extended: only the term of consideration can (Art. 20)");
        }
        if (days < 1) {
            throw new IllegalArgumentException("Строк продовжують щонайменше на 1 день, а не на " + days
                    + " (ст. 20) / An extension is at least 1 day, not " + days + " (Art. 20)");
        }
        String why = reason == null ? "" : reason.strip().replaceAll("\\s+", " ");
        if (why.isEmpty()) {
            throw new IllegalArgumentException("Вкажіть причину продовження строку розгляду (ст. 20) "
                    + "/ Give the reason for extending the term (Art. 20)");
        }
        long total = (long) current.totalDays() + days;
        int maxTotalDays = maxTotalDays();
        if (total > maxTotalDays) {
            throw new IllegalArgumentException("Загальний строк розгляду не може перевищувати " + daysUk(maxTotalDays)
                    + " (ст. 20): вже " + daysUk(current.totalDays()) + ", продовження на " + daysUk(days)
                    + " дало б " + daysUk(total) + " / The total term may not exceed " + daysEn(maxTotalDays)
                    + " (Art. 20): already " + daysEn(current.totalDays()) + ", extending by " + daysEn(days)
                    + " would make " + daysEn(total));
        }
        List<String> lines = new ArrayList<>(current.explanation());
        LocalDate raw = current.receiptDate().plusDays(total);
        lines.add("Строк продовжено на " + daysUk(days) + " (ст. 20), причина: " + why + "; разом " + daysUk(total)
                + " від " + fmt(current.receiptDate()) + ", останній день " + fmt(raw) + " / Term extended by "
                + daysEn(days) + " (Art. 20), reason: " + why + "; " + daysEn(total) + " in total from "
                + fmt(current.receiptDate()) + ", last day " + fmt(raw));
        LocalDate due = moveOffDayOff(raw, lines);
        return new Deadline(current.receivedAt(), current.receiptDate(), kind, current.termDays(),
                current.extensionDays() + days, due, lines, terms.name());
    }

    /**
     * The last day to forward a misaddressed appeal to the competent body (Art. 7): the term counted from the day it
     * reached this body, moved off a day off.
     *
     * @param arrived the day it reached the body (Kyiv date)
     * @return the last day
     */
    public LocalDate redirectLastDay(LocalDate arrived) {
        List<String> ignored = new ArrayList<>();
        return moveOffDayOff(terms.get(Term.REDIRECT).end(arrived), ignored);
    }

    /**
     * The terms of Art. 7 that run beside the term of consideration, one explanation line each: returning an appeal
     * not made out as Art. 5 requires (10 days from receipt), and forwarding a misaddressed appeal to the competent
     * body (5 days from the day it reached the body).
     *
     * @param receivedAt when the appeal was received
     * @param channel its intake channel
     * @param article5Defect whether it is not made out as Art. 5 requires (unsigned, no contact for the reply)
     * @param reachedBody when it reached the body it is with, or null if it is with none
     * @return the lines, "Ukrainian / English"; empty if neither applies
     */
    public List<String> article7(Instant receivedAt, Channel channel, boolean article5Defect, Instant reachedBody) {
        List<String> lines = new ArrayList<>();
        if (article5Defect) {
            LocalDate last = compute(receivedAt, channel, DeadlineKind.RETURN).dueDate();
            TermRules.Length l = terms.get(Term.RETURN);
            lines.add("Звернення оформлено без дотримання вимог ст. 5: повернути його заявнику з роз'ясненнями можна "
                    + "не пізніше " + fmt(last) + " (" + l.uk() + ", " + l.lawUk() + ") / The appeal is not made out as "
                    + "Art. 5 requires: it may be returned to the applicant with explanations until " + fmt(last) + " ("
                    + l.en() + ", " + l.lawEn() + ")");
        }
        if (reachedBody != null) {
            LocalDate arrived = reachedBody.atZone(WorkingCalendar.ZONE).toLocalDate();
            LocalDate last = redirectLastDay(arrived);
            TermRules.Length l = terms.get(Term.REDIRECT);
            lines.add("Звернення надійшло до органу " + fmt(arrived) + ": якщо воно не за належністю, його пересилають "
                    + "не пізніше " + fmt(last) + " (" + l.uk() + ", " + l.lawUk() + ") / The appeal reached the body on "
                    + fmt(arrived) + ": if it is not for this body, it is forwarded by " + fmt(last) + " (" + l.en()
                    + ", " + l.lawEn() + ")");
        }
        return lines;
    }

    /**
     * Whether a complaint came after its term (Art. 17): more than one year from the contested decision, or more than
     * one month from the day the applicant learned of it, each counted as the Civil Code counts and its last day moved
     * off a day off.
     *
     * @param receivedAt when the complaint was received
     * @param channel its intake channel
     * @param contested the decision and when the applicant learned of it; null or empty: not late
     * @return the steps of the check, "Ukrainian / English", and whether it is late
     */
    public ComplaintTerm complaintTerm(Instant receivedAt, Channel channel, ContestedDecision contested) {
        LocalDate receipt = receipt(receivedAt, channel).date();
        List<String> lines = new ArrayList<>();
        boolean late = false;
        if (contested != null && contested.decidedOn() != null) {
            late |= complaintPart(Term.COMPLAINT_AFTER_DECISION, "з дня прийняття рішення", "from the decision",
                    contested.decidedOn(), receipt, lines);
        }
        if (contested != null && contested.learnedOn() != null) {
            late |= complaintPart(Term.COMPLAINT_AFTER_LEARNING, "з дня ознайомлення з рішенням",
                    "from learning of the decision", contested.learnedOn(), receipt, lines);
        }
        return new ComplaintTerm(late, lines);
    }

    /**
     * The outcome of {@link #complaintTerm}.
     *
     * @param late whether the complaint came after one of its terms
     * @param explanation each step, "Ukrainian / English"
     */
    public record ComplaintTerm(boolean late, List<String> explanation) {
        /** Copies the explanation. */
        public ComplaintTerm {
            explanation = List.copyOf(explanation);
        }
    }

    private boolean complaintPart(Term term, String fromUk, String fromEn, LocalDate from, LocalDate receipt,
            List<String> lines) {
        TermRules.Length length = terms.get(term);
        LocalDate raw = lastDay("Строк подання скарги " + fromUk, "The term to complain " + fromEn, length, from, lines);
        LocalDate last = moveOffDayOff(raw, lines);
        boolean late = receipt.isAfter(last);
        lines.add((late ? "Скаргу отримано " + fmt(receipt) + ", після останнього дня " + fmt(last)
                + ": строк пропущено (ст. 17)" : "Скаргу отримано " + fmt(receipt) + ", не пізніше останнього дня "
                + fmt(last) + ": строк дотримано (ст. 17)") + " / " + (late ? "The complaint was received on "
                + fmt(receipt) + ", after the last day " + fmt(last) + ": the term was missed (Art. 17)"
                : "The complaint was received on " + fmt(receipt) + ", not after the last day " + fmt(last)
                        + ": within the term (Art. 17)"));
        return late;
    }

    /** Which term of the rule set a kind counts by. */
    private static Term term(DeadlineKind kind) {
        return switch (kind) {
            case STANDARD -> Term.CONSIDERATION;
            case NO_ADDITIONAL_STUDY -> Term.NO_ADDITIONAL_STUDY;
            case REDIRECT -> Term.REDIRECT;
            case RETURN -> Term.RETURN;
            case SHORTENED -> throw new IllegalArgumentException("A shortened term has no length of its own");
        };
    }

    /**
     * The last day of a term before a day off moves it, with the Civil Code's steps as one explanation line: it runs
     * from the day after the event (Art. 253); in days it ends on its last day, in months or years on the
     * same-numbered day of its last month, or on the last day of a month that has no such day (Art. 254 parts 1, 2).
     */
    private static LocalDate lastDay(String labelUk, String labelEn, TermRules.Length length, LocalDate from,
            List<String> lines) {
        LocalDate raw = length.end(from);
        LocalDate next = from.plusDays(1);
        String uk = labelUk + ": " + length.uk() + " від " + fmt(from) + " (" + length.lawUk() + "); перебіг строку "
                + "починається наступного дня, " + fmt(next) + " (ст. 253 ЦК України); ";
        String en = labelEn + ": " + length.en() + " from " + fmt(from) + " (" + length.lawEn() + "); the term runs "
                + "from the next day, " + fmt(next) + " (Civil Code Art. 253); ";
        switch (length.unit()) {
            case DAYS -> {
                uk += "строк у днях спливає в останній його день, " + fmt(raw);
                en += "a term in days ends on its last day, " + fmt(raw);
            }
            case MONTHS, YEARS -> {
                boolean months = length.unit() == TermRules.Unit.MONTHS;
                uk += months ? "строк, визначений місяцями, спливає у відповідне число останнього місяця строку "
                        + "(ч. 2 ст. 254 ЦК України)" : "строк, визначений роками, спливає у відповідні місяць та число "
                        + "останнього року строку (ч. 1 ст. 254 ЦК України)";
                en += months ? "a term in months ends on the same-numbered day of its last month (Civil Code Art. 254 "
                        + "part 2)" : "a term in years ends on the same month and day of its last year (Civil Code "
                        + "Art. 254 part 1)";
                if (raw.getDayOfMonth() != from.getDayOfMonth()) {
                    uk += "; у місяці " + MONTH.format(raw) + " немає " + from.getDayOfMonth() + "-го числа, тож строк "
                            + "спливає в останній день місяця, " + fmt(raw) + " (ч. 2 ст. 254 ЦК України)";
                    en += "; " + MONTH.format(raw) + " has no day " + from.getDayOfMonth() + ", so the term ends on the "
                            + "last day of that month, " + fmt(raw) + " (Civil Code Art. 254 part 2)";
                } else {
                    uk += ", " + fmt(raw);
                    en += ", " + fmt(raw);
                }
            }
            default -> throw new IllegalStateException("Unknown unit " + length.unit());
        }
        lines.add(uk + " / " + en);
        return raw;
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to);
    }

    private record Receipt(LocalDate date, String line) {
    }

    private Receipt receipt(Instant receivedAt, Channel channel) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
        ZonedDateTime kyiv = receivedAt.atZone(WorkingCalendar.ZONE);
        LocalDate day = kyiv.toLocalDate();
        LocalTime time = kyiv.toLocalTime();
        String d = fmt(day);
        String t = TIME.format(time);
        switch (channel.form()) {
            case ORAL:
                return new Receipt(day, "Отримано усно " + d + " о " + t + ": строк рахується з дня отримання " + d
                        + " / Received orally on " + d + " at " + t + ": the term counts from the day of receipt, " + d);
            case WRITTEN:
                return new Receipt(day, "Отримано в письмовій формі " + d + " о " + t
                        + ": строк рахується з дня отримання " + d + " / Received in writing on " + d + " at " + t
                        + ": the term counts from the day of receipt, " + d);
            default:
                break;
        }
        String uk = "Отримано в електронній формі " + d + " о " + t;
        String en = "Received electronically on " + d + " at " + t;
        if (!calendar.isWorkingDay(day)) {
            String next = fmt(calendar.nextWorkingDay(day));
            return new Receipt(calendar.nextWorkingDay(day), uk + " у неробочий день: строк рахується з наступного "
                    + "робочого дня " + next + " / " + en + " on a non-working day: the term counts from the next "
                    + "working day, " + next);
        }
        if (!time.isBefore(calendar.end())) {
            String next = fmt(calendar.nextWorkingDay(day));
            return new Receipt(calendar.nextWorkingDay(day), uk + " після робочого часу: строк рахується з наступного "
                    + "робочого дня " + next + " / " + en + " after working hours: the term counts from the next "
                    + "working day, " + next);
        }
        if (time.isBefore(calendar.start())) {
            return new Receipt(day, uk + " до початку робочого часу: строк рахується з цього ж робочого дня " + d
                    + " / " + en + " before working hours: the term counts from the same working day, " + d);
        }
        return new Receipt(day, uk + " у робочий час: строк рахується з дня отримання " + d + " / " + en
                + " during working hours: the term counts from the day of receipt, " + d);
    }

    /** Civil Code of Ukraine, Art. 254 part 5: a term ending on a day off ends on the next working day. */
    private LocalDate moveOffDayOff(LocalDate raw, List<String> lines) {
        if (calendar.isWorkingDay(raw)) {
            return raw;
        }
        LocalDate due = calendar.nextWorkingDay(raw);
        lines.add(fmt(raw) + " — неробочий день: строк закінчується наступного робочого дня " + fmt(due)
                + " (ч. 5 ст. 254 Цивільного кодексу України) / " + fmt(raw) + " is not a working day: the term ends "
                + "on the next working day, " + fmt(due) + " (Civil Code of Ukraine, Art. 254 part 5)");
        return due;
    }

    private static String fmt(LocalDate date) {
        return DATE.format(date);
    }

    /** "1 день", "2 дні", "5 днів", "11 днів", "21 день", "45 днів". */
    static String daysUk(long n) {
        long abs = Math.abs(n);
        long last2 = abs % 100;
        long last = abs % 10;
        String word;
        if (last2 >= 11 && last2 <= 14) {
            word = "днів";
        } else if (last == 1) {
            word = "день";
        } else if (last >= 2 && last <= 4) {
            word = "дні";
        } else {
            word = "днів";
        }
        return n + " " + word;
    }

    static String daysEn(long n) {
        return n + (Math.abs(n) == 1 ? " day" : " days");
    }
}
