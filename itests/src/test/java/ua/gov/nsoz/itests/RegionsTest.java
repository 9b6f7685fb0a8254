package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The regions of node-configs/ are what node-configs/regions.tsv gives (docs/regions.md), without starting a node:
 * <ul>
 * <li>{@code node-configs/generate --check} (the generator re-run into a temporary folder and compared) finds no
 * difference and no region folder outside the table;</li>
 * <li>the table has every region of Ukraine once: the 24 oblasts, the Autonomous Republic of Crimea (UA-43), Kyiv
 * (UA-30) and Sevastopol (UA-40), by their ISO 3166-2:UA codes; kyiv-city and lviv keep their ids, codes and
 * ports;</li>
 * <li>each region's files read as Karaf reads them (ISO-8859-1 with \\u escapes) give the table's id, ISO code, node
 * code, Ukrainian name and role REGIONAL, and its center ucc;</li>
 * <li>no two nodes of node-configs/ (the center's included) share a port or a node code, and the launcher lists
 * every region as a node ({@code ./nsoz help});</li>
 * <li>docs/regions.md lists every row of the table as it is.</li>
 * </ul>
 */
class RegionsTest {

    /** ISO 3166-2:UA: the 24 oblasts, the Autonomous Republic of Crimea, and the cities Kyiv and Sevastopol. */
    static final Set<String> UKRAINE = Set.of("UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23",
            "UA-26", "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
            "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77");

    /** The ports a node listens on, as the launcher names them (PORT_VARS and OPTIONAL_PORT_VARS in nsoz). */
    static final Set<String> OWN_PORTS = Set.of("NSOZ_HTTP_PORT", "NSOZ_SSH_PORT", "NSOZ_RMI_REGISTRY_PORT",
            "NSOZ_RMI_SERVER_PORT", "NSOZ_BROKER_PORT", "NSOZ_LINK_PORT");

    record Row(int index, String id, String iso, String code, String region, String name) {
    }

    static Path repoRoot;
    static Path configs;
    static List<Row> rows;

    @BeforeAll
    static void read() throws IOException {
        String root = System.getProperty("nsoz.repo.root");
        assertTrue(root != null && !root.isBlank(), "system property nsoz.repo.root is not set (surefire sets it)");
        repoRoot = Path.of(root).toRealPath();
        configs = repoRoot.resolve("node-configs");
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(configs.resolve("regions.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            assertEquals(6, f.length, "six tab-separated columns: " + line);
            rows.add(new Row(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5]));
        }
    }

    @Test
    void theGeneratedFilesAreWhatTheTableGives() throws Exception {
        Run check = run(configs.resolve("generate").toString(), "--check");
        assertEquals(0, check.exitCode(), "node-configs/generate --check:\n" + check.output());
        assertTrue(check.output().contains("(" + rows.size() + " regions)"), check.output());
    }

    @Test
    void everyRegionOfUkraineOnceAndTheDemoRegionsKeepTheirPlaces() {
        assertEquals(27, rows.size(), "regions in the table");
        Set<String> isos = new TreeSet<>();
        rows.forEach(r -> isos.add(r.iso()));
        assertEquals(new TreeSet<>(UKRAINE), isos, "the ISO 3166-2:UA codes of the table");
        Row kyiv = rows.stream().filter(r -> r.id().equals("kyiv-city")).findFirst().orElseThrow();
        Row lviv = rows.stream().filter(r -> r.id().equals("lviv")).findFirst().orElseThrow();
        assertEquals(new Row(1, "kyiv-city", "UA-30", "KC", "Kyiv city", "Контактний центр міста Києва"), kyiv);
        assertEquals(new Row(2, "lviv", "UA-46", "LV", "Lviv oblast", "Львівський обласний контактний центр"), lviv);
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> assertTrue(ids.add(r.id()), "node id twice: " + r.id()));
    }

    @Test
    void docsRegionsListsEveryRowOfTheTable() throws IOException {
        String doc = Files.readString(repoRoot.resolve("docs/regions.md"), StandardCharsets.UTF_8);
        for (Row r : rows) {
            String line = "| " + r.index() + " | `" + r.id() + "` | " + r.iso() + " | " + r.code() + " | " + r.name()
                    + " | " + (8181 + r.index()) + " | " + (8101 + r.index()) + " | " + (61616 + r.index()) + " |";
            assertTrue(doc.contains(line), "docs/regions.md does not have the table's row: " + line);
        }
    }

    @Test
    void eachRegionReadsAsKarafReadsIt() throws IOException {
        for (Row r : rows) {
            Path etc = configs.resolve(r.id()).resolve("etc");
            Properties node = load(etc.resolve("ua.gov.nsoz.node.cfg"));
            assertEquals(r.id(), envDefault(node, "nodeId"), r.id());
            assertEquals(r.code(), envDefault(node, "code"), r.id());
            assertEquals(r.name(), envDefault(node, "name"), r.id());
            assertEquals("REGIONAL", envDefault(node, "role"), r.id());
            assertEquals(r.iso(), envDefault(node, "region"), r.id());
            assertEquals("ucc", envDefault(node, "center"), r.id());
            Properties system = load(etc.resolve("system.properties"));
            assertEquals(r.id(), system.getProperty("karaf.name"), r.id());
            assertEquals(r.id(), envDefault(system, "nsoz.node.id"), r.id());
            assertEquals("61610", envDefault(system, "nsoz.center.broker.port"), r.id());
            assertEquals(Integer.toString(8181 + r.index()),
                    envDefault(load(etc.resolve("org.ops4j.pax.web.cfg")), "org.osgi.service.http.port.secure"),
                    r.id());
        }
    }

    @Test
    void noTwoNodesShareAPortOrACodeAndTheLauncherKnowsEveryRegion() throws Exception {
        Map<String, String> portOwners = new HashMap<>();
        Map<String, String> codeOwners = new HashMap<>();
        Pattern port = Pattern.compile("\\$\\{env:(NSOZ_[A-Z_]+_PORT):-([0-9]+)}");
        List<Path> nodes;
        try (Stream<Path> s = Files.list(configs)) {
            nodes = s.filter(p -> Files.isDirectory(p.resolve("etc"))).sorted().toList();
        }
        for (Path node : nodes) {
            String name = node.getFileName().toString();
            try (Stream<Path> files = Files.list(node.resolve("etc"))) {
                for (Path f : files.toList()) {
                    Matcher m = port.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        if (!OWN_PORTS.contains(m.group(1))) {
                            continue; // a port of another node that this one connects to (the center's)
                        }
                        String owner = name + " " + m.group(1);
                        String before = portOwners.putIfAbsent(m.group(2), owner);
                        assertTrue(before == null || before.equals(owner),
                                "port " + m.group(2) + " of " + owner + " is also " + before);
                    }
                }
            }
            Path cfg = node.resolve("etc/ua.gov.nsoz.node.cfg");
            if (Files.exists(cfg)) {
                String code = envDefault(load(cfg), "code");
                String before = codeOwners.putIfAbsent(code, name);
                // ucc-2 is the center's second node: the same node, the same code
                assertTrue(before == null || name.startsWith("ucc") && before.startsWith("ucc"),
                        "node code " + code + " of " + name + " is also " + before + "'s");
            }
        }
        Run help = run(repoRoot.resolve("nsoz").toString(), "help");
        assertEquals(0, help.exitCode(), help.output());
        for (Row r : rows) {
            assertTrue(Pattern.compile("(^|\\s)" + Pattern.quote(r.id()) + "(\\s|$)").matcher(help.output()).find(),
                    "./nsoz help does not list " + r.id() + ":\n" + help.output());
        }
    }

    /** A .cfg or .properties file as Karaf reads it: ISO-8859-1, \\u escapes. */
    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    /** The default of {@code ${env:VAR:-default}}, or the value itself. */
    static String envDefault(Properties p, String key) {
        String v = p.getProperty(key);
        assertTrue(v != null, "no " + key);
        Matcher m = Pattern.compile("^\\$\\{env:[A-Z_]+:-(.*)}$").matcher(v);
        return m.matches() ? m.group(1) : v;
    }

    record Run(int exitCode, String output) {
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("nsoz-regions-", ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(repoRoot.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            "/dev/null"))).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Run(-1, "timed out: " + String.join(" ", cmd));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
