package ua.gov.nsoz.api.node;

/**
 * Whether this node does the work that must run once per center (docs/center-cluster.md): shipping the outbox to the
 * regions, enrolling the regions at the broker, the deadline watch, scheduled reports, monitoring scans, the analysis'
 * feed into its tables, the purge of documents no appeal names, and the knowledge and reference publishers' sending
 * of everything again at start. (Retention runs only by hand.)
 * A center may be two (or more) Karaf nodes on one database; their brokers are a live/backup pair, and the node whose
 * broker is live leads. A region, or a center of one node, always leads.
 *
 * <p>Components ask it each time before such work (it changes at a failover) and treat a missing service as
 * leading, so that a node without the link (tests, a node without a broker) keeps working as before:
 *
 * <pre>
 * &#64;Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
 * volatile Leadership leadership;
 * ...
 * if (!Leadership.leads(leadership)) return;   // the other center node does it
 * </pre>
 */
public interface Leadership {

    /** @return true if this node does the once-per-center work now */
    boolean leads();

    /**
     * @param leadership the service, or null where there is none
     * @return whether the node leads; true without the service
     */
    static boolean leads(Leadership leadership) {
        return leadership == null || leadership.leads();
    }
}
