package ua.gov.nsoz.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where the consideration of an appeal stands: what preliminary processing, the executive body and the
 * applicant did to it. Part of the record every node keeps (the owner writes it, the others receive it).
 *
 * @param classification primary, repeated, duplicate, multiple or mass
 * @param relatedTo the registration number of the earlier appeal it repeats or duplicates, if found
 * @param body the executive body (reference id) the appeal is with, once forwarded
 * @param forwardedAt when it reached that body
 * @param noAdditionalStudy marked as needing no additional study (15-day term, Art. 20)
 * @param extensionDays days the term was extended by, in total (Art. 20)
 * @param dueDate the last day of the term as it stands, while it runs
 * @param ground why it is not considered, if so (Art. 8, 17)
 * @param result the outcome of the answer
 * @param answer the answer's text (or the answer given at first contact)
 * @param answerDocuments documents attached to the answer
 * @param answeredAt when it was answered
 * @param rating the applicant's rating of the answer, 1 to 5
 * @param remindedFor the due date a reminder was raised for (so it is raised once)
 * @param escalatedAt when the overdue appeal was escalated to the center
 * @param accessHash a salted hash of the applicant's access code for the public status lookup (never the code)
 * @param priority considered first: the applicant's category has statutory benefits (Art. 20 part 3); set at intake
 * @param shortenedDays the term shortened to this many days on the applicant's reasoned written request (Art. 20
 *        part 2); {@code null} if not shortened
 * @param shortenedReason the applicant's reason for the shortened term, recorded with it
 * @param termRestored the term to file a late complaint was restored by the body (Art. 17), so that it is considered
 */
public record Processing(Classification classification, String relatedTo, String body, Instant forwardedAt,
        boolean noAdditionalStudy, int extensionDays, LocalDate dueDate, NotConsideredGround ground,
        AnswerResult result, String answer, List<Attachment> answerDocuments, Instant answeredAt, Integer rating,
        LocalDate remindedFor, Instant escalatedAt, String accessHash, boolean priority, Integer shortenedDays,
        String shortenedReason, boolean termRestored) {

    /** Nothing done yet. */
    public static final Processing NONE = new Processing(Classification.PRIMARY, null, null, null, false, 0, null,
            null, null, null, List.of(), null, null, null, null, null, false, null, null, false);

    /**
     * The state without the fields added for the terms of the Law (issue #13): not priority, not shortened, not
     * restored.
     *
     * @see Processing
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public Processing(Classification classification, String relatedTo, String body, Instant forwardedAt,
            boolean noAdditionalStudy, int extensionDays, LocalDate dueDate, NotConsideredGround ground,
            AnswerResult result, String answer, List<Attachment> answerDocuments, Instant answeredAt, Integer rating,
            LocalDate remindedFor, Instant escalatedAt, String accessHash) {
        this(classification, relatedTo, body, forwardedAt, noAdditionalStudy, extensionDays, dueDate, ground, result,
                answer, answerDocuments, answeredAt, rating, remindedFor, escalatedAt, accessHash, false, null, null,
                false);
    }

    /** Copies the documents; a missing classification is primary. */
    public Processing {
        classification = classification == null ? Classification.PRIMARY : classification;
        answerDocuments = answerDocuments == null ? List.of() : List.copyOf(answerDocuments);
    }

    /** A builder that starts from this state. @return the builder */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a copy, field by field. */
    public static final class Builder {
        private Classification classification;
        private String relatedTo;
        private String body;
        private Instant forwardedAt;
        private boolean noAdditionalStudy;
        private int extensionDays;
        private LocalDate dueDate;
        private NotConsideredGround ground;
        private AnswerResult result;
        private String answer;
        private List<Attachment> answerDocuments;
        private Instant answeredAt;
        private Integer rating;
        private LocalDate remindedFor;
        private Instant escalatedAt;
        private String accessHash;
        private boolean priority;
        private Integer shortenedDays;
        private String shortenedReason;
        private boolean termRestored;

        private Builder(Processing p) {
            classification = p.classification;
            relatedTo = p.relatedTo;
            body = p.body;
            forwardedAt = p.forwardedAt;
            noAdditionalStudy = p.noAdditionalStudy;
            extensionDays = p.extensionDays;
            dueDate = p.dueDate;
            ground = p.ground;
            result = p.result;
            answer = p.answer;
            answerDocuments = p.answerDocuments;
            answeredAt = p.answeredAt;
            rating = p.rating;
            remindedFor = p.remindedFor;
            escalatedAt = p.escalatedAt;
            accessHash = p.accessHash;
            priority = p.priority;
            shortenedDays = p.shortenedDays;
            shortenedReason = p.shortenedReason;
            termRestored = p.termRestored;
        }

        /** @param v classification @return this */
        public Builder classification(Classification v) {
            classification = v;
            return this;
        }

        /** @param v related registration number @return this */
        public Builder relatedTo(String v) {
            relatedTo = v;
            return this;
        }

        /** @param v body id @param at when it reached the body @return this */
        public Builder body(String v, Instant at) {
            body = v;
            forwardedAt = at;
            return this;
        }

        /** @param v flag @return this */
        public Builder noAdditionalStudy(boolean v) {
            noAdditionalStudy = v;
            return this;
        }

        /** @param v total extension days @return this */
        public Builder extensionDays(int v) {
            extensionDays = v;
            return this;
        }

        /** @param v due date @return this */
        public Builder dueDate(LocalDate v) {
            dueDate = v;
            return this;
        }

        /** @param v ground @return this */
        public Builder ground(NotConsideredGround v) {
            ground = v;
            return this;
        }

        /**
         * @param r result
         * @param text answer
         * @param docs documents
         * @param at when
         * @return this
         */
        public Builder answer(AnswerResult r, String text, List<Attachment> docs, Instant at) {
            result = r;
            answer = text;
            answerDocuments = docs;
            answeredAt = at;
            return this;
        }

        /** @param v rating @return this */
        public Builder rating(Integer v) {
            rating = v;
            return this;
        }

        /** @param v due date reminded for @return this */
        public Builder remindedFor(LocalDate v) {
            remindedFor = v;
            return this;
        }

        /** @param v when escalated @return this */
        public Builder escalatedAt(Instant v) {
            escalatedAt = v;
            return this;
        }

        /** @param v access hash @return this */
        public Builder accessHash(String v) {
            accessHash = v;
            return this;
        }

        /** @param v considered first (Art. 20 part 3) @return this */
        public Builder priority(boolean v) {
            priority = v;
            return this;
        }

        /**
         * @param days the shortened term in days (Art. 20 part 2), null for none
         * @param reason the applicant's reason
         * @return this
         */
        public Builder shortened(Integer days, String reason) {
            shortenedDays = days;
            shortenedReason = reason;
            return this;
        }

        /** @param v the late complaint's term restored (Art. 17) @return this */
        public Builder termRestored(boolean v) {
            termRestored = v;
            return this;
        }

        /** @return the new state */
        public Processing build() {
            return new Processing(classification, relatedTo, body, forwardedAt, noAdditionalStudy, extensionDays,
                    dueDate, ground, result, answer, answerDocuments, answeredAt, rating, remindedFor, escalatedAt,
                    accessHash, priority, shortenedDays, shortenedReason, termRestored);
        }
    }
}
