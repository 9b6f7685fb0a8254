package ua.gov.nsoz.exchange.internal;

import java.io.StringWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.exchange.ArticleUpdateMessage;
import ua.gov.nsoz.exchange.ReferenceUpdateMessage;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.exchange.AckMessage;
import ua.gov.nsoz.exchange.AppealEventMessage;
import ua.gov.nsoz.exchange.ChangeRefusedMessage;
import ua.gov.nsoz.exchange.ChangeRequestMessage;
import ua.gov.nsoz.exchange.DocumentContentMessage;
import ua.gov.nsoz.exchange.ExchangeCodec;
import ua.gov.nsoz.exchange.ExchangeMessage;
import ua.gov.nsoz.exchange.Header;

/**
 * Writes a message as a document of version 1: elements in the schema's order, optional ones left out
 * when {@code null}, one element per line, indented for the person who reads a dead letter.
 */
public final class MessageWriter {

    private static final String INDENT = "  ";

    private final XMLStreamWriter w;
    private int depth;

    private MessageWriter(XMLStreamWriter w) {
        this.w = w;
    }

    /**
     * @param message the message
     * @return the document
     * @throws IllegalArgumentException naming the field if a required field is missing or a value
     *         cannot be written as XML
     */
    public static String write(ExchangeMessage message) {
        if (message == null) {
            throw new IllegalArgumentException("message is required");
        }
        StringWriter out = new StringWriter(4096);
        try {
            XMLStreamWriter w = Xml.outputFactory().createXMLStreamWriter(out);
            new MessageWriter(w).document(message);
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write an exchange message", e);
        }
        return out.toString();
    }

    private void document(ExchangeMessage message) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(ExchangeCodec.NAMESPACE);
        newLine();
        // Java 17 has no pattern matching in switch yet; the interface is sealed, so these are all.
        if (message instanceof AppealEventMessage m) {
            root("appealEvent", m);
            appealEvent(m);
        } else if (message instanceof ChangeRequestMessage m) {
            root("changeRequest", m);
            changeRequest(m);
        } else if (message instanceof ChangeRefusedMessage m) {
            root("changeRefused", m);
            changeRefused(m);
        } else if (message instanceof AckMessage m) {
            root("ack", m);
            ack(m);
        } else if (message instanceof ReferenceUpdateMessage m) {
            root("referenceUpdate", m);
            referenceUpdate(m.edits());
        } else if (message instanceof DocumentContentMessage m) {
            root("documentContent", m);
            documentContent(m);
        } else if (message instanceof ArticleUpdateMessage m) {
            root("articleUpdate", m);
            articleUpdate(m.article());
        } else {
            throw new IllegalArgumentException("Not an exchange message: " + message.getClass().getName());
        }
        end();
        w.writeCharacters("\n");
        w.writeEndDocument();
    }

    private void root(String name, ExchangeMessage m) throws XMLStreamException {
        w.writeStartElement(ExchangeCodec.NAMESPACE, name);
        w.writeDefaultNamespace(ExchangeCodec.NAMESPACE);
        depth++;
        header(m.header());
    }

    private void header(Header h) throws XMLStreamException {
        start("header");
        leaf("messageId", "header.messageId", h.messageId());
        leaf("sourceNode", "header.sourceNode", h.sourceNode());
        leaf("sourceSeq", "header.sourceSeq", Long.toString(h.sourceSeq()));
        time("createdAt", "header.createdAt", h.createdAt());
        end();
    }

    private void appealEvent(AppealEventMessage m) throws XMLStreamException {
        leaf("eventId", "eventId", m.eventId());
        leaf("type", "type", m.type());
        time("occurredAt", "occurredAt", m.occurredAt());
        leaf("actorNode", "actorNode", m.actorNode());
        optional("actor", "actor", m.actor());
        optional("requestId", "requestId", m.requestId());
        optional("comment", "comment", m.comment());
        optional("article", "article", m.article());
        appeal(m.appeal());
    }

    private void appeal(Appeal a) throws XMLStreamException {
        start("appeal");
        leaf("id", "appeal.id", a.id());
        leaf("registrationNumber", "appeal.registrationNumber", a.registrationNumber());
        leaf("node", "appeal.node", a.node());
        optional("region", "appeal.region", a.region());
        leaf("kind", "appeal.kind", a.kind() == null ? null : a.kind().name());
        leaf("channel", "appeal.channel", a.channel() == null ? null : a.channel().name());
        if (a.applicant() != null) {
            applicant(a.applicant());
        }
        leaf("text", "appeal.text", a.text());
        optional("topic", "appeal.topic", a.topic());
        optional("addressee", "appeal.addressee", a.addressee());
        leaf("collective", "appeal.collective", Boolean.toString(a.collective()));
        optional("coSigners", "appeal.coSigners", a.coSigners() == null ? null : a.coSigners().toString());
        leaf("confidential", "appeal.confidential", Boolean.toString(a.confidential()));
        optional("signed", "appeal.signed", a.signed() == null ? null : a.signed().toString());
        for (int i = 0; i < a.attachments().size(); i++) {
            attachment("attachment", "appeal.attachments[" + i + "]", a.attachments().get(i));
        }
        // A set has no order; the schema's enumeration order makes the document deterministic.
        Set<LegalMark> marks = a.marks().isEmpty() ? Set.of() : EnumSet.copyOf(a.marks());
        for (LegalMark mark : marks) {
            leaf("mark", "appeal.marks", mark.name());
        }
        leaf("status", "appeal.status", a.status() == null ? null : a.status().name());
        leaf("version", "appeal.version", Long.toString(a.version()));
        time("receivedAt", "appeal.receivedAt", a.receivedAt());
        time("registeredAt", "appeal.registeredAt", a.registeredAt());
        time("updatedAt", "appeal.updatedAt", a.updatedAt());
        if (!a.processing().equals(Processing.NONE)) {
            processing(a.processing());
        }
        // Added within version 1 (issue #13): only when the appeal names a contested decision.
        ContestedDecision contested = a.contested();
        if (contested != null && !contested.hasNoDate()) {
            start("contestedDecision");
            optional("decidedOn", "appeal.contested.decidedOn",
                    contested.decidedOn() == null ? null : contested.decidedOn().toString());
            optional("learnedOn", "appeal.contested.learnedOn",
                    contested.learnedOn() == null ? null : contested.learnedOn().toString());
            end();
        }
        end();
    }

    private void processing(Processing p) throws XMLStreamException {
        start("processing");
        leaf("classification", "appeal.processing.classification", p.classification().name());
        optional("relatedTo", "appeal.processing.relatedTo", p.relatedTo());
        optional("body", "appeal.processing.body", p.body());
        if (p.forwardedAt() != null) {
            time("forwardedAt", "appeal.processing.forwardedAt", p.forwardedAt());
        }
        leaf("noAdditionalStudy", "appeal.processing.noAdditionalStudy", Boolean.toString(p.noAdditionalStudy()));
        leaf("extensionDays", "appeal.processing.extensionDays", Integer.toString(p.extensionDays()));
        optional("dueDate", "appeal.processing.dueDate", p.dueDate() == null ? null : p.dueDate().toString());
        optional("ground", "appeal.processing.ground", p.ground() == null ? null : p.ground().name());
        optional("result", "appeal.processing.result", p.result() == null ? null : p.result().name());
        optional("answer", "appeal.processing.answer", p.answer());
        for (int i = 0; i < p.answerDocuments().size(); i++) {
            attachment("answerDocument", "appeal.processing.answerDocuments[" + i + "]", p.answerDocuments().get(i));
        }
        if (p.answeredAt() != null) {
            time("answeredAt", "appeal.processing.answeredAt", p.answeredAt());
        }
        optional("rating", "appeal.processing.rating", p.rating() == null ? null : p.rating().toString());
        optional("remindedFor", "appeal.processing.remindedFor",
                p.remindedFor() == null ? null : p.remindedFor().toString());
        if (p.escalatedAt() != null) {
            time("escalatedAt", "appeal.processing.escalatedAt", p.escalatedAt());
        }
        optional("accessHash", "appeal.processing.accessHash", p.accessHash());
        // Added within version 1 (issue #13): written only when set, so that a record that does not use them is the
        // document it was before (and a node on the older schema reads it).
        if (p.priority()) {
            leaf("priority", "appeal.processing.priority", "true");
        }
        optional("shortenedDays", "appeal.processing.shortenedDays",
                p.shortenedDays() == null ? null : p.shortenedDays().toString());
        optional("shortenedReason", "appeal.processing.shortenedReason", p.shortenedReason());
        if (p.termRestored()) {
            leaf("termRestored", "appeal.processing.termRestored", "true");
        }
        end();
    }

    private void applicant(Applicant ap) throws XMLStreamException {
        start("applicant");
        optional("type", "appeal.applicant.type", ap.type() == null ? null : ap.type().name());
        optional("fullName", "appeal.applicant.fullName", ap.fullName());
        optional("address", "appeal.applicant.address", ap.address());
        optional("email", "appeal.applicant.email", ap.email());
        optional("phone", "appeal.applicant.phone", ap.phone());
        optional("category", "appeal.applicant.category", ap.category());
        end();
    }

    private void attachment(String element, String field, Attachment at) throws XMLStreamException {
        start(element);
        leaf("fileName", field + ".fileName", at.fileName());
        optional("mediaType", field + ".mediaType", at.mediaType());
        leaf("sizeBytes", field + ".sizeBytes", Long.toString(at.sizeBytes()));
        optional("sha256", field + ".sha256", at.sha256());
        end();
    }

    private void changeRequest(ChangeRequestMessage m) throws XMLStreamException {
        leaf("requestId", "requestId", m.requestId());
        leaf("appealId", "appealId", m.appealId());
        ActionRequest r = m.request();
        leaf("action", "action", r.action().name());
        optional("actor", "actor", m.actor());
        optional("comment", "comment", r.comment());
        time("requestedAt", "requestedAt", m.requestedAt());
        for (String role : new java.util.TreeSet<>(m.roles())) {
            leaf("role", "roles", role);
        }
        optional("body", "body", r.body());
        optional("topic", "topic", r.topic());
        optional("classification", "classification", r.classification() == null ? null : r.classification().name());
        optional("ground", "ground", r.ground() == null ? null : r.ground().name());
        optional("result", "result", r.result() == null ? null : r.result().name());
        optional("text", "text", r.text());
        optional("days", "days", r.days() == null ? null : r.days().toString());
        optional("rating", "rating", r.rating() == null ? null : r.rating().toString());
        for (int i = 0; i < r.documents().size(); i++) {
            attachment("document", "documents[" + i + "]", r.documents().get(i));
        }
        optional("article", "article", r.article());
    }

    private void changeRefused(ChangeRefusedMessage m) throws XMLStreamException {
        leaf("requestId", "requestId", m.requestId());
        leaf("appealId", "appealId", m.appealId());
        leaf("reason", "reason", m.reason());
    }

    private void referenceUpdate(ReferenceEdits e) throws XMLStreamException {
        leaf("revision", "revision", Long.toString(e.revision()));
        time("editedAt", "editedAt", e.editedAt());
        optional("editedBy", "editedBy", e.editedBy());
        for (Body b : e.bodies()) {
            start("body");
            leaf("code", "body.code", b.code());
            leaf("kind", "body.kind", b.kind() == null ? null : b.kind().name());
            leaf("nameUk", "body.nameUk", b.nameUk());
            leaf("nameEn", "body.nameEn", b.nameEn());
            optional("region", "body.region", b.region());
            optional("parentCode", "body.parentCode", b.parentCode());
            optional("email", "body.email", b.email());
            optional("phone", "body.phone", b.phone());
            optional("address", "body.address", b.address());
            end();
        }
        for (RoutingRule r : e.rules()) {
            start("rule");
            leaf("id", "rule.id", r.id());
            leaf("order", "rule.order", Integer.toString(r.order()));
            optional("topicCode", "rule.topicCode", r.topicCode());
            optional("region", "rule.region", r.region());
            optional("addresseeContains", "rule.addresseeContains", r.addresseeContains());
            leaf("bodyCode", "rule.bodyCode", r.bodyCode());
            leaf("reasonUk", "rule.reasonUk", r.reasonUk());
            leaf("reasonEn", "rule.reasonEn", r.reasonEn());
            end();
        }
        for (String id : e.removedRules()) {
            leaf("removedRule", "removedRule", id);
        }
        for (ReferenceEntry x : e.entries()) {
            start("entry");
            leaf("type", "entry.type", x.type() == null ? null : x.type().name());
            leaf("code", "entry.code", x.code());
            leaf("nameUk", "entry.nameUk", x.nameUk());
            leaf("nameEn", "entry.nameEn", x.nameEn());
            optional("region", "entry.region", x.region());
            optional("phone", "entry.phone", x.phone());
            optional("email", "entry.email", x.email());
            optional("address", "entry.address", x.address());
            optional("scheduleUk", "entry.scheduleUk", x.scheduleUk());
            optional("scheduleEn", "entry.scheduleEn", x.scheduleEn());
            optional("url", "entry.url", x.url());
            optional("descriptionUk", "entry.descriptionUk", x.descriptionUk());
            optional("descriptionEn", "entry.descriptionEn", x.descriptionEn());
            optional("bodyCode", "entry.bodyCode", x.bodyCode());
            leaf("example", "entry.example", Boolean.toString(x.example()));
            end();
        }
        for (String code : e.removedEntries()) {
            leaf("removedEntry", "removedEntry", code);
        }
    }

    /** Added within version 1 (issue 16): one version of a knowledge article. */
    private void articleUpdate(ua.gov.nsoz.api.knowledge.Article a) throws XMLStreamException {
        leaf("code", "code", a.code());
        leaf("version", "version", Long.toString(a.version()));
        time("updatedAt", "updatedAt", a.updatedAt());
        leaf("updatedBy", "updatedBy", a.updatedBy());
        leaf("withdrawn", "withdrawn", Boolean.toString(a.withdrawn()));
        leaf("title", "title", a.title());
        leaf("text", "text", a.body());
        for (String t : a.topics()) {
            leaf("topic", "topics", t);
        }
    }

    /** Added within version 1 (issue 15): the content in base64 on one line. */
    private void documentContent(DocumentContentMessage m) throws XMLStreamException {
        leaf("appealId", "appealId", m.appealId());
        leaf("fileName", "fileName", m.fileName());
        leaf("mediaType", "mediaType", m.mediaType());
        leaf("sizeBytes", "sizeBytes", Long.toString(m.sizeBytes()));
        leaf("sha256", "sha256", m.sha256());
        newLine();
        w.writeStartElement(ExchangeCodec.NAMESPACE, "content");
        w.writeCharacters(java.util.Base64.getEncoder().encodeToString(m.content()));
        w.writeEndElement();
    }

    private void ack(AckMessage m) throws XMLStreamException {
        leaf("ackedNode", "ackedNode", m.ackedNode());
        leaf("upToSeq", "upToSeq", Long.toString(m.upToSeq()));
    }

    private void start(String name) throws XMLStreamException {
        newLine();
        w.writeStartElement(ExchangeCodec.NAMESPACE, name);
        depth++;
    }

    private void end() throws XMLStreamException {
        depth--;
        newLine();
        w.writeEndElement();
    }

    private void time(String name, String field, Instant value) throws XMLStreamException {
        leaf(name, field, value == null ? null : Xml.formatInstant(field, value));
    }

    private void optional(String name, String field, String value) throws XMLStreamException {
        if (value != null) {
            leaf(name, field, value);
        }
    }

    private void leaf(String name, String field, String value) throws XMLStreamException {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        Xml.checkChars(field, value);
        newLine();
        w.writeStartElement(ExchangeCodec.NAMESPACE, name);
        text(value);
        w.writeEndElement();
    }

    /**
     * A parser turns a raw carriage return into a line feed; written as a character reference it
     * survives, so text with CR LF line ends comes back unchanged.
     */
    private void text(String value) throws XMLStreamException {
        int from = 0;
        for (int cr = value.indexOf('\r'); cr >= 0; cr = value.indexOf('\r', from)) {
            w.writeCharacters(value.substring(from, cr));
            w.writeEntityRef("#13");
            from = cr + 1;
        }
        w.writeCharacters(value.substring(from));
    }

    private void newLine() throws XMLStreamException {
        w.writeCharacters("\n" + INDENT.repeat(depth));
    }
}
