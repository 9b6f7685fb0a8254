package ua.gov.nsoz.store.internal;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.function.LongFunction;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.store.AppealStore.Registration;
import ua.gov.nsoz.store.AppealStore.UpdateResult;
import ua.gov.nsoz.store.ReplicationStore.Inbound;

/**
 * The writes of appeals, each in one transaction: the appeal's rows ({@link AppealRows}), its event
 * ({@link EventRows}), an outbox entry per destination ({@link Outbox}) and, for a change that came from another node,
 * the inbox row of its message ({@link Inbox}) counted in the link's figures ({@link PeerLinks}).
 */
final class AppealWrites {

    private final Database db;
    private final PeerLinks peers;

    AppealWrites(Database db, PeerLinks peers) {
        this.db = db;
        this.peers = peers;
    }

    /**
     * Takes the number and stores the appeal in one transaction: the year's counter row stays locked until the
     * commit, so this node's registrations take their numbers one after another, and a registration rolled back
     * (or lost in a crash before its commit) gives its number back.
     */
    Registration register(int year, LongFunction<Registration> build, Collection<String> outboxDestinations) {
        peers.ensureAll(outboxDestinations);
        return db.inTransaction("Cannot register an appeal in " + year, c -> {
            Registration r = build.apply(Numbering.take(c, year));
            Appeal a = r.appeal();
            AppealRows.insert(c, a);
            EventRows.insert(c, db.dialect(), r.event());
            Outbox.insertEvent(c, db.dialect(), outboxDestinations, a.id(), r.event().eventId());
            return r;
        });
    }

    /** A number in a transaction of its own (AppealStore#nextRegistrationSequence, deprecated). */
    long nextNumber(int year) {
        return db.inTransaction("Cannot take a registration number for " + year, c -> Numbering.take(c, year));
    }

    void insert(Appeal a, AppealEvent event, Collection<String> outboxDestinations) {
        peers.ensureAll(outboxDestinations);
        db.inTransaction("Cannot store appeal " + a.id(), c -> {
            AppealRows.insert(c, a);
            EventRows.insert(c, db.dialect(), event);
            Outbox.insertEvent(c, db.dialect(), outboxDestinations, a.id(), event.eventId());
            return null;
        });
    }

    UpdateResult update(Appeal next, AppealEvent event, Collection<String> outboxDestinations, Inbound inbound) {
        peers.ensureAll(outboxDestinations);
        if (inbound != null) {
            peers.ensure(inbound.sourceNode());
        }
        return db.inTransaction("Cannot update appeal " + next.id(), c -> {
            if (inbound != null) {
                if (!Inbox.insert(c, db.dialect(), inbound, "APPLIED")) {
                    return UpdateResult.DUPLICATE;
                }
                PeerLinks.countReceived(c, inbound.sourceNode(), 1, inbound.sourceSeq(), inbound.sentAt());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE appeal SET status = ?, version = ?, updated_at = ?, "
                    + "topic = ?, " + AppealColumns.PROCESSING_COLUMNS.replace(",", " = ?,")
                    + " = ? WHERE id = ? AND version = ?")) {
                ps.setString(1, next.status().name());
                ps.setLong(2, next.version());
                ps.setLong(3, next.updatedAt().toEpochMilli());
                ps.setString(4, next.topic());
                int i = AppealColumns.bindProcessing(ps, 5, next.processing());
                ps.setString(i++, next.id());
                ps.setLong(i, next.version() - 1);
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return UpdateResult.CONFLICT;
                }
            }
            AppealRows.replaceAnswerDocuments(c, next);
            EventRows.insert(c, db.dialect(), event);
            Outbox.insertEvent(c, db.dialect(), outboxDestinations, next.id(), event.eventId());
            return UpdateResult.UPDATED;
        });
    }
}
