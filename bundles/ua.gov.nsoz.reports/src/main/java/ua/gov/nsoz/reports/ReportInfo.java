package ua.gov.nsoz.reports;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A kept quarterly report (its PDF is fetched by {@link Reports#pdf(String)}).
 *
 * @param id the report's id, e.g. {@code 2026-Q1-20260401T030000000Z} (quarter, then the UTC time it was made);
 *        letters, digits and {@code -} only
 * @param year the quarter's year
 * @param quarter the quarter, 1–4
 * @param node the node that made it (its figures are over the appeals this node holds)
 * @param generatedAt when it was made
 * @param size the PDF's length in bytes
 * @param sha256 the PDF's SHA-256, lower-case hex
 */
public record ReportInfo(String id, int year, int quarter, String node, Instant generatedAt, long size,
        String sha256) {

    /** @return the quarter's first day */
    public LocalDate from() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    /** @return the quarter's last day */
    public LocalDate to() {
        return from().plusMonths(3).minusDays(1);
    }
}
