package ua.gov.nsoz.api.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of NSOZ, as JAAS role names of the node's realm ({@code etc/users.properties} by default, LDAP groups in
 * production). A clerk's or head's executive body is a second role, {@code nsoz-body-<CODE>} ({@link #bodyRole}); an
 * analyst sees personal data only with the grant {@link #PERSONAL_DATA_GRANT}.
 */
public enum Role {
    /** Operator of a contact center: registers appeals and does their preliminary processing; own center only. */
    OPERATOR("nsoz-operator"),
    /** Supervisor of a contact center: what an operator may, plus the center's reports and the link's state. */
    SUPERVISOR("nsoz-supervisor"),
    /** Clerk of an executive body: the body's appeals only. */
    CLERK("nsoz-clerk"),
    /** Head of an executive body (or a deputy): a clerk who may also extend a term (Law Art. 20). */
    HEAD("nsoz-head"),
    /** Analyst of the center: every appeal, personal data masked unless granted. */
    ANALYST("nsoz-analyst"),
    /** Auditor: reads the audit log, nothing else. */
    AUDITOR("nsoz-auditor"),
    /** Administrator: reference data, the link, retention; no applicant's data. */
    ADMIN("nsoz-admin");

    /** The grant that lets an analyst see personal data (never what is confidential, Law Art. 10). */
    public static final String PERSONAL_DATA_GRANT = "nsoz-personal-data";

    /** Prefix of the role naming a clerk's or head's executive body: {@code nsoz-body-MOZ}. */
    public static final String BODY_PREFIX = "nsoz-body-";

    private final String jaasName;

    Role(String jaasName) {
        this.jaasName = jaasName;
    }

    /** @return the role's name in the JAAS realm */
    public String jaasName() {
        return jaasName;
    }

    /**
     * @param bodyCode an executive body's reference code
     * @return the role that scopes a clerk or head to it
     */
    public static String bodyRole(String bodyCode) {
        return BODY_PREFIX + bodyCode.toUpperCase(Locale.ROOT);
    }

    /**
     * @param jaasName a role name of the realm
     * @return the body it names, if it is a body role
     */
    public static Optional<String> bodyOf(String jaasName) {
        return jaasName.startsWith(BODY_PREFIX) && jaasName.length() > BODY_PREFIX.length()
                ? Optional.of(jaasName.substring(BODY_PREFIX.length()).toUpperCase(Locale.ROOT))
                : Optional.empty();
    }
}
