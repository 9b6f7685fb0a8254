package ua.gov.nsoz.exchange.internal;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.time.LocalDate;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.exchange.ArticleUpdateMessage;
import ua.gov.nsoz.exchange.ReferenceUpdateMessage;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
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
import ua.gov.nsoz.exchange.InvalidMessageException;

/**
 * Reads a document that {@link SchemaCheck} has accepted into the records. The schema has already fixed
 * the structure and the lexical form of every value; what is left is to map them. Each element is
 * taken by name, so the reader does not depend on the order the schema already enforces.
 */
public final class MessageReader {

    private final XMLStreamReader r;

    private MessageReader(XMLStreamReader r) {
        this.r = r;
    }

    /**
     * @param xml a document that passed {@link SchemaCheck#check(String)}
     * @return the message
     * @throws InvalidMessageException if a value cannot be mapped after all
     */
    public static ExchangeMessage read(String xml) throws InvalidMessageException {
        XMLStreamReader r = null;
        try {
            r = Xml.inputFactory().createXMLStreamReader(new StringReader(xml));
            return new MessageReader(r).message();
        } catch (XMLStreamException e) {
            throw new InvalidMessageException("Not well-formed XML: " + Reasons.streamError(e));
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

    /**
     * Maps the document a reader is at the start of, up to the end of its root element.
     *
     * @param r a reader at the start of the document (or of the root element)
     * @return the message
     * @throws XMLStreamException if the reader fails
     * @throws InvalidMessageException if a value cannot be mapped
     */
    static ExchangeMessage map(XMLStreamReader r) throws XMLStreamException, InvalidMessageException {
        return new MessageReader(r).message();
    }

    private ExchangeMessage message() throws XMLStreamException, InvalidMessageException {
        if (r.nextTag() != XMLStreamConstants.START_ELEMENT || !ExchangeCodec.NAMESPACE.equals(r.getNamespaceURI())) {
            throw fail("expected a root element in namespace " + ExchangeCodec.NAMESPACE);
        }
        switch (r.getLocalName()) {
            case "appealEvent":
                return appealEvent();
            case "changeRequest":
                return changeRequest();
            case "changeRefused":
                return changeRefused();
            case "ack":
                return ack();
            case "referenceUpdate":
                return referenceUpdate();
            case "documentContent":
                return documentContent();
            case "articleUpdate":
                return articleUpdate();
            default:
                throw fail("unknown root element");
        }
    }

    private AppealEventMessage appealEvent() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        String eventId = null;
        String type = null;
        Instant occurredAt = null;
        String actorNode = null;
        String actor = null;
        String requestId = null;
        String comment = null;
        String article = null;
        Appeal appeal = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "eventId" -> eventId = text();
                case "type" -> type = text();
                case "occurredAt" -> occurredAt = instant();
                case "actorNode" -> actorNode = text();
                case "actor" -> actor = text();
                case "requestId" -> requestId = text();
                case "comment" -> comment = text();
                case "article" -> article = text();
                case "appeal" -> appeal = appeal();
                default -> throw unexpected(name);
            }
        }
        return new AppealEventMessage(required("header", header), required("eventId", eventId),
                required("type", type), required("occurredAt", occurredAt), required("actorNode", actorNode), actor,
                requestId, comment, required("appeal", appeal), article);
    }

    private ChangeRequestMessage changeRequest() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        String requestId = null;
        String appealId = null;
        AppealAction action = null;
        String actor = null;
        String comment = null;
        Instant requestedAt = null;
        Set<String> roles = new java.util.TreeSet<>();
        String body = null;
        String topic = null;
        Classification classification = null;
        NotConsideredGround ground = null;
        AnswerResult result = null;
        String text = null;
        Integer days = null;
        Integer rating = null;
        List<Attachment> documents = new ArrayList<>();
        String article = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "requestId" -> requestId = text();
                case "appealId" -> appealId = text();
                case "action" -> action = enumValue(AppealAction.class);
                case "actor" -> actor = text();
                case "comment" -> comment = text();
                case "requestedAt" -> requestedAt = instant();
                case "role" -> roles.add(text());
                case "body" -> body = text();
                case "topic" -> topic = text();
                case "classification" -> classification = enumValue(Classification.class);
                case "ground" -> ground = enumValue(NotConsideredGround.class);
                case "result" -> result = enumValue(AnswerResult.class);
                case "text" -> text = text();
                case "days" -> days = intValue();
                case "rating" -> rating = intValue();
                case "document" -> documents.add(attachment());
                case "article" -> article = text();
                default -> throw unexpected(name);
            }
        }
        ActionRequest request = new ActionRequest(required("action", action), comment, body, topic, classification,
                ground, result, text, days, rating, documents, article);
        return new ChangeRequestMessage(required("header", header), required("requestId", requestId),
                required("appealId", appealId), request, actor, roles, required("requestedAt", requestedAt));
    }

    private ChangeRefusedMessage changeRefused() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        String requestId = null;
        String appealId = null;
        String reason = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "requestId" -> requestId = text();
                case "appealId" -> appealId = text();
                case "reason" -> reason = text();
                default -> throw unexpected(name);
            }
        }
        return new ChangeRefusedMessage(required("header", header), required("requestId", requestId),
                required("appealId", appealId), required("reason", reason));
    }

    private ReferenceUpdateMessage referenceUpdate() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        Long revision = null;
        Instant editedAt = null;
        String editedBy = null;
        List<Body> bodies = new ArrayList<>();
        List<RoutingRule> rules = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ReferenceEntry> entries = new ArrayList<>();
        List<String> removedEntries = new ArrayList<>();
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "revision" -> revision = longValue();
                case "editedAt" -> editedAt = instant();
                case "editedBy" -> editedBy = text();
                case "body" -> bodies.add(body());
                case "rule" -> rules.add(rule());
                case "removedRule" -> removed.add(text());
                case "entry" -> entries.add(entry());
                case "removedEntry" -> removedEntries.add(text());
                default -> throw unexpected(name);
            }
        }
        return new ReferenceUpdateMessage(required("header", header), new ReferenceEdits(required("revision", revision),
                required("editedAt", editedAt), editedBy, bodies, rules, removed, entries, removedEntries));
    }

    private ReferenceEntry entry() throws XMLStreamException, InvalidMessageException {
        ReferenceEntryType type = null;
        java.util.Map<String, String> f = new java.util.HashMap<>();
        Boolean example = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "type" -> type = enumValue(ReferenceEntryType.class);
                case "code", "nameUk", "nameEn", "region", "phone", "email", "address", "scheduleUk", "scheduleEn",
                        "url", "descriptionUk", "descriptionEn", "bodyCode" -> f.put(name, text());
                case "example" -> {
                    String v = text().strip();
                    example = "true".equals(v) || "1".equals(v);
                }
                default -> throw unexpected(name);
            }
        }
        return new ReferenceEntry(required("entry/type", type), required("entry/code", f.get("code")),
                required("entry/nameUk", f.get("nameUk")), required("entry/nameEn", f.get("nameEn")), f.get("region"),
                f.get("phone"), f.get("email"), f.get("address"), f.get("scheduleUk"), f.get("scheduleEn"),
                f.get("url"), f.get("descriptionUk"), f.get("descriptionEn"), f.get("bodyCode"),
                required("entry/example", example));
    }

    private Body body() throws XMLStreamException, InvalidMessageException {
        String code = null;
        BodyKind kind = null;
        String nameUk = null;
        String nameEn = null;
        String region = null;
        String parentCode = null;
        String email = null;
        String phone = null;
        String address = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "code" -> code = text();
                case "kind" -> kind = enumValue(BodyKind.class);
                case "nameUk" -> nameUk = text();
                case "nameEn" -> nameEn = text();
                case "region" -> region = text();
                case "parentCode" -> parentCode = text();
                case "email" -> email = text();
                case "phone" -> phone = text();
                case "address" -> address = text();
                default -> throw unexpected(name);
            }
        }
        return new Body(required("body/code", code), required("body/kind", kind), required("body/nameUk", nameUk),
                required("body/nameEn", nameEn), region, parentCode, email, phone, address);
    }

    private RoutingRule rule() throws XMLStreamException, InvalidMessageException {
        String id = null;
        Integer order = null;
        String topicCode = null;
        String region = null;
        String addresseeContains = null;
        String bodyCode = null;
        String reasonUk = null;
        String reasonEn = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "id" -> id = text();
                case "order" -> order = intValue();
                case "topicCode" -> topicCode = text();
                case "region" -> region = text();
                case "addresseeContains" -> addresseeContains = text();
                case "bodyCode" -> bodyCode = text();
                case "reasonUk" -> reasonUk = text();
                case "reasonEn" -> reasonEn = text();
                default -> throw unexpected(name);
            }
        }
        return new RoutingRule(required("rule/id", id), required("rule/order", order), topicCode, region,
                addresseeContains, required("rule/bodyCode", bodyCode), required("rule/reasonUk", reasonUk),
                required("rule/reasonEn", reasonEn));
    }

    /** Added within version 1 (issue 16). */
    private ArticleUpdateMessage articleUpdate() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        String code = null;
        Long version = null;
        Instant updatedAt = null;
        String updatedBy = null;
        Boolean withdrawn = null;
        String title = null;
        String text = null;
        List<String> topics = new ArrayList<>();
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "code" -> code = text();
                case "version" -> version = longValue();
                case "updatedAt" -> updatedAt = instant();
                case "updatedBy" -> updatedBy = text();
                case "withdrawn" -> {
                    String v = text().strip();
                    withdrawn = "true".equals(v) || "1".equals(v);
                }
                case "title" -> title = text();
                case "text" -> text = text();
                case "topic" -> topics.add(text());
                default -> throw unexpected(name);
            }
        }
        return new ArticleUpdateMessage(required("header", header), new ua.gov.nsoz.api.knowledge.Article(
                required("code", code), required("title", title), required("text", text), topics,
                required("version", version), required("updatedAt", updatedAt), required("updatedBy", updatedBy),
                required("withdrawn", withdrawn)));
    }

    private DocumentContentMessage documentContent() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        String appealId = null;
        String fileName = null;
        String mediaType = null;
        Long sizeBytes = null;
        String sha256 = null;
        byte[] content = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "appealId" -> appealId = text();
                case "fileName" -> fileName = text();
                case "mediaType" -> mediaType = text();
                case "sizeBytes" -> sizeBytes = longValue();
                case "sha256" -> sha256 = text();
                case "content" -> content = base64();
                default -> throw unexpected(name);
            }
        }
        return new DocumentContentMessage(required("header", header), required("appealId", appealId),
                required("fileName", fileName), required("mediaType", mediaType), required("sizeBytes", sizeBytes),
                required("sha256", sha256), required("content", content));
    }

    /** xs:base64Binary: the schema has checked the alphabet; whitespace between the groups is allowed. */
    private byte[] base64() throws XMLStreamException, InvalidMessageException {
        try {
            return java.util.Base64.getMimeDecoder().decode(text());
        } catch (IllegalArgumentException e) {
            throw fail("not base64");
        }
    }

    private AckMessage ack() throws XMLStreamException, InvalidMessageException {
        Header header = null;
        String ackedNode = null;
        Long upToSeq = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "header" -> header = header();
                case "ackedNode" -> ackedNode = text();
                case "upToSeq" -> upToSeq = longValue();
                default -> throw unexpected(name);
            }
        }
        return new AckMessage(required("header", header), required("ackedNode", ackedNode),
                required("upToSeq", upToSeq));
    }

    private Header header() throws XMLStreamException, InvalidMessageException {
        String messageId = null;
        String sourceNode = null;
        Long sourceSeq = null;
        Instant createdAt = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "messageId" -> messageId = text();
                case "sourceNode" -> sourceNode = text();
                case "sourceSeq" -> sourceSeq = longValue();
                case "createdAt" -> createdAt = instant();
                default -> throw unexpected(name);
            }
        }
        return new Header(required("messageId", messageId), required("sourceNode", sourceNode),
                required("sourceSeq", sourceSeq), required("createdAt", createdAt));
    }

    private Appeal appeal() throws XMLStreamException, InvalidMessageException {
        String id = null;
        String registrationNumber = null;
        String node = null;
        String region = null;
        AppealKind kind = null;
        Channel channel = null;
        Applicant applicant = null;
        String text = null;
        String topic = null;
        String addressee = null;
        Boolean collective = null;
        Integer coSigners = null;
        Boolean confidential = null;
        Boolean signed = null;
        List<Attachment> attachments = new ArrayList<>();
        Set<LegalMark> marks = EnumSet.noneOf(LegalMark.class);
        AppealStatus status = null;
        Long version = null;
        Instant receivedAt = null;
        Instant registeredAt = null;
        Instant updatedAt = null;
        Processing processing = null;
        ContestedDecision contested = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "id" -> id = text();
                case "registrationNumber" -> registrationNumber = text();
                case "node" -> node = text();
                case "region" -> region = text();
                case "kind" -> kind = enumValue(AppealKind.class);
                case "channel" -> channel = enumValue(Channel.class);
                case "applicant" -> applicant = applicant();
                case "text" -> text = text();
                case "topic" -> topic = text();
                case "addressee" -> addressee = text();
                case "collective" -> collective = booleanValue();
                case "coSigners" -> coSigners = intValue();
                case "confidential" -> confidential = booleanValue();
                case "signed" -> signed = booleanValue();
                case "attachment" -> attachments.add(attachment());
                case "mark" -> marks.add(enumValue(LegalMark.class));
                case "status" -> status = enumValue(AppealStatus.class);
                case "version" -> version = longValue();
                case "receivedAt" -> receivedAt = instant();
                case "registeredAt" -> registeredAt = instant();
                case "updatedAt" -> updatedAt = instant();
                case "processing" -> processing = processing();
                case "contestedDecision" -> contested = contestedDecision();
                default -> throw unexpected(name);
            }
        }
        return new Appeal(required("appeal/id", id), required("appeal/registrationNumber", registrationNumber),
                required("appeal/node", node), region, required("appeal/kind", kind),
                required("appeal/channel", channel), applicant, required("appeal/text", text), topic, addressee,
                required("appeal/collective", collective), coSigners, required("appeal/confidential", confidential),
                signed, attachments, marks, required("appeal/status", status), required("appeal/version", version),
                required("appeal/receivedAt", receivedAt), required("appeal/registeredAt", registeredAt),
                required("appeal/updatedAt", updatedAt), processing, contested);
    }

    private ContestedDecision contestedDecision() throws XMLStreamException, InvalidMessageException {
        LocalDate decidedOn = null;
        LocalDate learnedOn = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "decidedOn" -> decidedOn = date();
                case "learnedOn" -> learnedOn = date();
                default -> throw unexpected(name);
            }
        }
        return new ContestedDecision(decidedOn, learnedOn);
    }

    private Processing processing() throws XMLStreamException, InvalidMessageException {
        Classification classification = null;
        String relatedTo = null;
        String body = null;
        Instant forwardedAt = null;
        Boolean noStudy = null;
        Integer extensionDays = null;
        LocalDate dueDate = null;
        NotConsideredGround ground = null;
        AnswerResult result = null;
        String answer = null;
        List<Attachment> documents = new ArrayList<>();
        Instant answeredAt = null;
        Integer rating = null;
        LocalDate remindedFor = null;
        Instant escalatedAt = null;
        String accessHash = null;
        boolean priority = false;
        Integer shortenedDays = null;
        String shortenedReason = null;
        boolean termRestored = false;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "classification" -> classification = enumValue(Classification.class);
                case "relatedTo" -> relatedTo = text();
                case "body" -> body = text();
                case "forwardedAt" -> forwardedAt = instant();
                case "noAdditionalStudy" -> noStudy = booleanValue();
                case "extensionDays" -> extensionDays = intValue();
                case "dueDate" -> dueDate = date();
                case "ground" -> ground = enumValue(NotConsideredGround.class);
                case "result" -> result = enumValue(AnswerResult.class);
                case "answer" -> answer = text();
                case "answerDocument" -> documents.add(attachment());
                case "answeredAt" -> answeredAt = instant();
                case "rating" -> rating = intValue();
                case "remindedFor" -> remindedFor = date();
                case "escalatedAt" -> escalatedAt = instant();
                case "accessHash" -> accessHash = text();
                case "priority" -> priority = booleanValue();
                case "shortenedDays" -> shortenedDays = intValue();
                case "shortenedReason" -> shortenedReason = text();
                case "termRestored" -> termRestored = booleanValue();
                default -> throw unexpected(name);
            }
        }
        return new Processing(required("processing/classification", classification), relatedTo, body, forwardedAt,
                required("processing/noAdditionalStudy", noStudy), required("processing/extensionDays", extensionDays),
                dueDate, ground, result, answer, documents, answeredAt, rating, remindedFor, escalatedAt, accessHash,
                priority, shortenedDays, shortenedReason, termRestored);
    }

    private LocalDate date() throws XMLStreamException, InvalidMessageException {
        String v = text().strip();
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw fail("not a date like 2026-12-31");
        }
    }

    private Applicant applicant() throws XMLStreamException, InvalidMessageException {
        ApplicantType type = null;
        String fullName = null;
        String address = null;
        String email = null;
        String phone = null;
        String category = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "type" -> type = enumValue(ApplicantType.class);
                case "fullName" -> fullName = text();
                case "address" -> address = text();
                case "email" -> email = text();
                case "phone" -> phone = text();
                case "category" -> category = text();
                default -> throw unexpected(name);
            }
        }
        return new Applicant(type, fullName, address, email, phone, category);
    }

    private Attachment attachment() throws XMLStreamException, InvalidMessageException {
        String fileName = null;
        String mediaType = null;
        Long sizeBytes = null;
        String sha256 = null;
        for (String name = nextChild(); name != null; name = nextChild()) {
            switch (name) {
                case "fileName" -> fileName = text();
                case "mediaType" -> mediaType = text();
                case "sizeBytes" -> sizeBytes = longValue();
                case "sha256" -> sha256 = text();
                default -> throw unexpected(name);
            }
        }
        return new Attachment(required("attachment/fileName", fileName), mediaType,
                required("attachment/sizeBytes", sizeBytes), sha256);
    }

    /** @return the local name of the next child element, or {@code null} at the end of the current one */
    private String nextChild() throws XMLStreamException {
        return r.nextTag() == XMLStreamConstants.START_ELEMENT ? r.getLocalName() : null;
    }

    private String text() throws XMLStreamException {
        return r.getElementText();
    }

    private long longValue() throws XMLStreamException, InvalidMessageException {
        String v = text().strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw fail("not a number in the range of a long");
        }
    }

    private int intValue() throws XMLStreamException, InvalidMessageException {
        String v = text().strip();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw fail("not a number in the range of an int");
        }
    }

    private boolean booleanValue() throws XMLStreamException, InvalidMessageException {
        // xs:boolean: true, false, 1 or 0.
        switch (text().strip()) {
            case "true":
            case "1":
                return true;
            case "false":
            case "0":
                return false;
            default:
                throw fail("not an xs:boolean");
        }
    }

    private Instant instant() throws XMLStreamException, InvalidMessageException {
        String v = text();
        try {
            return Xml.parseInstant(v);
        } catch (DateTimeException e) {
            throw fail("not a date and time with a time zone");
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type) throws XMLStreamException, InvalidMessageException {
        String v = text();
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw fail("not a known " + type.getSimpleName());
        }
    }

    private <T> T required(String name, T value) throws InvalidMessageException {
        if (value == null) {
            throw new InvalidMessageException("Not accepted: required element " + name + " is missing");
        }
        return value;
    }

    private InvalidMessageException unexpected(String name) {
        return fail("unexpected element " + Reasons.oneLine(name.length() <= Reasons.MAX_QUOTED ? name
                : name.substring(0, Reasons.MAX_QUOTED) + "…"));
    }

    private InvalidMessageException fail(String what) {
        String element = r.isStartElement() || r.isEndElement() ? "element " + r.getLocalName() + ": " : "";
        return new InvalidMessageException("Not accepted: " + Reasons.at(r.getLocation()) + element + what);
    }
}
