package ua.gov.nsoz.analytics;

/**
 * What is counted or measured over the appeals received in a period (a cohort: every measure is about the appeals
 * received in the period, wherever they stand now).
 */
public enum Measure {
    RECEIVED("Надійшло", "Received"),
    ANSWERED("Надано відповідь", "Answered"),
    ANSWERED_ON_TIME("Відповідь у строк", "Answered on time"),
    OVERDUE("Прострочено", "Overdue"),
    EXTENDED("Строк продовжено", "Extended"),
    REDIRECTED("Переадресовано", "Redirected"),
    REDIRECTED_IN_TERM("Переадресовано у 5-денний строк", "Redirected within 5 days"),
    NOT_CONSIDERED("Не підлягало розгляду", "Not considered"),
    REPEATED("Повторні", "Repeated"),
    MEDIAN_DAYS("Медіана днів до відповіді", "Median days to answer"),
    P90_DAYS("90-й процентиль днів до відповіді", "90th percentile days to answer"),
    RATINGS("Оцінок відповіді", "Ratings given"),
    MEAN_RATING("Середня оцінка", "Mean rating");

    private final String labelUk;
    private final String labelEn;

    Measure(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    public String labelUk() {
        return labelUk;
    }

    public String labelEn() {
        return labelEn;
    }

    /** @return true for counts (summed), false for the days and ratings measures (computed from distributions) */
    public boolean isCount() {
        return this != MEDIAN_DAYS && this != P90_DAYS && this != MEAN_RATING;
    }
}
