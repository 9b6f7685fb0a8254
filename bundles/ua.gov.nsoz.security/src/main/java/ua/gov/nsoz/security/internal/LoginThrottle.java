package ua.gov.nsoz.security.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per key (a user, or a user and a client address): the first {@link #FREE} failures in a row cost
 * nothing; each further one closes the key for a window of 1 s, doubling up to {@link #CAP_MILLIS}; within the window
 * the key is refused without checking the password. A success opens the key again; a key idle for
 * {@link #FORGET_MILLIS} is forgotten. So guessing costs an attacker at most a handful of tries per half minute, and a
 * real user is refused for at most {@link #CAP_MILLIS} after the attacker's last failure.
 */
final class LoginThrottle {

    /** Failures in a row before the first window. */
    static final int FREE = 5;

    /** The longest window. */
    static final long CAP_MILLIS = 30_000;

    /** How long a key with no failure is remembered. */
    static final long FORGET_MILLIS = 15 * 60_000;

    private static final int MAX_KEYS = 100_000;

    private final LongSupplier millis;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, long closedUntil, long last) {
    }

    /** @param millis the clock, in milliseconds */
    LoginThrottle(LongSupplier millis) {
        this.millis = millis;
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
            states.values().removeIf(s -> now - s.last() > FORGET_MILLIS && s.closedUntil() <= now);
            if (states.size() >= MAX_KEYS) {
                states.clear();
            }
        }
        return states.compute(key, (k, s) -> {
            int n = (s == null || now - s.last() > FORGET_MILLIS ? 0 : s.failures()) + 1;
            long window = n <= FREE ? 0 : Math.min(CAP_MILLIS, 1000L << Math.min(20, n - FREE - 1));
            return new State(n, now + window, now);
        }).failures();
    }

    /** A right password for the key: it is open again. */
    void succeeded(String key) {
        states.remove(key);
    }
}
