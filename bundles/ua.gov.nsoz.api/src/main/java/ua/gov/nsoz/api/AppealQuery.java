package ua.gov.nsoz.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Filters and paging for a search of appeals. A {@code null} filter matches everything.
 *
 * @param status status to match
 * @param kind kind to match
 * @param channel channel to match
 * @param region region code to match
 * @param from registered at or after
 * @param to registered before
 * @param text words to find in the text or topic, case-insensitive; in a confidential appeal's text only where
 *        {@code confidentialText} says (its topic always)
 * @param offset rows to skip
 * @param limit rows to return at most
 * @param body the executive body (reference id) the appeals are with: a body's inbox
 * @param node the node (contact center) the appeals were registered at
 * @param confidentialText whose confidential appeals' text {@code text} may match: those the caller sees the text of
 *        ({@code ua.gov.nsoz.api.access.AccessRules}); null is {@link ConfidentialText#NONE}
 */
public record AppealQuery(AppealStatus status, AppealKind kind, Channel channel, String region, Instant from,
        Instant to, String text, int offset, int limit, String body, String node, ConfidentialText confidentialText) {

    /**
     * The confidential appeals (Art. 10) whose text a text search may match: those whose text the caller sees, so that
     * the hits reveal no word of any other. Every other confidential appeal is matched by its topic only.
     *
     * @param node a contact center (node id): its confidential appeals not yet forwarded to a body (its operators see
     *        their text); null: none
     * @param bodies executive body codes: confidential appeals forwarded to one of them (their clerks and heads see
     *        the text); kept upper-case
     */
    public record ConfidentialText(String node, Set<String> bodies) {

        /** No confidential appeal's text is searched: only its topic. */
        public static final ConfidentialText NONE = new ConfidentialText(null, Set.of());

        /** Upper-cases and copies the bodies. */
        public ConfidentialText {
            Set<String> upper = new TreeSet<>();
            if (bodies != null) {
                for (String b : bodies) {
                    upper.add(b.toUpperCase(Locale.ROOT));
                }
            }
            bodies = Set.copyOf(upper);
        }

        /** @return whether no confidential appeal's text may be searched */
        public boolean none() {
            return node == null && bodies.isEmpty();
        }
    }

    /** A missing {@code confidentialText} is {@link ConfidentialText#NONE}. */
    public AppealQuery {
        confidentialText = confidentialText == null ? ConfidentialText.NONE : confidentialText;
    }

    /** A query that searches no confidential appeal's text. */
    public AppealQuery(AppealStatus status, AppealKind kind, Channel channel, String region, Instant from, Instant to,
            String text, int offset, int limit, String body, String node) {
        this(status, kind, channel, region, from, to, text, offset, limit, body, node, ConfidentialText.NONE);
    }

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
        return new AppealQuery(status, kind, channel, region, from, to, text, offset, limit, body, n,
                confidentialText);
    }

    /**
     * @param b a body
     * @return this query limited to appeals with that body
     */
    public AppealQuery withBody(String b) {
        return new AppealQuery(status, kind, channel, region, from, to, text, offset, limit, b, node,
                confidentialText);
    }

    /**
     * @param t whose confidential appeals' text the search may match
     * @return this query with that
     */
    public AppealQuery withConfidentialText(ConfidentialText t) {
        return new AppealQuery(status, kind, channel, region, from, to, text, offset, limit, body, node, t);
    }

    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;

    /** A query that matches all appeals, first page of 20. */
    public static AppealQuery all() {
        return new AppealQuery(null, null, null, null, null, null, null, 0, 20);
    }
}
