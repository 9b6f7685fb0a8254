package ua.gov.nsoz.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import ua.gov.nsoz.api.Applicant;

/**
 * Hashes that let the store find an applicant's other appeals and appeals with the same text by index, without
 * keeping a second copy of personal data in clear. Both ignore case, punctuation and spacing.
 */
final class Fingerprints {

    /** Compiled once: the registration and every applied replica normalize texts (a profile found it per call). */
    private static final java.util.regex.Pattern NOT_DIGITS = java.util.regex.Pattern.compile("[^0-9]");
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private Fingerprints() {
    }

    /**
     * @param a the applicant
     * @return a hash of the name with the address (else the e-mail, else the phone), or null if there is nothing
     *         to tell the applicant by
     */
    static String applicantKey(Applicant a) {
        if (a == null) {
            return null;
        }
        String name = normalize(a.fullName());
        String address = normalize(a.address());
        if (!name.isEmpty() && !address.isEmpty()) {
            return sha256("n:" + name + "|" + address);
        }
        String email = a.email() == null ? "" : a.email().strip().toLowerCase(Locale.ROOT);
        if (!email.isEmpty()) {
            return sha256("e:" + email);
        }
        String phone = a.phone() == null ? "" : NOT_DIGITS.matcher(a.phone()).replaceAll("");
        return phone.isEmpty() ? null : sha256("p:" + phone);
    }

    /**
     * @param text an appeal's text
     * @return a hash of its letters and digits, lower case, words separated by one space
     */
    static String textFingerprint(String text) {
        String n = normalize(text);
        return n.isEmpty() ? null : sha256("t:" + n);
    }

    /** Lower case, every run of characters other than letters and digits made one space, trimmed. */
    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        return s.toLowerCase(Locale.ROOT).replace('’', '\'').transform(t -> NOT_WORD.matcher(t).replaceAll(" ")).strip();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
