package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.store.AppealStore.Registration;
import ua.gov.nsoz.store.StoreException;

/**
 * Registration numbers (issue #12): taken in the transaction that stores the appeal, so that a year's numbers at a
 * node run 1, 2, 3… with no gap after a restart, a crash or a failed registration, and never repeat.
 */
@DisplayName("JdbcAppealStore: consecutive registration numbers on embedded Derby")
class RegistrationNumbersTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    TestDatabase db;
    DataSource ds;
    JdbcAppealStore store;
    boolean open;

    @BeforeAll
    static void derbyLogOutsideTheModule() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    }

    @BeforeEach
    void create() {
        db = TestDatabases.create(home, "numbers-" + DATABASES.incrementAndGet());
        ds = open(db.dataSource());
        store = new JdbcAppealStore(ds);
    }

    @AfterEach
    void close() {
        if (open) {
            shutdown();
        }
    }

    DataSource open(DataSource d) {
        JdbcAppealStoreTest.migrate(d);
        open = true;
        return d;
    }

    /** Stops the database as a stopped node does; a transaction still open is lost, as in a crash. */
    void shutdown() {
        db.stop();
        open = false;
    }

    /** The node restarted: the same database opened anew, a new store over it. */
    void restart() {
        shutdown();
        ds = open(db.reopen());
        store = new JdbcAppealStore(ds);
    }

    /** What AppealServiceImpl does inside the transaction: the appeal and its event from the number. */
    static Registration registration(int year, long sequence) {
        String number = String.format("LV-%d-%06d", year, sequence);
        Appeal a = JdbcAppealStoreTest.full(UUID.randomUUID().toString(), number);
        return new Registration(a, JdbcAppealStoreTest.registered(a));
    }

    static String number(int year, long sequence) {
        return String.format("LV-%d-%06d", year, sequence);
    }

    String register(JdbcAppealStore s, int year) {
        return s.register(year, n -> registration(year, n), List.of()).appeal().registrationNumber();
    }

    /** Every registration number stored, in order. */
    List<String> stored() {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT reg_number FROM appeal ORDER BY reg_number");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    long count(String sql) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    @Test
    @DisplayName("The numbers run on across restarts of the node: 1, 2, 3, restart, 4, 5, restart, 6")
    void consecutiveAcrossRestarts() {
        Registration registered = store.register(2026, n -> registration(2026, n), List.of("ucc"));
        Appeal first = registered.appeal();
        assertEquals(number(2026, 1), first.registrationNumber());
        assertEquals(number(2026, 2), register(store, 2026));
        assertEquals(number(2026, 3), register(store, 2026));
        restart();
        assertEquals(number(2026, 4), register(store, 2026));
        assertEquals(number(2026, 5), register(store, 2026));
        restart();
        assertEquals(number(2026, 6), register(store, 2026));

        assertEquals(LongStream.rangeClosed(1, 6).mapToObj(n -> number(2026, n)).toList(), stored());
        // The event (whose payload carries the number) and the outbox entry were written with the appeal.
        assertEquals(java.util.Optional.of(first), store.get(first.id()));
        List<AppealEvent> events = store.events(first.id());
        assertEquals(List.of(registered.event()), events);
        assertTrue(events.get(0).payload().contains(number(2026, 1)), events.get(0).payload());
        assertEquals(1, count("SELECT COUNT(*) FROM outbox WHERE destination = 'ucc'"));
    }

    @Test
    @DisplayName("A registration that fails (the build throws, or the store refuses the appeal) takes no number")
    void failedRegistrationLeavesNoGap() {
        Appeal first = store.register(2026, n -> registration(2026, n), List.of()).appeal();
        IllegalStateException boom = new IllegalStateException("cannot build");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.register(2026, n -> {
            throw boom;
        }, List.of()));
        assertSame(boom, thrown, "the build's exception is thrown as it is");

        // The build succeeds but the insert fails (the appeal's id is taken): rolled back with the number.
        assertThrows(StoreException.class, () -> store.register(2026, n -> {
            Registration r = registration(2026, n);
            Appeal clash = new Appeal(first.id(), r.appeal().registrationNumber(), "lviv", "UA-46", first.kind(),
                    first.channel(), first.applicant(), first.text(), null, null, false, null, false, null, List.of(),
                    Set.of(), first.status(), 1, first.receivedAt(), first.registeredAt(), first.updatedAt());
            return new Registration(clash, JdbcAppealStoreTest.registered(clash));
        }, List.of()));

        assertEquals(number(2026, 2), register(store, 2026));
        assertEquals(List.of(number(2026, 1), number(2026, 2)), stored());
        assertEquals(2, count("SELECT COUNT(*) FROM appeal_event"));
    }

    @Test
    @DisplayName("A node that stops in the middle of a registration (before its commit) gives the number back")
    void stopDuringRegistrationLeavesNoGap() throws Exception {
        assertEquals(number(2026, 1), register(store, 2026));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            JdbcAppealStore before = store;
            Future<String> pending = pool.submit(() -> before.register(2026, n -> {
                inside.countDown();
                try {
                    // A guard against a hang, not a timing assertion.
                    assertTrue(stopped.await(1, TimeUnit.MINUTES));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return registration(2026, n);
            }, List.of()).appeal().registrationNumber());
            assertTrue(inside.await(1, TimeUnit.MINUTES), "the registration holds number 2 in its transaction");
            shutdown();
            stopped.countDown();
            java.util.concurrent.ExecutionException failed = assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> pending.get(1, TimeUnit.MINUTES));
            assertTrue(failed.getCause() instanceof StoreException, () -> String.valueOf(failed.getCause()));
        } finally {
            pool.shutdownNow();
        }

        ds = open(db.reopen());
        store = new JdbcAppealStore(ds);
        assertEquals(number(2026, 2), register(store, 2026));
        assertEquals(List.of(number(2026, 1), number(2026, 2)), stored());
    }

    @Test
    @DisplayName("8 threads on two stores over one database register 400 appeals of a new year: numbers 1 to 400 exactly")
    void concurrentRegistrations() throws Exception {
        int threads = 8;
        int each = 50;
        int year = 2031;
        JdbcAppealStore other = new JdbcAppealStore(ds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<List<Long>> perThread = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcAppealStore s = t % 2 == 0 ? store : other;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    List<Long> mine = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        long[] taken = new long[1];
                        Appeal a = s.register(year, n -> {
                            taken[0] = n;
                            return registration(year, n);
                        }, List.of()).appeal();
                        assertEquals(number(year, taken[0]), a.registrationNumber());
                        mine.add(taken[0]);
                    }
                    return mine;
                }));
            }
            ready.await();
            go.countDown();
            for (Future<List<Long>> f : futures) {
                // A guard against a hang, not a timing assertion.
                perThread.add(f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> all = new HashSet<>();
        for (List<Long> mine : perThread) {
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i) > mine.get(i - 1), "not increasing for one caller: " + mine);
            }
            all.addAll(mine);
        }
        assertEquals(threads * each, all.size(), "a number was handed out twice");
        assertEquals(LongStream.rangeClosed(1, threads * each).boxed().collect(Collectors.toSet()), all);
        assertEquals(LongStream.rangeClosed(1, threads * each).mapToObj(n -> number(year, n)).toList(), stored());
    }

    @Test
    @DisplayName("Each year starts at 1 and runs on its own; the deprecated nextRegistrationSequence shares the counter")
    void yearsStartAtOne() {
        assertEquals(number(2026, 1), register(store, 2026));
        assertEquals(number(2026, 2), register(store, 2026));
        assertEquals(number(2027, 1), register(store, 2027));
        assertEquals(number(2026, 3), register(store, 2026));
        assertEquals(number(2025, 1), register(store, 2025));
        assertEquals(number(2027, 2), register(store, 2027));
        @SuppressWarnings("deprecation")
        long taken = store.nextRegistrationSequence(2027);
        assertEquals(3, taken);
        assertEquals(number(2027, 4), register(store, 2027));
    }

    @Test
    @DisplayName("A database numbered in blocks of 50 before the upgrade continues from its counter, without a repeat")
    void upgradedDatabaseContinuesFromItsCounter() throws SQLException {
        // What the former store left: numbers 1..3 registered, the block 1..50 reserved, the counter at 51.
        for (int i = 1; i <= 3; i++) {
            register(store, 2026);
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE registration_counter SET next_value = 51 WHERE reg_year = 2026")) {
            assertEquals(1, ps.executeUpdate());
        }
        restart();
        assertEquals(number(2026, 51), register(store, 2026));
        assertEquals(number(2026, 52), register(store, 2026));
        assertFalse(stored().contains(number(2026, 4)), "the gap the blocks left stays a gap");
    }
}
