package ua.gov.nsoz.api.audit;

/** What was done to personal data. */
public enum AuditAction {
    /** An appeal with its applicant's data was shown unmasked (one appeal, a history, a deadline). */
    READ,
    /** A list or search result that showed applicants' data unmasked. */
    SEARCH,
    /** An appeal was registered: its applicant's data was written. */
    CREATE,
    /** An action changed an appeal (its processing, not necessarily the applicant's fields). */
    CHANGE,
    /** Personal data was exported (a report, a file). */
    EXPORT,
    /** Retention: an appeal's personal data was anonymized. */
    ANONYMIZE,
    /** Access to personal data was refused (scope or role). */
    DENIED,
    /**
     * A login was refused: a wrong user name or password, or too many failed logins (the actor is the user name tried,
     * never the password; the origin the client's address).
     */
    LOGIN_REFUSED,
    /**
     * A session of the staff workspace was opened: a login with the right password ({@code POST /api/v1/session};
     * the actor the user, with their roles; the origin the client's address; never the password or the session).
     */
    LOGIN,
    /** A session of the staff workspace was closed by its user ({@code DELETE /api/v1/session}). */
    LOGOUT
}
