package ua.gov.nsoz.api;

import java.util.List;
import java.util.Objects;

/**
 * An action on an appeal with what it needs; which fields an action requires is in {@link AppealAction}.
 *
 * @param action what to do
 * @param comment a note, or the reason for a redirect or an extension
 * @param body the body to forward or redirect to (an id of the reference data)
 * @param topic the topic code to classify with
 * @param classification the classification to set
 * @param ground the legal ground for not considering
 * @param result the outcome of the answer
 * @param text the answer's text (also the answer given at first contact)
 * @param days days to extend by
 * @param rating the applicant's rating of the answer, 1 to 5
 * @param documents documents attached to the answer
 * @param article the code of the knowledge article the answer at first contact was given from (R4, R5;
 *     {@code ua.gov.nsoz.api.knowledge}); only with ANSWER_AT_FIRST_CONTACT, optional; kept in the event
 */
public record ActionRequest(AppealAction action, String comment, String body, String topic,
        Classification classification, NotConsideredGround ground, AnswerResult result, String text, Integer days,
        Integer rating, List<Attachment> documents, String article) {

    /**
     * The request without an article (every action before issue 16; kept for compatibility).
     *
     * @param action what to do
     * @param comment a note
     * @param body the body
     * @param topic the topic code
     * @param classification the classification
     * @param ground the legal ground
     * @param result the outcome of the answer
     * @param text the answer's text
     * @param days days to extend by
     * @param rating the rating
     * @param documents the documents
     */
    public ActionRequest(AppealAction action, String comment, String body, String topic,
            Classification classification, NotConsideredGround ground, AnswerResult result, String text, Integer days,
            Integer rating, List<Attachment> documents) {
        this(action, comment, body, topic, classification, ground, result, text, days, rating, documents, null);
    }

    /** The action is required; the documents are copied. */
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /**
     * @param action an action that needs at most a comment
     * @param comment the comment
     * @return the request
     */
    public static ActionRequest of(AppealAction action, String comment) {
        return new ActionRequest(action, comment, null, null, null, null, null, null, null, null, null);
    }
}
