package ua.gov.nsoz.security.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How {@code etc/users.properties} keeps a password: PBKDF2 with HMAC-SHA-256 (the JDK's), a random 16-byte salt and
 * {@link #ITERATIONS} iterations (about 70 ms on the 2-core machine of docs/benchmarks.md), written as
 * {@code pbkdf2-sha256:<iterations>:<salt, Base64>:<32-byte key, Base64>}. The salt and the iteration count are kept
 * in the string, so a count raised later applies to passwords set from then on and the old ones still check.
 *
 * <p>A 64-hex-digit value is the unsalted SHA-256 that NSOZ kept before: it still checks (so a node upgraded in place
 * does not lock its users out), and {@link #isLegacy} lets the caller say it should be set again.
 *
 * <p>Pure JDK on purpose: the launcher runs {@link #main} from the built jar to hash the demo's passwords.
 */
public final class PasswordHash {

    /** The scheme's name at the start of a stored value. */
    static final String SCHEME = "pbkdf2-sha256";

    /** PBKDF2 iterations of a new hash. */
    static final int ITERATIONS = 50_000;

    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /**
     * @param password a password
     * @return its stored form with a fresh salt
     */
    public static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ':' + iterations + ':' + b64.encodeToString(salt) + ':'
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * @param password a password given at login
     * @param stored the stored form ({@link #hash} or a legacy SHA-256 hex)
     * @return whether they match (in time independent of where they differ); false for a form this class does not know
     */
    public static boolean matches(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        if (isLegacy(stored)) {
            byte[] given = sha256(password);
            return MessageDigest.isEqual(given, HexFormat.of().parseHex(stored.toLowerCase(java.util.Locale.ROOT)));
        }
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] key = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(derive(password, salt, iterations), key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param stored a stored form
     * @return whether it is the unsalted SHA-256 kept before this scheme
     */
    public static boolean isLegacy(String stored) {
        return stored.length() == 64 && stored.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For the launcher: reads passwords from standard input, one a line (never from the command line, which other
     * users of the machine see), and prints the stored form of each, one a line, in order.
     *
     * @param args none
     * @throws Exception on an I/O error
     */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            out.append(hash(line)).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
