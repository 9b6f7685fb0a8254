package ua.gov.nsoz.security.internal;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throttle of failed logins per client address in the realm {@code karaf} ({@link AddressThrottleRealm}), for the
 * logins that name their client in the subject (Karaf's SSH server and its JMX connector add a {@link ClientPrincipal}
 * before the login). It stands twice in the realm, by its option {@value #STAGE}:
 * <ul>
 * <li>{@value #GATE}, first and requisite: while the address is closed ({@link LoginThrottle#forAddresses}) every
 * login from it is refused before any password is checked, whatever user it names;</li>
 * <li>{@value #COUNT}, last and optional: a login that ends without a user principal in the subject, or is aborted,
 * counts as a failure of its address. Not the abort alone: with Karaf's audit modules on (optional modules that always
 * succeed) a wrong password ends as a JAAS "success" without principals, which Karaf's SSH server then refuses for
 * want of the role {@code ssh}.</li>
 * </ul>
 * Successful logins neither count nor open the address (else one valid account would wash an attacker's address).
 * Logins without a client principal (the REST API, which throttles by address itself, and the brokers, whose link
 * needs a client certificate of the node's CA first) pass untouched. This module never makes a login succeed: it
 * refuses, or its {@link #login} returns {@code false}, "ignore me", and the realm's own modules decide.
 *
 * <p>Refusals go to {@code data/log/security.log} (logger {@code audit}), the first of each window, with the address;
 * never a password.
 */
public final class AddressThrottleLoginModule implements LoginModule {

    /** The option that says where the module stands. */
    static final String STAGE = "stage";

    /** First: refuses a closed address. */
    static final String GATE = "gate";

    /** Last: counts the failures. */
    static final String COUNT = "count";

    /** Set in the login's shared state by the gate when it refuses, so that the counter does not count that login. */
    static final String REFUSED = "ua.gov.nsoz.security.address.refused";

    private static final Logger SECURITY = LoggerFactory.getLogger("audit");

    private final java.util.function.Supplier<LoginThrottle> throttles;
    private Subject subject;
    private Map<String, Object> shared;
    private String address;
    private String method;
    private boolean counter;
    private boolean counted;

    /** For the realm's proxy module, which instantiates it by name: the throttle the realm shares. */
    public AddressThrottleLoginModule() {
        this(AddressThrottleRealm::throttle);
    }

    /** @param throttles where the throttle is */
    AddressThrottleLoginModule(java.util.function.Supplier<LoginThrottle> throttles) {
        this.throttles = throttles;
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        @SuppressWarnings("unchecked") // JAAS hands every module of one login the same modifiable map
        Map<String, Object> state = (Map<String, Object>) sharedState;
        this.shared = state;
        this.counter = COUNT.equals(options.get(STAGE));
        if (subject == null) {
            return;
        }
        for (ClientPrincipal p : subject.getPrincipals(ClientPrincipal.class)) {
            address = host(p.getAddress());
            method = p.getMethod();
        }
    }

    @Override
    public boolean login() throws LoginException {
        LoginThrottle throttle = throttles.get();
        if (counter || address == null || throttle == null) {
            return false;
        }
        long closed = throttle.closedFor(address);
        if (closed > 0) {
            counted = true; // a refusal is not another failure
            if (shared != null) {
                shared.put(REFUSED, Boolean.TRUE);
            }
            if (throttle.refuse(address)) {
                SECURITY.warn("Login over {} from {} refused by the address throttle: too many failed logins from "
                        + "this address; closed for {} ms more", method, address, closed);
            }
            throw new FailedLoginException("Too many failed logins from this address; try again in "
                    + ((closed + 999) / 1000) + " s");
        }
        // Not true: a requisite module that succeeds would let the login succeed although every module after it
        // refused the password (JAAS needs one success of any flag and no required or requisite failure). False:
        // "ignore me", and the others decide.
        return false;
    }

    @Override
    public boolean commit() {
        if (counter && subject != null && subject.getPrincipals(UserPrincipal.class).isEmpty()) {
            failed();
        }
        return false;
    }

    @Override
    public boolean abort() {
        if (counter) {
            failed();
        }
        return false;
    }

    private void failed() {
        LoginThrottle throttle = throttles.get();
        if (address == null || counted || throttle == null || (shared != null && shared.containsKey(REFUSED))) {
            return;
        }
        counted = true;
        int failures = throttle.failed(address);
        if (failures > LoginThrottle.FREE_PER_ADDRESS) {
            SECURITY.warn("{} failed logins in a row over {} from {}: the address is closed for {} ms", failures,
                    method, address, throttle.closedFor(address));
        }
    }

    @Override
    public boolean logout() {
        return true;
    }
    /**
     * @param socketAddress as a {@code SocketAddress} prints itself, e.g. {@code /127.0.0.1:50214},
     *        {@code host/10.0.0.5:22}, {@code /[0:0:0:0:0:0:0:1]:50214}, or a bare host
     * @return the host part without the port, or {@code null} for none
     */
    static String host(String socketAddress) {
        if (socketAddress == null || socketAddress.isBlank()) {
            return null;
        }
        String s = socketAddress.substring(socketAddress.indexOf('/') + 1);
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end < 0 ? s : s.substring(1, end);
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.indexOf(':') == colon ? s.substring(0, colon) : s;
    }
}
