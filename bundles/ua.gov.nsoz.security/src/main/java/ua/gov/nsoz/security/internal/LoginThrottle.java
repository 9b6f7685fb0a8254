package ua.gov.nsoz.security.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per key (a user, or a client address): the first {@code free} failures in a row cost nothing; each
 * further one closes the key for a window of 1 s, doubling up to {@link #CAP_MILLIS}; within the window the key is
 * refused without checking the password. A success opens the key again (where the caller says so); a key idle for
 * {@code forget} milliseconds is forgotten. So guessing costs an attacker at most a handful of tries per half minute,
 * and a real user is refused for at most {@link #CAP_MILLIS} after the attacker's last failure. Per user:
 * {@link #FREE} free failures, forgotten after {@link #FORGET_MILLIS}; per address ({@link #forAddresses}): more free
 * failures (several users' typos behind one address) forgotten sooner.
 */
final class LoginThrottle {

    /** Failures in a row before the first window. */
    static final int FREE = 5;

    /** The longest window. */
    static final long CAP_MILLIS = 30_000;

    /** How long a key with no failure is remembered. */
    static final long FORGET_MILLIS = 15 * 60_000;

    /** Failures in a row from one address before the first window: more than one user's typos. */
    static final int FREE_PER_ADDRESS = 10;

    /** How long an address with no failure is remembered. */
    static final long FORGET_ADDRESS_MILLIS = 60_000;

    private static final int MAX_KEYS = 100_000;

    private final LongSupplier millis;
    private final int free;
    private final long forget;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** @param refusalNoted whether a refusal in the current window was already reported ({@link #refuse}) */
    private record State(int failures, long closedUntil, long last, boolean refusalNoted) {
    }

    /** @param millis the clock, in milliseconds */
    LoginThrottle(LongSupplier millis) {
        this(millis, FREE, FORGET_MILLIS);
    }

    private LoginThrottle(LongSupplier millis, int free, long forget) {
        this.millis = millis;
        this.free = free;
        this.forget = forget;
    }

    /**
     * @param millis the clock, in milliseconds
     * @return a throttle keyed by client address
     */
    static LoginThrottle forAddresses(LongSupplier millis) {
        return new LoginThrottle(millis, FREE_PER_ADDRESS, FORGET_ADDRESS_MILLIS);
    }

    /**
     * @param key who tries
     * @return how many milliseconds the key stays closed: 0 when the password may be checked now
     */
    long closedFor(String key) {
        State s = states.get(key);
        return s == null ? 0 : Math.max(0, s.closedUntil() - millis.getAsLong());
    }

    /**
     * A wrong password for the key.
     *
     * @param key who tried
     * @return the failures in a row so far
     */
    int failed(String key) {
        long now = millis.getAsLong();
        if (states.size() >= MAX_KEYS) {
            states.values().removeIf(s -> now - s.last() > forget && s.closedUntil() <= now);
            if (states.size() >= MAX_KEYS) {
                states.clear();
            }
        }
        return states.compute(key, (k, s) -> {
            int n = (s == null || now - s.last() > forget ? 0 : s.failures()) + 1;
            long window = n <= free ? 0 : Math.min(CAP_MILLIS, 1000L << Math.min(20, n - free - 1));
            return new State(n, now + window, now, false);
        }).failures();
    }

    /**
     * A login refused while the key is closed.
     *
     * @param key who tried
     * @return whether it is the first refusal of this window (to be recorded; the rest of the window is not, so that a
     *         flood does not flood the security log)
     */
    boolean refuse(String key) {
        boolean[] first = {false};
        states.computeIfPresent(key, (k, s) -> {
            first[0] = !s.refusalNoted();
            return first[0] ? new State(s.failures(), s.closedUntil(), s.last(), true) : s;
        });
        return first[0];
    }

    /** A right password for the key: it is open again. */
    void succeeded(String key) {
        states.remove(key);
    }
}
