package ua.gov.nsoz.notify;

import ua.gov.nsoz.api.spi.AppealListener;

/**
 * Tells applicants about their appeal (R8) at registration, forwarding, redirect, extension of the term, answer and
 * refusal to consider, through the notification channels registered as services. Only the node that owns an appeal
 * notifies; sending happens off the caller's thread, with retries. Configured by PID {@value #PID}.
 */
public interface Notifier extends AppealListener {

    /** The configuration PID of the notifier. */
    String PID = "ua.gov.nsoz.notify";

    /** @return the counters since the notifier started */
    Stats stats();

    /**
     * Counters for operators, one per message and recipient (an e-mail and an SMS for one event count as two).
     *
     * @param sent handed over to a channel
     * @param failed given up on: every attempt failed, the recipient was refused, or the queue was full
     * @param pending queued or waiting for a retry
     */
    record Stats(long sent, long failed, int pending) {
    }
}
