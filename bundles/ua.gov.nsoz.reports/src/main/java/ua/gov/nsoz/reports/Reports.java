package ua.gov.nsoz.reports;

import java.util.List;
import java.util.Optional;
import ua.gov.nsoz.analytics.Measure;
import ua.gov.nsoz.analytics.Scorecard;
import ua.gov.nsoz.analytics.StatsResult;

/**
 * Statistics in text and graphic form, and the quarterly report to the Secretariat.
 *
 * <p>CSV: UTF-8 with a byte order mark (so that a spreadsheet opens Cyrillic correctly), comma-separated, CRLF
 * line ends, quoted as RFC 4180 asks, the header in Ukrainian. Every text cell that a spreadsheet could take for a
 * formula (one that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) is written
 * with a leading apostrophe ({@code '}), so that it is shown as text and never computed; plain numbers
 * ({@code -12}, {@code 3.5}) are left as they are.
 *
 * <p>Charts: drawn on the server (JFreeChart), with the Liberation Sans font shipped inside PDFBox, never the
 * system's fonts, so that Ukrainian shows on a bare server; the JVM should run with {@code java.awt.headless=true}.
 *
 * <p>Callers check the caller's right to the figures (scope, masking) before they ask; nothing here knows who asks.
 */
public interface Reports {

    /** The media type of {@link #csv} answers. */
    String CSV_MEDIA_TYPE = "text/csv; charset=UTF-8";

    /**
     * @param result a statistics answer
     * @return its rows as CSV: the period's first day, the key and its name when grouped, then per {@link Measure}
     *         its value and its value over the previous period (the header names both in Ukrainian, e.g.
     *         {@code Надійшло}, {@code Надійшло (попередній період)}); an absent value is an empty cell
     */
    byte[] csv(StatsResult result);

    /**
     * @param scorecards bodies' results, in the order to write them (usually by rank)
     * @return them as CSV: rank, previous rank, body id and name, then per {@link Measure} the value and the previous
     *         period's, and the appeals overdue now
     */
    byte[] csvScorecards(List<Scorecard> scorecards);

    /**
     * A table as CSV, for lists the caller has already masked and scoped (e.g. an export of appeals).
     *
     * @param header the column names
     * @param rows the lines; a {@code null} cell is an empty cell; a line shorter or longer than the header is
     *        written as it is
     * @return the CSV
     */
    byte[] csv(List<String> header, List<List<String>> rows);

    /**
     * A chart of one measure: a bar chart by key (this period beside the previous one) when the answer is grouped
     * over the whole period, a line over the periods when it is bucketed by time (one line per key, the 8 biggest and
     * the rest together, when it is also grouped).
     *
     * @param result a statistics answer
     * @param measure what to draw
     * @param width pixels, 200–4000
     * @param height pixels, 150–4000
     * @return a PNG image
     * @throws IllegalArgumentException if the size is out of range
     */
    byte[] png(StatsResult result, Measure measure, int width, int height);

    /**
     * The same chart as {@link #png}, as SVG (the text is text, in Ukrainian).
     *
     * @param result a statistics answer
     * @param measure what to draw
     * @param width pixels, 200–4000
     * @param height pixels, 150–4000
     * @return an SVG document
     * @throws IllegalArgumentException if the size is out of range
     */
    String svg(StatsResult result, Measure measure, int width, int height);

    /**
     * Makes the quarterly report (PDF) over the appeals this node holds, keeps it and returns what it is. A quarter
     * may be made again (each time a new report; earlier ones stay); a quarter not yet over is made with the
     * figures so far, and says so.
     *
     * @param year e.g. 2026
     * @param quarter 1–4
     * @return the kept report
     * @throws ua.gov.nsoz.api.ValidationException if the quarter is not 1–4, or starts after today
     */
    ReportInfo generateQuarterly(int year, int quarter);

    /** @return the kept reports, newest first */
    List<ReportInfo> list();

    /**
     * @param id a report's id
     * @return its PDF, or empty if there is no such report (or the id is not one)
     */
    Optional<byte[]> pdf(String id);
}
