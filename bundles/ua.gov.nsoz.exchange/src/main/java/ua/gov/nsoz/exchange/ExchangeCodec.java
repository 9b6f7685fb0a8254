package ua.gov.nsoz.exchange;

import ua.gov.nsoz.exchange.internal.MessageReader;
import ua.gov.nsoz.exchange.internal.MessageWriter;
import ua.gov.nsoz.exchange.internal.OnePassReader;
import ua.gov.nsoz.exchange.internal.SchemaCheck;

/**
 * Writes and reads the messages of exchange format version 1. Thread-safe: it holds no state but the
 * compiled schema, which is immutable; every call makes its own parser and validator.
 *
 * <p>Security: documents are parsed by the JDK's own parsers with secure processing on; a document with
 * a DOCTYPE is refused before any DTD or entity in it is processed, so neither external entities nor
 * entity expansion ("billion laughs") reach the parser; a document over {@link #MAX_DOCUMENT_BYTES} (a
 * {@code documentContent} over {@link #MAX_CONTENT_DOCUMENT_BYTES}) is refused before parsing.
 */
public final class ExchangeCodec {

    /** The namespace of version 1 of the format. */
    public static final String NAMESPACE = "urn:ua:gov:nsoz:exchange:1";

    /** Where the schema lies in this bundle (for {@link Class#getResource(String)}). */
    public static final String SCHEMA_RESOURCE = "/ua/gov/nsoz/exchange/exchange-1.xsd";

    /** The largest document accepted, in bytes of its UTF-8 encoding: 1 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /**
     * The largest {@code documentContent} message (it carries a file, in base64), in bytes of its UTF-8 encoding:
     * 64 MiB, a file of up to about 47 MiB. Every other message stays within {@link #MAX_DOCUMENT_BYTES}.
     */
    public static final int MAX_CONTENT_DOCUMENT_BYTES = 64 * 1024 * 1024;

    private ExchangeCodec() {
    }

    /**
     * Writes a message as a document of namespace {@value #NAMESPACE}: elements in the schema's order,
     * optional elements left out when {@code null}, instants in UTC to the millisecond (e.g.
     * {@code 2026-11-27T10:15:30.123Z}; finer precision is cut off). The result is validated against the
     * schema before it is returned, so nothing invalid is ever sent.
     *
     * @param message the message
     * @return the XML document
     * @throws IllegalArgumentException if the message cannot be a valid document: a required field is
     *         missing, a value breaks the schema (too long, wrong pattern, out of range) or holds a
     *         character XML cannot carry; the message names the field and never quotes a long value
     */
    public static String write(ExchangeMessage message) {
        String xml = MessageWriter.write(message);
        try {
            SchemaCheck.check(xml);
        } catch (InvalidMessageException e) {
            throw new IllegalArgumentException("The message would not be valid: " + e.getMessage());
        }
        return xml;
    }

    /**
     * Reads a document: first checks its size, that it has no DOCTYPE, that its root is one of the
     * messages of namespace {@value #NAMESPACE} and that it is valid against the schema; a record is
     * returned only if all of that holds. A document is either read whole or refused. A valid document is
     * parsed once: the validator sees each event as the reader maps it; any other is checked again in full,
     * which gives the reason it is refused.
     *
     * @param xml the document
     * @return the message
     * @throws InvalidMessageException with a reason for a person to read (line, element, what is wrong),
     *         if the document is not a valid exchange message of version 1
     */
    public static ExchangeMessage read(String xml) throws InvalidMessageException {
        SchemaCheck.checkSize(xml);
        // A valid document is parsed once, validated while it is read; anything else is checked again in full,
        // which gives the reason it is refused (the same as ever).
        ExchangeMessage fast = OnePassReader.read(xml);
        if (fast != null) {
            return fast;
        }
        SchemaCheck.check(xml);
        return MessageReader.read(xml);
    }
}
