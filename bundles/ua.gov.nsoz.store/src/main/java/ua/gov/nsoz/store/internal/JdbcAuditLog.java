package ua.gov.nsoz.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;
import ua.gov.nsoz.store.AuditChain;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.StoreException;

/**
 * The audit log in table {@code audit_log} (changeset nsoz:8): the database refuses UPDATE and DELETE of it, and each
 * row carries the hash chain {@link AuditChain#verify} walks. Published by
 * {@link AuditLogComponent}.
 */
public class JdbcAuditLog implements AuditLog, AuditChain {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    /** The largest page {@link #search} gives. */
    static final int MAX_LIMIT = 1000;

    /** Attempts of an append that lost the chain's head to another writer or that Derby rolled back. */
    static final int ATTEMPTS = 5;

    /**
     * Appends are serialised in this JVM (an embedded database has one), so the head each one reads is the one it
     * links to; the unique prev_hash is the database's own guard should two writers ever read the same head.
     */
    private static final ReentrantLock CHAIN = new ReentrantLock();

    private static final String COLUMNS = "seq, occurred_at, actor, roles, action, appeal_id, what, origin, node, "
            + "prev_hash, hash";

    private final Database db;

    /**
     * @param dataSource where the tables live; the schema must be migrated already
     */
    public JdbcAuditLog(DataSource dataSource) {
        this(new Database(dataSource));
    }

    JdbcAuditLog(Database db) {
        this.db = db;
    }

    /**
     * {@inheritDoc} Text longer than its column (actor 100, roles 1000, appeal 40, what 500, origin 200, node 40
     * characters) is cut to fit, so that recording never fails on a long value; the hash covers what is stored.
     */
    @Override
    public void record(AuditEntry entry) {
        Pending mine = new Pending(new Row(0, entry.at().toEpochMilli(), fit(entry.actor(), 100),
                fit(entry.roles(), 1000), entry.action().name(), fit(entry.appealId(), 40), fit(entry.what(), 500),
                fit(entry.origin(), 200), fit(entry.node(), 40), null, null));
        synchronized (queue) {
            queue.add(mine);
        }
        // Group commit: whoever holds the chain writes every entry waiting at that moment in one transaction (one log
        // flush for all); the others find theirs done when they get the chain. Each caller returns only once its
        // entry is committed, or throws if it could not be.
        CHAIN.lock();
        try {
            if (!mine.done) {
                List<Pending> batch;
                synchronized (queue) {
                    batch = new ArrayList<>(queue);
                    queue.clear();
                }
                StoreException failure = null;
                for (int attempt = 1;; attempt++) {
                    try {
                        append(batch);
                        break;
                    } catch (SQLException e) {
                        boolean forked = SqlDialect.isDuplicateKey(e);
                        if (attempt < ATTEMPTS && (forked || db.isRetryable(e))) {
                            continue;
                        }
                        failure = new StoreException("Cannot record " + batch.size() + " audit entries", e);
                        break;
                    }
                }
                for (Pending p : batch) {
                    p.failure = failure;
                    p.done = true;
                }
            }
            if (mine.failure != null) {
                throw new StoreException("Cannot record the audit entry " + entry.action() + " " + entry.what(),
                        mine.failure);
            }
        } finally {
            CHAIN.unlock();
        }
    }

    /** An entry waiting to be written; its fields are read and written under {@link #CHAIN}. */
    private static final class Pending {
        final Row row;
        boolean done;
        StoreException failure;

        Pending(Row row) {
            this.row = row;
        }
    }

    /** Entries waiting for the chain, in the order they came. */
    private final java.util.ArrayDeque<Pending> queue = new java.util.ArrayDeque<>();

    /** Reads the head and links the new rows to it, in order, in one transaction. */
    private void append(List<Pending> batch) throws SQLException {
        try (Connection c = db.connect()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                String prev = GENESIS;
                // MAX(seq) reads the end of the primary key; ORDER BY seq DESC would sort the whole table.
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
                        ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        prev = rs.getString(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, roles, "
                        + "action, appeal_id, what, origin, node, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    for (Pending p : batch) {
                        Row row = p.row;
                        String hash = hash(prev, row);
                        ps.setLong(1, row.at());
                        ps.setString(2, row.actor());
                        ps.setString(3, row.roles());
                        ps.setString(4, row.action());
                        setNullable(ps, 5, row.appealId());
                        ps.setString(6, row.what());
                        ps.setString(7, row.origin());
                        setNullable(ps, 8, row.node());
                        ps.setString(9, prev);
                        ps.setString(10, hash);
                        ps.executeUpdate();
                        prev = hash;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void setNullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    private static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    @Override
    public Page<AuditEntry> search(AuditQuery q) {
        List<FieldError> errors = new ArrayList<>();
        if (q.offset() < 0) {
            errors.add(new FieldError("offset", "Має бути не менше 0 / Must be 0 or more"));
        }
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            errors.add(new FieldError("limit", "Має бути від 1 до " + MAX_LIMIT + " / Must be between 1 and "
                    + MAX_LIMIT));
        }
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            errors.add(new FieldError("to", "Кінець періоду має бути пізніше початку / 'to' must be after 'from'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Where where = new Where()
                .equal("actor", q.actor())
                .equal("appeal_id", q.appealId())
                .equal("action", q.action() == null ? null : q.action().name())
                .atLeast("occurred_at", q.from() == null ? null : q.from().toEpochMilli())
                .below("occurred_at", q.to() == null ? null : q.to().toEpochMilli());
        return db.read("Cannot search the audit log", c -> where.page(c, db.dialect(), COLUMNS, "audit_log",
                "occurred_at DESC, seq DESC", q.offset(), q.limit(), rs -> {
                    Row r = read(rs);
                    return new AuditEntry(r.seq(), Instant.ofEpochMilli(r.at()), r.actor(), r.roles(),
                            AuditAction.valueOf(r.action()), r.appealId(), r.what(), r.origin(), r.node());
                }));
    }

    @Override
    public OptionalLong verify() {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            String expected = GENESIS;
            while (rs.next()) {
                Row r = read(rs);
                if (!expected.equals(r.prevHash()) || !hash(expected, r).equals(r.hash())) {
                    return OptionalLong.of(r.seq());
                }
                expected = r.hash();
            }
            return OptionalLong.empty();
        } catch (SQLException e) {
            throw new StoreException("Cannot read the audit log to verify it", e);
        }
    }

    /** One row as stored. */
    record Row(long seq, long at, String actor, String roles, String action, String appealId, String what,
            String origin, String node, String prevHash, String hash) {
    }

    static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    /**
     * SHA-256 (hex) of the previous hash and the row's fields, each written with its length so that no two different
     * rows read the same (seq is not covered: the database assigns it after the hash is made; the order is the chain).
     */
    static String hash(String prev, Row r) {
        StringBuilder sb = new StringBuilder(prev).append('|').append(r.at());
        for (String field : new String[] {r.actor(), r.roles(), r.action(), r.appealId(), r.what(), r.origin(),
            r.node()}) {
            sb.append('|');
            if (field == null) {
                sb.append('-');
            } else {
                sb.append(field.length()).append(':').append(field);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
