package ua.gov.nsoz.reports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import ua.gov.nsoz.reports.ReportInfo;

/**
 * The kept reports: one file {@code <id>.pdf} each and an index {@code index.tsv} (one line per report: id, year,
 * quarter, node, generated at, size, sha256), both in one folder, by default {@code ${karaf.data}/nsoz/reports/}.
 * Every file is written to a temporary name and then moved in place, so a crash leaves either the old index or the
 * new one; a PDF the index does not name is ignored. Reading a PDF checks its SHA-256 against the index.
 *
 * <p>The nodes of a center may share the folder: a save's read-modify-write of the index holds an exclusive lock on
 * {@code index.lock} in the folder ({@link FileChannel#lock()}: POSIX locks, over NFS those of NFSv4 or lockd), and,
 * since such a lock is held per JVM, a guard per folder in this JVM around it. Reads take no lock: they read the index
 * afresh each time, which is replaced whole by a rename, so they see the old one or the new one.
 */
final class ReportStore {

    static final String INDEX = "index.tsv";
    static final String LOCK = "index.lock";
    private static final Pattern ID = Pattern.compile("\\d{4}-Q[1-4]-\\d{8}T\\d{9}Z(-\\d+)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One guard per folder in this JVM: two stores of one JVM must not both ask for the folder's file lock. */
    private static final ConcurrentHashMap<Path, Object> GUARDS = new ConcurrentHashMap<>();

    private final Path dir;

    ReportStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * @param year the quarter's year
     * @param quarter 1–4
     * @param node the node
     * @param at when it was made
     * @param pdf the document
     * @return what was kept
     */
    synchronized ReportInfo save(int year, int quarter, String node, Instant at, byte[] pdf) {
        try {
            Files.createDirectories(dir);
            synchronized (GUARDS.computeIfAbsent(dir.toRealPath(), d -> new Object())) {
                try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    return saveLocked(year, quarter, node, at, pdf);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the report in " + dir, e);
        }
    }

    /** The read-modify-write of the index, with the folder's lock held. */
    private ReportInfo saveLocked(int year, int quarter, String node, Instant at, byte[] pdf) throws IOException {
        List<ReportInfo> all = read();
        String base = year + "-Q" + quarter + "-" + STAMP.format(at);
        String id = base;
        for (int i = 2; exists(all, id) || Files.exists(dir.resolve(id + ".pdf")); i++) {
            id = base + "-" + i;
        }
        ReportInfo info = new ReportInfo(id, year, quarter, node, at, pdf.length, sha256(pdf));
        write(dir.resolve(id + ".pdf"), pdf);
        all.add(info);
        StringBuilder index = new StringBuilder("# id\tyear\tquarter\tnode\tgeneratedAt\tsize\tsha256\n");
        for (ReportInfo r : all) {
            index.append(r.id()).append('\t').append(r.year()).append('\t').append(r.quarter()).append('\t')
                    .append(r.node()).append('\t').append(r.generatedAt()).append('\t').append(r.size())
                    .append('\t').append(r.sha256()).append('\n');
        }
        write(dir.resolve(INDEX), index.toString().getBytes(StandardCharsets.UTF_8));
        return info;
    }

    /** @return the kept reports, newest first */
    synchronized List<ReportInfo> list() {
        try {
            List<ReportInfo> all = read();
            all.sort(Comparator.comparing(ReportInfo::generatedAt).thenComparing(ReportInfo::id).reversed());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the reports' index in " + dir, e);
        }
    }

    /**
     * @param id a report's id
     * @return its PDF; empty if the id is not one or the index does not name it
     * @throws IllegalStateException if the file does not match the index (changed or damaged on disk)
     */
    synchronized Optional<byte[]> pdf(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Optional<ReportInfo> info = list().stream().filter(r -> r.id().equals(id)).findFirst();
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.resolve(id + ".pdf");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!sha256(bytes).equals(info.get().sha256())) {
                throw new IllegalStateException("The report " + id + " in " + dir
                        + " does not match its SHA-256 in the index: changed or damaged on disk");
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the report " + id, e);
        }
    }

    private static boolean exists(List<ReportInfo> all, String id) {
        return all.stream().anyMatch(r -> r.id().equals(id));
    }

    private List<ReportInfo> read() throws IOException {
        Path index = dir.resolve(INDEX);
        List<ReportInfo> all = new ArrayList<>();
        if (!Files.isRegularFile(index)) {
            return all;
        }
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 7 || !ID.matcher(f[0]).matches()) {
                continue;
            }
            all.add(new ReportInfo(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], Instant.parse(f[4]),
                    Long.parseLong(f[5]), f[6]));
        }
        return all;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
