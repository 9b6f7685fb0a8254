package ua.gov.nsoz.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.DeadlineKind;

/**
 * The legal deadlines of an appeal (R7): the receipt date the term counts from (Instruction No. 348),
 * the term (Law "On citizens' appeals", Art. 20 for consideration, Art. 7 for forwarding), its end moved
 * off a day off (Civil Code of Ukraine, Art. 254 part 5), and extensions capped in total (Art. 20).
 * Terms are counted in calendar days; only their start and end depend on the {@link WorkingCalendar}.
 * Every result carries its explanation, one "Ukrainian / English" line per step. Pure and immutable.
 */
public final class DeadlineRules {

    /** The longest total term of consideration with all extensions, in days (Art. 20). */
    public static final int DEFAULT_MAX_TOTAL_DAYS = 45;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final WorkingCalendar calendar;
    private final int maxTotalDays;

    /**
     * Rules with the total term capped at {@value #DEFAULT_MAX_TOTAL_DAYS} days.
     *
     * @param calendar the working calendar
     */
    public DeadlineRules(WorkingCalendar calendar) {
        this(calendar, DEFAULT_MAX_TOTAL_DAYS);
    }

    /**
     * Rules with another cap on the total term.
     *
     * @param calendar the working calendar
     * @param maxTotalDays the longest total term with all extensions, in days, counted from the receipt date
     * @throws IllegalArgumentException if the cap is shorter than the term of some {@link DeadlineKind}
     */
    public DeadlineRules(WorkingCalendar calendar, int maxTotalDays) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        int longest = Arrays.stream(DeadlineKind.values()).mapToInt(DeadlineKind::days).max().orElse(0);
        if (maxTotalDays < longest) {
            throw new IllegalArgumentException("Граничний строк " + maxTotalDays + " коротший за строк розгляду "
                    + longest + " / The cap of " + maxTotalDays + " days is shorter than the term of " + longest + " days");
        }
        this.maxTotalDays = maxTotalDays;
    }

    /** @return the working calendar */
    public WorkingCalendar calendar() {
        return calendar;
    }

    /** @return the longest total term with all extensions, in days */
    public int maxTotalDays() {
        return maxTotalDays;
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
     * The deadline of an appeal: the legal receipt date plus the kind's term in calendar days, moved to
     * the next working day if it ends on a day off (Civil Code of Ukraine, Art. 254 part 5).
     *
     * @param receivedAt when the appeal was received
     * @param channel its intake channel
     * @param kind which term applies
     * @return the deadline with its explanation
     */
    public Deadline compute(Instant receivedAt, Channel channel, DeadlineKind kind) {
        Objects.requireNonNull(kind, "kind");
        Receipt r = receipt(receivedAt, channel);
        List<String> lines = new ArrayList<>();
        lines.add(r.line());
        LocalDate raw = r.date().plusDays(kind.days());
        lines.add(kind.labelUk() + ": " + daysUk(kind.days()) + " від " + fmt(r.date()) + " (" + kind.articleUk()
                + "), останній день " + fmt(raw) + " / " + kind.labelEn() + ": " + daysEn(kind.days()) + " from "
                + fmt(r.date()) + " (" + kind.articleEn() + "), last day " + fmt(raw));
        LocalDate due = moveOffDayOff(raw, lines);
        return new Deadline(receivedAt, r.date(), kind, kind.days(), 0, due, lines);
    }

    /**
     * Extends the term of consideration (Art. 20). The Law allows only the head of the body or a
     * deputy to extend it, and the applicant must be told; neither is checked here: the caller enforces
     * who may extend and sends the notice. The total term, the kind's days plus all extensions, may not
     * exceed {@link #maxTotalDays()} counted from the legal receipt date; the due date is recomputed from
     * the receipt date with the total days and moved off a day off as in
     * {@link #compute(Instant, Channel, DeadlineKind)}.
     *
     * @param current the deadline as it stands
     * @param days calendar days to add, at least 1
     * @param reason why the term is extended; recorded in the explanation
     * @return the extended deadline
     * @throws IllegalArgumentException ("Ukrainian / English") if the deadline is one for forwarding a
     *         misaddressed appeal (Art. 7), {@code days} is below 1, the reason is blank, or the total would
     *         exceed the cap (Art. 20)
     */
    public Deadline extend(Deadline current, int days, String reason) {
        Objects.requireNonNull(current, "current");
        DeadlineKind kind = current.kind();
        if (kind == DeadlineKind.REDIRECT) {
            throw new IllegalArgumentException("Строк пересилання звернення за належністю (" + daysUk(kind.days()) + ", "
                    + kind.articleUk() + ") не продовжується: продовжити можна лише строк розгляду (ст. 20) "
                    + "/ The term to forward a misaddressed appeal (" + daysEn(kind.days()) + ", " + kind.articleEn()
                    + ") cannot be extended: only the term of consideration can (Art. 20)");
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
                current.extensionDays() + days, due, lines);
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
