package ua.gov.nsoz.monitoring.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertKind;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Alerts;
import ua.gov.nsoz.monitoring.Severity;

/** The alerts in table {@code monitoring_alert} (changelog of this bundle). */
final class JdbcAlertStore {

    static final int MAX_NOTE = 2000;
    static final int MAX_ANALYST = 100;

    private static final String COLUMNS = "id, kind, section, region, since, last_day, observed, expected, threshold,"
            + " severity, example_ids, status, raised_at, ack_by, ack_at, closed_by, closed_at, note";

    private final DataSource dataSource;

    JdbcAlertStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** What {@link #record} did. */
    record Recorded(Alert alert, boolean isNew) {
    }

    /**
     * Raises an alert for a detection, or, if one with the same kind, section, region and first day exists, updates
     * its last day, counts and severity (unless it is closed, which is left as the analyst closed it).
     *
     * @param d the detection
     * @param exampleIds up to 5 appeal ids
     * @param now the time
     * @return the alert and whether it is new
     */
    synchronized Recorded record(Detection d, List<String> exampleIds, Instant now) {
        Optional<Alert> existing = find(d);
        if (existing.isPresent()) {
            Alert a = existing.get();
            if (a.status() != AlertStatus.CLOSED && d.lastDay().isAfter(a.lastDay())) {
                update("UPDATE monitoring_alert SET last_day = ?, observed = ?, expected = ?, threshold = ?,"
                        + " severity = ? WHERE id = ?", ps -> {
                            ps.setDate(1, Date.valueOf(d.lastDay()));
                            ps.setLong(2, d.observed());
                            ps.setDouble(3, d.expected());
                            ps.setLong(4, d.threshold());
                            ps.setString(5, d.severity().name());
                            ps.setString(6, a.id());
                        });
                return new Recorded(get(a.id()).orElseThrow(), false);
            }
            return new Recorded(a, false);
        }
        String id = UUID.randomUUID().toString();
        List<String> examples = exampleIds.stream().limit(Alert.MAX_EXAMPLES).toList();
        try {
            update("INSERT INTO monitoring_alert (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " NULL, NULL, NULL, NULL, NULL)", ps -> {
                        ps.setString(1, id);
                        ps.setString(2, d.kind().name());
                        ps.setString(3, d.key().section());
                        ps.setString(4, d.key().region());
                        ps.setDate(5, Date.valueOf(d.since()));
                        ps.setDate(6, Date.valueOf(d.lastDay()));
                        ps.setLong(7, d.observed());
                        ps.setDouble(8, d.expected());
                        ps.setLong(9, d.threshold());
                        ps.setString(10, d.severity().name());
                        ps.setString(11, String.join(",", examples));
                        ps.setString(12, AlertStatus.OPEN.name());
                        ps.setLong(13, now.toEpochMilli());
                    });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                // raised meanwhile by a concurrent scan on another connection
                return new Recorded(find(d).orElseThrow(() -> e), false);
            }
            throw e;
        }
        return new Recorded(get(id).orElseThrow(), true);
    }

    private Optional<Alert> find(Detection d) {
        List<Alert> a = query("SELECT " + COLUMNS + " FROM monitoring_alert WHERE kind = ? AND section = ? AND"
                + " region = ? AND since = ?", ps -> {
                    ps.setString(1, d.kind().name());
                    ps.setString(2, d.key().section());
                    ps.setString(3, d.key().region());
                    ps.setDate(4, Date.valueOf(d.since()));
                });
        return a.stream().findFirst();
    }

    Optional<Alert> get(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM monitoring_alert WHERE id = ?", ps -> ps.setString(1, id))
                .stream().findFirst();
    }

    List<Alert> list(AlertStatus status, int limit) {
        if (limit < 1 || limit > Alerts.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + Alerts.MAX_LIMIT + ", got " + limit);
        }
        String where = status == null ? "" : " WHERE status = ?";
        return query("SELECT " + COLUMNS + " FROM monitoring_alert" + where
                + " ORDER BY since DESC, raised_at DESC, id FETCH FIRST " + limit + " ROWS ONLY", ps -> {
                    if (status != null) {
                        ps.setString(1, status.name());
                    }
                });
    }

    synchronized Alert acknowledge(String id, String analyst, Instant now) {
        String who = analyst(analyst);
        Alert a = get(id).orElseThrow(() -> notFound(id));
        switch (a.status()) {
            case ACKNOWLEDGED -> {
                if (who.equals(a.acknowledgedBy())) {
                    return a;
                }
                throw new IllegalStateException("Сповіщення вже прийняв до уваги " + a.acknowledgedBy()
                        + " / The alert was already acknowledged by " + a.acknowledgedBy());
            }
            case CLOSED -> throw new IllegalStateException("Сповіщення закрите / The alert is closed");
            default -> {
            }
        }
        int n = update("UPDATE monitoring_alert SET status = ?, ack_by = ?, ack_at = ? WHERE id = ? AND status = ?",
                ps -> {
                    ps.setString(1, AlertStatus.ACKNOWLEDGED.name());
                    ps.setString(2, who);
                    ps.setLong(3, now.toEpochMilli());
                    ps.setString(4, id);
                    ps.setString(5, AlertStatus.OPEN.name());
                });
        if (n != 1) {
            throw new IllegalStateException("Сповіщення змінилося, спробуйте ще раз / The alert changed meanwhile,"
                    + " try again");
        }
        return get(id).orElseThrow();
    }

    synchronized Alert close(String id, String analyst, String note, Instant now) {
        String who = analyst(analyst);
        if (note != null && note.length() > MAX_NOTE) {
            throw new IllegalArgumentException("Примітка довша за " + MAX_NOTE + " символів / The note is longer than "
                    + MAX_NOTE + " characters");
        }
        Alert a = get(id).orElseThrow(() -> notFound(id));
        if (a.status() == AlertStatus.CLOSED) {
            throw new IllegalStateException("Сповіщення вже закрите / The alert is already closed");
        }
        int n = update("UPDATE monitoring_alert SET status = ?, closed_by = ?, closed_at = ?, note = ?"
                + " WHERE id = ? AND status = ?", ps -> {
                    ps.setString(1, AlertStatus.CLOSED.name());
                    ps.setString(2, who);
                    ps.setLong(3, now.toEpochMilli());
                    if (note == null || note.isBlank()) {
                        ps.setNull(4, Types.VARCHAR);
                    } else {
                        ps.setString(4, note.strip());
                    }
                    ps.setString(5, id);
                    ps.setString(6, a.status().name());
                });
        if (n != 1) {
            throw new IllegalStateException("Сповіщення змінилося, спробуйте ще раз / The alert changed meanwhile,"
                    + " try again");
        }
        return get(id).orElseThrow();
    }

    private static String analyst(String analyst) {
        if (analyst == null || analyst.isBlank()) {
            throw new IllegalArgumentException("Не вказано аналітика / No analyst given");
        }
        String a = analyst.strip();
        if (a.length() > MAX_ANALYST) {
            throw new IllegalArgumentException("Ім'я аналітика задовге / The analyst's name is too long");
        }
        return a;
    }

    private static NoSuchElementException notFound(String id) {
        return new NoSuchElementException("Сповіщення не знайдено / No such alert: " + id);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Monitoring: cannot write an alert", e);
        }
    }

    private List<Alert> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Monitoring: cannot read the alerts", e);
        }
    }

    private static Alert map(ResultSet rs) throws SQLException {
        String examples = rs.getString("example_ids");
        return new Alert(rs.getString("id").trim(), AlertKind.valueOf(rs.getString("kind")), rs.getString("section"),
                rs.getString("region"), rs.getDate("since").toLocalDate(), rs.getDate("last_day").toLocalDate(),
                rs.getLong("observed"), rs.getDouble("expected"), rs.getLong("threshold"),
                Severity.valueOf(rs.getString("severity")),
                examples == null || examples.isEmpty() ? List.of() : Arrays.asList(examples.split(",")),
                AlertStatus.valueOf(rs.getString("status")), Instant.ofEpochMilli(rs.getLong("raised_at")),
                rs.getString("ack_by"), instant(rs, "ack_at"), rs.getString("closed_by"), instant(rs, "closed_at"),
                rs.getString("note"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
