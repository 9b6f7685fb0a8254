package ua.gov.nsoz.replication.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.ValidationException;

/**
 * One pass of the deadline watch (R7) over this node's open appeals whose term ends within {@code remindDays}
 * (Kyiv date): an appeal past its last day and not yet escalated is escalated to the center ({@code ESCALATE});
 * one whose term has not passed yet is reminded of once per due date ({@code REMIND}). The rules themselves are
 * the core's: it refuses what does not fit (also when a user or another run got there first), and such a refusal
 * is skipped. The events replicate like any other event of the appeal, so the center learns of an escalation from
 * the region's ordinary link.
 *
 * <p>{@link AppealService#dueBy} lists only appeals still to act on, but has no offset, and an appeal whose action
 * was refused (a user got there first) stays in it. A run therefore widens the window (doubling, up to
 * {@link #MAX_WINDOW}) and acts only on appeals it has not seen in this run; it ends when the store returns fewer
 * than asked (it has seen them all), when a window brings nothing new, or at the cap.
 */
final class DeadlineWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);
    /** Kyiv: the date a term ends on, as the core's rules count it. */
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** The actor the watch's events carry. */
    static final String ACTOR = "deadline-watch";
    /** The most appeals one query reads (each a full record in memory). */
    static final int MAX_WINDOW = 5000;

    /**
     * What a run did.
     *
     * @param at when it started
     * @param reminded reminders raised
     * @param escalated appeals escalated
     * @param skipped actions the core refused (a user or another run got there first)
     * @param failed actions that failed otherwise (logged at WARN)
     * @param seen appeals looked at
     * @param complete false if the run stopped at the window's cap or because the route was stopping
     */
    record Run(Instant at, int reminded, int escalated, int skipped, int failed, int seen, boolean complete) {

        /** Before the first run. */
        static final Run NONE = new Run(null, 0, 0, 0, 0, 0, true);
    }

    private final AppealService appeals;
    private final Clock clock;
    private final int remindDays;
    private final int batch;
    private final Actor actor = Actor.of(ACTOR);
    private volatile Run last = Run.NONE;

    /**
     * @param appeals this node's appeals
     * @param clock the time (Kyiv's date is taken from it)
     * @param remindDays how many days before the last day a reminder is raised (0: on the last day only)
     * @param batch how many appeals the first query of a run reads
     */
    DeadlineWatch(AppealService appeals, Clock clock, int remindDays, int batch) {
        this.appeals = appeals;
        this.clock = clock;
        this.remindDays = Math.max(0, remindDays);
        this.batch = Math.max(1, Math.min(batch, MAX_WINDOW));
    }

    /** @return what the last run did ({@link Run#NONE} before the first) */
    Run lastRun() {
        return last;
    }

    /** @return what this run did */
    Run runOnce() {
        return runOnce(() -> true);
    }

    /**
     * @param keepGoing asked between appeals; false stops the run (the route is stopping)
     * @return what this run did
     */
    Run runOnce(BooleanSupplier keepGoing) {
        Instant at = clock.instant();
        LocalDate today = at.atZone(KYIV).toLocalDate();
        LocalDate horizon = today.plusDays(remindDays);
        Set<String> seen = new HashSet<>();
        int reminded = 0;
        int escalated = 0;
        int skipped = 0;
        int failed = 0;
        boolean complete = true;
        int window = batch;
        while (true) {
            List<Appeal> page;
            try {
                page = appeals.dueBy(today, horizon, window);
            } catch (RuntimeException e) {
                LOG.warn("Deadline watch: cannot read the appeals due by {}; the next run tries again", horizon, e);
                complete = false;
                break;
            }
            int fresh = 0;
            for (Appeal a : page) {
                if (!seen.add(a.id())) {
                    continue;
                }
                fresh++;
                if (!keepGoing.getAsBoolean()) {
                    complete = false;
                    break;
                }
                AppealAction action = due(a.processing(), today);
                if (action == null) {
                    continue;
                }
                switch (act(a, action)) {
                    case DONE -> {
                        if (action == AppealAction.ESCALATE) {
                            escalated++;
                        } else {
                            reminded++;
                        }
                    }
                    case REFUSED -> skipped++;
                    default -> failed++;
                }
            }
            if (!complete || page.size() < window || fresh == 0) {
                // Fewer than asked: every due appeal was seen. Nothing new: a store that ignores the limit, or one
                // that changes under the run; either way another query cannot help.
                break;
            }
            if (window >= MAX_WINDOW) {
                LOG.warn("Deadline watch: more than {} open appeals are due by {}; those after the first {} wait "
                        + "until earlier ones are answered", MAX_WINDOW, horizon, MAX_WINDOW);
                complete = false;
                break;
            }
            window = (int) Math.min((long) window * 2, MAX_WINDOW);
        }
        Run run = new Run(at, reminded, escalated, skipped, failed, seen.size(), complete);
        last = run;
        if (reminded + escalated + skipped + failed > 0) {
            LOG.info("Deadline watch: {} reminded, {} escalated, {} refused, {} failed (of {} due by {})", reminded,
                    escalated, skipped, failed, seen.size(), horizon);
        } else {
            LOG.debug("Deadline watch: nothing to do ({} due by {})", seen.size(), horizon);
        }
        return run;
    }

    /**
     * @param p an open appeal's processing state
     * @param today the date in Kyiv
     * @return what the watch does to it now, or null
     */
    static AppealAction due(Processing p, LocalDate today) {
        LocalDate dueDate = p.dueDate();
        if (dueDate == null) {
            return null;
        }
        if (dueDate.isBefore(today)) {
            // A reminder is raised before the last day; once it has passed, escalation is what remains (once).
            return p.escalatedAt() == null ? AppealAction.ESCALATE : null;
        }
        return dueDate.equals(p.remindedFor()) ? null : AppealAction.REMIND;
    }

    private enum Outcome { DONE, REFUSED, FAILED }

    private Outcome act(Appeal a, AppealAction action) {
        String day = a.processing().dueDate().toString();
        String comment = action == AppealAction.ESCALATE
                ? "Строк розгляду минув " + day + " / The term ended on " + day
                : "Строк розгляду спливає " + day + " / The term ends on " + day;
        try {
            appeals.act(a.id(), ActionRequest.of(action, comment), actor);
            return Outcome.DONE;
        } catch (ValidationException e) {
            // A user (answered, extended) or another run got there first: the appeal's state decides.
            LOG.debug("Deadline watch: {} of appeal {} refused: {}", action, a.id(), e.getMessage());
            return Outcome.REFUSED;
        } catch (RuntimeException e) {
            // The id only: an exception's message may quote the appeal. The stack at DEBUG.
            LOG.warn("Deadline watch: {} of appeal {} failed ({}); the next run tries again", action, a.id(),
                    e.getClass().getName());
            LOG.debug("Deadline watch: {} of appeal {} failed", action, a.id(), e);
            return Outcome.FAILED;
        }
    }
}
