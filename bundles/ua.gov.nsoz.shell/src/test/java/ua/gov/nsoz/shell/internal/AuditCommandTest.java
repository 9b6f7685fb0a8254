package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.store.internal.JdbcAuditLog;
import ua.gov.nsoz.store.internal.Migrations;

/** {@code nsoz:audit} against the real audit log on embedded Derby. */
@DisplayName("nsoz:audit")
class AuditCommandTest {

    @TempDir
    static Path home;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Kept so that the level set on it is not lost to garbage collection. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    /** 10:00 in Kyiv (UTC+3 in summer) on 4 May 2026. */
    static final Instant T = Instant.parse("2026-05-04T07:00:00Z");
    static final String APPEAL_ID = "0190a1b2-0000-7000-8000-000000000001";

    Path path;
    EmbeddedDataSource ds;
    JdbcAuditLog log;
    AuditCommand command;
    ByteArrayOutputStream out;
    PrintStream stdout;

    @BeforeAll
    static void quiet() {
        System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    @BeforeEach
    void open() throws Exception {
        path = home.resolve("audit-" + DATABASES.incrementAndGet());
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> Migrations.migrate(ds));
        log = new JdbcAuditLog(ds);
        log.record(new AuditEntry(0, T, "olena", "nsoz-clerk", AuditAction.READ, APPEAL_ID, "GET /appeals/{id}",
                "rest 10.0.0.5", "lviv"));
        log.record(new AuditEntry(0, T.plusSeconds(86_400), "petro", "", AuditAction.SEARCH, null, "nsoz:appeal-list",
                "shell", "lviv"));
        log.record(new AuditEntry(0, T.plusSeconds(2 * 86_400), "admin", "", AuditAction.ANONYMIZE, APPEAL_ID,
                "retention", "node", "lviv"));
        command = new AuditCommand();
        command.audit = log;
        command.chain = log;
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        System.setOut(stdout);
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true"));
        assertEquals("08006", e.getSQLState(), e::getMessage);
    }

    String run() {
        command.nsozNode = AsUser.node("lviv");
        AsUser.run("tester", java.util.Set.of("nsoz-auditor"), command::execute);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusedWithoutTheRole() {
        command.nsozNode = AsUser.node("lviv");
        SecurityException e = assertThrows(SecurityException.class,
                () -> AsUser.run("tester", java.util.Set.of("nsoz-analyst"), command::execute));
        assertTrue(e.getMessage().contains("nsoz-auditor"), e.getMessage());
    }

    /** Only the appeal of {@link #APPEAL_ID}, numbered LV-2026-000001. */
    static AppealService oneAppeal() {
        Appeal a = new Appeal(APPEAL_ID, "LV-2026-000001", "lviv", "UA-46", AppealKind.COMPLAINT, Channel.POST, null,
                "-", null, null, false, null, false, null, List.of(), Set.of(), AppealStatus.CLOSED, 1, T, T, T);
        return (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
                new Class<?>[] {AppealService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> Optional.of(a).filter(x -> x.id().equals(args[0]));
                    case "find" -> Optional.of(a).filter(x -> x.id().equals(args[0])
                            || x.registrationNumber().equals(args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @DisplayName("Every entry, newest first, times in Kyiv")
    void all() {
        String text = run();
        assertTrue(text.indexOf("ANONYMIZE") < text.indexOf("SEARCH") && text.indexOf("SEARCH") < text.indexOf("READ"),
                text);
        assertTrue(text.contains("2026-05-04 10:00:00"), text);
        assertTrue(text.contains("rest 10.0.0.5"), text);
        assertTrue(text.contains("Showing 3 of 3"), text);
    }

    @Test
    @DisplayName("By user and by action")
    void byUserAndAction() {
        command.user = "petro";
        assertTrue(run().contains("Showing 1 of 1"));
        command.user = null;
        command.action = "anonymize";
        String text = run();
        assertTrue(text.contains("Showing 1 of 1") && text.contains("retention"), text);
    }

    @Test
    @DisplayName("By appeal: its registration number is looked up, and shown for its entries")
    void byAppealNumber() {
        command.appeals = oneAppeal();
        command.appeal = "LV-2026-000001";
        String text = run();
        assertTrue(text.contains("Showing 2 of 2"), text);
        assertTrue(text.contains("LV-2026-000001"), text);
        assertFalse(text.contains(APPEAL_ID), text);
    }

    @Test
    @DisplayName("By appeal id, without the appeal service")
    void byAppealId() {
        command.appeal = APPEAL_ID;
        String text = run();
        assertTrue(text.contains("Showing 2 of 2") && text.contains(APPEAL_ID), text);
    }

    @Test
    @DisplayName("By dates in Kyiv, both days included")
    void byDates() {
        command.from = "2026-05-05";
        command.to = "2026-05-05";
        String text = run();
        assertTrue(text.contains("Showing 1 of 1") && text.contains("SEARCH"), text);
        assertEquals(Instant.parse("2026-05-04T21:00:00Z"), AuditCommand.day("2026-05-05", 0));
        assertEquals(Instant.parse("2026-05-05T21:00:00Z"), AuditCommand.day("2026-05-05", 1));
    }

    @Test
    @DisplayName("The limit")
    void limit() {
        command.limit = 2;
        assertTrue(run().contains("Showing 2 of 3"));
    }

    @Test
    @DisplayName("Wrong values are refused with a message in both languages")
    void refused() {
        command.action = "PEEK";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::run);
        assertTrue(e.getMessage().contains("Невідома дія") && e.getMessage().contains("Unknown action"), e.getMessage());
        command.action = null;
        command.from = "05.05.2026";
        e = assertThrows(IllegalArgumentException.class, this::run);
        assertTrue(e.getMessage().contains("Expected a date"), e.getMessage());
        command.from = null;
        command.limit = 0;
        e = assertThrows(IllegalArgumentException.class, this::run);
        assertTrue(e.getMessage().startsWith("limit: ") && e.getMessage().contains("Must be between 1 and 1000"),
                e.getMessage());
    }

    @Test
    @DisplayName("--verify says OK for an intact chain and names the first broken entry otherwise")
    void verify() throws SQLException {
        command.verify = true;
        assertTrue(run().contains("Chain intact: OK"));
        long seq;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_log_no_update");
            var rs = s.executeQuery("SELECT MIN(seq) FROM audit_log WHERE actor = 'petro'");
            rs.next();
            seq = rs.getLong(1);
            s.executeUpdate("UPDATE audit_log SET what = 'nothing' WHERE seq = " + seq);
        }
        out.reset();
        assertTrue(run().contains("Chain broken at seq " + seq), out.toString(StandardCharsets.UTF_8));
    }
}
