package ua.gov.nsoz.api.access;

/**
 * What a caller asks to do: every REST endpoint and every shell command names one. Which roles may do it is
 * {@link AccessRules#may}; for operations on one appeal, {@link AccessRules} also checks the appeal is in the
 * caller's scope.
 */
public enum Operation {
    /** Anonymous: the public status lookup and rating, the node's identity, the API description. */
    PUBLIC,
    /** Register an appeal. */
    APPEAL_REGISTER,
    /** Search appeals (the results limited to the caller's scope). */
    APPEAL_SEARCH,
    /** Read one appeal, its history, deadline or route (in scope; personal data masked where the rules say). */
    APPEAL_READ,
    /** Do an action to an appeal (in scope, and the action allowed to the role). */
    APPEAL_ACT,
    /** Reports without personal data: overdue counts, deadline scans. */
    REPORT_READ,
    /** Read reference data (bodies, topics, categories, rules). */
    REFERENCE_READ,
    /** Edit reference data (at the center). */
    REFERENCE_EDIT,
    /** The link's state. */
    SYNC_READ,
    /** Dead letters: list and replay (documents may hold personal data). */
    SYNC_MANAGE,
    /** Read the audit log. */
    AUDIT_READ,
    /** Run retention (anonymize closed appeals past the period). */
    RETENTION_RUN,
    /**
     * Recompute the stored due dates of the open appeals under the rule set of terms in force (after a change of it);
     * the report names registration numbers and dates only.
     */
    TERMS_RECOMPUTE,
    /** Rebuild the analysis' tables from the appeals (after a restore, say); the report gives counts only. */
    ANALYSIS_REBUILD,
    /** Take calls: the calls ringing for the operator, a call's record, linking a call to the appeal it became (R13). */
    CALL_HANDLE,
    /** Read and search the knowledge base for answers at first contact (R4, R5). */
    KNOWLEDGE_READ,
    /** Write and withdraw knowledge base articles (supervisors, at the center, which distributes them). */
    KNOWLEDGE_EDIT
}
