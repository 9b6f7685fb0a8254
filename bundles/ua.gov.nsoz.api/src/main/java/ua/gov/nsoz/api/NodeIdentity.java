package ua.gov.nsoz.api;

import java.time.Instant;

/** Who this node is, from its configuration (PID {@code ua.gov.nsoz.node}). */
public interface NodeIdentity {

    /** @return the node id, e.g. {@code lviv}; unique in the federation */
    String nodeId();

    /** @return the short code used in registration numbers, e.g. {@code LV} */
    String code();

    /** @return the display name in Ukrainian */
    String name();

    /** @return central or regional */
    NodeRole role();

    /** @return the region code (ISO 3166-2, e.g. {@code UA-46}); {@code null} for the center */
    String region();

    /**
     * @return the node id of the Government Contact Center this node replicates to; {@code null} for
     *         the center itself, or for a node that replicates nowhere
     */
    String centerNodeId();

    /** @return the version of the software the node runs */
    String softwareVersion();

    /** @return when the node's services started */
    Instant startedAt();
}
