package ua.gov.nsoz.replication.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Component;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.spi.AppealListener;

/**
 * Wakes the outbound route when a local change has committed, so that a new event leaves within
 * milliseconds instead of waiting for the next look at the outbox. The route still looks every
 * {@code shipIntervalMillis} for what no listener reports (answers to change requests, a restart's backlog).
 */
@Component(service = {AppealListener.class, OutboxSignal.class})
public class OutboxSignal implements AppealListener {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean pending;

    @Override
    public void onEvent(AppealEvent event, Appeal appeal) {
        signal();
    }

    /** Something was committed to the outbox. */
    public void signal() {
        lock.lock();
        try {
            pending = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a change is signalled or the time is up, and clears the signal.
     *
     * @param millis the longest wait
     * @return true if a change was signalled
     * @throws InterruptedException if the route is stopping
     */
    public boolean await(long millis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!pending && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            boolean was = pending;
            pending = false;
            return was;
        } finally {
            lock.unlock();
        }
    }
}
