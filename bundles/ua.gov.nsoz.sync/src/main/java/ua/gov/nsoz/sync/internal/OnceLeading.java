package ua.gov.nsoz.sync.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.node.Leadership;

/**
 * A center's work done once per start, at the node that leads (docs/center-cluster.md): the publishers' sending of
 * every article and of the reference edits again at start. At a center of two nodes only the node whose broker is live
 * does it (the regions would apply a second copy once, but it is work and traffic for nothing); the other does it if
 * it comes to lead. Without the service (a node without the link, tests) the node leads.
 *
 * <p>The node's broker may not be live yet when a publisher starts, so the first look is {@code first} later (zero:
 * at once, in the caller's thread, if the node leads), then one every {@link #POLL} (5 s) until the node leads and
 * the work has run without an exception.
 */
final class OnceLeading implements AutoCloseable {

    /** Between two looks at the leadership. */
    static final Duration POLL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(OnceLeading.class);

    private final String what;
    private final Supplier<Leadership> leadership;
    private final Duration first;
    private final Duration poll;
    private ScheduledExecutorService executor;

    /**
     * @param what the work's name (threads, logs)
     * @param leadership the leadership service as now bound, null where there is none
     * @param first when to look first; zero: at once in the caller's thread
     */
    OnceLeading(String what, Supplier<Leadership> leadership, Duration first) {
        this(what, leadership, first, POLL);
    }

    /** @param poll between two looks (tests: shorter) */
    OnceLeading(String what, Supplier<Leadership> leadership, Duration first, Duration poll) {
        this.what = what;
        this.leadership = leadership;
        this.first = first;
        this.poll = poll;
    }

    /**
     * Runs the work once this node leads; replaces work given before and not yet run.
     *
     * @param work what to do
     */
    synchronized void run(Runnable work) {
        cancel();
        if (first.isZero() && Leadership.leads(leadership.get())) {
            work.run();
            return;
        }
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsoz-" + what);
            t.setDaemon(true);
            return t;
        });
        executor = ex;
        ex.scheduleWithFixedDelay(() -> {
            if (!Leadership.leads(leadership.get())) {
                return;                        // the center's other node does it, unless this one comes to lead
            }
            try {
                work.run();
                ex.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying again in {} ms: {}", what, poll.toMillis(), e.toString());
            }
        }, first.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Gives up work not yet run. */
    @Override
    public synchronized void close() {
        cancel();
    }
}
