package ua.gov.nsoz.replication.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;

/** Names on the link: node ids and the JMS properties every message between nodes carries. */
final class Links {

    /** Artemis' duplicate-detection header: the receiving address drops a second message with the same value. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** The message's id, unique in the federation (a UUID). */
    static final String MESSAGE_ID = "NsozMessageId";
    /** The node that sent the message. */
    static final String ORIGIN = "NsozOrigin";
    /** For the center's sends: the region the message is for. */
    static final String TARGET = "NsozTarget";
    /**
     * The broker user that sent the message, set by the center's broker itself ({@code populate-validated-user} in
     * artemis-central.xml) over whatever the sender put there: the authenticated connection, not the document.
     */
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";
    /** On a dead letter: the node the link had authenticated as its sender, so that a replay keeps it. */
    static final String SENDER = "NsozSender";
    /** A region's own broker user at the center is this prefix and its node id ({@code nsoz-link-lviv}). */
    static final String LINK_USER_PREFIX = "nsoz-link-";
    /** The role of every region's link user at the center (send to {@code nsoz.in}). */
    static final String LINK_ROLE = "nsoz-link";

    /** A node id, as in {@code ua.gov.nsoz.node}: it becomes part of a queue name, so nothing else passes. */
    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private Links() {
    }

    static boolean isNodeId(String value) {
        return value != null && NODE_ID.matcher(value).matches();
    }

    /** The system property the center's regions come from when the configuration names none. */
    static final String REGIONS_PROPERTY = "nsoz.regions";

    /**
     * This node on the link, from its one identity ({@link NodeIdentity}, PID {@code ua.gov.nsoz.node}): there is no
     * second set of keys for the link.
     *
     * @param nodeId this node's id
     * @param centerNodeId the center's node id: this node's own at the center, {@code null} at a region that
     *        replicates nowhere (its link routes do not run)
     * @param central whether this node is the center
     */
    record Node(String nodeId, String centerNodeId, boolean central) {

        /**
         * @param identity the node's identity
         * @return this node on the link
         * @throws IllegalArgumentException if an id is not a node id
         */
        static Node of(NodeIdentity identity) {
            String id = requireNodeId("nodeId", identity.nodeId());
            boolean central = identity.role() == NodeRole.CENTRAL;
            String center = central ? id : identity.centerNodeId();
            if (center != null) {
                requireNodeId("center", center);
            }
            return new Node(id, center, central);
        }

        /** @return whether this node has a link at all: the center, or a region that names its center */
        boolean linked() {
            return centerNodeId != null;
        }
    }

    /**
     * @param node this node
     * @param config the link's configuration
     * @param systemProperty the value of {@value #REGIONS_PROPERTY} (used only if the configuration names none)
     * @return the center's configured regions: valid node ids other than the center's, in order, each once; empty
     *         on a region
     */
    static List<String> regions(Node node, ReplicationConfig config, String systemProperty) {
        if (!node.central()) {
            return List.of();
        }
        String[] configured = config.regions() == null ? new String[0] : config.regions();
        List<String> items = new ArrayList<>();
        // A .cfg file gives "a,b" as one text; a typed configuration gives an array: split both on commas.
        Arrays.stream(configured).filter(v -> v != null).forEach(v -> items.addAll(Arrays.asList(v.split(","))));
        if (items.stream().allMatch(String::isBlank) && systemProperty != null) {
            items.clear();
            items.addAll(Arrays.asList(systemProperty.split(",")));
        }
        return items.stream().map(String::trim).filter(Links::isNodeId).filter(id -> !id.equals(node.nodeId()))
                .distinct().toList();
    }

    /** @return {@link #regions(Node, ReplicationConfig, String)} with this JVM's {@value #REGIONS_PROPERTY} */
    static List<String> regions(Node node, ReplicationConfig config) {
        return regions(node, config, System.getProperty(REGIONS_PROPERTY));
    }

    /**
     * Who sent a message, as the link authenticated it (issue 11): the document's own header is checked against
     * this, never trusted alone.
     *
     * @param central whether this node is the center
     * @param centerNodeId the center's node id
     * @param ownUser the broker user of this node's own routes (a replay of a dead letter is sent as it)
     * @param validatedUser the broker user the center's broker stamped on the message ({@value #VALIDATED_USER})
     * @param recorded the sender recorded on a dead letter ({@value #SENDER}), trusted only from this node's own user
     * @return at a region: the center (only the center's own routes may send to a region's queue there, and a
     *         region's broker takes its queue only from the center); at the center: the region whose own link user
     *         sent it ({@code nsoz-link-<id>}), the recorded sender of a replay by the node's own user, else
     *         {@code null} (refused)
     */
    static String sender(boolean central, String centerNodeId, String ownUser, String validatedUser, String recorded) {
        if (!central) {
            return centerNodeId;
        }
        if (validatedUser == null) {
            return null;
        }
        if (validatedUser.startsWith(LINK_USER_PREFIX)) {
            String region = validatedUser.substring(LINK_USER_PREFIX.length());
            return isNodeId(region) && !region.equals(centerNodeId) ? region : null;
        }
        if (validatedUser.equals(ownUser) && isNodeId(recorded)) {
            return recorded;
        }
        return null;
    }

    static String requireNodeId(String what, String value) {
        if (!isNodeId(value)) {
            throw new IllegalArgumentException("ua.gov.nsoz.replication: " + what
                    + " must be lower-case letters, digits and '-', at most 40, got '" + value + "'");
        }
        return value;
    }
}
