package ua.gov.nsoz.replication.internal;

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

    static String requireNodeId(String what, String value) {
        if (!isNodeId(value)) {
            throw new IllegalArgumentException("ua.gov.nsoz.replication: " + what
                    + " must be lower-case letters, digits and '-', at most 40, got '" + value + "'");
        }
        return value;
    }
}
