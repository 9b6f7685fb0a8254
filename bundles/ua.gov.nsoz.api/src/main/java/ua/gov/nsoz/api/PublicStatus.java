package ua.gov.nsoz.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What anyone holding an appeal's registration number and access code may see: no personal data, no text.
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
 */
public record PublicStatus(String registrationNumber, AppealKind kind, AppealStatus status, Instant registeredAt,
        String bodyName, LocalDate dueDate, AnswerResult result, Instant answeredAt, Integer rating, boolean canRate) {
}
