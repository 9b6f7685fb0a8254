package ua.gov.nsoz.itests.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline: the only way the tests wait. */
public final class Await {

    private Await() {
    }

    /**
     * Polls until the condition holds.
     *
     * @param what the condition, for the failure message
     * @param timeout the deadline
     * @param condition what to check
     * @throws AssertionError if the deadline passes first
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 50;
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
            pause = Math.min(pause * 2, 500);
        }
    }

    /**
     * Polls until the probe gives a value; a probe that throws has not given one yet (a node still starting).
     *
     * @param what the value awaited, for the failure message
     * @param timeout the deadline
     * @param probe gives the value, or {@code null} while there is none
     * @param <T> the value's type
     * @return the first value the probe gave
     * @throws AssertionError if the deadline passes first, with the probe's last failure
     */
    public static <T> T result(String what, Duration timeout, java.util.concurrent.Callable<T> probe) {
        Object[] found = new Object[1];
        Exception[] last = new Exception[1];
        try {
            until(what, timeout, () -> {
                try {
                    found[0] = probe.call();
                    return found[0] != null;
                } catch (Exception e) {
                    last[0] = e;
                    return false;
                }
            });
        } catch (AssertionError e) {
            if (last[0] != null) {
                e.addSuppressed(last[0]);
            }
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) found[0];
        return value;
    }
}
