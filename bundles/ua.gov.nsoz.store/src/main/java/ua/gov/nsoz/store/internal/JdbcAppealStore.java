package ua.gov.nsoz.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.StoreException;

/**
 * The store over plain JDBC, in standard SQL (OFFSET/FETCH paging, no sequence objects), so the
 * same code can run on another database than Derby.
 */
public class JdbcAppealStore implements AppealStore, ReplicationStore {

    /** The columns of {@link Processing}, in the order {@link #bindProcessing} writes them. */
    private static final String PROCESSING_COLUMNS = "classification, related_to, body_id, forwarded_at, no_study, "
            + "extension_days, due_day, ground, answer_result, answer_text, answered_at, rating, reminded_for, "
            + "escalated_at, access_hash, priority, shortened_days, shortened_reason, term_restored";

    /** The columns of an {@link Appeal}, in the order {@link #bindAppeal} writes them and {@link #readAppeal} reads. */
    static final String COLUMNS = "id, reg_number, node_id, region, kind, channel, status, version, "
            + "applicant_type, applicant_name, applicant_address, applicant_email, applicant_phone, "
            + "applicant_category, confidential, collective, co_signers, signed, addressee, topic, body, marks, "
            + "received_at, registered_at, updated_at, decided_on, learned_on, " + PROCESSING_COLUMNS;

    private static final String INSERT_APPEAL = "INSERT INTO appeal (" + COLUMNS + ", applicant_key, text_fp) VALUES ("
            + String.join(",", java.util.Collections.nCopies(COLUMNS.split(",").length + 2, "?")) + ")";

    private static final String INSERT_ATTACHMENT = "INSERT INTO appeal_attachment "
            + "(appeal_id, position, file_name, media_type, size_bytes, sha256, part) VALUES (?,?,?,?,?,?,?)";

    private static final String INSERT_EVENT = "INSERT INTO appeal_event "
            + "(event_id, appeal_id, version, event_type, occurred_at, node_id, actor, payload) VALUES (?,?,?,?,?,?,?,?)";

    private final DataSource dataSource;
    /** Peers known to have their peer_link row (made once, before the first transaction that needs it). */
    private final Set<String> knownPeers = ConcurrentHashMap.newKeySet();

    /**
     * @param dataSource where the tables live; the schema must be migrated already
     */
    public JdbcAppealStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the number and stores the appeal in one transaction: the year's counter row stays locked until the
     * commit, so this node's registrations take their numbers one after another, and a registration rolled back
     * (or lost in a crash before its commit) gives its number back.
     */
    @Override
    public Registration register(int year, java.util.function.LongFunction<Registration> build,
            java.util.Collection<String> outboxDestinations) {
        ensurePeers(outboxDestinations);
        return inTransaction("Cannot register an appeal in " + year, c -> {
            Registration r = build.apply(takeNumber(c, year));
            Appeal a = r.appeal();
            insertAppealRows(c, a);
            insertEvent(c, r.event());
            for (String destination : outboxDestinations) {
                insertOutbox(c, destination, java.util.UUID.randomUUID().toString(), "appealEvent", a.id(),
                        r.event().eventId(), null);
            }
            return r;
        });
    }

    @Override
    @Deprecated
    public long nextRegistrationSequence(int year) {
        return inTransaction("Cannot take a registration number for " + year, c -> takeNumber(c, year));
    }

    /**
     * The year's next number, taken in the caller's transaction: {@code registration_counter.next_value} is the
     * number the next registration gets (a database numbered in blocks of 50 before continues after its last block).
     * The UPDATE takes the row's write lock, held to the commit. A year's first registration inserts its row; if
     * another transaction inserted it meanwhile, the primary key refuses it and the UPDATE is run again (it waits
     * for that transaction).
     */
    private static long takeNumber(Connection c, int year) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE registration_counter SET next_value = next_value + 1 WHERE reg_year = ?")) {
                ps.setInt(1, year);
                if (ps.executeUpdate() == 1) {
                    try (PreparedStatement read = c.prepareStatement(
                            "SELECT next_value FROM registration_counter WHERE reg_year = ?")) {
                        read.setInt(1, year);
                        try (ResultSet rs = read.executeQuery()) {
                            rs.next();
                            return rs.getLong(1) - 1;
                        }
                    }
                }
            }
            // A savepoint, so that the refused INSERT leaves the transaction usable on any database.
            java.sql.Savepoint before = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO registration_counter (reg_year, next_value) VALUES (?, 2)")) {
                ps.setInt(1, year);
                ps.executeUpdate();
                c.releaseSavepoint(before);
                return 1;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) || attempt > 1) {
                    throw e;
                }
                c.rollback(before);
            }
        }
    }

    @Override
    public void insert(Appeal a, AppealEvent event, java.util.Collection<String> outboxDestinations) {
        ensurePeers(outboxDestinations);
        inTransaction("Cannot store appeal " + a.id(), c -> {
            insertAppealRows(c, a);
            insertEvent(c, event);
            for (String destination : outboxDestinations) {
                insertOutbox(c, destination, java.util.UUID.randomUUID().toString(), "appealEvent", a.id(),
                        event.eventId(), null);
            }
            return null;
        });
    }

    @Override
    public UpdateResult update(Appeal next, AppealEvent event, java.util.Collection<String> outboxDestinations,
            Inbound inbound) {
        ensurePeers(outboxDestinations);
        if (inbound != null) {
            ensurePeer(inbound.sourceNode());
        }
        return inTransaction("Cannot update appeal " + next.id(), c -> {
            if (inbound != null) {
                if (!insertInbox(c, inbound, "APPLIED")) {
                    return UpdateResult.DUPLICATE;
                }
                countReceived(c, inbound.sourceNode(), 1, inbound.sourceSeq(), inbound.sentAt());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE appeal SET status = ?, version = ?, updated_at = ?, "
                    + "topic = ?, " + PROCESSING_COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ? AND version = ?")) {
                ps.setString(1, next.status().name());
                ps.setLong(2, next.version());
                ps.setLong(3, next.updatedAt().toEpochMilli());
                ps.setString(4, next.topic());
                int i = bindProcessing(ps, 5, next.processing());
                ps.setString(i++, next.id());
                ps.setLong(i, next.version() - 1);
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return UpdateResult.CONFLICT;
                }
            }
            replaceAnswerDocuments(c, next);
            insertEvent(c, event);
            for (String destination : outboxDestinations) {
                insertOutbox(c, destination, java.util.UUID.randomUUID().toString(), "appealEvent", next.id(),
                        event.eventId(), null);
            }
            return UpdateResult.UPDATED;
        });
    }

    @Override
    public boolean reply(Inbound inbound, String destination, String messageId, String messageType, String appealId,
            String payload) {
        ensurePeer(inbound.sourceNode());
        ensurePeer(destination);
        return inTransaction("Cannot answer message " + inbound.messageId(), c -> {
            if (!insertInbox(c, inbound, "ANSWERED")) {
                return false;
            }
            countReceived(c, inbound.sourceNode(), 1, inbound.sourceSeq(), inbound.sentAt());
            insertOutbox(c, destination, messageId, messageType, appealId, null, payload);
            return true;
        });
    }

    /** Makes the peer's row in peer_link if it has none (its own short transaction; a row without figures is harmless). */
    private void ensurePeer(String peer) {
        if (peer == null || knownPeers.contains(peer)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO peer_link (peer, shipped, last_sent_seq) "
                        + "VALUES (?, 0, 0)")) {
            ps.setString(1, peer);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw new StoreException("Cannot record peer " + peer, e);
            }
        }
        knownPeers.add(peer);
    }

    private void ensurePeers(java.util.Collection<String> peers) {
        if (peers != null) {
            peers.forEach(this::ensurePeer);
        }
    }

    /**
     * Counts messages applied from a peer, in the transaction that applied them.
     *
     * @param maxSeq the highest sequence among them
     * @param sentAt when the sender committed that one ({@code null} if unknown)
     */
    private static void countReceived(Connection c, String peer, int count, long maxSeq, Instant sentAt)
            throws SQLException {
        if (count == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE peer_link SET received = received + ?, "
                + "last_received_seq = CASE WHEN last_received_seq > ? THEN last_received_seq ELSE ? END, "
                + "last_received_at = ?, last_received_lag = ? WHERE peer = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, maxSeq);
            ps.setLong(3, maxSeq);
            ps.setLong(4, now);
            if (sentAt == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, Math.max(0, now - sentAt.toEpochMilli()));
            }
            ps.setString(6, peer);
            if (ps.executeUpdate() == 0) {
                throw new SQLException("No peer_link row for " + peer, "NSOZ1");
            }
        }
    }

    private static void insertOutbox(Connection c, String destination, String messageId, String type, String appealId,
            String eventId, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (destination, message_id, message_type, "
                + "appeal_id, event_id, payload, created_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, destination);
            ps.setString(2, messageId);
            ps.setString(3, type);
            ps.setString(4, appealId);
            ps.setString(5, eventId);
            if (payload == null) {
                ps.setNull(6, Types.CLOB);
            } else {
                ps.setString(6, payload);
            }
            ps.setLong(7, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    private static void insertAppealRows(Connection c, Appeal a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_APPEAL)) {
            insertAppealRows(c, ps, a);
        }
    }

    /** @param ps {@link #INSERT_APPEAL}, prepared on {@code c} (reused across a batch of replicas) */
    private static void insertAppealRows(Connection c, PreparedStatement ps, Appeal a) throws SQLException {
        int i = bindAppeal(ps, a);
        ps.setString(i++, Fingerprints.applicantKey(a.applicant()));
        // An anonymized replica's text tells nothing; its fingerprint would make all of them one mass appeal.
        ps.setString(i, AppealStore.ANONYMIZED_TEXT.equals(a.text()) ? null
                : Fingerprints.textFingerprint(a.text()));
        ps.executeUpdate();
        insertAttachments(c, a.id(), a.attachments(), 0, "APPEAL");
        insertAttachments(c, a.id(), a.processing().answerDocuments(), ANSWER_POSITIONS, "ANSWER");
    }

    /** Answer documents are numbered from here in appeal_attachment, after the appeal's own (at most 50). */
    private static final int ANSWER_POSITIONS = 1000;

    private static void insertAttachments(Connection c, String appealId, List<Attachment> list, int first, String part)
            throws SQLException {
        if (list.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ATTACHMENT)) {
            int position = first;
            for (Attachment at : list) {
                ps.setString(1, appealId);
                ps.setInt(2, position++);
                ps.setString(3, at.fileName());
                ps.setString(4, at.mediaType());
                ps.setLong(5, at.sizeBytes());
                ps.setString(6, at.sha256());
                ps.setString(7, part);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void replaceAnswerDocuments(Connection c, Appeal a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM appeal_attachment WHERE appeal_id = ? AND part = 'ANSWER'")) {
            ps.setString(1, a.id());
            ps.executeUpdate();
        }
        insertAttachments(c, a.id(), a.processing().answerDocuments(), ANSWER_POSITIONS, "ANSWER");
    }

    /** @return the next parameter index */
    private static int bindProcessing(PreparedStatement ps, int first, Processing p) throws SQLException {
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

    private static void setNullableLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
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

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static java.time.LocalDate dayOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : java.time.LocalDate.ofEpochDay(v);
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static void insertEvent(Connection c, AppealEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            insertEvent(ps, e);
        }
    }

    /** @param ps {@link #INSERT_EVENT} (reused across a batch of replicas) */
    private static void insertEvent(PreparedStatement ps, AppealEvent e) throws SQLException {
        ps.setString(1, e.eventId());
        ps.setString(2, e.appealId());
        ps.setLong(3, e.version());
        ps.setString(4, e.type());
        ps.setLong(5, e.occurredAt().toEpochMilli());
        ps.setString(6, e.node());
        ps.setString(7, e.actor());
        if (e.payload() == null) {
            ps.setNull(8, Types.CLOB);
        } else {
            ps.setString(8, e.payload());
        }
        ps.executeUpdate();
    }

    /** @return the next parameter index */
    private static int bindAppeal(PreparedStatement ps, Appeal a) throws SQLException {
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

    private static void setNullableInt(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
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

    @Override
    public Optional<Appeal> get(String id) {
        return findOne("id", id);
    }

    @Override
    public Optional<Appeal> findByRegistrationNumber(String registrationNumber) {
        return findOne("reg_number", registrationNumber);
    }

    private Optional<Appeal> findOne(String column, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM appeal WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Appeal a = readAppeal(rs, List.of());
                return Optional.of(withAttachments(c, a));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read appeal", e);
        }
    }

    private static Appeal withAttachments(Connection c, Appeal a) throws SQLException {
        List<Attachment> attachments = new ArrayList<>();
        List<Attachment> answerDocuments = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name, media_type, size_bytes, sha256, part "
                + "FROM appeal_attachment WHERE appeal_id = ? ORDER BY position")) {
            ps.setString(1, a.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Attachment at = new Attachment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
                    ("ANSWER".equals(rs.getString(5)) ? answerDocuments : attachments).add(at);
                }
            }
        }
        return withAttachments(a, attachments, answerDocuments);
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
        Processing withDocuments = p.toBuilder().answer(p.result(), p.answer(), answerDocuments, p.answeredAt()).build();
        return new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(), a.applicant(),
                a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                attachments, a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt(),
                withDocuments, a.contested());
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

    @Override
    public Page<Appeal> search(AppealQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.kind() != null) {
            where.append(" AND kind = ?");
            args.add(q.kind().name());
        }
        if (q.channel() != null) {
            where.append(" AND channel = ?");
            args.add(q.channel().name());
        }
        if (q.region() != null) {
            where.append(" AND region = ?");
            args.add(q.region());
        }
        if (q.body() != null) {
            where.append(" AND body_id = ?");
            args.add(q.body());
        }
        if (q.node() != null) {
            where.append(" AND node_id = ?");
            args.add(q.node());
        }
        if (q.from() != null) {
            where.append(" AND registered_at >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            where.append(" AND registered_at < ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.text() != null && !q.text().isBlank()) {
            String pattern = "%" + escapeLike(q.text().trim().toLowerCase(java.util.Locale.ROOT)) + "%";
            // A confidential appeal's text is masked for everyone but those resolving it (AccessRules, Art. 10): so
            // that the hits of a search reveal no word inside it, its text is searched only where the query says the
            // caller sees it (their body's, or their contact center's before it is forwarded); its topic, visible to
            // all, always is.
            StringBuilder seen = new StringBuilder("confidential = FALSE");
            List<Object> seenArgs = new ArrayList<>();
            AppealQuery.ConfidentialText ct = q.confidentialText();
            if (!ct.bodies().isEmpty()) {
                seen.append(" OR UPPER(body_id) IN (").append(String.join(",",
                        java.util.Collections.nCopies(ct.bodies().size(), "?"))).append(')');
                seenArgs.addAll(ct.bodies());
            }
            if (ct.node() != null) {
                seen.append(" OR (node_id = ? AND body_id IS NULL)");
                seenArgs.add(ct.node());
            }
            where.append(" AND ((LOWER(body) LIKE ? ESCAPE '\\' AND (").append(seen).append("))"
                    + " OR LOWER(topic) LIKE ? ESCAPE '\\')");
            args.add(pattern);
            args.addAll(seenArgs);
            args.add(pattern);
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM appeal" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Appeal> items = new ArrayList<>();
            if (total > q.offset() && q.limit() > 0) {
                // A body's inbox: applicants with statutory benefits first (Art. 20), then the nearest last day (an
                // ascending order puts NULL last: an appeal without a due date comes after those with one).
                String order = q.body() != null ? "priority DESC, due_day ASC, registered_at DESC, id DESC"
                        : "registered_at DESC, id DESC";
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM appeal" + where
                        + " ORDER BY " + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    bind(ps, args);
                    ps.setInt(args.size() + 1, q.offset());
                    ps.setInt(args.size() + 2, q.limit());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(readAppeal(rs, List.of()));
                        }
                    }
                }
            }
            return new Page<>(items, total, q.offset(), q.limit());
        } catch (SQLException e) {
            throw new StoreException("Cannot search appeals", e);
        }
    }

    /** SQL for "the term runs". */
    static final String OPEN = "status IN (" + java.util.Arrays.stream(AppealStatus.values())
            .filter(AppealStatus::isOpen).map(st -> "'" + st.name() + "'").collect(java.util.stream.Collectors.joining(","))
            + ")";

    @Override
    public List<Appeal> sameApplicant(Appeal appeal, int limit) {
        String key = Fingerprints.applicantKey(appeal.applicant());
        if (key == null) {
            return List.of();
        }
        return list("SELECT " + COLUMNS + " FROM appeal WHERE applicant_key = ? AND id <> ? "
                + "ORDER BY registered_at DESC FETCH FIRST " + limit + " ROWS ONLY", key, appeal.id());
    }

    @Override
    public long otherApplicantsWithSameText(Appeal appeal, Instant since) {
        String fp = Fingerprints.textFingerprint(appeal.text());
        String key = Fingerprints.applicantKey(appeal.applicant());
        if (fp == null) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT COALESCE(applicant_key, id)) FROM appeal "
                        + "WHERE text_fp = ? AND id <> ? AND registered_at >= ? AND (applicant_key IS NULL OR "
                        + "applicant_key <> ?)")) {
            ps.setString(1, fp);
            ps.setString(2, appeal.id());
            ps.setLong(3, since.toEpochMilli());
            ps.setString(4, key == null ? "" : key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot count appeals with the same text", e);
        }
    }

    /**
     * Reads the other appeals with the same text in the window through the index on (text_fp, registered_at), with no
     * DISTINCT, GROUP BY or ORDER BY (each would make Derby read every match before the first row), and stops at the
     * {@code others}-th distinct applicant: a campaign of a hundred thousand identical texts is decided after about
     * {@code others} rows (an applicant who is not known counts as one by itself, as in the count).
     */
    @Override
    public boolean sameTextFromAtLeast(Appeal appeal, Instant since, int others) {
        String fp = Fingerprints.textFingerprint(appeal.text());
        String key = Fingerprints.applicantKey(appeal.applicant());
        if (fp == null) {
            return false;
        }
        if (others <= 0) {
            return true;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT applicant_key, id FROM appeal WHERE text_fp = ? "
                        + "AND registered_at >= ? AND id <> ? AND (applicant_key IS NULL OR applicant_key <> ?)")) {
            ps.setString(1, fp);
            ps.setLong(2, since.toEpochMilli());
            ps.setString(3, appeal.id());
            ps.setString(4, key == null ? "" : key);
            ps.setFetchSize(others + 1);
            java.util.Set<String> applicants = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(1);
                    applicants.add(k == null ? "id:" + rs.getString(2) : k);
                    if (applicants.size() >= others) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StoreException("Cannot look for appeals with the same text", e);
        }
    }

    @Override
    public List<Appeal> dueBy(String node, java.time.LocalDate today, java.time.LocalDate lastDay, int limit) {
        long t = today.toEpochDay();
        return list("SELECT " + COLUMNS + " FROM appeal WHERE node_id = ? AND due_day <= " + lastDay.toEpochDay()
                + " AND " + OPEN + " AND ((due_day >= " + t + " AND (reminded_for IS NULL OR reminded_for <> due_day))"
                + " OR (due_day < " + t + " AND escalated_at IS NULL)) ORDER BY due_day FETCH FIRST " + limit
                + " ROWS ONLY", node);
    }

    @Override
    public java.util.Map<String, Long> overdueCounts(boolean byBody, java.time.LocalDate today) {
        String dim = byBody ? "COALESCE(body_id, '')" : "COALESCE(region, '')";
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + dim + ", COUNT(*) FROM appeal WHERE due_day < "
                        + today.toEpochDay() + " AND " + OPEN + " GROUP BY " + dim);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot count overdue appeals", e);
        }
    }

    private List<Appeal> list(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Appeal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readAppeal(rs, List.of()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read appeals", e);
        }
    }

    @Override
    public String secret(String name, java.util.function.Supplier<String> create) {
        try {
            return readOrMakeSecret(name, create);
        } catch (StoreException e) {
            // Another thread made it first (its INSERT won the primary key): read that one.
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return readOrMakeSecret(name, create);
            }
            throw e;
        }
    }

    private String readOrMakeSecret(String name, java.util.function.Supplier<String> create) {
        return inTransaction("Cannot read the node's secret " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM node_secret WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            String value = create.get();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO node_secret (name, secret) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return value;
        });
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            if (v instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) v);
            }
        }
    }

    @Override
    public List<AppealEvent> events(String appealId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT event_id, appeal_id, version, event_type, "
                        + "occurred_at, node_id, actor, payload FROM appeal_event WHERE appeal_id = ? ORDER BY version")) {
            ps.setString(1, appealId);
            List<AppealEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new AppealEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("Cannot read events of appeal " + appealId, e);
        }
    }

    // ------------------------------------------------------------------------------------ retention

    @Override
    public Page<AppealRef> pastRetention(Instant cutoff, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return Anonymization.pastRetention(c, cutoff, limit);
        } catch (SQLException e) {
            throw new StoreException("Cannot list the appeals past retention", e);
        }
    }

    @Override
    public List<AppealRef> anonymizePastRetention(Instant cutoff, Instant at, int batchSize,
            java.util.function.UnaryOperator<String> payloads) {
        return inTransaction("Cannot anonymize appeals past retention",
                c -> Anonymization.anonymize(c, cutoff, at, batchSize, payloads));
    }

    // ------------------------------------------------------------------------------------ terms

    @Override
    public List<Appeal> openAppeals(String afterId, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return Terms.openAppeals(c, afterId, limit);
        } catch (SQLException e) {
            throw new StoreException("Cannot list the open appeals", e);
        }
    }

    @Override
    public boolean setDueDate(String id, long version, java.time.LocalDate dueDate) {
        return inTransaction("Cannot set the due date of appeal " + id, c -> Terms.setDueDate(c, id, version, dueDate));
    }

    @Override
    public List<ua.gov.nsoz.api.CategoryCount> categoryCounts(java.time.LocalDate today) {
        try (Connection c = dataSource.getConnection()) {
            return Terms.categoryCounts(c, today);
        } catch (SQLException e) {
            throw new StoreException("Cannot count appeals per applicant category", e);
        }
    }

    // ------------------------------------------------------------------------------------ replication

    @Override
    public List<OutboxEntry> pending(String destination, int max) {
        String sql = "SELECT o.seq, o.destination, o.message_id, o.message_type, o.appeal_id, o.payload, o.created_at, "
                + "e.event_id, e.version, e.event_type, e.occurred_at, e.node_id, e.actor, e.payload "
                + "FROM outbox o LEFT JOIN appeal_event e ON e.event_id = o.event_id "
                + "WHERE o.destination = ? ORDER BY o.seq FETCH FIRST " + Math.max(1, max) + " ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, destination);
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String eventId = rs.getString(8);
                    AppealEvent event = eventId == null ? null
                            : new AppealEvent(eventId, rs.getString(5), rs.getLong(9), rs.getString(10),
                                    Instant.ofEpochMilli(rs.getLong(11)), rs.getString(12), rs.getString(13),
                                    rs.getString(14));
                    out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), event, rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the outbox for " + destination, e);
        }
    }

    @Override
    public void markShipped(String destination, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long maxSeq = entries.stream().mapToLong(OutboxEntry::seq).max().getAsLong();
        inTransaction("Cannot mark the outbox shipped", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                for (OutboxEntry e : entries) {
                    ps.setLong(1, e.seq());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE peer_link SET shipped = shipped + ?, "
                    + "last_shipped_at = ?, last_sent_seq = CASE WHEN last_sent_seq > ? THEN last_sent_seq ELSE ? END "
                    + "WHERE peer = ?")) {
                ps.setLong(1, entries.size());
                ps.setLong(2, System.currentTimeMillis());
                ps.setLong(3, maxSeq);
                ps.setLong(4, maxSeq);
                ps.setString(5, destination);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO peer_link "
                        + "(peer, shipped, last_shipped_at, last_sent_seq) VALUES (?,?,?,?)")) {
                    ps.setString(1, destination);
                    ps.setLong(2, entries.size());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.setLong(4, maxSeq);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void enqueue(String destination, String messageId, String messageType, String appealId, String payload) {
        ensurePeer(destination);
        inTransaction("Cannot queue a message for " + destination, c -> {
            insertOutbox(c, destination, messageId, messageType, appealId, null, payload);
            return null;
        });
    }

    @Override
    public ApplyResult applyReplica(String messageId, String sourceNode, long sourceSeq, Appeal snapshot,
            AppealEvent event) {
        return applyReplicas(List.of(new Replica(new Inbound(messageId, sourceNode, sourceSeq), snapshot, event)))
                .get(0);
    }

    @Override
    public List<ApplyResult> applyReplicas(List<Replica> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        String what = batch.size() == 1 ? "message " + batch.get(0).inbound().messageId()
                : batch.size() + " messages from " + batch.get(0).inbound().messageId();
        batch.forEach(r -> ensurePeer(r.inbound().sourceNode()));
        return inTransaction("Cannot apply " + what, c -> {
            List<ApplyResult> results = new ArrayList<>(batch.size());
            java.util.Map<String, List<Inbound>> counted = new java.util.HashMap<>();
            try (ReplicaStatements statements = new ReplicaStatements(c)) {
                for (Replica r : batch) {
                    ApplyResult result = applyOne(statements, r);
                    results.add(result);
                    if (result != ApplyResult.DUPLICATE) {
                        counted.computeIfAbsent(r.inbound().sourceNode(), k -> new ArrayList<>()).add(r.inbound());
                    }
                }
            }
            for (java.util.Map.Entry<String, List<Inbound>> e : counted.entrySet()) {
                Inbound last = e.getValue().stream().max(java.util.Comparator.comparingLong(Inbound::sourceSeq))
                        .orElseThrow();
                countReceived(c, e.getKey(), e.getValue().size(), last.sourceSeq(), last.sentAt());
            }
            return results;
        });
    }

    private static ApplyResult applyOne(ReplicaStatements statements, Replica r) throws SQLException {
        Connection c = statements.connection();
        Inbound in = r.inbound();
        Appeal snapshot = r.snapshot();
        // The single writer of an appeal's history is the node that registered it: an event that names another
        // owner for an appeal held here is refused (the whole batch fails; the gateway then refuses this one alone).
        long current = -1;
        {
            PreparedStatement ps = statements.get("SELECT version, node_id FROM appeal WHERE id = ?");
            ps.setString(1, snapshot.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = rs.getLong(1);
                    if (!rs.getString(2).equals(snapshot.node())) {
                        throw new SQLException("Appeal " + snapshot.id() + " is owned by node " + rs.getString(2)
                                + ", not by " + snapshot.node() + ": only the owner writes its history",
                                ReplicationStore.NOT_THE_OWNER);
                    }
                }
            }
        }
        if (!insertInbox(statements.get(INSERT_INBOX), in, "APPLIED")) {
            return ApplyResult.DUPLICATE;
        }
        try {
            insertEvent(statements.get(INSERT_EVENT), r.event());
        } catch (SQLException e) {
            // The same event came in another message (resent after a crash): the history has it.
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        if (current >= snapshot.version()) {
            PreparedStatement ps = statements.get("UPDATE inbox SET outcome = 'STALE' WHERE message_id = ?");
            ps.setString(1, in.messageId());
            ps.executeUpdate();
            return ApplyResult.STALE;
        }
        if (current >= 0) {
            deleteAppealRows(c, snapshot.id());
        }
        insertAppealRows(c, statements.get(INSERT_APPEAL), snapshot);
        return ApplyResult.APPLIED;
    }

    private static void deleteAppealRows(Connection c, String id) throws SQLException {
        for (String sql : new String[] {"DELETE FROM appeal_attachment WHERE appeal_id = ?",
            "DELETE FROM appeal WHERE id = ?"}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
    }

    @Override
    public boolean recordReceived(String messageId, String sourceNode, long sourceSeq) {
        return recordReceived(new Inbound(messageId, sourceNode, sourceSeq));
    }

    @Override
    public boolean recordReceived(Inbound inbound) {
        ensurePeer(inbound.sourceNode());
        return inTransaction("Cannot record message " + inbound.messageId(), c -> {
            if (!insertInbox(c, inbound, "RECEIVED")) {
                return false;
            }
            countReceived(c, inbound.sourceNode(), 1, inbound.sourceSeq(), inbound.sentAt());
            return true;
        });
    }

    private static final String INSERT_INBOX = "INSERT INTO inbox (message_id, source_node, source_seq, outcome, "
            + "applied_at, sent_at) VALUES (?,?,?,?,?,?)";

    /** @return false if the message id is already in the inbox (the statement alone is undone, not the transaction) */
    private static boolean insertInbox(Connection c, Inbound in, String outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_INBOX)) {
            return insertInbox(ps, in, outcome);
        }
    }

    /** As {@link #insertInbox(Connection, Inbound, String)}, with {@link #INSERT_INBOX} reused across a batch. */
    private static boolean insertInbox(PreparedStatement ps, Inbound in, String outcome) throws SQLException {
        try {
            ps.setString(1, in.messageId());
            ps.setString(2, in.sourceNode());
            ps.setLong(3, in.sourceSeq());
            ps.setString(4, outcome);
            ps.setLong(5, System.currentTimeMillis());
            if (in.sentAt() == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, in.sentAt().toEpochMilli());
            }
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public LinkStats stats(String peer) {
        try (Connection c = dataSource.getConnection()) {
            long backlog;
            Instant oldest = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE destination = ?")) {
                ps.setString(1, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    backlog = rs.getLong(1);
                    long min = rs.getLong(2);
                    if (!rs.wasNull()) {
                        oldest = Instant.ofEpochMilli(min);
                    }
                }
            }
            long shipped = 0;
            long lastSent = 0;
            Instant lastShippedAt = null;
            long received = 0;
            long lastReceived = 0;
            Instant lastReceivedAt = null;
            Long lag = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT shipped, last_sent_seq, last_shipped_at, received, "
                    + "last_received_seq, last_received_at, last_received_lag FROM peer_link WHERE peer = ?")) {
                ps.setString(1, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        shipped = rs.getLong(1);
                        lastSent = rs.getLong(2);
                        long at = rs.getLong(3);
                        lastShippedAt = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                        received = rs.getLong(4);
                        lastReceived = rs.getLong(5);
                        long rat = rs.getLong(6);
                        lastReceivedAt = rs.wasNull() ? null : Instant.ofEpochMilli(rat);
                        long l = rs.getLong(7);
                        lag = rs.wasNull() ? null : l;
                    }
                }
            }
            return new LinkStats(peer, backlog, shipped, lastSent, lastShippedAt, oldest, received, lastReceived,
                    lastReceivedAt, lag);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the link figures for " + peer, e);
        }
    }

    @Override
    public List<String> peers() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT peer FROM peer_link ORDER BY peer");
                ResultSet rs = ps.executeQuery()) {
            List<String> peers = new ArrayList<>();
            while (rs.next()) {
                peers.add(rs.getString(1));
            }
            return peers;
        } catch (SQLException e) {
            throw new StoreException("Cannot list the peers", e);
        }
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Attempts of a transaction that Derby rolled back on a lock timeout or deadlock. */
    static final int ATTEMPTS = 5;

    /**
     * Runs the work in one transaction. Derby may roll a short transaction back under contention (a lock
     * timeout, 40XL1, seen while it advances an identity column after a restart; a deadlock, 40001): the
     * whole unit is undone, so it is simply run again, a few times, with a short pause.
     */
    private <T> T inTransaction(String failure, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isTransient(e)) {
                    try {
                        Thread.sleep(5L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new StoreException(failure, e);
                    }
                    continue;
                }
                throw new StoreException(failure, e);
            }
        }
    }

    static boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("40XL1".equals(state) || "40001".equals(state) || "40XL2".equals(state)) {
                return true;
            }
        }
        return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLTransactionRollbackException;
    }
}
