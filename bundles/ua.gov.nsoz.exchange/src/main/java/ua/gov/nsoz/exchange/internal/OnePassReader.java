package ua.gov.nsoz.exchange.internal;

import java.io.StringReader;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;
import ua.gov.nsoz.exchange.ExchangeMessage;
import ua.gov.nsoz.exchange.InvalidMessageException;

/**
 * Reads a document in one pass: the StAX reader that {@link MessageReader} pulls from hands every event it
 * reads to the schema's {@link ValidatorHandler} as well, so the document is parsed once, not once to validate
 * and once more to map (issue 11: at the center that second pass was a third of the apply path).
 *
 * <p>It is only the fast way for a valid document: it answers {@code null} at the first thing that is not
 * plainly fine (a validation error, a DOCTYPE, anything not well-formed, a value the reader cannot map), and
 * the caller then runs the full checks of {@link SchemaCheck} and the reader, which refuse the document with
 * the same reason as ever. So a document is accepted here only if the validator saw every one of its events
 * up to the end of the document and reported nothing; what is refused, and why, does not change.
 */
public final class OnePassReader {

    /** One handler per thread (not thread-safe); made again after a document it did not finish. */
    private static final ThreadLocal<ValidatorHandler> HANDLER = new ThreadLocal<>();

    private OnePassReader() {
    }

    /**
     * @param xml a document whose size {@link SchemaCheck#checkSize(String)} has accepted
     * @return the message if the document is valid against the schema and readable; {@code null} if not (then
     *         the caller runs the full checks, which give the reason)
     */
    public static ExchangeMessage read(String xml) {
        ValidatorHandler handler = HANDLER.get();
        if (handler == null) {
            handler = newHandler();
        }
        HANDLER.remove();
        Validating r = null;
        try {
            r = new Validating(Xml.inputFactory().createXMLStreamReader(new StringReader(xml)), handler);
            r.begin();
            ExchangeMessage m = MessageReader.map(r);
            // The rest after the root element (comments, processing instructions, the end): the validator and the
            // parser see all of it, so trailing garbage is refused as before.
            while (r.hasNext()) {
                r.next();
            }
            if (!r.ended) {
                return null;
            }
            HANDLER.set(handler);
            return m;
        } catch (XMLStreamException | InvalidMessageException | RuntimeException e) {
            return null;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // Reading from a String: nothing to release.
                }
            }
        }
    }

    private static ValidatorHandler newHandler() {
        ValidatorHandler h = SchemaCheck.schema().newValidatorHandler();
        try {
            h.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            h.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            h.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("The JDK's validator does not support secure processing", e);
        }
        try {
            h.setProperty(Xml.LOCALE_PROPERTY, Locale.ENGLISH);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // Messages then follow the default locale; they are not used here anyway.
        }
        h.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // Warnings do not make a message invalid.
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return h;
    }

    /**
     * A StAX reader that passes every event it reads on to the validator. {@code nextTag} and
     * {@code getElementText} are done here through {@link #next()} (not by the parser), so that no event
     * escapes the validator. A DOCTYPE, an entity reference, or an error of the validator stops the read.
     */
    static final class Validating extends StreamReaderDelegate implements Locator {

        private final ValidatorHandler v;
        private final AttributesImpl attributes = new AttributesImpl();
        private boolean ended;

        Validating(XMLStreamReader parent, ValidatorHandler v) {
            super(parent);
            this.v = v;
        }

        void begin() throws XMLStreamException {
            v.setDocumentLocator(this);
            try {
                v.startDocument();
            } catch (SAXException e) {
                throw new XMLStreamException(e);
            }
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            try {
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> start();
                    case XMLStreamConstants.END_ELEMENT -> end();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        v.characters(getTextCharacters(), getTextStart(), getTextLength());
                    case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        v.processingInstruction(getPITarget(), getPIData());
                    case XMLStreamConstants.COMMENT -> {
                        // Nothing for the validator.
                    }
                    case XMLStreamConstants.END_DOCUMENT -> {
                        v.endDocument();
                        ended = true;
                    }
                    default -> throw new XMLStreamException("Not read in one pass: event " + event);
                }
            } catch (SAXException e) {
                throw new XMLStreamException(e);
            }
            return event;
        }

        private void start() throws SAXException {
            int ns = getNamespaceCount();
            for (int i = 0; i < ns; i++) {
                String p = getNamespacePrefix(i);
                String uri = getNamespaceURI(i);
                v.startPrefixMapping(p == null ? "" : p, uri == null ? "" : uri);
            }
            attributes.clear();
            int n = getAttributeCount();
            for (int i = 0; i < n; i++) {
                String uri = getAttributeNamespace(i);
                String local = getAttributeLocalName(i);
                String prefix = getAttributePrefix(i);
                attributes.addAttribute(uri == null ? "" : uri, local,
                        prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, "CDATA",
                        getAttributeValue(i));
            }
            String uri = getNamespaceURI();
            v.startElement(uri == null ? "" : uri, getLocalName(), qName(), attributes);
        }

        private void end() throws SAXException {
            String uri = getNamespaceURI();
            v.endElement(uri == null ? "" : uri, getLocalName(), qName());
            int ns = getNamespaceCount();
            for (int i = 0; i < ns; i++) {
                String p = getNamespacePrefix(i);
                v.endPrefixMapping(p == null ? "" : p);
            }
        }

        private String qName() {
            String prefix = getPrefix();
            return prefix == null || prefix.isEmpty() ? getLocalName() : prefix + ":" + getLocalName();
        }

        /** As {@link XMLStreamReader#nextTag()} specifies it, through {@link #next()}. */
        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                    || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                    || (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && isWhiteSpace()) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected a start or end tag");
            }
            return event;
        }

        /** As {@link XMLStreamReader#getElementText()} specifies it, through {@link #next()}. */
        @Override
        public String getElementText() throws XMLStreamException {
            if (getEventType() != XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("not at a start tag");
            }
            StringBuilder text = null;
            String single = null;
            for (int event = next(); event != XMLStreamConstants.END_ELEMENT; event = next()) {
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    if (single == null && text == null) {
                        single = getText();
                    } else {
                        if (text == null) {
                            text = new StringBuilder(single);
                        }
                        text.append(getText());
                    }
                } else if (event != XMLStreamConstants.COMMENT && event != XMLStreamConstants.PROCESSING_INSTRUCTION) {
                    throw new XMLStreamException("element text expected, found event " + event);
                }
            }
            return text != null ? text.toString() : single != null ? single : "";
        }

        // Locator: where the parser is, for the validator's own bookkeeping (reasons come from the full checks).

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return null;
        }

        @Override
        public int getLineNumber() {
            Location l = getLocation();
            return l == null ? -1 : l.getLineNumber();
        }

        @Override
        public int getColumnNumber() {
            Location l = getLocation();
            return l == null ? -1 : l.getColumnNumber();
        }
    }
}
