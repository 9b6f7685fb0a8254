package ua.gov.nsoz.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered appeal: the record every node agrees on.
 *
 * @param id globally unique id (a time-ordered UUID), the same on every node
 * @param registrationNumber human-readable number, unique per node: node code, year, sequence
 * @param node id of the node that registered it (and owns its intake data)
 * @param region region code of that node
 * @param kind proposal, application or complaint
 * @param channel intake channel
 * @param applicant the author, or {@code null} if unknown
 * @param text essence of the issue
 * @param topic topic
 * @param addressee body or official addressed
 * @param collective collective appeal flag
 * @param coSigners signatories of a collective appeal
 * @param confidential confidentiality requested (Art. 10)
 * @param signed whether a written appeal is signed, {@code null} if not applicable
 * @param attachments attachment metadata
 * @param marks legal defects found at intake
 * @param status current status
 * @param version per-appeal version, 1 at registration, +1 per event
 * @param receivedAt when it was received
 * @param registeredAt when it was registered
 * @param updatedAt when it last changed
 */
public record Appeal(String id, String registrationNumber, String node, String region, AppealKind kind,
        Channel channel, Applicant applicant, String text, String topic, String addressee, boolean collective,
        Integer coSigners, boolean confidential, Boolean signed, List<Attachment> attachments, Set<LegalMark> marks,
        AppealStatus status, long version, Instant receivedAt, Instant registeredAt, Instant updatedAt) {

    /** Defensive copies of the collections. */
    public Appeal {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        marks = marks == null ? Set.of() : Set.copyOf(marks);
    }
}
