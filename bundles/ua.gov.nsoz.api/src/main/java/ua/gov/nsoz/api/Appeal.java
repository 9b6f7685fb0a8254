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
 * @param processing where its consideration stands
 * @param contested for a complaint, the decision it contests and when the applicant learned of it (Art. 17);
 *        {@code null} when not given
 */
public record Appeal(String id, String registrationNumber, String node, String region, AppealKind kind,
        Channel channel, Applicant applicant, String text, String topic, String addressee, boolean collective,
        Integer coSigners, boolean confidential, Boolean signed, List<Attachment> attachments, Set<LegalMark> marks,
        AppealStatus status, long version, Instant receivedAt, Instant registeredAt, Instant updatedAt,
        Processing processing, ContestedDecision contested) {

    /** Defensive copies of the collections; no processing is {@link Processing#NONE}. */
    public Appeal {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        marks = marks == null ? Set.of() : Set.copyOf(marks);
        processing = processing == null ? Processing.NONE : processing;
    }

    /**
     * An appeal that contests no decision (or does not say which).
     *
     * @see Appeal
     */
    public Appeal(String id, String registrationNumber, String node, String region, AppealKind kind, Channel channel,
            Applicant applicant, String text, String topic, String addressee, boolean collective, Integer coSigners,
            boolean confidential, Boolean signed, List<Attachment> attachments, Set<LegalMark> marks,
            AppealStatus status, long version, Instant receivedAt, Instant registeredAt, Instant updatedAt,
            Processing processing) {
        this(id, registrationNumber, node, region, kind, channel, applicant, text, topic, addressee, collective,
                coSigners, confidential, signed, attachments, marks, status, version, receivedAt, registeredAt,
                updatedAt, processing, null);
    }

    /**
     * An appeal on which nothing has been done since registration.
     *
     * @see #Appeal(String, String, String, String, AppealKind, Channel, Applicant, String, String, String, boolean,
     *      Integer, boolean, Boolean, List, Set, AppealStatus, long, Instant, Instant, Instant, Processing)
     */
    public Appeal(String id, String registrationNumber, String node, String region, AppealKind kind, Channel channel,
            Applicant applicant, String text, String topic, String addressee, boolean collective, Integer coSigners,
            boolean confidential, Boolean signed, List<Attachment> attachments, Set<LegalMark> marks,
            AppealStatus status, long version, Instant receivedAt, Instant registeredAt, Instant updatedAt) {
        this(id, registrationNumber, node, region, kind, channel, applicant, text, topic, addressee, collective,
                coSigners, confidential, signed, attachments, marks, status, version, receivedAt, registeredAt,
                updatedAt, Processing.NONE);
    }

    /**
     * @param newProcessing where its consideration stands
     * @return this appeal, same version, with that processing state
     */
    public Appeal withProcessing(Processing newProcessing) {
        return new Appeal(id, registrationNumber, node, region, kind, channel, applicant, text, topic, addressee,
                collective, coSigners, confidential, signed, attachments, marks, status, version, receivedAt,
                registeredAt, updatedAt, newProcessing, contested);
    }

    /**
     * The next version of this appeal, after an event.
     *
     * @param newTopic its topic
     * @param newStatus its status
     * @param at when the event happened
     * @param newProcessing where its consideration stands
     * @return the appeal with the version one higher
     */
    public Appeal next(String newTopic, AppealStatus newStatus, Instant at, Processing newProcessing) {
        return new Appeal(id, registrationNumber, node, region, kind, channel, applicant, text, newTopic, addressee,
                collective, coSigners, confidential, signed, attachments, marks, newStatus, version + 1, receivedAt,
                registeredAt, at, newProcessing, contested);
    }
}
