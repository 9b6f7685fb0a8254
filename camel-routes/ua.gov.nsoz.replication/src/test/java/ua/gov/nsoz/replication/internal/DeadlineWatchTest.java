package ua.gov.nsoz.replication.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.ValidationException;

/**
 * The deadline watch against an in-memory appeal service that applies the core's REMIND and ESCALATE rules
 * ({@code ProcessingRules}): once per due date, escalation only after the last day (Kyiv) and once.
 */
class DeadlineWatchTest {

    /** 10:00 in Kyiv on 2026-03-10 (a late UTC hour would be the next day in Kyiv: the watch counts in Kyiv). */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 10, 10, 0, 0, 0, DeadlineWatch.KYIV);
    private static final LocalDate TODAY = NOW.toLocalDate();
    private static final Clock CLOCK = Clock.fixed(NOW.toInstant(), DeadlineWatch.KYIV);

    /** Open appeals of this node, with the REMIND and ESCALATE rules of the core. */
    static final class FakeAppeals {
        final Map<String, Appeal> appeals = new LinkedHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final Set<String> racedBy = new HashSet<>();
        final Set<String> broken = new HashSet<>();
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger acts = new AtomicInteger();
        Clock clock = CLOCK;
        boolean refuseAll;

        Appeal add(String id, LocalDate dueDate) {
            Instant t = NOW.minusDays(20).toInstant();
            Processing p = Processing.NONE.toBuilder().dueDate(dueDate).build();
            Appeal a = new Appeal(id, "LV-2026-" + id, "lviv", "46", AppealKind.APPLICATION, Channel.WEB, null,
                    "текст", null, null, false, null, false, null, List.of(), Set.of(), AppealStatus.ACCEPTED, 1, t, t,
                    t, p);
            appeals.put(id, a);
            return a;
        }

        void change(String id, java.util.function.UnaryOperator<Processing.Builder> how) {
            Appeal a = appeals.get(id);
            appeals.put(id, a.withProcessing(how.apply(a.processing().toBuilder()).build()));
        }

        long count(String id, String eventType) {
            return events.stream().filter(e -> e.equals(id + ":" + eventType)).count();
        }

        synchronized List<Appeal> dueBy(LocalDate lastDay, int limit) {
            queries.incrementAndGet();
            return appeals.values().stream()
                    .filter(a -> a.status().isOpen() && a.processing().dueDate() != null
                            && !a.processing().dueDate().isAfter(lastDay))
                    .sorted(Comparator.comparing((Appeal a) -> a.processing().dueDate()).thenComparing(Appeal::id))
                    .limit(limit).toList();
        }

        synchronized AppealService.ActionResult act(String appealId, ActionRequest request, Actor actor) {
            acts.incrementAndGet();
            Appeal a = appeals.get(appealId);
            if (a == null) {
                throw new NoSuchElementException(appealId);
            }
            if (broken.contains(appealId)) {
                throw new IllegalStateException("the store failed on " + a.text());
            }
            if (racedBy.remove(appealId)) {
                // A user escalated and reminded it by hand between the watch's read and its act.
                LocalDate raced = a.processing().dueDate();
                change(appealId, b -> b.escalatedAt(clock.instant()).remindedFor(raced));
                a = appeals.get(appealId);
            }
            Processing p = a.processing();
            LocalDate today = clock.instant().atZone(DeadlineWatch.KYIV).toLocalDate();
            boolean refused = refuseAll || !a.status().isOpen() || switch (request.action()) {
                case REMIND -> p.dueDate() == null || p.dueDate().equals(p.remindedFor());
                case ESCALATE -> p.dueDate() == null || !today.isAfter(p.dueDate()) || p.escalatedAt() != null;
                default -> true;
            };
            if (refused) {
                throw new ValidationException(List.of(new FieldError("action", "refused")));
            }
            Processing next = request.action() == AppealAction.REMIND ? p.toBuilder().remindedFor(p.dueDate()).build()
                    : p.toBuilder().escalatedAt(clock.instant()).build();
            Appeal changed = a.next(a.topic(), a.status(), clock.instant(), next);
            appeals.put(appealId, changed);
            events.add(appealId + ":" + (request.action() == AppealAction.REMIND ? "REMINDED" : "ESCALATED"));
            assertEquals(DeadlineWatch.ACTOR, actor.name());
            return new AppealService.ActionResult(changed, true, null);
        }

        /**
         * The service as the watch sees it: a proxy, so that methods added to the interface later need no change
         * here; what the watch does not call is refused.
         */
        AppealService service() {
            return (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                    new Class<?>[] {AppealService.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "dueBy" -> dueBy((LocalDate) args[1], (Integer) args[2]);
                        case "act" -> {
                            if (args.length != 3) {
                                throw new UnsupportedOperationException("act" + method);
                            }
                            yield act((String) args[0], (ActionRequest) args[1], (Actor) args[2]);
                        }
                        case "toString" -> "FakeAppeals";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private final FakeAppeals appeals = new FakeAppeals();

    private DeadlineWatch watch(int batch) {
        return new DeadlineWatch(appeals.service(), CLOCK, 3, batch);
    }

    @Test
    @DisplayName("An overdue appeal is escalated once across two runs, and not reminded after its last day")
    void overdueEscalatedOnce() {
        appeals.add("a1", TODAY.minusDays(1));
        DeadlineWatch w = watch(200);

        DeadlineWatch.Run first = w.runOnce();
        DeadlineWatch.Run second = w.runOnce();

        assertEquals(1, first.escalated());
        assertEquals(0, second.escalated());
        assertEquals(0, second.skipped());
        assertEquals(List.of("a1:ESCALATED"), appeals.events);
        assertEquals(second, w.lastRun());
        assertEquals(NOW.toInstant(), second.at());
    }

    @Test
    @DisplayName("An appeal due in 2 days is reminded once; one due today is reminded, not escalated")
    void dueSoonRemindedOnce() {
        appeals.add("a2", TODAY.plusDays(2));
        appeals.add("a0", TODAY);
        DeadlineWatch w = watch(200);

        assertEquals(2, w.runOnce().reminded());
        assertEquals(0, w.runOnce().reminded());

        assertEquals(1, appeals.count("a2", "REMINDED"));
        assertEquals(1, appeals.count("a0", "REMINDED"));
        assertEquals(2, appeals.events.size());
    }

    @Test
    @DisplayName("An appeal due in 5 days is left alone")
    void dueLaterUntouched() {
        appeals.add("a5", TODAY.plusDays(5));

        DeadlineWatch.Run run = watch(200).runOnce();

        assertEquals(0, run.reminded() + run.escalated() + run.skipped() + run.failed());
        assertEquals(0, appeals.acts.get());
    }

    @Test
    @DisplayName("A new term after an extension is reminded of again; an escalated appeal is not escalated again")
    void extendedTermRemindedAgain() {
        appeals.add("e1", TODAY.plusDays(1));
        DeadlineWatch w = watch(200);
        w.runOnce();
        appeals.change("e1", b -> b.dueDate(TODAY.plusDays(3)));

        w.runOnce();

        assertEquals(2, appeals.count("e1", "REMINDED"));
        assertEquals(AppealAction.REMIND, DeadlineWatch.due(Processing.NONE.toBuilder()
                .dueDate(TODAY.plusDays(1)).build(), TODAY));
        assertNull(DeadlineWatch.due(Processing.NONE.toBuilder().dueDate(TODAY.minusDays(1))
                .escalatedAt(NOW.toInstant()).build(), TODAY));
        assertNull(DeadlineWatch.due(Processing.NONE, TODAY));
    }

    @Test
    @DisplayName("A refusal (a user got there first) is skipped, a failure is counted, and the rest are processed")
    void racedSkipped() {
        appeals.add("r1", TODAY.minusDays(2));
        appeals.add("r2", TODAY.minusDays(1));
        appeals.add("r3", TODAY.plusDays(1));
        appeals.add("r4", TODAY.plusDays(2));
        appeals.racedBy.add("r1");
        appeals.broken.add("r3");

        DeadlineWatch.Run run = watch(200).runOnce();

        assertEquals(1, run.skipped());
        assertEquals(1, run.failed());
        assertEquals(1, run.escalated());
        assertEquals(1, run.reminded());
        assertEquals(List.of("r2:ESCALATED", "r4:REMINDED"), appeals.events);
        assertTrue(run.complete());
    }

    @Test
    @DisplayName("A backlog bigger than the batch is worked through in one run, also behind escalated appeals")
    void backlogWorkedThrough() {
        // 150 overdue appeals escalated earlier stay open and stay at the head of dueBy, earliest first.
        for (int i = 0; i < 150; i++) {
            String id = String.format("old%03d", i);
            appeals.add(id, TODAY.minusDays(10));
            appeals.change(id, b -> b.escalatedAt(NOW.minusDays(9).toInstant()));
        }
        for (int i = 0; i < 330; i++) {
            appeals.add(String.format("new%03d", i), i % 2 == 0 ? TODAY.minusDays(1) : TODAY.plusDays(1));
        }
        DeadlineWatch w = watch(100);

        DeadlineWatch.Run run = w.runOnce();

        assertEquals(165, run.escalated());
        assertEquals(165, run.reminded());
        assertEquals(480, run.seen());
        assertTrue(run.complete());
        assertEquals(330, appeals.events.size());
        // Windows of 100, 200, 400, 800: the last returned fewer than asked.
        assertEquals(4, appeals.queries.get());

        DeadlineWatch.Run again = w.runOnce();
        assertEquals(0, again.reminded() + again.escalated() + again.skipped());
        assertEquals(330, appeals.events.size());
    }

    @Test
    @DisplayName("A run ends when every action is refused, and stops when the route stops")
    void terminatesWhenAllRefused() {
        for (int i = 0; i < 250; i++) {
            appeals.add(String.format("x%03d", i), TODAY.minusDays(i % 5));
        }
        appeals.refuseAll = true;

        DeadlineWatch.Run run = watch(50).runOnce();

        assertEquals(250, run.skipped());
        assertEquals(0, run.reminded() + run.escalated());
        assertTrue(appeals.queries.get() <= 4, "queries: " + appeals.queries.get());
        assertTrue(appeals.events.isEmpty());

        appeals.refuseAll = false;
        AtomicInteger left = new AtomicInteger(10);
        DeadlineWatch.Run stopped = watch(50).runOnce(() -> left.getAndDecrement() > 0);
        assertFalse(stopped.complete());
        assertEquals(10, stopped.reminded() + stopped.escalated());
    }

    @Test
    @DisplayName("The route runs the watch on its timer in a real CamelContext")
    void routeRunsOnTimer() throws Exception {
        appeals.add("t1", TODAY.minusDays(1));
        appeals.add("t2", TODAY.plusDays(3));
        DeadlineWatchRoutes routes = new DeadlineWatchRoutes(config(Map.of(
                "deadlineWatchDelayMillis", 0L, "deadlineWatchPeriodMillis", 3_600_000L)), appeals.service(), CLOCK);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(routes);
            context.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (routes.lastRun().at() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, routes.lastRun().escalated());
            assertEquals(1, routes.lastRun().reminded());
            assertTrue(context.getRouteController().getRouteStatus(DeadlineWatchRoutes.ROUTE_ID).isStarted());
        }
        assertEquals(List.of("t1:ESCALATED", "t2:REMINDED"), appeals.events);
    }

    @Test
    @DisplayName("A period of 0 turns the watch off")
    void periodZeroOff() throws Exception {
        DeadlineWatchRoutes routes = new DeadlineWatchRoutes(config(Map.of(
                "deadlineWatchPeriodMillis", 0L)), appeals.service(), CLOCK);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(routes);
            context.start();
            assertTrue(context.getRoutes().isEmpty());
        }
    }

    /** The configuration with its defaults, some overridden. */
    static ReplicationConfig config(Map<String, Object> values) {
        return (ReplicationConfig) Proxy.newProxyInstance(ReplicationConfig.class.getClassLoader(),
                new Class<?>[] {ReplicationConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> ReplicationConfig.class;
                        case "toString" -> "ReplicationConfig" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> method.getDefaultValue();
                    };
                });
    }
}
