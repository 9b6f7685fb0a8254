package ua.gov.nsoz.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;

/**
 * The columns of table {@code appeal} and how an {@link Appeal} is written to them and read from them (no SQL is run
 * here: the statements are the callers').
 */
final class AppealColumns {

    /** The columns of {@link Processing}, in the order {@link #bindProcessing} writes them. */
    static final String PROCESSING_COLUMNS = "classification, related_to, body_id, forwarded_at, no_study, "
            + "extension_days, due_day, ground, answer_result, answer_text, answered_at, rating, reminded_for, "
            + "escalated_at, access_hash, priority, shortened_days, shortened_reason, term_restored";

    /** The columns of an {@link Appeal}, in the order {@link #bindAppeal} writes them and {@link #readAppeal} reads. */
    static final String COLUMNS = "id, reg_number, node_id, region, kind, channel, status, version, "
            + "applicant_type, applicant_name, applicant_address, applicant_email, applicant_phone, "
            + "applicant_category, confidential, collective, co_signers, signed, addressee, topic, body, marks, "
            + "received_at, registered_at, updated_at, decided_on, learned_on, " + PROCESSING_COLUMNS;

    /** SQL for "the term runs". */
    static final String OPEN = "status IN (" + java.util.Arrays.stream(AppealStatus.values())
            .filter(AppealStatus::isOpen).map(st -> "'" + st.name() + "'")
            .collect(java.util.stream.Collectors.joining(",")) + ")";

    private AppealColumns() {
    }

    /**
     * Binds an appeal's {@link #COLUMNS} from parameter 1.
     *
     * @return the next parameter index
     */
    static int bindAppeal(PreparedStatement ps, Appeal a) throws SQLException {
        Applicant ap = a.applicant();
        int i = 1;
        ps.setString(i++, a.id());
        ps.setString(i++, a.registrationNumber());
        ps.setString(i++, a.node());
        ps.setString(i++, a.region());
        ps.setString(i++, a.kind().name());
        ps.setString(i++, a.channel().name());
        ps.setString(i++, a.status().name());
        ps.setLong(i++, a.version());
        ps.setString(i++, ap == null || ap.type() == null ? null : ap.type().name());
        ps.setString(i++, ap == null ? null : ap.fullName());
        ps.setString(i++, ap == null ? null : ap.address());
        ps.setString(i++, ap == null ? null : ap.email());
        ps.setString(i++, ap == null ? null : ap.phone());
        ps.setString(i++, ap == null ? null : ap.category());
        ps.setBoolean(i++, a.confidential());
        ps.setBoolean(i++, a.collective());
        setNullableInt(ps, i++, a.coSigners());
        if (a.signed() == null) {
            ps.setNull(i++, Types.BOOLEAN);
        } else {
            ps.setBoolean(i++, a.signed());
        }
        ps.setString(i++, a.addressee());
        ps.setString(i++, a.topic());
        ps.setString(i++, a.text());
        ps.setString(i++, encodeMarks(a.marks()));
        ps.setLong(i++, a.receivedAt().toEpochMilli());
        ps.setLong(i++, a.registeredAt().toEpochMilli());
        ps.setLong(i++, a.updatedAt().toEpochMilli());
        ContestedDecision cd = a.contested();
        setNullableInt(ps, i++, cd == null || cd.decidedOn() == null ? null : (int) cd.decidedOn().toEpochDay());
        setNullableInt(ps, i++, cd == null || cd.learnedOn() == null ? null : (int) cd.learnedOn().toEpochDay());
        return bindProcessing(ps, i, a.processing());
    }

    /** @return the next parameter index */
    static int bindProcessing(PreparedStatement ps, int first, Processing p) throws SQLException {
        int i = first;
        ps.setString(i++, p.classification().name());
        ps.setString(i++, p.relatedTo());
        ps.setString(i++, p.body());
        setNullableLong(ps, i++, p.forwardedAt() == null ? null : p.forwardedAt().toEpochMilli());
        ps.setBoolean(i++, p.noAdditionalStudy());
        ps.setInt(i++, p.extensionDays());
        setNullableInt(ps, i++, p.dueDate() == null ? null : (int) p.dueDate().toEpochDay());
        ps.setString(i++, p.ground() == null ? null : p.ground().name());
        ps.setString(i++, p.result() == null ? null : p.result().name());
        ps.setString(i++, p.answer());
        setNullableLong(ps, i++, p.answeredAt() == null ? null : p.answeredAt().toEpochMilli());
        setNullableInt(ps, i++, p.rating());
        setNullableInt(ps, i++, p.remindedFor() == null ? null : (int) p.remindedFor().toEpochDay());
        setNullableLong(ps, i++, p.escalatedAt() == null ? null : p.escalatedAt().toEpochMilli());
        ps.setString(i++, p.accessHash());
        ps.setBoolean(i++, p.priority());
        setNullableInt(ps, i++, p.shortenedDays());
        ps.setString(i++, p.shortenedReason());
        ps.setBoolean(i++, p.termRestored());
        return i;
    }

    static void setNullableLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    static void setNullableInt(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
    }

    /** @return the appeal of the current row, selected with {@link #COLUMNS} */
    static Appeal readAppeal(ResultSet rs, List<Attachment> attachments) throws SQLException {
        String applicantType = rs.getString("applicant_type");
        String name = rs.getString("applicant_name");
        String address = rs.getString("applicant_address");
        String email = rs.getString("applicant_email");
        String phone = rs.getString("applicant_phone");
        String category = rs.getString("applicant_category");
        Applicant applicant = applicantType == null && name == null && address == null && email == null
                && phone == null && category == null ? null
                        : new Applicant(applicantType == null ? null : ApplicantType.valueOf(applicantType), name,
                                address, email, phone, category);
        java.time.LocalDate decidedOn = dayOrNull(rs, "decided_on");
        java.time.LocalDate learnedOn = dayOrNull(rs, "learned_on");
        ContestedDecision contested = decidedOn == null && learnedOn == null ? null
                : new ContestedDecision(decidedOn, learnedOn);
        int coSigners = rs.getInt("co_signers");
        Integer coSignersValue = rs.wasNull() ? null : coSigners;
        boolean signed = rs.getBoolean("signed");
        Boolean signedValue = rs.wasNull() ? null : signed;
        return new Appeal(rs.getString("id"), rs.getString("reg_number"), rs.getString("node_id"),
                rs.getString("region"), AppealKind.valueOf(rs.getString("kind")),
                Channel.valueOf(rs.getString("channel")), applicant, rs.getString("body"), rs.getString("topic"),
                rs.getString("addressee"), rs.getBoolean("collective"), coSignersValue, rs.getBoolean("confidential"),
                signedValue, attachments, decodeMarks(rs.getString("marks")),
                AppealStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                Instant.ofEpochMilli(rs.getLong("received_at")), Instant.ofEpochMilli(rs.getLong("registered_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), readProcessing(rs, List.of()), contested);
    }

    /**
     * @param a an appeal as {@link #readAppeal} read it, without attachments
     * @param attachments its own attachments, in order
     * @param answerDocuments its answer's documents, in order
     * @return the appeal with both
     */
    static Appeal withAttachments(Appeal a, List<Attachment> attachments, List<Attachment> answerDocuments) {
        if (attachments.isEmpty() && answerDocuments.isEmpty()) {
            return a;
        }
        Processing p = a.processing();
        Processing withDocuments = p.toBuilder().answer(p.result(), p.answer(), answerDocuments, p.answeredAt())
                .build();
        return new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(), a.applicant(),
                a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                attachments, a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt(),
                withDocuments, a.contested());
    }

    private static Processing readProcessing(ResultSet rs, List<Attachment> answerDocuments) throws SQLException {
        return new Processing(Classification.valueOf(rs.getString("classification")), rs.getString("related_to"),
                rs.getString("body_id"), instantOrNull(rs, "forwarded_at"), rs.getBoolean("no_study"),
                rs.getInt("extension_days"), dayOrNull(rs, "due_day"), enumOrNull(NotConsideredGround.class,
                        rs.getString("ground")),
                enumOrNull(AnswerResult.class, rs.getString("answer_result")), rs.getString("answer_text"),
                answerDocuments, instantOrNull(rs, "answered_at"), intOrNull(rs, "rating"),
                dayOrNull(rs, "reminded_for"), instantOrNull(rs, "escalated_at"), rs.getString("access_hash"),
                rs.getBoolean("priority"), intOrNull(rs, "shortened_days"), rs.getString("shortened_reason"),
                rs.getBoolean("term_restored"));
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static java.time.LocalDate dayOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : java.time.LocalDate.ofEpochDay(v);
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    static String encodeMarks(Set<LegalMark> marks) {
        StringBuilder sb = new StringBuilder();
        for (LegalMark m : LegalMark.values()) {
            if (marks.contains(m)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(m.name());
            }
        }
        return sb.toString();
    }

    static Set<LegalMark> decodeMarks(String s) {
        EnumSet<LegalMark> marks = EnumSet.noneOf(LegalMark.class);
        if (s != null && !s.isEmpty()) {
            for (String part : s.split(",")) {
                marks.add(LegalMark.valueOf(part));
            }
        }
        return marks;
    }
}
