package ua.gov.nsoz.monitoring;

/**
 * How far the observed count is above the threshold of the alarm (docs/monitoring.md): {@link #LOW} under 1.5 times
 * the threshold, {@link #MEDIUM} under 3 times, {@link #HIGH} 3 times or more.
 */
public enum Severity {
    LOW("Низька", "Low"),
    MEDIUM("Середня", "Medium"),
    HIGH("Висока", "High");

    private final String labelUk;
    private final String labelEn;

    Severity(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the name in Ukrainian */
    public String labelUk() {
        return labelUk;
    }

    /** @return the name in English */
    public String labelEn() {
        return labelEn;
    }

    /**
     * @param observed appeals counted
     * @param threshold the count the observed one had to exceed
     * @return the severity of that excess
     */
    public static Severity of(long observed, long threshold) {
        double ratio = observed / (double) Math.max(1, threshold);
        return ratio >= 3 ? HIGH : ratio >= 1.5 ? MEDIUM : LOW;
    }
}
