package ua.gov.nsoz.store.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.CategoryCount;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.store.AppealStore;

/**
 * {@link AppealStore} over JDBC, made of the parts that each own one concern: the writes ({@link AppealWrites}), the
 * reads and the search ({@link AppealReads}), the relations ({@link Relations}), the node's secrets
 * ({@link Secrets}), retention ({@link Anonymization}) and the terms ({@link Terms}). Published by
 * {@link AppealsComponent}.
 */
public class JdbcAppeals implements AppealStore {

    private final Database db;
    private final AppealWrites writes;
    private final AppealReads reads;
    private final Relations relations;
    private final Secrets secrets;

    /** @param dataSource where the tables live; the schema must be migrated already */
    public JdbcAppeals(DataSource dataSource) {
        this(new Database(dataSource));
    }

    JdbcAppeals(Database db) {
        this.db = db;
        this.writes = new AppealWrites(db, new PeerLinks(db));
        this.reads = new AppealReads(db);
        this.relations = new Relations(db);
        this.secrets = new Secrets(db);
    }

    @Override
    public Registration register(int year, LongFunction<Registration> build, Collection<String> outboxDestinations) {
        return writes.register(year, build, outboxDestinations);
    }

    @Override
    @Deprecated
    public long nextRegistrationSequence(int year) {
        return writes.nextNumber(year);
    }

    @Override
    public void insert(Appeal a, AppealEvent event, Collection<String> outboxDestinations) {
        writes.insert(a, event, outboxDestinations);
    }

    @Override
    public UpdateResult update(Appeal next, AppealEvent event, Collection<String> outboxDestinations,
            ua.gov.nsoz.store.ReplicationStore.Inbound inbound) {
        return writes.update(next, event, outboxDestinations, inbound);
    }

    @Override
    public Optional<Appeal> get(String id) {
        return reads.get(id);
    }

    @Override
    public Optional<Appeal> findByRegistrationNumber(String registrationNumber) {
        return reads.findByRegistrationNumber(registrationNumber);
    }

    @Override
    public Page<Appeal> search(AppealQuery query) {
        return reads.search(query);
    }

    @Override
    public List<AppealEvent> events(String appealId) {
        return reads.events(appealId);
    }

    @Override
    public List<Appeal> dueBy(String node, LocalDate today, LocalDate lastDay, int limit) {
        return reads.dueBy(node, today, lastDay, limit);
    }

    @Override
    public Map<String, Long> overdueCounts(boolean byBody, LocalDate today) {
        return reads.overdueCounts(byBody, today);
    }

    @Override
    public List<Appeal> sameApplicant(Appeal appeal, int limit) {
        return relations.sameApplicant(appeal, limit);
    }

    @Override
    public long otherApplicantsWithSameText(Appeal appeal, Instant since) {
        return relations.otherApplicantsWithSameText(appeal, since);
    }

    @Override
    public boolean sameTextFromAtLeast(Appeal appeal, Instant since, int others) {
        return relations.sameTextFromAtLeast(appeal, since, others);
    }

    @Override
    public String secret(String name, Supplier<String> create) {
        return secrets.secret(name, create);
    }

    // ------------------------------------------------------------------------------------ retention

    @Override
    public Page<AppealRef> pastRetention(Instant cutoff, int limit) {
        return db.read("Cannot list the appeals past retention",
                c -> Anonymization.pastRetention(c, db.dialect(), cutoff, limit));
    }

    @Override
    public List<AppealRef> anonymizePastRetention(Instant cutoff, Instant at, int batchSize,
            UnaryOperator<String> payloads) {
        return db.inTransaction("Cannot anonymize appeals past retention",
                c -> Anonymization.anonymize(c, db.dialect(), cutoff, at, batchSize, payloads));
    }

    // ------------------------------------------------------------------------------------ terms

    @Override
    public List<Appeal> openAppeals(String afterId, int limit) {
        return db.read("Cannot list the open appeals", c -> Terms.openAppeals(c, db.dialect(), afterId, limit));
    }

    @Override
    public boolean setDueDate(String id, long version, LocalDate dueDate) {
        return db.inTransaction("Cannot set the due date of appeal " + id,
                c -> Terms.setDueDate(c, id, version, dueDate));
    }

    @Override
    public List<CategoryCount> categoryCounts(LocalDate today) {
        return db.read("Cannot count appeals per applicant category", c -> Terms.categoryCounts(c, today));
    }
}
