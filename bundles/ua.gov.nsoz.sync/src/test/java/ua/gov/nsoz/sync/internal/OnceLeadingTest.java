package ua.gov.nsoz.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.node.Leadership;

/** The publishers' start-up work runs once, at the node that leads (or without the leadership service). */
class OnceLeadingTest {

    static final Duration POLL = Duration.ofMillis(50);

    @Test
    void withoutTheServiceTheWorkRunsAtOnceInTheCallersThread() {
        AtomicInteger runs = new AtomicInteger();
        try (OnceLeading once = new OnceLeading("test", () -> null, Duration.ZERO)) {
            once.run(runs::incrementAndGet);
        }
        assertEquals(1, runs.get());
    }

    @Test
    void aNodeThatDoesNotLeadWaitsAndRunsOnceWhenItComesToLead() throws Exception {
        AtomicBoolean leads = new AtomicBoolean(false);
        Leadership leadership = leads::get;
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        try (OnceLeading once = new OnceLeading("test", () -> leadership, Duration.ZERO, POLL)) {
            once.run(() -> {
                runs.incrementAndGet();
                ran.countDown();
            });
            assertEquals(0, runs.get(), "not leading: not run in the caller's thread");
            assertFalse(ran.await(POLL.toMillis() * 4, TimeUnit.MILLISECONDS), "not leading: not run on its own");
            leads.set(true);
            assertTrue(ran.await(POLL.toMillis() * 100, TimeUnit.MILLISECONDS), "run once it leads");
            // Once run, never again: wait two polls' worth, bounded, for a second run that must not come.
            CountDownLatch never = new CountDownLatch(1);
            assertFalse(never.await(POLL.toMillis() * 4, TimeUnit.MILLISECONDS));
            assertEquals(1, runs.get());
        }
    }

    @Test
    void aFailedRunIsTriedAgainAndClosingGivesUpWorkNotRun() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        try (OnceLeading once = new OnceLeading("test", () -> () -> true, Duration.ofMillis(1), POLL)) {
            once.run(() -> {
                int attempt = tries.incrementAndGet();
                second.countDown();
                if (attempt == 1) {
                    throw new IllegalStateException("the database is away");
                }
            });
            assertTrue(second.await(POLL.toMillis() * 100, TimeUnit.MILLISECONDS), "tried again");
        }
        assertEquals(2, tries.get());
        AtomicInteger closedRuns = new AtomicInteger();
        OnceLeading closed = new OnceLeading("test", () -> () -> false, Duration.ZERO, POLL);
        closed.run(closedRuns::incrementAndGet);
        closed.close();
        assertEquals(0, closedRuns.get());
    }
}
