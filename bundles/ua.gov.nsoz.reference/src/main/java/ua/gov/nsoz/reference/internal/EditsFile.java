package ua.gov.nsoz.reference.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.reference.ReferenceEdits;

/**
 * The file that keeps the center's edits of the reference data, {@code reference-edits.json} in the folder of
 * {@link ReferenceConfig#directory()} (default {@code <karaf.data>/nsoz}): reading it, writing it atomically (a new
 * file renamed into place), the lock under which an edit is made, and whether the file changed since this node last
 * read or wrote it. Kept apart from {@link ReferenceService}, which decides which edits are in effect, so that the
 * sharing of the folder between the two nodes of one center (docs/center-cluster.md) is in one place.
 *
 * <p>Where the file is shared (at the center), an edit runs under the exclusive lock of {@code reference-edits.lock}
 * next to it, which the center's other node takes too, and a read looks at most once per {@link #CHECK_MILLIS}
 * whether the file's time, size or identity changed. Elsewhere (a region) the file is this node's own: it is locked
 * within this JVM only and never looked at again after the start.
 */
final class EditsFile {

    /** The file of the edits, in the configured folder. */
    static final String FILE = "reference-edits.json";
    /** The file locked while an edit is made, next to the edits. */
    static final String LOCK = "reference-edits.lock";
    /** How often (at most) a read looks whether the other node of the center changed the file. */
    static final long CHECK_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(EditsFile.class);
    /**
     * The in-JVM side of the lock of a folder's edits ({@link FileLock} is held per JVM, and a second lock of it
     * from the same JVM would fail rather than wait), shared by the instances of one folder.
     */
    private static final ConcurrentMap<Path, ReentrantLock> GUARDS = new ConcurrentHashMap<>();
    /** The bundle's one JSON mapper: the edits file and the shipped data laid over with edits (ReferenceService). */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock guard;
    private final boolean shared;
    private final Clock clock;
    /** The file as this node last read or wrote it (null: absent). */
    private volatile FileStamp seen;
    /** When a look next reads the file ({@link #clock} millis). */
    private volatile long nextCheck;

    /**
     * @param file the edits' file ({@link #LOCK} is made next to it)
     * @param shared whether the file is shared with the center's other node (this node edits): only then is it
     *        locked across processes and looked at again
     * @param clock when a look next reads the file
     */
    EditsFile(Path file, boolean shared, Clock clock) {
        this.file = file;
        this.lockFile = file.resolveSibling(LOCK);
        this.guard = GUARDS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        this.shared = shared;
        this.clock = clock;
        this.nextCheck = clock.millis() + CHECK_MILLIS;
    }

    /**
     * @param configured the configured folder, blank for the default
     * @return the edits' file in it
     */
    static Path in(String configured) {
        return folder(configured).resolve(FILE);
    }

    static Path folder(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "nsoz");
    }

    /**
     * Runs under this JVM's lock of the folder and, where the file is shared, the exclusive lock of {@link #LOCK}
     * that the center's other node takes too.
     */
    <T> T locked(Supplier<T> work) {
        guard.lock();
        try {
            if (!shared) {
                return work.get();
            }
            try {
                Files.createDirectories(lockFile.getParent());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot make the folder of the reference edits " + lockFile.getParent(),
                        e);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot lock the reference edits " + lockFile, e);
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * Reads the file (at the start, or under {@link #locked} before an edit) and remembers it as seen.
     *
     * @return the edits in it, {@link ReferenceEdits#NONE} if there is none
     */
    ReferenceEdits read() {
        FileStamp stamp = stamp();
        ReferenceEdits kept = read(file);
        seen = stamp;
        return kept;
    }

    /** Writes the edits to a new file and renames it into place, atomically, and remembers it as seen. */
    void write(ReferenceEdits e) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), e);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            seen = stamp();
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot keep the reference edits in " + file, ex);
        }
    }

    /**
     * Where the file is shared, at most once per {@link #CHECK_MILLIS}: if it is not as this node last read or wrote
     * it, reads it and hands the edits in it to {@code take}, under this JVM's lock of the folder. Never waits: while
     * an edit is under way here, that edit reads the file itself. A failure is logged, not thrown (a read must still
     * answer, from the data in effect; the next edit here reads the file again).
     *
     * @param take what to do with the edits read
     */
    void takeIfChanged(Consumer<ReferenceEdits> take) {
        if (!shared) {
            return;
        }
        long now = clock.millis();
        if (now < nextCheck) {
            return;
        }
        nextCheck = now + CHECK_MILLIS;
        if (Objects.equals(stamp(), seen) || !guard.tryLock()) {
            return;
        }
        try {
            FileStamp stamp = stamp();
            if (Objects.equals(stamp, seen)) {
                return;
            }
            seen = stamp;
            take.accept(read(file));
        } catch (RuntimeException e) {
            LOG.warn("Reference edits not taken from {}: {}", file, e.toString());
        } finally {
            guard.unlock();
        }
    }

    /** {@link #takeIfChanged} without waiting for the next second (tests). */
    void takeIfChangedNow(Consumer<ReferenceEdits> take) {
        nextCheck = 0;
        takeIfChanged(take);
    }

    /** The file's last-modified time, size and identity (a write renames a new file into place). */
    record FileStamp(FileTime modified, long size, Object key) {
    }

    /** @return the file's stamp, null if there is none */
    private FileStamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot look at {}: {}", file, e.toString());
            return null;
        }
    }

    private static ReferenceEdits read(Path file) {
        if (!Files.isRegularFile(file)) {
            return ReferenceEdits.NONE;
        }
        try {
            return JSON.readValue(file.toFile(), ReferenceEdits.class);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the reference edits " + file, e);
        }
    }
}
