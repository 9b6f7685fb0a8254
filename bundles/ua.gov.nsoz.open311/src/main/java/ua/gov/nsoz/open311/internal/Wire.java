package ua.gov.nsoz.open311.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The two formats of GeoReport v2. One neutral document ({@link Doc}) is written either as XML (schemaless, no
 * namespace, the XML declaration with UTF-8) or as JSON by the spec's "Spark convention": the root element's list
 * becomes a JSON array of objects, a nested list (such as a service definition's attributes) a JSON array, an empty
 * element {@code null}.
 */
final class Wire {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private Wire() {
    }

    /** The answer's format, chosen by the resource's extension as the spec does. */
    enum Format {
        JSON("application/json; charset=utf-8"), XML("text/xml; charset=utf-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        /** @return the Content-Type header of an answer in this format */
        String contentType() {
            return contentType;
        }

        /**
         * @param extension {@code json} or {@code xml}
         * @return the format, or null if the spec knows no such one
         */
        static Format of(String extension) {
            return switch (extension) {
                case "json" -> JSON;
                case "xml" -> XML;
                default -> null;
            };
        }
    }

    /**
     * A list of elements of one name: in XML {@code <item>…</item>} repeated inside its parent, in JSON an array.
     *
     * @param item the element name of each entry
     * @param list the entries, each a map of field name to value (String, Number, Boolean, {@link Items} or null)
     */
    record Items(String item, List<Map<String, Object>> list) {
        Items {
            list = List.copyOf(list);
        }
    }

    /**
     * A whole answer.
     *
     * @param root the root element's name ({@code services}, {@code service_requests}, {@code errors}, …)
     * @param content {@link Items} (a list: a JSON array at the top) or a {@code Map} of fields (a JSON object)
     */
    record Doc(String root, Object content) {
    }

    /** @return a map that keeps the order of its fields and accepts null values */
    static Map<String, Object> fields() {
        return new LinkedHashMap<>();
    }

    /**
     * @param doc the document
     * @param format the format
     * @return the bytes to send (UTF-8)
     */
    static byte[] write(Doc doc, Format format) {
        return format == Format.JSON ? json(doc) : xml(doc);
    }

    static byte[] json(Doc doc) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node(doc.content()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonNode node(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Items items) {
            ArrayNode a = f.arrayNode();
            items.list().forEach(m -> a.add(node(m)));
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            ((Map<String, Object>) map).forEach((k, v) -> o.set(k, node(v)));
            return o;
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        return f.textNode(value.toString());
    }

    static byte[] xml(Doc doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The declaration as the spec writes it, whichever StAX implementation runs (Woodstox in Karaf quotes '…')
        out.writeBytes(DECLARATION.getBytes(StandardCharsets.UTF_8));
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartElement(doc.root());
            content(w, doc.content());
            w.writeEndElement();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write XML", e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void content(XMLStreamWriter w, Object value) throws XMLStreamException {
        if (value instanceof Items items) {
            for (Map<String, Object> m : items.list()) {
                w.writeStartElement(items.item());
                content(w, m);
                w.writeEndElement();
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (e.getValue() == null) {
                    w.writeEmptyElement(e.getKey());
                } else {
                    w.writeStartElement(e.getKey());
                    content(w, e.getValue());
                    w.writeEndElement();
                }
            }
        } else if (value != null) {
            w.writeCharacters(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
        }
    }

    /** @return the body as text (for tests and logs of shapes, never of personal data) */
    static String text(Doc doc, Format format) {
        return new String(write(doc, format), StandardCharsets.UTF_8);
    }
}
