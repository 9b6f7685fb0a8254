package ua.gov.nsoz.reference.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way to compare free text typed by operators and applicants with names in the reference data.
 * People write the Ukrainian apostrophe as {@code '}, {@code ’} or {@code ʼ}, a hyphen as a dash, and
 * often type a Latin {@code i} for the Cyrillic {@code і} on a mixed keyboard; none of that should
 * decide where an appeal goes.
 */
final class Texts {

    private static final Pattern APOSTROPHES = Pattern.compile("[\u2019\u2018\u02BC\u02B9\u0060\u00B4\u2032]");
    private static final Pattern DASHES = Pattern.compile("\\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\\s*");
    private static final Pattern SPACES = Pattern.compile("[\\s\u00A0\u2007\u202F]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    /** Latin letters that look like Cyrillic ones, and the Cyrillic letter meant. */
    private static final String LATIN = "aceiopxyk";
    private static final String CYRILLIC = "асеіорхук";

    private Texts() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text in canonical form for comparison: NFC, lower case, one apostrophe, one hyphen
     *         without spaces around it, single spaces, no leading or trailing space, and Latin
     *         look-alike letters inside a Cyrillic word replaced by the Cyrillic ones; "" for
     *         {@code null}
     */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = DASHES.matcher(s).replaceAll("-");
        return fixMixedScript(s);
    }

    /** A word with both Cyrillic and Latin letters was typed on two keyboard layouts: make it Cyrillic. */
    private static String fixMixedScript(String s) {
        Matcher m = WORD.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String word = m.group();
            boolean cyrillic = word.chars().anyMatch(c -> script(c) == Character.UnicodeScript.CYRILLIC);
            boolean latin = word.chars().anyMatch(c -> script(c) == Character.UnicodeScript.LATIN);
            if (cyrillic && latin) {
                StringBuilder w = new StringBuilder(word.length());
                for (int i = 0; i < word.length(); i++) {
                    char c = word.charAt(i);
                    int k = LATIN.indexOf(c);
                    w.append(k >= 0 ? CYRILLIC.charAt(k) : c);
                }
                word = w.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Character.UnicodeScript script(int c) {
        return Character.UnicodeScript.of(c);
    }

    /**
     * @param text any text, or {@code null}
     * @param max the longest text shown
     * @return the text cut to {@code max} characters for a trace or a message, on one line
     */
    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = SPACES.matcher(text).replaceAll(" ").strip();
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
