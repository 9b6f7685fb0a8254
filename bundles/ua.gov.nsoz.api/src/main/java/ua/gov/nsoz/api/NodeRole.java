package ua.gov.nsoz.api;

/** The role a node plays in the federation. */
public enum NodeRole {
    /** The Government Contact Center: keeps the single information base of all regions. */
    CENTRAL,
    /** A regional contact center. */
    REGIONAL
}
