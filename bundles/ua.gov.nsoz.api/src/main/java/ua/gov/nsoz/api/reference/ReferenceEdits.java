package ua.gov.nsoz.api.reference;

import java.time.Instant;
import java.util.List;

/**
 * The center's edits of the shipped reference data, all of them, as one numbered revision. The center is their
 * only author; a region replaces its edits with a revision from the center only when it is newer, so applying the
 * same or an older revision again changes nothing, in any order.
 *
 * @param revision 0 for none, then +1 per edit
 * @param editedAt when the last edit was made
 * @param editedBy who made it
 * @param bodies bodies added or replaced (by code)
 * @param rules routing rules added or replaced (by id)
 * @param removedRules ids of shipped rules taken out
 * @param entries entries of the reference base added or replaced (by code; since 1.2)
 * @param removedEntries codes of shipped entries of the reference base taken out (since 1.2)
 */
public record ReferenceEdits(long revision, Instant editedAt, String editedBy, List<Body> bodies,
        List<RoutingRule> rules, List<String> removedRules, List<ReferenceEntry> entries,
        List<String> removedEntries) {

    /** No edits. */
    public static final ReferenceEdits NONE = new ReferenceEdits(0, null, null, List.of(), List.of(), List.of());

    /** Copies the lists. */
    public ReferenceEdits {
        bodies = bodies == null ? List.of() : List.copyOf(bodies);
        rules = rules == null ? List.of() : List.copyOf(rules);
        removedRules = removedRules == null ? List.of() : List.copyOf(removedRules);
        entries = entries == null ? List.of() : List.copyOf(entries);
        removedEntries = removedEntries == null ? List.of() : List.copyOf(removedEntries);
    }

    /** Edits of bodies and rules only, as before 1.2: no edits of the reference base's entries. */
    public ReferenceEdits(long revision, Instant editedAt, String editedBy, List<Body> bodies, List<RoutingRule> rules,
            List<String> removedRules) {
        this(revision, editedAt, editedBy, bodies, rules, removedRules, List.of(), List.of());
    }
}
