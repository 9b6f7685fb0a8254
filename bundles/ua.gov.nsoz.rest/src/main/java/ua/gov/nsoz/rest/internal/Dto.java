package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NewAppeal;

/** The JSON shapes of the API, kept apart from the domain so either can change without the other. */
final class Dto {

    private Dto() {
    }

    /** The applicant, in requests and responses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApplicantJson(ApplicantType type, String fullName, String address, String email, String phone,
            String category) {

        static ApplicantJson of(Applicant a) {
            return a == null ? null
                    : new ApplicantJson(a.type(), a.fullName(), a.address(), a.email(), a.phone(), a.category());
        }

        Applicant toDomain() {
            return new Applicant(type, fullName, address, email, phone, category);
        }
    }

    /** The decision a complaint contests and when the applicant learned of it (Art. 17), in requests and responses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContestedJson(java.time.LocalDate decidedOn, java.time.LocalDate learnedOn) {

        static ContestedJson of(ua.gov.nsoz.api.ContestedDecision c) {
            return c == null ? null : new ContestedJson(c.decidedOn(), c.learnedOn());
        }

        ua.gov.nsoz.api.ContestedDecision toDomain() {
            return new ua.gov.nsoz.api.ContestedDecision(decidedOn, learnedOn);
        }
    }

    /** Attachment metadata, in requests and responses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttachmentJson(String fileName, String mediaType, Long sizeBytes, String sha256) {

        static AttachmentJson of(Attachment a) {
            return new AttachmentJson(a.fileName(), a.mediaType(), a.sizeBytes(), a.sha256());
        }

        Attachment toDomain() {
            return new Attachment(fileName, mediaType, sizeBytes == null ? 0 : sizeBytes, sha256);
        }
    }

    /** {@code POST /appeals} body. */
    record AppealRequest(AppealKind kind, Channel channel, ApplicantJson applicant, String text, String topic,
            String addressee, Boolean collective, Integer coSigners, Boolean confidential, Boolean signed,
            Instant receivedAt, List<AttachmentJson> attachments, ContestedJson contestedDecision) {

        NewAppeal toDomain() {
            List<Attachment> list = new ArrayList<>();
            if (attachments != null) {
                for (AttachmentJson a : attachments) {
                    list.add(a == null ? null : a.toDomain());
                }
            }
            return new NewAppeal(kind, channel, applicant == null ? null : applicant.toDomain(), text, topic, addressee,
                    Boolean.TRUE.equals(collective), coSigners, Boolean.TRUE.equals(confidential), signed, receivedAt,
                    list, contestedDecision == null ? null : contestedDecision.toDomain());
        }
    }

    /** {@code POST /appeals/{id}/actions} body: the action and what it needs (see AppealAction). */
    record ActionRequest(ua.gov.nsoz.api.AppealAction action, String comment, String body, String topic,
            ua.gov.nsoz.api.Classification classification, ua.gov.nsoz.api.NotConsideredGround ground,
            ua.gov.nsoz.api.AnswerResult result, String text, Integer days, Integer rating,
            List<AttachmentJson> documents, String article) {

        /** Without an article (issue 16 added it: the knowledge article an answer at first contact came from). */
        ActionRequest(ua.gov.nsoz.api.AppealAction action, String comment, String body, String topic,
                ua.gov.nsoz.api.Classification classification, ua.gov.nsoz.api.NotConsideredGround ground,
                ua.gov.nsoz.api.AnswerResult result, String text, Integer days, Integer rating,
                List<AttachmentJson> documents) {
            this(action, comment, body, topic, classification, ground, result, text, days, rating, documents, null);
        }

        ua.gov.nsoz.api.ActionRequest toDomain() {
            List<Attachment> list = new ArrayList<>();
            if (documents != null) {
                for (AttachmentJson a : documents) {
                    list.add(a == null ? null : a.toDomain());
                }
            }
            return new ua.gov.nsoz.api.ActionRequest(action, comment, body, topic, classification, ground, result, text,
                    days, rating, list, article);
        }
    }

    /** Where the consideration of an appeal stands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProcessingJson(ua.gov.nsoz.api.Classification classification, String relatedTo, String body,
            Instant forwardedAt, boolean noAdditionalStudy, int extensionDays, java.time.LocalDate dueDate,
            ua.gov.nsoz.api.NotConsideredGround ground, String groundArticle, ua.gov.nsoz.api.AnswerResult result,
            String answer, List<AttachmentJson> answerDocuments, Instant answeredAt, Integer rating,
            java.time.LocalDate remindedFor, Instant escalatedAt, boolean priority, Integer shortenedDays,
            String shortenedReason, boolean termRestored) {

        static ProcessingJson of(ua.gov.nsoz.api.Processing p) {
            return new ProcessingJson(p.classification(), p.relatedTo(), p.body(), p.forwardedAt(),
                    p.noAdditionalStudy(), p.extensionDays(), p.dueDate(), p.ground(),
                    p.ground() == null ? null : p.ground().article(), p.result(), p.answer(),
                    p.answerDocuments().stream().map(AttachmentJson::of).toList(), p.answeredAt(), p.rating(),
                    p.remindedFor(), p.escalatedAt(), p.priority(), p.shortenedDays(), p.shortenedReason(),
                    p.termRestored());
        }
    }

    /** What an action did: applied here, or sent to the appeal's owner as a change request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActionResultJson(boolean applied, String requestId, String owner, AppealJson appeal) {
    }

    /** A legal mark with its ground. */
    record MarkJson(String code, String article, String message) {

        static MarkJson of(LegalMark m) {
            return new MarkJson(m.name(), m.article(), m.messageUk() + " / " + m.messageEn());
        }
    }

    static List<MarkJson> marksOf(Appeal a) {
        return a.marks().stream().sorted(Comparator.naturalOrder()).map(MarkJson::of).toList();
    }

    /** A registered appeal in full. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AppealJson(String id, String registrationNumber, String node, String region, AppealKind kind,
            Channel channel, ApplicantJson applicant, String text, String topic, String addressee, boolean collective,
            Integer coSigners, boolean confidential, Boolean signed, List<AttachmentJson> attachments,
            List<MarkJson> marks, AppealStatus status, long version, Instant receivedAt, Instant registeredAt,
            Instant updatedAt, ProcessingJson processing, String accessCode, ContestedJson contestedDecision) {

        static AppealJson of(Appeal a) {
            return of(a, null);
        }

        /** @param accessCode the applicant's access code: only in the answer to the registration */
        static AppealJson of(Appeal a, String accessCode) {
            return new AppealJson(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                    ApplicantJson.of(a.applicant()), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(),
                    a.confidential(), a.signed(), a.attachments().stream().map(AttachmentJson::of).toList(), marksOf(a),
                    a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt(),
                    ProcessingJson.of(a.processing()), accessCode, ContestedJson.of(a.contested()));
        }
    }

    /** An appeal in a list: what an operator scans, without the full text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AppealSummaryJson(String id, String registrationNumber, String node, String region, AppealKind kind,
            Channel channel, AppealStatus status, String topic, String textPreview, boolean confidential,
            List<MarkJson> marks, long version, Instant registeredAt, ua.gov.nsoz.api.Classification classification,
            String body, java.time.LocalDate dueDate, boolean priority) {

        static final int PREVIEW = 160;

        static AppealSummaryJson of(Appeal a) {
            String text = a.text();
            String preview = text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
            return new AppealSummaryJson(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                    a.status(), a.topic(), preview, a.confidential(), marksOf(a), a.version(), a.registeredAt(),
                    a.processing().classification(), a.processing().body(), a.processing().dueDate(),
                    a.processing().priority());
        }
    }

    /** One page of a list. */
    record PageJson<T>(List<T> items, long total, int offset, int limit) {
    }

    /** This node. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NodeJson(String nodeId, String code, String name, String role, String region, String version,
            Instant startedAt, long uptimeSeconds) {
    }

    /** Every error answer: what went wrong, and per field where that applies. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ErrorJson(int status, String error, String message, List<FieldError> errors, String incident) {
    }
}
