package ua.gov.nsoz.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the shell shows times (Kyiv local time, the way operators read them), texts and flags. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Europe/Kyiv"));

    /** How a priority appeal is shown (Art. 20 part 3: applicants with statutory benefits are considered first). */
    static final String PRIORITY = "Першочергово (ст. 20) / Priority (Art. 20)";

    /** The header of a table's column that flags priority appeals with {@link #flag}. */
    static final String PRIORITY_COLUMN = "!";

    /** Under a table with a priority column, what its flag means. */
    static final String PRIORITY_LEGEND = "! — першочергово (ст. 20) / priority (Art. 20)";

    private Format() {
    }

    /**
     * @param a an appeal
     * @return {@code "!"} for an appeal considered first (Art. 20), else empty
     */
    static String flag(ua.gov.nsoz.api.Appeal a) {
        return a.processing().priority() ? "!" : "";
    }

    static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        return String.format("%dd %02d:%02d:%02d", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    /**
     * @param appeals the service
     * @param id an appeal id or registration number, as the user typed it
     * @return the appeal
     * @throws IllegalArgumentException with the message the shell shows, if there is none
     */
    static ua.gov.nsoz.api.Appeal found(ua.gov.nsoz.api.AppealService appeals, String id) {
        return appeals.find(id).orElseThrow(
                () -> new IllegalArgumentException("Звернення не знайдено / No appeal with id or number " + id));
    }
}
