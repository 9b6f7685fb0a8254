package ua.gov.nsoz.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * Anonymized aggregate statistics published without login (R18): per month, region and topic section, counts only;
 * no free text, no personal data; a count under {@link #MIN_CELL} is suppressed ({@code null}). For a closed period
 * (ended before today) the numbers are the same on every request.
 *
 * @param from first day (first of a month)
 * @param to last day (last of a month)
 * @param rows the cells
 */
public record OpenDataSet(LocalDate from, LocalDate to, List<Row> rows) {

    /** Cells under this are published as suppressed. */
    public static final int MIN_CELL = 5;

    public OpenDataSet {
        rows = List.copyOf(rows);
    }

    /**
     * @param month first day of the month
     * @param region region code
     * @param section classifier section code
     * @param received appeals received, or {@code null} if suppressed
     * @param answered of them answered, or {@code null} if suppressed
     * @param answeredOnTime of them answered on time, or {@code null} if suppressed
     */
    public record Row(LocalDate month, String region, String section, Long received, Long answered,
            Long answeredOnTime) {
    }
}
