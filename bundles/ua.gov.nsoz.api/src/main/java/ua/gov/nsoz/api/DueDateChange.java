package ua.gov.nsoz.api;

import java.time.LocalDate;

/**
 * One due date moved by a recomputation of terms ({@link AppealService#recomputeDueDates(boolean)}).
 *
 * @param appealId the appeal
 * @param registrationNumber its registration number
 * @param before the last day stored before
 * @param after the last day under the rule set in force
 * @param applied whether it was written (false in a dry run, or when the appeal changed meanwhile)
 */
public record DueDateChange(String appealId, String registrationNumber, LocalDate before, LocalDate after,
        boolean applied) {
}
