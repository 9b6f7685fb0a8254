package ua.gov.nsoz.shell.internal;

import java.security.AccessController;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;

/**
 * The shell side of the scope rules ({@link AccessRules}): the logged-in user and their realm roles (the JAAS
 * subject the Karaf shell runs every command as), the check of a command's operation, and the audit of personal data
 * the shell shows.
 */
final class ShellAccess {

    private ShellAccess() {
    }

    /** @return the user running the command, with the realm's roles (none if the subject is unknown) */
    @SuppressWarnings("removal")
    static Actor actor() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = "shell";
        Set<String> roles = new TreeSet<>();
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                String kind = p.getClass().getSimpleName();
                if (kind.equals("UserPrincipal")) {
                    user = p.getName();
                } else if (kind.equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
        }
        return new Actor(user, roles);
    }

    /**
     * @param node this node
     * @param operation what the command does
     * @return the caller, allowed to do it
     * @throws SecurityException if their roles may not
     */
    static AccessRules.Caller require(NodeIdentity node, Operation operation) {
        AccessRules.Caller caller = new AccessRules.Caller(actor(), node.nodeId());
        if (!AccessRules.may(caller, operation)) {
            throw new SecurityException(AccessRules.refusal(operation));
        }
        return caller;
    }

    /**
     * An appeal as the caller may see it in the shell; out of scope is refused, unmasked reads audited.
     */
    static Appeal read(AccessRules.Caller caller, Appeal appeal, AuditLog audit, String what) {
        if (!AccessRules.inScope(caller, appeal)) {
            record(audit, caller, AuditAction.DENIED, appeal.id(), what);
            throw new SecurityException(AccessRules.OUT_OF_SCOPE);
        }
        if (AccessRules.seesPersonalData(caller, appeal)) {
            record(audit, caller, AuditAction.READ, appeal.id(), what);
            return appeal;
        }
        return AccessRules.masked(appeal);
    }

    /** Appends an entry from the shell. */
    static void record(AuditLog audit, AccessRules.Caller caller, AuditAction action, String appealId, String what) {
        audit.record(new AuditEntry(0, Instant.now(), caller.actor().name(),
                String.join(",", new TreeSet<>(caller.actor().roles())), action, appealId, what, "shell", caller.nodeId()));
    }
}
