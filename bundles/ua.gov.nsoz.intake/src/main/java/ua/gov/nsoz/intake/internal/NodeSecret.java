package ua.gov.nsoz.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The node's secret that signs proof-of-work tokens: 32 random bytes, Base64, in a file readable by the node's user
 * only (mode 600), made on first start and kept across restarts (a token signed before a restart stays valid).
 */
final class NodeSecret {

    private NodeSecret() {
    }

    /**
     * @param file where the secret is kept
     * @return the secret, read or made
     * @throws UncheckedIOException if it can be neither read nor made
     */
    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return read(file); // another start made it a moment ago
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.WRITE);
                return key;
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the intake secret " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
        if (key.length < 16) {
            throw new IOException("The intake secret " + file + " is too short");
        }
        return key;
    }
}
