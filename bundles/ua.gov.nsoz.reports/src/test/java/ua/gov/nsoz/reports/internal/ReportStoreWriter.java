package ua.gov.nsoz.reports.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The other node of {@link ReportStoreTest}, in a JVM of its own: {@code ReportStoreWriter <folder> <node> <count>}
 * prints {@code ready}, waits for a line on its input, then saves {@code count} reports in the folder and prints
 * {@code done}.
 */
final class ReportStoreWriter {

    private ReportStoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        ReportStore store = new ReportStore(Path.of(args[0]));
        String node = args[1];
        int count = Integer.parseInt(args[2]);
        store.list(); // loaded and warm before the start
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        for (int i = 0; i < count; i++) {
            store.save(2026, 1, node, ReportStoreTest.AT, ReportStoreTest.pdf(node, i));
        }
        System.out.println("done");
        System.out.flush();
    }
}
