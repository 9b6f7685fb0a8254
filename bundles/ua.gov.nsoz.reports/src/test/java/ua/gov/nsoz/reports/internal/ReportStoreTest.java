package ua.gov.nsoz.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.reports.ReportInfo;

/**
 * The kept reports of a center of several nodes: one folder, saves from two stores (two threads of one JVM, and two
 * JVMs) at once, every report in the index afterwards and each PDF read back against its SHA-256.
 */
@DisplayName("ReportStore: two nodes saving into one folder at once lose no report")
class ReportStoreTest {

    /** One time for every save: the ids differ only by their suffix, which each save picks under the lock. */
    static final Instant AT = Instant.parse("2026-04-01T03:00:00Z");

    @TempDir
    Path dir;

    static byte[] pdf(String node, int i) {
        return ("%PDF-1.4\n% synthetic report " + node + " " + i + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("Two stores on one folder, 10 saves each from two threads at once: all 20 kept and readable")
    void twoStoresInOneJvm() throws Exception {
        ReportStore a = new ReportStore(dir);
        ReportStore b = new ReportStore(dir);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Object[] w : new Object[][] {{a, "ucc"}, {b, "ucc-2"}}) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        ((ReportStore) w[0]).save(2026, 1, (String) w[1], AT, pdf((String) w[1], i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertAllKept(b, List.of("ucc", "ucc-2"), 10);
        assertAllKept(a, List.of("ucc", "ucc-2"), 10);
    }

    @Test
    @DisplayName("Two JVMs on one folder, 25 saves each at once: all 50 kept and readable (the file lock)")
    void twoJvms() throws Exception {
        ReportStore here = new ReportStore(dir);
        Path childErrors = Files.createTempFile("report-writer", ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReportStoreWriter.class.getName(), dir.toString(), "ucc-2", "25")
                .redirectError(childErrors.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream in = child.getOutputStream()) {
            assertEquals("ready", out.readLine(), () -> "the writer did not start: " + read(childErrors));
            here.list();
            in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            for (int i = 0; i < 25; i++) {
                here.save(2026, 1, "ucc", AT, pdf("ucc", i));
            }
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the writer did not finish in 120 s");
            assertEquals(0, child.exitValue(), () -> "the writer failed: " + read(childErrors));
            assertEquals("done", out.readLine());
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(childErrors);
        }
        assertAllKept(here, List.of("ucc", "ucc-2"), 25);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Every node's {@code count} reports once in the index, each PDF read back (its SHA-256 checked by pdf()). */
    private static void assertAllKept(ReportStore store, List<String> nodes, int count) {
        List<ReportInfo> all = store.list();
        assertEquals(nodes.size() * count, all.size(), "every save in the index");
        Set<String> ids = new HashSet<>();
        Set<String> contents = new HashSet<>();
        for (ReportInfo r : all) {
            assertTrue(ids.add(r.id()), "one id once: " + r.id());
            byte[] bytes = store.pdf(r.id()).orElseThrow(() -> new AssertionError("no PDF for " + r.id()));
            assertEquals(r.sha256(), ReportStore.sha256(bytes));
            assertEquals(r.size(), bytes.length);
            contents.add(r.node() + "|" + new String(bytes, StandardCharsets.US_ASCII));
        }
        for (String node : nodes) {
            for (int i = 0; i < count; i++) {
                assertTrue(contents.contains(node + "|" + new String(pdf(node, i), StandardCharsets.US_ASCII)),
                        "kept, by its node: " + node + " " + i);
            }
        }
    }
}
