package ua.gov.nsoz.intake.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Sliding-window limits per key (a client address, a hashed e-mail): at most {@code max} events within each
 * window. Taking a permit checks every rule of every key and records the event in all of them at once, or none, so
 * concurrent requests cannot pass the limit together. Kept in memory: a restart of the node forgets it.
 */
final class Limiter {

    /**
     * @param window the window
     * @param max events allowed within it (0 or less: the rule is off)
     */
    record Rule(Duration window, int max) {
    }

    private static final int MAX_KEYS = 200_000;

    private final List<Rule> rules;
    private final Duration longest;
    private final LongSupplier millis;
    private final Map<String, ArrayDeque<Long>> events = new HashMap<>();

    /**
     * @param rules the rules applied to every key
     * @param millis the clock
     */
    Limiter(List<Rule> rules, LongSupplier millis) {
        this.rules = List.copyOf(rules);
        this.longest = rules.stream().map(Rule::window).max(Duration::compareTo).orElse(Duration.ZERO);
        this.millis = millis;
    }

    /**
     * Takes a permit for every key, or none.
     *
     * @param keys the keys (null ones are skipped)
     * @return empty if taken; else how long until a permit of every key is free
     */
    synchronized Optional<Duration> acquire(String... keys) {
        long now = millis.getAsLong();
        long wait = 0;
        for (String k : keys) {
            if (k == null) {
                continue;
            }
            ArrayDeque<Long> d = trimmed(k, now);
            for (Rule r : rules) {
                if (r.max() <= 0 || d == null) {
                    continue;
                }
                long from = now - r.window().toMillis();
                int inWindow = 0;
                Iterator<Long> newest = d.descendingIterator();
                Long oldestInWindow = null;
                // the (max)-th newest event in the window: it must leave the window before another is allowed
                while (newest.hasNext()) {
                    long t = newest.next();
                    if (t <= from) {
                        break;
                    }
                    inWindow++;
                    if (inWindow == r.max()) {
                        oldestInWindow = t;
                        break;
                    }
                }
                if (oldestInWindow != null) {
                    wait = Math.max(wait, oldestInWindow + r.window().toMillis() - now);
                }
            }
        }
        if (wait > 0) {
            return Optional.of(Duration.ofMillis(wait));
        }
        if (events.size() >= MAX_KEYS) {
            events.values().removeIf(d -> d.isEmpty() || d.peekLast() <= now - longest.toMillis());
        }
        for (String k : keys) {
            if (k != null) {
                events.computeIfAbsent(k, x -> new ArrayDeque<>()).addLast(now);
            }
        }
        return Optional.empty();
    }

    /**
     * Gives back the permits {@link #acquire} took a moment ago (the submission was refused after all).
     *
     * @param keys the same keys
     */
    synchronized void release(String... keys) {
        for (String k : keys) {
            if (k != null) {
                ArrayDeque<Long> d = events.get(k);
                if (d != null && !d.isEmpty()) {
                    d.pollLast();
                }
            }
        }
    }

    private ArrayDeque<Long> trimmed(String key, long now) {
        ArrayDeque<Long> d = events.get(key);
        if (d == null) {
            return null;
        }
        long keepFrom = now - longest.toMillis();
        while (!d.isEmpty() && d.peekFirst() <= keepFrom) {
            d.pollFirst();
        }
        if (d.isEmpty()) {
            events.remove(key);
            return null;
        }
        return d;
    }
}
