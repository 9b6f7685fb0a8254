package ua.gov.nsoz.intake;

import java.util.List;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.Attachment;

/**
 * An electronic appeal as a citizen files it (Art. 5 of the Law): who, where they live, the e-mail for the answer,
 * the essence; collective with co-signers; consent to processing personal data.
 *
 * @param kind proposal, application or complaint
 * @param fullName the applicant's full name ({@code null}: anonymous, still registered and marked, Art. 8)
 * @param address place of residence
 * @param email e-mail for the answer (required for an electronic appeal's reply, Art. 5)
 * @param phone a phone, or {@code null}
 * @param text the essence of the issue
 * @param topic a topic code of the classifier, or {@code null}
 * @param collective whether it is collective
 * @param coSigners how many signed a collective appeal
 * @param consent consent to processing personal data (required)
 * @param documents documents already stored at this node ({@code sha256} names them; the name is the citizen's)
 * @param challengeToken the token of a {@link Challenge}
 * @param nonce the nonce that solves it
 * @param idempotencyKey the client's key for this submission (a resend with the same key gets the first
 *        registration), or {@code null}
 */
public record PublicSubmission(AppealKind kind, String fullName, String address, String email, String phone,
        String text, String topic, boolean collective, Integer coSigners, boolean consent, List<Attachment> documents,
        String challengeToken, String nonce, String idempotencyKey) {

    /** The list is copied. */
    public PublicSubmission {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}
