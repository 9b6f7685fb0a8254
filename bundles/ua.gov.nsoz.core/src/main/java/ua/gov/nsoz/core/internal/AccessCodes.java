package ua.gov.nsoz.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The applicant's access code for the public status lookup. The registering node derives it from its own secret
 * key and the appeal id (so it can tell it again, e.g. in a later e-mail, without storing it); the record keeps and
 * replicates only a hash of it with the appeal id, so any node can check a code and none can read one back.
 */
final class AccessCodes {

    /** Letters and digits that are not mistaken for one another when read aloud or typed (no 0/O, 1/I/L, U). */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** Characters in a code: 30^10, about 2^49. */
    static final int LENGTH = 10;

    private AccessCodes() {
    }

    /** @return a new random key, Base64 */
    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * @param key the node's key
     * @param appealId the appeal
     * @return the code, {@value #LENGTH} characters in two groups, e.g. {@code K7QX3-M9TPA}
     */
    static String code(byte[] key, String appealId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(appealId.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(LENGTH + 1);
            for (int i = 0; i < LENGTH; i++) {
                if (i == LENGTH / 2) {
                    sb.append('-');
                }
                sb.append(ALPHABET[(h[i] & 0xff) % ALPHABET.length]);
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    /**
     * @param appealId the appeal
     * @param code its code
     * @return the hash kept in the record
     */
    static String hash(String appealId, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((appealId + ":" + normalize(code)).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * @param expectedHash the record's hash (null: no code was given to this appeal)
     * @param appealId the appeal
     * @param code what the applicant typed (case, spaces and dashes do not matter)
     * @return whether it is the appeal's code, compared in constant time
     */
    static boolean matches(String expectedHash, String appealId, String code) {
        if (expectedHash == null || code == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII),
                hash(appealId, code).getBytes(StandardCharsets.US_ASCII));
    }

    /** Cyrillic capitals that look like the code's Latin letters (a code typed on a Ukrainian keyboard layout). */
    private static final String CYRILLIC = "АВЕКМНРСТХ";
    private static final String LATIN = "ABEKMHPCTX";

    /** Upper case, Cyrillic look-alikes made Latin, without spaces and dashes, then grouped as the code is given. */
    private static String normalize(String code) {
        String c = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder(c.length());
        for (char ch : c.toCharArray()) {
            int i = CYRILLIC.indexOf(ch);
            latin.append(i < 0 ? ch : LATIN.charAt(i));
        }
        c = latin.toString();
        return c.length() == LENGTH ? c.substring(0, LENGTH / 2) + "-" + c.substring(LENGTH / 2) : c;
    }
}
