package ua.gov.nsoz.exchange.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The JDK's own XML factories, configured once here so that every parser of the bundle refuses DTDs and
 * external entities. The {@code newDefault*} methods are used on purpose: they return the JDK's built-in
 * implementations without a service look-up through the thread context class loader, which in OSGi
 * could find another implementation (e.g. Woodstox) with other defaults.
 */
final class Xml {

    /** Apache Xerces (the JDK's parser) property for the language of its messages. */
    static final String LOCALE_PROPERTY = "http://apache.org/xml/properties/locale";

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    private Xml() {
    }

    // One of each per thread: a factory or parser is not documented as thread-safe, and making one per document
    // cost the center a third of its time when it applied a backlog (profiled). The link's threads are few.
    private static final ThreadLocal<XMLInputFactory> INPUT = ThreadLocal.withInitial(Xml::newInputFactory);
    private static final ThreadLocal<XMLOutputFactory> OUTPUT = ThreadLocal.withInitial(XMLOutputFactory::newDefaultFactory);
    private static final ThreadLocal<XMLReader> SAX = ThreadLocal.withInitial(Xml::newSaxReader);

    /** @return this thread's StAX input factory, which supports neither DTDs nor external entities */
    static XMLInputFactory inputFactory() {
        return INPUT.get();
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    /** @return this thread's StAX output factory */
    static XMLOutputFactory outputFactory() {
        return OUTPUT.get();
    }

    /**
     * @return this thread's namespace-aware SAX reader in secure-processing mode that fails on any DOCTYPE and
     *         never loads an external DTD or entity (one parse at a time: a parse sets its handlers)
     */
    static XMLReader saxReader() {
        return SAX.get();
    }

    private static XMLReader newSaxReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = f.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            setLocale(reader);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK's SAX parser does not support secure processing", e);
        }
    }

    private static void setLocale(XMLReader reader) {
        try {
            // Reasons end up in dead-letter headers read by operators everywhere: one language for all nodes.
            reader.setProperty(LOCALE_PROPERTY, Locale.ENGLISH);
        } catch (SAXException e) {
            // Not supported by this parser: its messages follow the default locale; nothing else changes.
        }
    }

    /**
     * @param field the field's path, for the error
     * @param t an instant in the years 1 to 9999
     * @return it as xs:dateTime in UTC with milliseconds, e.g. {@code 2026-11-27T10:15:30.123Z}
     * @throws IllegalArgumentException if the year is out of range
     */
    static String formatInstant(String field, Instant t) {
        Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
        if (ms.isBefore(FIRST) || !ms.isBefore(AFTER_LAST)) {
            throw new IllegalArgumentException(field + " is outside the years 1 to 9999: " + t);
        }
        return UTC_MILLIS.format(ms);
    }

    /**
     * @param lexical an xs:dateTime with a time zone, as the schema's Timestamp type allows
     * @return the instant
     * @throws java.time.format.DateTimeParseException if it is not one
     */
    static Instant parseInstant(String lexical) {
        return OffsetDateTime.parse(lexical.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /**
     * @param field the field's path, for the error
     * @param value a string to write as element content
     * @throws IllegalArgumentException naming the first character XML 1.0 cannot carry (a control
     *         character other than tab, line feed and carriage return, U+FFFE, U+FFFF, or half of a
     *         surrogate pair)
     */
    static void checkChars(String field, String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1));
                if (ok) {
                    i++;
                }
            } else {
                ok = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
            }
            if (!ok) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s contains U+%04X at index %d, a character XML 1.0 cannot carry", field, (int) c, i));
            }
        }
    }
}
