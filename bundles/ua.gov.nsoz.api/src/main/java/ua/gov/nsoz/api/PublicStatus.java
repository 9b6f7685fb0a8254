package ua.gov.nsoz.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What anyone holding an appeal's registration number and access code may see: no personal data, not the appeal's
 * text; once answered, the answer and its documents (issue 15).
 *
 * @param registrationNumber the number
 * @param kind proposal, application or complaint
 * @param status where it stands
 * @param registeredAt when it was registered
 * @param bodyName the body considering it, if forwarded
 * @param dueDate the last day of the term, while it runs
 * @param result the outcome, once answered
 * @param answeredAt when it was answered
 * @param rating the applicant's rating, once given
 * @param canRate whether the answer can be rated now
 * @param dueDateExplanation how the last day of the term was computed, one step a line, "Ukrainian / English"
 *        (while the term runs), or {@code null}
 * @param answer the answer's text, once answered, or {@code null}
 * @param answerDocuments the documents of the answer (empty if none)
 */
public record PublicStatus(String registrationNumber, AppealKind kind, AppealStatus status, Instant registeredAt,
        String bodyName, LocalDate dueDate, AnswerResult result, Instant answeredAt, Integer rating, boolean canRate,
        String dueDateExplanation, String answer, java.util.List<Attachment> answerDocuments) {

    /** The list is copied. */
    public PublicStatus {
        answerDocuments = answerDocuments == null ? java.util.List.of() : java.util.List.copyOf(answerDocuments);
    }

    /**
     * A status without the explanation and the answer (as before they were added).
     *
     * @see PublicStatus
     */
    public PublicStatus(String registrationNumber, AppealKind kind, AppealStatus status, Instant registeredAt,
            String bodyName, LocalDate dueDate, AnswerResult result, Instant answeredAt, Integer rating,
            boolean canRate) {
        this(registrationNumber, kind, status, registeredAt, bodyName, dueDate, result, answeredAt, rating, canRate,
                null, null, java.util.List.of());
    }
}
