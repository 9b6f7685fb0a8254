package ua.gov.nsoz.api;

/**
 * Appeals of one applicant category (Law "On citizens' appeals", Art. 20: applicants with statutory benefits are
 * considered first), as reports count them.
 *
 * @param category the category's code in the reference data, or {@code null} for appeals with none stated
 * @param total every appeal of the category
 * @param open those whose term still runs
 * @param overdue the open ones past their last day
 */
public record CategoryCount(String category, long total, long open, long overdue) {
}
