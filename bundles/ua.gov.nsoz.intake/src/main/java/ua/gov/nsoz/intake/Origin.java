package ua.gov.nsoz.intake;

/**
 * Where a public submission came from, for the limits and the audit log.
 *
 * @param clientAddress the client's IP address as the node's server saw it
 * @param userAgent the client's User-Agent, shortened, or {@code null}
 * @param via the door it came through
 */
public record Origin(String clientAddress, String userAgent, Via via) {

    /** The public doors. */
    public enum Via {
        /** The node's web portal (and any client of {@code /api/v1/public/appeals}). */
        PORTAL,
        /** Open311 GeoReport v2 at {@code /open311/v2/}. */
        OPEN311
    }
}
