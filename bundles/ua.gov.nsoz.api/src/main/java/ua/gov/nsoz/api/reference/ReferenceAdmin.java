package ua.gov.nsoz.api.reference;

/**
 * Editing the reference data (issue #4 item 1): at the center, through the API and the shell; the edits are
 * kept by the node and replicated to the regions, which apply them as they come. Each edit is checked with the
 * same rules as the shipped files (codes, kinds, regions, a rule's body must exist) and takes effect at once for
 * routing and validation.
 */
public interface ReferenceAdmin {

    /**
     * Adds a body or replaces the one with its code.
     *
     * @param body the body
     * @param actor who edits
     * @return the edits after this one
     * @throws IllegalArgumentException ("Ukrainian / English") naming what is wrong
     * @throws IllegalStateException if this node does not edit reference data (a region)
     */
    ReferenceEdits putBody(Body body, String actor);

    /**
     * Adds a routing rule or replaces the one with its id.
     *
     * @param rule the rule
     * @param actor who edits
     * @return the edits after this one
     * @throws IllegalArgumentException naming what is wrong
     * @throws IllegalStateException if this node does not edit reference data
     */
    ReferenceEdits putRule(RoutingRule rule, String actor);

    /**
     * Takes a routing rule out.
     *
     * @param id the rule's id
     * @param actor who edits
     * @return the edits after this one
     * @throws java.util.NoSuchElementException if there is no such rule
     * @throws IllegalStateException if this node does not edit reference data
     */
    ReferenceEdits removeRule(String id, String actor);

    /**
     * Adds an entry of the reference base (a contact center, hotline or service; bodies are edited with
     * {@link #putBody}) or replaces the one with its code.
     *
     * @param entry the entry
     * @param actor who edits
     * @return the edits after this one
     * @throws IllegalArgumentException naming what is wrong
     * @throws IllegalStateException if this node does not edit reference data
     * @since 1.2
     */
    ReferenceEdits putEntry(ReferenceEntry entry, String actor);

    /**
     * Takes an entry of the reference base out (a shipped one or one added by an edit).
     *
     * @param code the entry's code
     * @param actor who edits
     * @return the edits after this one
     * @throws java.util.NoSuchElementException if there is no such entry
     * @throws IllegalStateException if this node does not edit reference data
     * @since 1.2
     */
    ReferenceEdits removeEntry(String code, String actor);

    /** @return the edits in effect here */
    ReferenceEdits edits();

    /**
     * A region's side: takes the center's edits if they are newer than the ones it has.
     *
     * @param edits the center's revision
     * @return true if they were newer and are now in effect
     * @throws IllegalArgumentException if they do not pass the checks with this node's shipped data
     */
    boolean apply(ReferenceEdits edits);

    /** Told after every change of the edits in effect (OSGi whiteboard). */
    interface Listener {
        /** @param edits the edits now in effect */
        void edited(ReferenceEdits edits);
    }
}
