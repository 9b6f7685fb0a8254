package ua.gov.nsoz.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.Page;

/**
 * The reads of appeals: one by id or number, the search, the history, and what the deadline watch looks at (the
 * appeals due, the overdue counts).
 */
final class AppealReads {

    private final Database db;

    AppealReads(Database db) {
        this.db = db;
    }

    Optional<Appeal> get(String id) {
        return db.read("Cannot read appeal", c -> AppealRows.find(c, "id", id));
    }

    Optional<Appeal> findByRegistrationNumber(String registrationNumber) {
        return db.read("Cannot read appeal", c -> AppealRows.find(c, "reg_number", registrationNumber));
    }

    List<AppealEvent> events(String appealId) {
        return db.read("Cannot read events of appeal " + appealId, c -> EventRows.list(c, db.dialect(), appealId));
    }

    Page<Appeal> search(AppealQuery q) {
        Where where = new Where()
                .equal("status", q.status() == null ? null : q.status().name())
                .equal("kind", q.kind() == null ? null : q.kind().name())
                .equal("channel", q.channel() == null ? null : q.channel().name())
                .equal("region", q.region())
                .equal("body_id", q.body())
                .equal("node_id", q.node())
                .atLeast("registered_at", q.from() == null ? null : q.from().toEpochMilli())
                .below("registered_at", q.to() == null ? null : q.to().toEpochMilli());
        if (q.text() != null && !q.text().isBlank()) {
            String pattern = "%" + escapeLike(q.text().trim().toLowerCase(Locale.ROOT)) + "%";
            // A confidential appeal's text is masked for everyone but those resolving it (AccessRules, Art. 10): so
            // that the hits of a search reveal no word inside it, its text is searched only where the query says the
            // caller sees it (their body's, or their contact center's before it is forwarded); its topic, visible to
            // all, always is.
            StringBuilder seen = new StringBuilder("confidential = FALSE");
            List<Object> params = new ArrayList<>();
            params.add(pattern);
            AppealQuery.ConfidentialText ct = q.confidentialText();
            if (!ct.bodies().isEmpty()) {
                seen.append(" OR UPPER(body_id) IN (").append(String.join(",",
                        Collections.nCopies(ct.bodies().size(), "?"))).append(')');
                params.addAll(ct.bodies());
            }
            if (ct.node() != null) {
                seen.append(" OR (node_id = ? AND body_id IS NULL)");
                params.add(ct.node());
            }
            params.add(pattern);
            where.and("((LOWER(body) LIKE ? ESCAPE '\\' AND (" + seen + ")) OR LOWER(topic) LIKE ? ESCAPE '\\')",
                    params);
        }
        // A body's inbox: applicants with statutory benefits first (Art. 20), then the nearest last day (an
        // ascending order puts NULL last: an appeal without a due date comes after those with one).
        String order = q.body() != null ? "priority DESC, due_day ASC, registered_at DESC, id DESC"
                : "registered_at DESC, id DESC";
        return db.read("Cannot search appeals", c -> where.page(c, db.dialect(), AppealColumns.COLUMNS, "appeal",
                order, q.offset(), q.limit(), rs -> AppealColumns.readAppeal(rs, List.of())));
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    List<Appeal> dueBy(String node, LocalDate today, LocalDate lastDay, int limit) {
        long t = today.toEpochDay();
        return db.read("Cannot read appeals", c -> AppealRows.list(c, "SELECT " + AppealColumns.COLUMNS
                + " FROM appeal WHERE node_id = ? AND due_day <= " + lastDay.toEpochDay() + " AND "
                + AppealColumns.OPEN + " AND ((due_day >= " + t + " AND (reminded_for IS NULL OR reminded_for <> "
                + "due_day)) OR (due_day < " + t + " AND escalated_at IS NULL)) ORDER BY due_day"
                + db.dialect().limit(limit), node));
    }

    Map<String, Long> overdueCounts(boolean byBody, LocalDate today) {
        String dim = byBody ? "COALESCE(body_id, '')" : "COALESCE(region, '')";
        return db.read("Cannot count overdue appeals", c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + dim + ", COUNT(*) FROM appeal WHERE due_day < "
                    + today.toEpochDay() + " AND " + AppealColumns.OPEN + " GROUP BY " + dim);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }
}
