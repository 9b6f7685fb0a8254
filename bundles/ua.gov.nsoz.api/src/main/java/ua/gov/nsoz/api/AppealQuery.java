package ua.gov.nsoz.api;

import java.time.Instant;

/**
 * Filters and paging for a search of appeals. A {@code null} filter matches everything.
 *
 * @param status status to match
 * @param kind kind to match
 * @param channel channel to match
 * @param region region code to match
 * @param from registered at or after
 * @param to registered before
 * @param text words to find in the text or topic, case-insensitive
 * @param offset rows to skip
 * @param limit rows to return at most
 * @param body the executive body (reference id) the appeals are with: a body's inbox
 * @param node the node (contact center) the appeals were registered at
 */
public record AppealQuery(AppealStatus status, AppealKind kind, Channel channel, String region, Instant from,
        Instant to, String text, int offset, int limit, String body, String node) {

    /** A query without a node filter. */
    public AppealQuery(AppealStatus status, AppealKind kind, Channel channel, String region, Instant from, Instant to,
            String text, int offset, int limit, String body) {
        this(status, kind, channel, region, from, to, text, offset, limit, body, null);
    }

    /** A query without a body filter. */
    public AppealQuery(AppealStatus status, AppealKind kind, Channel channel, String region, Instant from, Instant to,
            String text, int offset, int limit) {
        this(status, kind, channel, region, from, to, text, offset, limit, null, null);
    }

    /**
     * @param n a node id
     * @return this query limited to appeals registered at that node
     */
    public AppealQuery withNode(String n) {
        return new AppealQuery(status, kind, channel, region, from, to, text, offset, limit, body, n);
    }

    /**
     * @param b a body
     * @return this query limited to appeals with that body
     */
    public AppealQuery withBody(String b) {
        return new AppealQuery(status, kind, channel, region, from, to, text, offset, limit, b, node);
    }

    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;

    /** A query that matches all appeals, first page of 20. */
    public static AppealQuery all() {
        return new AppealQuery(null, null, null, null, null, null, null, 0, 20);
    }
}
