package ua.gov.nsoz.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An appeal's deadline and how it was computed, so that an operator, the applicant or an auditor can
 * check it step by step against the Law "On citizens' appeals" (Art. 7, 20) and Instruction No. 348.
 * Dates are Kyiv dates.
 *
 * @param receivedAt when the appeal was received
 * @param receiptDate the legal receipt date the term counts from (Kyiv date): the day received, or for
 *        an electronic appeal received outside working hours the next working day (Instruction No. 348)
 * @param kind which legal term applies
 * @param termDays the term in calendar days before any extension, from the receipt date to its last day before
 *        that is moved off a day off (a term in months, counted as the Civil Code counts it, is 28 to 31 days)
 * @param extensionDays the calendar days of extension granted so far (Art. 20), 0 if none
 * @param dueDate the last day of the term (Kyiv date): the receipt date plus the total days, moved to the
 *        next working day if it falls on a day off (Civil Code of Ukraine, Art. 254 part 5)
 * @param explanation each step of the computation as one line, {@code "Ukrainian / English"}
 * @param ruleSet the id and version of the rule set of terms that computed it, e.g. {@code ua-law-393-civil-code/2}
 */
public record Deadline(Instant receivedAt, LocalDate receiptDate, DeadlineKind kind, int termDays, int extensionDays,
        LocalDate dueDate, List<String> explanation, String ruleSet) {

    /**
     * Checks the values and copies the explanation.
     *
     * @throws NullPointerException if a value other than the explanation is missing
     * @throws IllegalArgumentException if the term is not positive, the extension negative or the due
     *         date before the receipt date
     */
    public Deadline {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(receiptDate, "receiptDate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueDate, "dueDate");
        if (termDays < 1) {
            throw new IllegalArgumentException("termDays must be at least 1: " + termDays);
        }
        if (extensionDays < 0) {
            throw new IllegalArgumentException("extensionDays cannot be negative: " + extensionDays);
        }
        if (dueDate.isBefore(receiptDate)) {
            throw new IllegalArgumentException("dueDate " + dueDate + " is before receiptDate " + receiptDate);
        }
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
    }

    /**
     * A deadline whose rule set is not named.
     *
     * @see Deadline
     */
    public Deadline(Instant receivedAt, LocalDate receiptDate, DeadlineKind kind, int termDays, int extensionDays,
            LocalDate dueDate, List<String> explanation) {
        this(receivedAt, receiptDate, kind, termDays, extensionDays, dueDate, explanation, null);
    }

    /** @return the whole term in calendar days: the kind's term plus all extensions */
    public int totalDays() {
        return termDays + extensionDays;
    }

    /** @return whether the term has been extended (Art. 20) */
    public boolean extended() {
        return extensionDays > 0;
    }
}
