package ua.gov.nsoz.api.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;

/**
 * The scope rules of NSOZ, the one place that says who may do what to which appeal (R19; Law Art. 10 on
 * confidentiality). Pure functions of the caller and the appeal, so the REST API, the shell and the tests apply the
 * same rules; {@code docs/security.md} shows them as a table.
 *
 * <ul>
 * <li>An operator or supervisor works at a contact center (the node they log in to): the appeals registered there.
 * <li>A clerk or head works for executive bodies ({@code nsoz-body-<CODE>} roles): the appeals forwarded to them.
 * <li>An analyst sees every appeal; applicants' data masked unless granted {@link Role#PERSONAL_DATA_GRANT}.
 * <li>An auditor reads the audit log only; an administrator manages the node and sees no applicant's data.
 * <li>A confidential appeal (the applicant asked, Art. 10) shows name, address and contacts, and its text, only to
 * those resolving it: the body's clerks and heads, and the contact center's operators while it is not yet
 * forwarded.
 * </ul>
 */
public final class AccessRules {

    /** What replaces a masked value. */
    public static final String MASK = "***";

    /** What replaces the text of a confidential appeal for those not resolving it. */
    public static final String CONFIDENTIAL_TEXT = "[конфіденційно / confidential]";

    /** Why an appeal outside the caller's scope is refused (REST and shell alike). */
    public static final String OUT_OF_SCOPE = "Звернення поза вашою сферою доступу / The appeal is outside your scope "
            + "(your contact center's or your body's appeals)";

    private static final Map<Operation, Set<Role>> MAY = new EnumMap<>(Operation.class);

    private static final Map<Role, Set<AppealAction>> ACTIONS = new EnumMap<>(Role.class);

    static {
        Set<Role> all = EnumSet.allOf(Role.class);
        MAY.put(Operation.PUBLIC, all);
        MAY.put(Operation.APPEAL_REGISTER, EnumSet.of(Role.OPERATOR, Role.SUPERVISOR));
        MAY.put(Operation.APPEAL_SEARCH,
                EnumSet.of(Role.OPERATOR, Role.SUPERVISOR, Role.CLERK, Role.HEAD, Role.ANALYST));
        MAY.put(Operation.APPEAL_READ, MAY.get(Operation.APPEAL_SEARCH));
        MAY.put(Operation.APPEAL_ACT, EnumSet.of(Role.OPERATOR, Role.SUPERVISOR, Role.CLERK, Role.HEAD));
        MAY.put(Operation.REPORT_READ, EnumSet.of(Role.SUPERVISOR, Role.HEAD, Role.ANALYST));
        MAY.put(Operation.REFERENCE_READ, all);
        MAY.put(Operation.REFERENCE_EDIT, EnumSet.of(Role.ADMIN));
        MAY.put(Operation.SYNC_READ, EnumSet.of(Role.SUPERVISOR, Role.ADMIN));
        MAY.put(Operation.SYNC_MANAGE, EnumSet.of(Role.ADMIN));
        MAY.put(Operation.AUDIT_READ, EnumSet.of(Role.AUDITOR));
        MAY.put(Operation.RETENTION_RUN, EnumSet.of(Role.ADMIN));
        MAY.put(Operation.TERMS_RECOMPUTE, EnumSet.of(Role.ADMIN));
        MAY.put(Operation.ANALYSIS_REBUILD, EnumSet.of(Role.ADMIN));
        MAY.put(Operation.CALL_HANDLE, EnumSet.of(Role.OPERATOR, Role.SUPERVISOR));
        MAY.put(Operation.KNOWLEDGE_READ,
                EnumSet.of(Role.OPERATOR, Role.SUPERVISOR, Role.CLERK, Role.HEAD, Role.ANALYST));
        MAY.put(Operation.KNOWLEDGE_EDIT, EnumSet.of(Role.SUPERVISOR));
        // SHORTEN: the applicant's written request reaches the contact center or the body (Art. 20).
        Set<AppealAction> preliminary = EnumSet.of(AppealAction.CLASSIFY, AppealAction.NOTE,
                AppealAction.NO_ADDITIONAL_STUDY, AppealAction.ANSWER_AT_FIRST_CONTACT, AppealAction.FORWARD,
                AppealAction.NOT_CONSIDER, AppealAction.RATE, AppealAction.SHORTEN);
        // RESTORE_TERM: the body that considers a late complaint restores its term (Art. 17).
        Set<AppealAction> body = EnumSet.of(AppealAction.NOTE, AppealAction.ACCEPT, AppealAction.REDIRECT,
                AppealAction.ANSWER, AppealAction.SHORTEN, AppealAction.RESTORE_TERM);
        Set<AppealAction> head = EnumSet.copyOf(body);
        head.add(AppealAction.EXTEND);
        ACTIONS.put(Role.OPERATOR, preliminary);
        ACTIONS.put(Role.SUPERVISOR, preliminary);
        ACTIONS.put(Role.CLERK, body);
        ACTIONS.put(Role.HEAD, head);
        // REMIND and ESCALATE are the deadline watch's own: no role does them.
    }

    private AccessRules() {
    }

    /**
     * Who is calling, at which node.
     *
     * @param actor the authenticated user and their realm roles
     * @param nodeId the node they logged in to (an operator's contact center)
     */
    public record Caller(Actor actor, String nodeId) {

        /** Requires both. */
        public Caller {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(nodeId, "nodeId");
        }

        /** @return the NSOZ roles among the actor's realm roles */
        public Set<Role> roles() {
            Set<Role> out = EnumSet.noneOf(Role.class);
            for (Role r : Role.values()) {
                if (actor.has(r.jaasName())) {
                    out.add(r);
                }
            }
            return out;
        }

        /** @return the executive bodies the caller works for (from {@code nsoz-body-<CODE>} roles) */
        public Set<String> bodies() {
            Set<String> out = new TreeSet<>();
            for (String r : actor.roles()) {
                Role.bodyOf(r).ifPresent(out::add);
            }
            return out;
        }

        boolean is(Role r) {
            return actor.has(r.jaasName());
        }

        boolean worksForBody() {
            return is(Role.CLERK) || is(Role.HEAD);
        }

        boolean worksAtCenter() {
            return is(Role.OPERATOR) || is(Role.SUPERVISOR);
        }
    }

    /**
     * @param caller who
     * @param operation what
     * @return whether one of the caller's roles may do it at all (for one appeal, also check {@link #inScope})
     */
    public static boolean may(Caller caller, Operation operation) {
        if (operation == Operation.PUBLIC) {
            return true;
        }
        return !Collections.disjoint(MAY.get(operation), caller.roles());
    }

    /**
     * @param operation what was refused
     * @return why, naming the roles that may (REST and shell alike)
     */
    public static String refusal(Operation operation) {
        return "Вашим ролям це не дозволено / Not allowed to your roles: " + operation + " needs one of "
                + MAY.get(operation).stream().map(Role::jaasName).sorted().toList();
    }

    /** @return the roles that may do an operation (for the docs and the tests) */
    public static Set<Role> rolesFor(Operation operation) {
        return Collections.unmodifiableSet(MAY.get(operation));
    }

    /** @return the actions a role may do to an appeal in its scope (for the docs and the tests) */
    public static Set<AppealAction> actionsOf(Role role) {
        return Collections.unmodifiableSet(ACTIONS.getOrDefault(role, Set.of()));
    }

    /**
     * @param caller who
     * @param appeal an appeal this node holds
     * @return whether the appeal is the caller's to see: registered at their contact center, forwarded to their body,
     *         or any appeal for an analyst
     */
    public static boolean inScope(Caller caller, Appeal appeal) {
        return caller.is(Role.ANALYST) || ofCenter(caller, appeal) || ofBody(caller, appeal);
    }

    private static boolean ofCenter(Caller caller, Appeal appeal) {
        return caller.worksAtCenter() && caller.nodeId().equals(appeal.node());
    }

    private static boolean ofBody(Caller caller, Appeal appeal) {
        String body = appeal.processing().body();
        return caller.worksForBody() && body != null && caller.bodies().contains(body.toUpperCase(Locale.ROOT));
    }

    /**
     * Whether the caller sees the applicant's name, address and contacts (and a confidential appeal's text). Those
     * resolving the case do: the body's clerks and heads, and the contact center's operators, for a confidential
     * appeal only until it is forwarded (Law Art. 10). An analyst does only with {@link Role#PERSONAL_DATA_GRANT},
     * and never for a confidential appeal.
     *
     * @param caller who
     * @param appeal an appeal in their scope
     * @return true to show it unmasked
     */
    public static boolean seesPersonalData(Caller caller, Appeal appeal) {
        if (ofBody(caller, appeal)) {
            return true;
        }
        if (appeal.confidential()) {
            return ofCenter(caller, appeal) && appeal.processing().body() == null;
        }
        return ofCenter(caller, appeal)
                || (caller.is(Role.ANALYST) && caller.actor().has(Role.PERSONAL_DATA_GRANT));
    }

    /**
     * @param caller who
     * @param appeal the appeal
     * @param action what they want to do to it
     * @return whether one of their roles may do that action to an appeal in that role's scope
     */
    public static boolean mayAct(Caller caller, Appeal appeal, AppealAction action) {
        for (Role r : caller.roles()) {
            if (!ACTIONS.getOrDefault(r, Set.of()).contains(action)) {
                continue;
            }
            boolean scoped = switch (r) {
                case OPERATOR, SUPERVISOR -> ofCenter(caller, appeal);
                case CLERK, HEAD -> ofBody(caller, appeal);
                default -> false;
            };
            if (scoped) {
                return true;
            }
        }
        return false;
    }

    /**
     * The scope of a search: a search returns only appeals in the caller's scope. An analyst searches all; an operator
     * or supervisor their contact center's; a clerk or head their bodies' (one at a time: {@code body} must be one of
     * theirs, or the only one).
     *
     * @param all every appeal
     * @param node only appeals registered at this node (null: any)
     * @param bodies only appeals with one of these bodies (empty: any)
     */
    public record SearchScope(boolean all, String node, Set<String> bodies) {

        /** Defensive copy. */
        public SearchScope {
            bodies = Set.copyOf(bodies);
        }
    }

    /**
     * @param caller who (must have {@link Operation#APPEAL_SEARCH})
     * @return the widest scope their roles give
     */
    public static SearchScope searchScope(Caller caller) {
        if (caller.is(Role.ANALYST)) {
            return new SearchScope(true, null, Set.of());
        }
        if (caller.worksAtCenter()) {
            return new SearchScope(false, caller.nodeId(), Set.of());
        }
        return new SearchScope(false, null, caller.bodies());
    }

    /**
     * A search limited to the caller's scope ({@link #searchScope}).
     *
     * @param caller who (must have {@link Operation#APPEAL_SEARCH})
     * @param query what they asked for
     * @return the query they may run
     * @throws SecurityException if they ask for a body not theirs, or have none
     * @throws ValidationException if they have several bodies and named none
     */
    public static AppealQuery scoped(Caller caller, AppealQuery query) {
        return scopedToSee(caller, query).withConfidentialText(confidentialText(caller));
    }

    /**
     * Whose confidential appeals' text a caller's search may match (Art. 10): a clerk or head their bodies', an
     * operator or supervisor their node's (before it is forwarded); nobody else's, whatever they may list. What the
     * words of a confidential text are must not show through the hits of a search by someone who may not read it.
     *
     * @param caller who searches
     * @return for {@link AppealQuery#withConfidentialText}
     */
    public static AppealQuery.ConfidentialText confidentialText(Caller caller) {
        Set<Role> roles = caller.roles();
        boolean body = roles.contains(Role.CLERK) || roles.contains(Role.HEAD);
        boolean center = roles.contains(Role.OPERATOR) || roles.contains(Role.SUPERVISOR);
        return new AppealQuery.ConfidentialText(center ? caller.nodeId() : null, body ? caller.bodies() : Set.of());
    }

    private static AppealQuery scopedToSee(Caller caller, AppealQuery query) {
        SearchScope scope = searchScope(caller);
        if (scope.all()) {
            return query;
        }
        if (scope.node() != null) {
            return query.withNode(scope.node());
        }
        if (query.body() != null) {
            String body = query.body().toUpperCase(Locale.ROOT);
            if (!scope.bodies().contains(body)) {
                throw new SecurityException("Не ваш орган / Not your body: " + query.body() + "; yours: "
                        + scope.bodies());
            }
            return query.withBody(body);
        }
        if (scope.bodies().size() == 1) {
            return query.withBody(scope.bodies().iterator().next());
        }
        if (scope.bodies().isEmpty()) {
            throw new SecurityException("Вас не призначено до жодного органу / You are not assigned to an executive "
                    + "body (role " + Role.BODY_PREFIX + "<CODE>)");
        }
        throw new ValidationException(List.of(new FieldError("body",
                "Оберіть один зі своїх органів / Choose one of your bodies: " + scope.bodies())));
    }

    /**
     * @param caller who
     * @param appeal an appeal in their scope
     * @return the appeal as they may see it: unmasked, or {@link #masked}
     */
    public static Appeal view(Caller caller, Appeal appeal) {
        return seesPersonalData(caller, appeal) ? appeal : masked(appeal);
    }

    /**
     * The appeal with the applicant's name, address, e-mail, phone and category replaced by {@link #MASK} (absent ones
     * stay absent), the answer, the applicant's reason for a shortened term and the file names masked; a confidential
     * appeal's text too. Whether the appeal is a priority one (Art. 20) stays visible.
     *
     * @param appeal an appeal
     * @return the masked copy
     */
    public static Appeal masked(Appeal appeal) {
        Applicant a = appeal.applicant();
        Applicant masked = a == null ? null
                : new Applicant(a.type(), mask(a.fullName()), mask(a.address()), mask(a.email()), mask(a.phone()),
                        mask(a.category()));
        String text = appeal.confidential() ? CONFIDENTIAL_TEXT : appeal.text();
        var processing = appeal.processing().toBuilder()
                .answer(appeal.processing().result(), mask(appeal.processing().answer()),
                        maskFiles(appeal.processing().answerDocuments()), appeal.processing().answeredAt())
                // The applicant's own reason for a shorter term (Art. 20) may say who they are.
                .shortened(appeal.processing().shortenedDays(), mask(appeal.processing().shortenedReason()))
                .build();
        return new Appeal(appeal.id(), appeal.registrationNumber(), appeal.node(), appeal.region(), appeal.kind(),
                appeal.channel(), masked, text, appeal.topic(), appeal.addressee(), appeal.collective(),
                appeal.coSigners(), appeal.confidential(), appeal.signed(), maskFiles(appeal.attachments()),
                appeal.marks(), appeal.status(), appeal.version(), appeal.receivedAt(), appeal.registeredAt(),
                appeal.updatedAt(), processing, appeal.contested());
    }

    private static String mask(String s) {
        return s == null ? null : MASK;
    }

    private static List<Attachment> maskFiles(List<Attachment> files) {
        List<Attachment> out = new ArrayList<>(files.size());
        int n = 0;
        for (Attachment f : files) {
            n++;
            out.add(new Attachment("document-" + n, f.mediaType(), f.sizeBytes(), f.sha256()));
        }
        return out;
    }
}
