package ua.gov.nsoz.rest.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed REST logins per client address, whatever users they name: the policy of the realm's per-user throttle
 * ({@code ua.gov.nsoz.security.internal.LoginThrottle}, which the realm applies inside the password check), by
 * address. The first {@link #FREE} failures cost nothing; each further one closes the address for 1 s, doubling up to
 * {@link #CAP_MILLIS}; while closed, every login from it is refused (429) without checking a password. Successful
 * logins are not counted, and do not open the address either (else one valid account would wash an attacker's
 * address); the count is forgotten {@link #FORGET_MILLIS} after the address's last failure. A user at another
 * address is never affected.
 *
 * <p>A copy of the policy, not of the class: {@code ua.gov.nsoz.security} exports no API and this bundle does not
 * depend on it (the realm's throttle keys by user inside the check; this one by address before it).
 */
final class ClientThrottle {

    /** Failures in a row from one address before the first window: more than one user's typos. */
    static final int FREE = 10;

    /** The first window. */
    static final long FIRST_MILLIS = 1_000;

    /** The longest window. */
    static final long CAP_MILLIS = 30_000;

    /** How long an address with no failure is remembered. */
    static final long FORGET_MILLIS = 60_000;

    private static final int MAX_KEYS = 100_000;

    private final LongSupplier millis;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * @param failures failures in a row
     * @param closedUntil closed until then
     * @param last the last failure
     * @param refusalNoted whether a refusal in the current window was already reported ({@link #refuse})
     */
    private record State(int failures, long closedUntil, long last, boolean refusalNoted) {
    }

    /** @param millis the clock, in milliseconds */
    ClientThrottle(LongSupplier millis) {
        this.millis = millis;
    }

    /**
     * @param address the client's address
     * @return how many milliseconds it stays closed: 0 when a password from it may be checked now
     */
    long closedFor(String address) {
        State s = states.get(address);
        return s == null ? 0 : Math.max(0, s.closedUntil() - millis.getAsLong());
    }

    /**
     * A login refused while the address is closed.
     *
     * @param address the client's address
     * @return whether it is the first refusal of this window (to be recorded; the rest of the window is not, so that
     *         a flood does not flood the audit log)
     */
    boolean refuse(String address) {
        boolean[] first = {false};
        states.computeIfPresent(address, (k, s) -> {
            first[0] = !s.refusalNoted();
            return first[0] ? new State(s.failures(), s.closedUntil(), s.last(), true) : s;
        });
        return first[0];
    }

    /**
     * A login from the address the realm refused.
     *
     * @param address the client's address
     * @return the failures in a row from it so far
     */
    int failed(String address) {
        long now = millis.getAsLong();
        if (states.size() >= MAX_KEYS) {
            states.values().removeIf(s -> now - s.last() > FORGET_MILLIS && s.closedUntil() <= now);
            if (states.size() >= MAX_KEYS) {
                states.clear();
            }
        }
        return states.compute(address, (k, s) -> {
            int n = (s == null || now - s.last() > FORGET_MILLIS ? 0 : s.failures()) + 1;
            long window = n <= FREE ? 0 : Math.min(CAP_MILLIS, FIRST_MILLIS << Math.min(20, n - FREE - 1));
            return new State(n, now + window, now, false);
        }).failures();
    }
}
