package ua.gov.nsoz.replication.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

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
     * @param config the link's configuration
     * @param systemProperty the value of {@value #REGIONS_PROPERTY} (used only if the configuration names none)
     * @return the center's configured regions: valid node ids other than the center's, in order, each once; empty
     *         on a region
     */
    static List<String> regions(ReplicationConfig config, String systemProperty) {
        if (!config.nodeId().equals(config.centerNodeId())) {
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
        return items.stream().map(String::trim).filter(Links::isNodeId).filter(id -> !id.equals(config.centerNodeId()))
                .distinct().toList();
    }

    /** @return {@link #regions(ReplicationConfig, String)} with this JVM's {@value #REGIONS_PROPERTY} */
    static List<String> regions(ReplicationConfig config) {
        return regions(config, System.getProperty(REGIONS_PROPERTY));
    }

    static String requireNodeId(String what, String value) {
        if (!isNodeId(value)) {
            throw new IllegalArgumentException("ua.gov.nsoz.replication: " + what
                    + " must be lower-case letters, digits and '-', at most 40, got '" + value + "'");
        }
        return value;
    }
}
