package ua.gov.nsoz.exchange.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.InvalidMessageException;

/**
 * The checks a document passes before it is read: size, no DOCTYPE, well-formed, the namespace of
 * version 1, one of the messages, and valid against {@code exchange-1.xsd}.
 */
public final class SchemaCheck {

    /** Where the schema lies in this bundle. */
    static final String XSD = ExchangeCodec.SCHEMA_RESOURCE;

    /** The root elements of the messages. */
    static final Set<String> ROOTS = Set.of("appealEvent", "changeRequest", "changeRefused", "ack",
            "referenceUpdate", "documentContent", "articleUpdate");

    /** The one message that may be larger than {@link ExchangeCodec#MAX_DOCUMENT_BYTES}: it carries a file. */
    static final String CONTENT_ROOT = "documentContent";

    /** How many validation errors one reason lists. */
    private static final int MAX_ERRORS = 5;

    private SchemaCheck() {
    }

    /** One validator per thread (a validator is not thread-safe; making one per document was measurable). */
    private static final ThreadLocal<Validator> VALIDATOR = ThreadLocal.withInitial(SchemaCheck::newValidator);

    private static Validator newValidator() {
        Validator v = Holder.SCHEMA.newValidator();
        try {
            v.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("The JDK's validator does not support secure processing", e);
        }
        try {
            v.setProperty(Xml.LOCALE_PROPERTY, Locale.ENGLISH);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // Messages then follow the default locale; nothing else changes.
        }
        return v;
    }

    /** The compiled schema: immutable and thread-safe, compiled on first use. */
    private static final class Holder {
        static final Schema SCHEMA = compile();
    }

    private static Schema compile() {
        URL url = SchemaCheck.class.getResource(XSD);
        if (url == null) {
            throw new IllegalStateException("Missing " + XSD + " in the bundle");
        }
        try (InputStream in = url.openStream()) {
            SchemaFactory f = SchemaFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + XSD, e);
        } catch (SAXException e) {
            throw new IllegalStateException("Cannot compile " + XSD, e);
        }
    }

    /**
     * Runs every check but the parse into records.
     *
     * @param xml the document
     * @throws InvalidMessageException with the reason if any check fails
     */
    public static void check(String xml) throws InvalidMessageException {
        checkSize(xml);
        checkProlog(xml);
        validate(xml);
    }

    /**
     * The checks before any parsing: a document at all, and not over {@link ExchangeCodec#MAX_DOCUMENT_BYTES}, or, for
     * a {@code documentContent} (the one message that carries a file), not over
     * {@link ExchangeCodec#MAX_CONTENT_DOCUMENT_BYTES}. Only a document over the first limit has its root element
     * looked at (by a reader that refuses a DOCTYPE before it reads it).
     *
     * @param xml the document
     * @throws InvalidMessageException with the reason if it is empty or too large
     */
    public static void checkSize(String xml) throws InvalidMessageException {
        if (xml == null || xml.isBlank()) {
            throw new InvalidMessageException("Empty message: no XML document");
        }
        long bytes = utf8Length(xml, ExchangeCodec.MAX_DOCUMENT_BYTES);
        if (bytes <= ExchangeCodec.MAX_DOCUMENT_BYTES) {
            return;
        }
        if (!CONTENT_ROOT.equals(rootOf(xml))) {
            throw new InvalidMessageException("Document too large: more than " + ExchangeCodec.MAX_DOCUMENT_BYTES
                    + " bytes in UTF-8 (the limit of an exchange message); not parsed");
        }
        if (utf8Length(xml, ExchangeCodec.MAX_CONTENT_DOCUMENT_BYTES) > ExchangeCodec.MAX_CONTENT_DOCUMENT_BYTES) {
            throw new InvalidMessageException("Document too large: more than "
                    + ExchangeCodec.MAX_CONTENT_DOCUMENT_BYTES + " bytes in UTF-8 (the limit of a documentContent"
                    + " message); not parsed");
        }
    }

    /**
     * @param xml a document
     * @return the local name of its root element if it is in the namespace of version 1; {@code null} if it has
     *         another, none, a DOCTYPE (not read) or is not well-formed before its root
     */
    private static String rootOf(String xml) {
        XMLStreamReader r = null;
        try {
            r = Xml.inputFactory().createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    return null;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return ExchangeCodec.NAMESPACE.equals(r.getNamespaceURI()) ? r.getLocalName() : null;
                }
            }
            return null;
        } catch (XMLStreamException e) {
            return null;
        } finally {
            close(r);
        }
    }

    /** @return the compiled schema (immutable, thread-safe) */
    static Schema schema() {
        return Holder.SCHEMA;
    }

    /**
     * Reads up to the root element only, with a StAX parser that does not process DTDs, so that a
     * DOCTYPE (and with it every entity, internal or external) is refused before anything expands or
     * loads it. The validating parser below refuses a DOCTYPE as well; this gives the clearer reason.
     */
    private static void checkProlog(String xml) throws InvalidMessageException {
        XMLStreamReader r = null;
        try {
            r = Xml.inputFactory().createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new InvalidMessageException("Not accepted: " + Reasons.at(r.getLocation())
                            + "the document has a DOCTYPE declaration; exchange messages carry no DTD and no"
                            + " entities (refused without reading it)");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return;
                }
            }
        } catch (XMLStreamException e) {
            throw new InvalidMessageException("Not well-formed XML: " + Reasons.streamError(e));
        } finally {
            close(r);
        }
    }

    private static void validate(String xml) throws InvalidMessageException {
        Tracker tracker = new Tracker(Xml.saxReader());
        Errors errors = new Errors(tracker);
        Validator v = VALIDATOR.get();
        v.setErrorHandler(errors);
        try {
            v.validate(new SAXSource(tracker, new InputSource(new StringReader(xml))));
        } catch (SAXException e) {
            if (tracker.rootProblem != null) {
                throw new InvalidMessageException(tracker.rootProblem);
            }
            if (errors.reasons.isEmpty()) {
                // Not from the parser or the validator (they report through Errors first): say no more than where.
                throw new InvalidMessageException("Not accepted: the document could not be checked (" + tracker.where()
                        + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.reasons.isEmpty()) {
            throw new InvalidMessageException(errors.summary());
        }
    }

    /**
     * Counts UTF-8 bytes, stopping early past a limit, and not counting at all when the text is short enough to
     * fit whatever its characters.
     *
     * @param s text
     * @param limit where to stop counting
     * @return the UTF-8 length of {@code s}, or a bound of it that is not above {@code limit} (then it fits), or a
     *         number above {@code limit}
     */
    static long utf8Length(String s, long limit) {
        int n = s.length();
        if (n > limit) {
            return n;
        }
        if (3L * n <= limit) {
            // No char takes more than 3 bytes (a surrogate pair, 2 chars, takes 4): it fits without counting.
            return 3L * n;
        }
        long bytes = 0;
        for (int i = 0; i < n && bytes <= limit; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // Reading from a String: nothing to release.
            }
        }
    }

    /**
     * Sits between the parser and the validator and remembers where the parser is: the path of open
     * elements and the text of the innermost one, so that a reason can name the element and hide its
     * value. It also refuses a root element that is not one of ours before the validator says it less
     * clearly.
     */
    private static final class Tracker extends XMLFilterImpl {

        private final Deque<String> path = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private boolean rootSeen;
        private String rootProblem;

        Tracker(org.xml.sax.XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (!rootSeen) {
                rootSeen = true;
                rootProblem = rootProblem(uri, localName);
                if (rootProblem != null) {
                    throw new SAXException("root element refused");
                }
            }
            path.addLast(localName);
            text.setLength(0);
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            text.append(ch, start, length);
            super.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            // The validator checks an element's value at its end: keep the element and its text until then.
            super.endElement(uri, localName, qName);
            path.pollLast();
            text.setLength(0);
        }

        String where() {
            if (path.isEmpty()) {
                return "outside the root element";
            }
            StringBuilder sb = new StringBuilder("element ");
            for (Iterator<String> it = path.iterator(); it.hasNext();) {
                sb.append('/').append(Reasons.oneLine(abbreviateName(it.next())));
            }
            return sb.toString();
        }

        String text() {
            return text.toString();
        }

        private static String rootProblem(String uri, String localName) {
            String name = abbreviateName(localName);
            if (!ExchangeCodec.NAMESPACE.equals(uri)) {
                String ns = uri == null || uri.isEmpty() ? "no namespace" : "namespace " + abbreviateName(uri);
                return Reasons.oneLine("Not accepted: the root element '" + name + "' is in " + ns + "; this node"
                        + " reads exchange messages of namespace " + ExchangeCodec.NAMESPACE
                        + " (another version of the format, or not an exchange message)");
            }
            if (!ROOTS.contains(localName)) {
                return Reasons.oneLine("Not accepted: unknown root element '" + name + "'; an exchange message is"
                        + " one of appealEvent, changeRequest, changeRefused, ack, referenceUpdate, documentContent,"
                        + " articleUpdate");
            }
            return null;
        }

        private static String abbreviateName(String s) {
            return s.length() <= Reasons.MAX_QUOTED ? s : s.substring(0, Reasons.MAX_QUOTED) + "…";
        }
    }

    /** Collects the validator's complaints, each with its line, column and element. */
    private static final class Errors implements ErrorHandler {

        private final Tracker tracker;
        private final List<String> reasons = new ArrayList<>();
        private int count;
        private boolean fatal;
        private String lastWhere;

        Errors(Tracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a message invalid.
        }

        @Override
        public void error(SAXParseException e) {
            add(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            fatal = true;
            add(e);
            throw e;
        }

        private void add(SAXParseException e) {
            String line = e.getLineNumber() < 0 ? ""
                    : "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ", ";
            String where = line + tracker.where();
            String msg = e.getMessage();
            if (where.equals(lastWhere) && msg != null && msg.startsWith("cvc-type.3.1.3")) {
                // "The value of element x is not valid" only repeats the facet error just reported.
                return;
            }
            lastWhere = where;
            count++;
            if (reasons.size() < MAX_ERRORS) {
                reasons.add(where + ": " + Reasons.sanitize(msg, tracker.text()));
            }
        }

        String summary() {
            StringBuilder sb = new StringBuilder(fatal ? "Not well-formed XML: " : "Not valid against exchange-1.xsd: ");
            sb.append(String.join("; ", reasons));
            if (count > reasons.size()) {
                sb.append("; and ").append(count - reasons.size()).append(" more");
            }
            return Reasons.oneLine(sb.toString());
        }
    }
}
