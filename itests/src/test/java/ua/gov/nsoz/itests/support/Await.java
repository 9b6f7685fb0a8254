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
}
