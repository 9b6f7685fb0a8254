package ua.gov.nsoz.intake.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.store.AppealStore;

/**
 * The secret that signs proof-of-work tokens: 32 random bytes, Base64, in the database, table {@code node_secret}
 * under the name {@value #NAME} ({@link AppealStore#secret}), made on first use and kept. The nodes of one center share
 * their database, so they share the secret (a challenge taken from one is accepted by the other), and a restart keeps
 * it (a token signed before stays valid). An older version kept it in a file of the node: the first start that finds
 * no secret in the table takes the file's value, so that the tokens signed before the upgrade stay valid. That is the
 * only time the file is read; it is never written.
 */
final class NodeSecret {

    /** The secret's name in the table {@code node_secret}. */
    static final String NAME = "intake-pow";

    private static final Logger LOG = LoggerFactory.getLogger(NodeSecret.class);

    private NodeSecret() {
    }

    /**
     * @param store the node's store (its database)
     * @param oldFile where an older version kept the secret (may not exist)
     * @return the secret, read from the database, or put there first
     * @throws IllegalStateException if the database holds something that is not such a secret
     */
    static byte[] shared(AppealStore store, Path oldFile) {
        String value = store.secret(NAME, () -> first(oldFile));
        byte[] key = decode(value);
        if (key == null) {
            throw new IllegalStateException("The proof-of-work secret '" + NAME + "' in the table node_secret is not "
                    + "Base64 of at least 16 bytes");
        }
        return key;
    }

    /** The value the table starts with: the old file's if there is a usable one, else a new one. */
    static String first(Path oldFile) {
        if (oldFile != null && Files.exists(oldFile)) {
            try {
                String value = Files.readString(oldFile).strip();
                if (decode(value) != null) {
                    LOG.info("Public intake: the proof-of-work secret of {} moves into the database (table "
                            + "node_secret, '{}'); the file is not read again and may be deleted", oldFile, NAME);
                    return value;
                }
                LOG.warn("Public intake: {} is not a proof-of-work secret (Base64 of at least 16 bytes); a new secret "
                        + "is made in the database", oldFile);
            } catch (IOException e) {
                // The version that kept the file could not start without reading it: no token was signed with it.
                LOG.warn("Public intake: cannot read {} ({}); a new proof-of-work secret is made in the database",
                        oldFile, e.toString());
            }
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** @return the key of a Base64 value, or null if it is not Base64 of at least 16 bytes */
    private static byte[] decode(String value) {
        try {
            byte[] key = Base64.getDecoder().decode(value.strip());
            return key.length < 16 ? null : key;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
