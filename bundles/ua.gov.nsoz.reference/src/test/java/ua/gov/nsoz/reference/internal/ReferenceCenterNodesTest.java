package ua.gov.nsoz.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.RoutingRule;

/**
 * The two nodes of one center (same node id) sharing one folder of edits: each takes the other's edit within a
 * second, edits made at either never lose one another, and a region is not concerned.
 */
class ReferenceCenterNodesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-28T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private ReferenceService node(String folder, boolean center, Clock clock) {
        return new ReferenceService(f -> JsonReferenceData.class.getResourceAsStream(JsonReferenceData.FOLDER + f),
                dir.resolve(folder).resolve(EditsFile.FILE), center, clock);
    }

    private static Body body(String code, String name) {
        return new Body(code, BodyKind.CENTRAL_BODY, name, name, null, null, null, null, null);
    }

    /**
     * Moves the node's clock a second at a time until it has the revision (the first step is enough where the file's
     * identity or time tells the change; the deadline covers a coarse file time).
     */
    private static void awaitRevision(ReferenceService node, TestClock clock, long revision) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            clock.advance(Duration.ofMillis(EditsFile.CHECK_MILLIS));
            if (node.edits().revision() == revision) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("revision " + revision + " not in effect: " + node.edits().revision());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anEditAtOneNodeIsInEffectAtTheOtherAfterItsNextLook() throws Exception {
        TestClock clockA = new TestClock();
        TestClock clockB = new TestClock();
        ReferenceService a = node("shared", true, clockA);
        ReferenceService b = node("shared", true, clockB);
        List<ReferenceEdits> toldAtB = new CopyOnWriteArrayList<>();
        b.bindListener(toldAtB::add);
        String shipped = b.version();

        ReferenceEdits r1 = a.putBody(ReferenceServiceTest.DIGITAL, "admin");
        assertEquals(1, r1.revision());
        assertFalse(b.body("MINTSYFRA").isPresent(), "within the second, B answers from what it has");
        assertEquals(shipped, b.version());

        clockB.advance(Duration.ofMillis(EditsFile.CHECK_MILLIS));
        assertEquals(ReferenceServiceTest.DIGITAL, b.body("MINTSYFRA").orElseThrow());
        assertEquals(r1, b.edits());
        assertEquals(a.version(), b.version());
        assertTrue(b.version().endsWith("+r1"), b.version());

        a.putRule(ReferenceServiceTest.TO_DIGITAL, "admin");
        awaitRevision(b, clockB, 2);
        assertEquals(a.rules(), b.rules());
        assertEquals(a.entries(), b.entries());
        assertEquals(List.of(), toldAtB, "a revision read from the file is not queued again");
    }

    @Test
    void alternateEditsAtTheTwoNodesAreNumberedInTurnAndNoneIsLost() {
        TestClock clockA = new TestClock();
        TestClock clockB = new TestClock();
        ReferenceService a = node("shared", true, clockA);
        ReferenceService b = node("shared", true, clockB);
        List<Long> toldAtA = new CopyOnWriteArrayList<>();
        List<Long> toldAtB = new CopyOnWriteArrayList<>();
        a.bindListener(e -> toldAtA.add(e.revision()));
        b.bindListener(e -> toldAtB.add(e.revision()));
        RoutingRule shippedRule = a.rules().get(0);

        // No clock moves: each edit takes the other node's latest edit from the file under the lock. B's rule names
        // the body only A's edit adds, so B's edit passes the checks only over A's.
        assertEquals(1, a.putBody(ReferenceServiceTest.DIGITAL, "admin-a").revision());
        assertEquals(2, b.putRule(ReferenceServiceTest.TO_DIGITAL, "admin-b").revision());
        assertEquals(3, a.removeRule(shippedRule.id(), "admin-a").revision());
        Body renamed = body("MINTSYFRA", "Мінцифри");
        ReferenceEdits r4 = b.putBody(renamed, "admin-b");
        assertEquals(4, r4.revision());

        assertEquals(List.of(renamed), r4.bodies());
        assertEquals(List.of(ReferenceServiceTest.TO_DIGITAL), r4.rules());
        assertEquals(List.of(shippedRule.id()), r4.removedRules());
        assertEquals(List.of(1L, 3L), toldAtA, "each node tells its listeners of its own edits");
        assertEquals(List.of(2L, 4L), toldAtB);

        a.refreshNow();
        assertEquals(r4, a.edits());
        assertEquals(b.version(), a.version());
        assertEquals("Мінцифри", a.body("MINTSYFRA").orElseThrow().nameUk());
        assertFalse(a.rules().stream().anyMatch(r -> r.id().equals(shippedRule.id())));
        assertEquals(r4, node("shared", true, new TestClock()).edits(), "the file holds the last revision");
    }

    @Test
    void editsAtTheTwoNodesAtOnceAreAllKept() throws Exception {
        ReferenceService a = node("shared", true, new TestClock());
        ReferenceService b = node("shared", true, new TestClock());
        int each = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> runs = new ArrayList<>();
            for (ReferenceService n : List.of(a, b)) {
                String prefix = n == a ? "A" : "B";
                Callable<List<Long>> run = () -> {
                    start.await();
                    List<Long> revisions = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        revisions.add(n.putBody(body("TEST-" + prefix + i, "Орган " + prefix + i), "admin").revision());
                    }
                    return revisions;
                };
                runs.add(pool.submit(run));
            }
            start.countDown();
            Set<Long> revisions = new TreeSet<>();
            for (Future<List<Long>> f : runs) {
                revisions.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(LongStream.rangeClosed(1, 2L * each).boxed().toList(), List.copyOf(revisions),
                    "every edit has its own revision");
        } finally {
            pool.shutdownNow();
        }
        ReferenceService fresh = node("shared", true, new TestClock());
        assertEquals(2L * each, fresh.edits().revision());
        assertEquals(2 * each, fresh.edits().bodies().size(), "no edit lost");
        for (int i = 0; i < each; i++) {
            assertTrue(fresh.body("TEST-A" + i).isPresent());
            assertTrue(fresh.body("TEST-B" + i).isPresent());
        }
    }

    @Test
    void anEditTakesTheFolderLock() throws Exception {
        ReferenceService a = node("shared", true, new TestClock());
        Path lock = Files.createDirectories(dir.resolve("shared")).resolve(EditsFile.LOCK);
        // Held by this JVM through another channel, the lock cannot be taken again in it: the edit fails rather than
        // write past the lock, and changes nothing.
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            assertThrows(OverlappingFileLockException.class,
                    () -> a.putBody(ReferenceServiceTest.DIGITAL, "admin"));
        }
        assertEquals(0, a.edits().revision());
        assertFalse(Files.exists(dir.resolve("shared").resolve(EditsFile.FILE)));
        assertEquals(1, a.putBody(ReferenceServiceTest.DIGITAL, "admin").revision());
    }

    @Test
    void aLaterRevisionThatDoesNotFitWaitsAndTheNextEditComesAfterIt() throws Exception {
        TestClock clock = new TestClock();
        ReferenceService b = node("shared", true, clock);
        int rules = b.rules().size();
        ReferenceEdits bad = new ReferenceEdits(7, clock.instant(), "admin", List.of(),
                List.of(new RoutingRule("BAD", 1, null, null, null, "NO-SUCH", "x", "x")), List.of());
        JSON.writeValue(Files.createDirectories(dir.resolve("shared")).resolve(EditsFile.FILE).toFile(), bad);

        b.refreshNow();
        assertEquals(0, b.edits().revision(), "not in effect");
        assertEquals(rules, b.rules().size(), "the data in effect still answer");
        assertEquals(8, b.putBody(ReferenceServiceTest.DIGITAL, "admin").revision(), "revisions never repeat");
        assertTrue(b.body("MINTSYFRA").isPresent());
    }

    @Test
    void aRegionTakesTheCentersEditsAsBeforeAndDoesNotLookAtItsFile() throws Exception {
        ReferenceService center = node("ucc", true, new TestClock());
        TestClock regionClock = new TestClock();
        ReferenceService region = node("lviv", false, regionClock);
        List<Long> told = new CopyOnWriteArrayList<>();
        region.bindListener(e -> told.add(e.revision()));
        assertThrows(IllegalStateException.class, () -> region.putBody(ReferenceServiceTest.DIGITAL, "admin"));
        assertThrows(IllegalStateException.class, () -> region.removeRule("ANY", "admin"));

        ReferenceEdits r1 = center.putBody(ReferenceServiceTest.DIGITAL, "admin");
        ReferenceEdits r2 = center.putRule(ReferenceServiceTest.TO_DIGITAL, "admin");
        assertTrue(region.apply(r2));
        assertFalse(region.apply(r1));
        assertEquals(List.of(2L), told, "a revision from the center is told (as before)");
        assertEquals(center.rules(), region.rules());

        // The region's file is its own: written behind its back, it is not read until a restart.
        ReferenceEdits r3 = center.removeRule(ReferenceServiceTest.TO_DIGITAL.id(), "admin");
        JSON.writeValue(dir.resolve("lviv").resolve(EditsFile.FILE).toFile(), r3);
        regionClock.advance(Duration.ofMinutes(1));
        region.refreshNow();
        assertEquals(2, region.edits().revision());
        assertFalse(Files.exists(dir.resolve("lviv").resolve(EditsFile.LOCK)), "no lock at a region");
        assertEquals(3, node("lviv", false, new TestClock()).edits().revision());
    }
}
