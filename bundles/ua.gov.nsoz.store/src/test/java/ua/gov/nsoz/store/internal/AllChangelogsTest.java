package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.store.SqlDialect;
import ua.gov.nsoz.store.testing.TestDatabases;
import ua.gov.nsoz.store.testing.TestDatabases.TestDatabase;

/**
 * Every bundle's changelog (the store's and those of the bundles with tables of their own, read from this reactor's
 * source folders) migrates an empty database of this run's engine (nsoz.test.db: Derby, PostgreSQL), twice (the
 * second run changes nothing); and no changeset that Derby runs changed its checksum since it shipped (a node whose
 * database ran it would refuse to start).
 */
@DisplayName("Migrations: every bundle's changelog on this run's engine; Derby's checksums unchanged")
class AllChangelogsTest {

    /** Bundles whose changelog lives at src/main/resources/<path>. */
    static final Map<String, String> CHANGELOGS = new TreeMap<>(Map.of(
            "ua.gov.nsoz.store", "ua/gov/nsoz/store/db/changelog.sql",
            "ua.gov.nsoz.analytics", "ua/gov/nsoz/analytics/db/changelog.sql",
            "ua.gov.nsoz.calls", "ua/gov/nsoz/calls/internal/db/changelog.sql",
            "ua.gov.nsoz.documents", "ua/gov/nsoz/documents/internal/db/changelog.sql",
            "ua.gov.nsoz.intake", "ua/gov/nsoz/intake/internal/db/changelog.sql",
            "ua.gov.nsoz.knowledge", "ua/gov/nsoz/knowledge/internal/db/changelog.sql",
            "ua.gov.nsoz.monitoring", "ua/gov/nsoz/monitoring/internal/db/changelog.sql"));

    static final List<String> TABLES = List.of("appeal", "appeal_event", "outbox", "inbox", "peer_link", "audit_log",
            "node_secret", "an_fact", "an_cell", "an_series", "an_open", "an_state", "call_record", "nsoz_document",
            "intake_idempotency", "intake_used_token", "knowledge_article", "monitoring_alert");

    static Path base = Path.of(System.getProperty("nsoz.bundles.dir", "..")).toAbsolutePath().normalize();

    static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabases.create(Path.of("target/test-dbs"), "changelogs");
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    static ClassLoader resources(String bundle) throws MalformedURLException {
        Path dir = base.resolve(bundle).resolve("src/main/resources");
        assertTrue(Files.isDirectory(dir), dir::toString);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    static void migrateAll() throws Exception {
        // the store first, as on a node (its changelog makes the PostgreSQL types), then the others
        Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> {
            Migrations.migrate(db.dataSource());
            for (Map.Entry<String, String> e : CHANGELOGS.entrySet()) {
                if (!e.getKey().equals("ua.gov.nsoz.store")) {
                    Migrations.migrate(db.dataSource(), e.getValue(), resources(e.getKey()));
                }
            }
        });
    }

    @Test
    @DisplayName("An empty database takes every changelog, and a second run changes nothing")
    void migratesEmptyDatabase() throws Exception {
        migrateAll();
        long changesets = db.count("SELECT COUNT(*) FROM databasechangelog");
        assertTrue(changesets >= 20, "changesets run: " + changesets);
        migrateAll();
        assertEquals(changesets, db.count("SELECT COUNT(*) FROM databasechangelog"));
        try (Connection c = db.dataSource().getConnection()) {
            for (String t : TABLES) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, db.dialect().catalogName(t),
                        new String[] {"TABLE"})) {
                    assertTrue(rs.next(), "table " + t + " on " + db);
                }
            }
        }
        // a CLOB column takes and gives back a long text on both engines
        String text = "Звернення ".repeat(5000);
        try (Connection c = db.dataSource().getConnection();
                var ps = c.prepareStatement("INSERT INTO knowledge_article (code, title, body, topics, version,"
                        + " updated_at, updated_by, withdrawn) VALUES ('K-1', 't', ?, '', 1, 0, 'u', 0)")) {
            db.dialect().setText(ps, 1, text);
            assertEquals(1, ps.executeUpdate());
            try (var q = c.prepareStatement("SELECT body FROM knowledge_article WHERE code = 'K-1'");
                    ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(text, db.dialect().text(rs, 1));
            }
        }
        assertEquals(db.dialect(), SqlDialect.of(db.dataSource()));
    }

    @Test
    @DisplayName("No changeset that Derby runs changed its checksum (src/test/resources/.../derby-checksums.txt)")
    void derbyChecksumsUnchanged() throws Exception {
        Path expected = Path.of("src/test/resources/ua/gov/nsoz/store/derby-checksums.txt");
        List<String> want = Files.readAllLines(expected, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        TreeSet<String> have = new TreeSet<>(derbyChecksums());
        List<String> missing = new ArrayList<>();
        for (String w : want) {
            if (!have.contains(w)) {
                missing.add(w);
            }
        }
        assertEquals(List.of(), missing, "changed or removed Derby changesets; now: " + have);
    }

    /** "bundle changeset-id author checksum" of every changeset Derby runs, over every changelog. */
    static List<String> derbyChecksums() throws Exception {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : CHANGELOGS.entrySet()) {
            ResourceAccessor accessor = new ClassLoaderResourceAccessor(resources(e.getKey()));
            DatabaseChangeLog log = Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor),
                    () -> ChangeLogParserFactory.getInstance().getParser(e.getValue(), accessor)
                            .parse(e.getValue(), new ChangeLogParameters(), accessor));
            for (ChangeSet cs : log.getChangeSets()) {
                if (cs.getDbmsSet() == null || cs.getDbmsSet().isEmpty() || cs.getDbmsSet().contains("derby")) {
                    out.add(e.getKey() + " " + cs.getId() + " " + cs.getAuthor() + " "
                            + cs.generateCheckSum(ChecksumVersion.latest()));
                }
            }
        }
        return out;
    }

    /**
     * Prints the list to record in derby-checksums.txt after adding a changeset: the argument is the folder that holds
     * the bundles (default: this reactor's bundles folder).
     */
    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? Path.of(args[0]) : base;
        derbyChecksums().forEach(System.out::println);
    }
}
