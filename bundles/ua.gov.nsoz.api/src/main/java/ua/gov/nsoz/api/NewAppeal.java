package ua.gov.nsoz.api;

import java.time.Instant;
import java.util.List;

/**
 * An appeal as taken at intake, before registration. Nothing is checked here: the appeal service
 * validates it and reports every problem at once.
 *
 * @param kind proposal, application or complaint
 * @param channel how it came in
 * @param applicant who wrote it; {@code null} when the author is unknown
 * @param text the essence of the issue
 * @param topic the topic as stated or classified
 * @param addressee the body or official it is addressed to
 * @param collective whether it is a collective appeal (Art. 5)
 * @param coSigners number of signatories of a collective appeal
 * @param confidential whether the applicant asked to withhold name and address (Art. 10)
 * @param signed for a written appeal, whether it is signed; {@code null} when not applicable
 * @param receivedAt when it was received; {@code null} for now
 * @param attachments metadata of attached documents
 * @param contested for a complaint: the decision it contests and when the applicant learned of it (Art. 17), or
 *        {@code null}
 */
public record NewAppeal(AppealKind kind, Channel channel, Applicant applicant, String text, String topic,
        String addressee, boolean collective, Integer coSigners, boolean confidential, Boolean signed,
        Instant receivedAt, List<Attachment> attachments, ContestedDecision contested) {

    /**
     * An appeal that names no contested decision.
     *
     * @see NewAppeal
     */
    public NewAppeal(AppealKind kind, Channel channel, Applicant applicant, String text, String topic,
            String addressee, boolean collective, Integer coSigners, boolean confidential, Boolean signed,
            Instant receivedAt, List<Attachment> attachments) {
        this(kind, channel, applicant, text, topic, addressee, collective, coSigners, confidential, signed, receivedAt,
                attachments, null);
    }

    /** Defensive copy of the attachment list; a null element stays, for validation to report it. */
    public NewAppeal {
        attachments = attachments == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attachments));
    }
}
