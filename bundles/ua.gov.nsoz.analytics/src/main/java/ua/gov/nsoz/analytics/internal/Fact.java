package ua.gov.nsoz.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.Topic;

/**
 * An appeal as the analysis counts it (a row of {@code an_fact}): dimension values (codes, {@link #NONE} if missing)
 * and measures. Days are Kyiv dates as epoch days. No personal data.
 */
record Fact(String appealId, int receivedDay, String region, String node, String body, String topic, String section,
        String kind, String channel, String applicantType, String category, String status, String outcome,
        String timeliness, Integer dueDay, Integer answeredDay, Integer daysToAnswer, boolean extended,
        boolean redirected, boolean redirectedInTerm, boolean notConsidered, boolean repeated, Integer rating) {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** The value of a dimension an appeal does not have (no body yet, no applicant, no topic). */
    static final String NONE = "-";
    /** A redirect within this many days of receipt is in term (Law Art. 7). */
    static final int REDIRECT_TERM_DAYS = 5;

    /** Timeliness values. */
    static final String ANSWERED_ON_TIME = "ANSWERED_ON_TIME";
    static final String ANSWERED_LATE = "ANSWERED_LATE";
    static final String OVERDUE = "OVERDUE";
    static final String OPEN_ON_TIME = "OPEN_ON_TIME";
    /** Closed without an answer (not considered, Art. 8, 17): its term no longer runs. */
    static final String CLOSED_UNANSWERED = "CLOSED_UNANSWERED";

    /** Outcome of an open appeal. */
    static final String OUTCOME_NONE = "NONE";
    /** Outcome of an appeal answered at first contact (no result is recorded then). */
    static final String OUTCOME_FIRST_CONTACT = "ANSWERED_AT_FIRST_CONTACT";
    /** Prefix of the outcome of an appeal not considered, followed by its ground. */
    static final String OUTCOME_NOT_CONSIDERED = "NOT_CONSIDERED_";

    /**
     * @param a the appeal as stored
     * @param redirectedAt when it was first redirected, or {@code null}
     * @param dueDates the last day of its term (also once answered, when {@link Processing#dueDate()} is cleared)
     * @param reference for the topic's section
     * @param today Kyiv today, for overdue
     * @return its fact
     */
    static Fact of(Appeal a, Instant redirectedAt, Function<Appeal, LocalDate> dueDates, ReferenceData reference,
            LocalDate today) {
        Processing p = a.processing();
        int received = day(a.receivedAt());
        LocalDate due = p.dueDate() != null ? p.dueDate() : dueDates.apply(a);
        Integer dueDay = due == null ? null : (int) due.toEpochDay();
        boolean notConsidered = a.status() == AppealStatus.NOT_CONSIDERED || p.ground() != null;
        Integer answeredDay = p.answeredAt() == null || notConsidered ? null : day(p.answeredAt());
        String timeliness;
        if (answeredDay != null) {
            timeliness = dueDay == null || answeredDay <= dueDay ? ANSWERED_ON_TIME : ANSWERED_LATE;
        } else if (!a.status().isOpen()) {
            timeliness = CLOSED_UNANSWERED;
        } else {
            timeliness = dueDay != null && dueDay < today.toEpochDay() ? OVERDUE : OPEN_ON_TIME;
        }
        String outcome;
        if (notConsidered) {
            outcome = p.ground() == null ? OUTCOME_NOT_CONSIDERED + NONE : OUTCOME_NOT_CONSIDERED + p.ground().name();
        } else if (p.result() != null) {
            outcome = p.result().name();
        } else if (answeredDay != null) {
            outcome = OUTCOME_FIRST_CONTACT;
        } else {
            outcome = OUTCOME_NONE;
        }
        Applicant applicant = a.applicant();
        String topic = orNone(a.topic());
        Integer redirectDay = redirectedAt == null ? null : day(redirectedAt);
        return new Fact(a.id(), received, region(a), a.node(), orNone(p.body()), topic, section(topic, reference),
                a.kind().name(), a.channel().name(),
                applicant == null || applicant.type() == null ? NONE : applicant.type().name(),
                applicant == null ? NONE : orNone(applicant.category()), a.status().name(), outcome, timeliness,
                dueDay, answeredDay, answeredDay == null ? null : Math.max(0, answeredDay - received),
                p.extensionDays() > 0, redirectDay != null,
                redirectDay != null && redirectDay - received <= REDIRECT_TERM_DAYS, notConsidered,
                p.classification() == Classification.REPEATED, p.rating());
    }

    /** @return the region code, or the node id for an appeal of the center (no region) */
    static String region(Appeal a) {
        return a.region() == null || a.region().isBlank() ? a.node() : a.region();
    }

    /** @return the classifier's heading of a topic: its parent, itself if a heading, else the code before a dot */
    static String section(String topic, ReferenceData reference) {
        if (NONE.equals(topic)) {
            return NONE;
        }
        Topic t = reference == null ? null : reference.topic(topic).orElse(null);
        if (t != null) {
            return t.parentCode() == null || t.parentCode().isBlank() ? t.code() : t.parentCode();
        }
        int dot = topic.indexOf('.');
        return dot > 0 ? topic.substring(0, dot) : topic;
    }

    static int day(Instant at) {
        return (int) at.atZone(KYIV).toLocalDate().toEpochDay();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    /** @return this fact as it stands on another day (only an open appeal's timeliness moves with time) */
    Fact asOf(LocalDate today) {
        if (!OPEN_ON_TIME.equals(timeliness) && !OVERDUE.equals(timeliness)) {
            return this;
        }
        String t = dueDay != null && dueDay < today.toEpochDay() ? OVERDUE : OPEN_ON_TIME;
        return t.equals(timeliness) ? this : new Fact(appealId, receivedDay, region, node, body, topic, section, kind,
                channel, applicantType, category, status, outcome, t, dueDay, answeredDay, daysToAnswer, extended,
                redirected, redirectedInTerm, notConsidered, repeated, rating);
    }

    /** @return the fact's value of a dimension */
    String value(Dimension d) {
        return switch (d) {
            case REGION -> region;
            case NODE -> node;
            case BODY -> body;
            case TOPIC -> topic;
            case SECTION -> section;
            case KIND -> kind;
            case CHANNEL -> channel;
            case APPLICANT_TYPE -> applicantType;
            case CATEGORY -> category;
            case STATUS -> status;
            case OUTCOME -> outcome;
            case TIMELINESS -> timeliness;
        };
    }

    boolean answered() {
        return answeredDay != null;
    }

    boolean onTime() {
        return ANSWERED_ON_TIME.equals(timeliness);
    }

    boolean overdue() {
        return OVERDUE.equals(timeliness);
    }
}
