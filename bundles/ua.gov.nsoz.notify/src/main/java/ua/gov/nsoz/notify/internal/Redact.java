package ua.gov.nsoz.notify.internal;

import java.util.regex.Pattern;

/**
 * Makes a failure fit for the log: an SMTP server's or a gateway's answer may repeat the recipient's address or
 * number, and the log must never carry an applicant's personal data.
 */
final class Redact {

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:\\[\\]`]+@[^\\s<>\"'(),;:\\[\\]`]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d \\-()]{6,}\\d");
    private static final int MAX_CAUSES = 5;

    private Redact() {
    }

    /**
     * @param text any text
     * @return the text with e-mail addresses and phone-like numbers replaced
     */
    static String text(String text) {
        if (text == null) {
            return null;
        }
        String s = EMAIL.matcher(text).replaceAll("<address>");
        return PHONE.matcher(s).replaceAll("<number>");
    }

    /**
     * @param failure a failure
     * @return its class and redacted message, and those of its causes
     */
    static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (i > 0) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(text(t.getMessage()).replaceAll("\\s+", " ").trim());
            }
        }
        return out.toString();
    }
}
