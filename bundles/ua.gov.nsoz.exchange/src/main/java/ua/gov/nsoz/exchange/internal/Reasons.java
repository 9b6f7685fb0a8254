package ua.gov.nsoz.exchange.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import ua.gov.nsoz.exchange.ExchangeCodec;

/**
 * Turns parser and validator messages into dead-letter reasons: one line, the namespace left out of
 * element names, and no quoted value longer than {@value #MAX_QUOTED} characters, because a value is
 * often an applicant's text, name or address.
 */
final class Reasons {

    /** Longest quoted value a reason keeps. */
    static final int MAX_QUOTED = 40;
    /** Longest reason: it travels in a message header. */
    static final int MAX_REASON = 1000;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String SCHEMA_TEXT = loadSchemaText();

    private Reasons() {
    }

    /**
     * @param message a parser's or validator's message
     * @param value the text of the element the parser was in when it complained, or {@code null}
     * @return the message, safe to log and to put in a header
     */
    static String sanitize(String message, String value) {
        if (message == null || message.isBlank()) {
            return "no details given";
        }
        String s = message.replace("\"" + ExchangeCodec.NAMESPACE + "\":", "");
        if (value != null && !value.isEmpty()) {
            // The validator quotes the value as it is or with its whitespace collapsed, depending on the type.
            for (String candidate : List.of(value, value.strip(), collapse(value))) {
                if (candidate.length() > MAX_QUOTED) {
                    s = s.replace("'" + candidate + "'", "'" + omitted(candidate) + "'");
                }
            }
        }
        return oneLine(omitLongQuotes(s));
    }

    /**
     * @param e a StAX parse error
     * @return where and what, sanitized
     */
    static String streamError(XMLStreamException e) {
        String msg = e.getMessage();
        if (msg != null) {
            int i = msg.indexOf("Message: ");
            if (i >= 0) {
                msg = msg.substring(i + "Message: ".length());
            }
        }
        return at(e.getLocation()) + sanitize(msg, null);
    }

    /**
     * @param loc a StAX location, or {@code null}
     * @return {@code "line L, column C: "}, or empty if unknown
     */
    static String at(Location loc) {
        return loc == null || loc.getLineNumber() < 0 ? ""
                : "line " + loc.getLineNumber() + ", column " + loc.getColumnNumber() + ": ";
    }

    /**
     * @param value a value that must not appear in a reason
     * @return a stand-in that says only how long it was
     */
    static String omitted(String value) {
        // Counted as the JDK's validator counts a length (UTF-16 units), so the numbers in a reason agree.
        return "[" + value.length() + " characters omitted]";
    }

    /**
     * @param s any text
     * @return it on one line, cut at {@value #MAX_REASON} characters
     */
    static String oneLine(String s) {
        String t = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return t.length() <= MAX_REASON ? t : t.substring(0, MAX_REASON - 1) + "…";
    }

    /**
     * The last line of defence, for a value the caller could not name: quoted segments are taken pairwise
     * from the left, and a long one is kept only if it is the schema's own text (a pattern, an enumeration
     * or a list of expected elements).
     */
    private static String omitLongQuotes(String s) {
        String[] parts = s.split("'", -1);
        if (parts.length < 3) {
            return s;
        }
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            boolean quoted = i % 2 == 1 && i < parts.length - 1;
            sb.append('\'');
            sb.append(quoted && p.length() > MAX_QUOTED && !isSchemaText(p) ? omitted(p) : p);
        }
        return sb.toString();
    }

    private static boolean isSchemaText(String p) {
        return p.startsWith("[") && p.endsWith("]") || p.startsWith("{") && p.endsWith("}")
                || SCHEMA_TEXT.contains(p);
    }

    private static String collapse(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    private static String loadSchemaText() {
        try (InputStream in = Reasons.class.getResourceAsStream(SchemaCheck.XSD)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SchemaCheck.XSD + " in the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
