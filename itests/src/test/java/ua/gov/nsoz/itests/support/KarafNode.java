package ua.gov.nsoz.itests.support;

import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.ops4j.pax.exam.ExamSystem;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.spi.PaxExamRuntime;

/**
 * One NSOZ node: the real distribution booted by Pax Exam's Karaf container in its own process,
 * configured as a node of {@code node-configs/} on free ports, and driven from outside over real
 * HTTP and SSH, as an operator or another system would.
 */
public final class KarafNode implements AutoCloseable {

    /**
     * The SSH user the tests add to the node's realm, and the default user of the tests' HTTP requests: every NSOZ
     * role but the head's (a test shows only the head extends a term), the bodies the tests use, and the Karaf
     * administrator's roles.
     */
    public static final String SSH_USER = "itest";
    /** The roles of {@link #SSH_USER}. */
    public static final String ITEST_ROLES = "nsoz-operator,nsoz-supervisor,nsoz-clerk,nsoz-body-MOZ,"
            + "nsoz-body-LODA,nsoz-analyst,nsoz-personal-data,nsoz-admin,nsoz-auditor,admin,manager,viewer,"
            + "systembundles,ssh";
    /** Its password; test-only, never in node-configs/. */
    public static final String SSH_PASSWORD = "itest-Secret-1";
    /** The head of an executive body (role nsoz-head: may extend a term, Law Art. 20). */
    public static final String HEAD_USER = "itest-head";
    public static final String HEAD_PASSWORD = "itest-Head-2";
    /** An operator of the node's contact center who may use the shell (role ssh, no Karaf role). */
    public static final String OPERATOR_USER = "itest-operator";
    public static final String OPERATOR_PASSWORD = "itest-Operator-5";
    /** A supervisor of the node's contact center who may use the shell (role ssh, no Karaf role). */
    public static final String SUPERVISOR_USER = "itest-supervisor";
    public static final String SUPERVISOR_PASSWORD = "itest-Supervisor-6";
    /** An analyst of the center who may use the shell (applicants masked, no link management; no Karaf role). */
    public static final String ANALYST_USER = "itest-analyst";
    public static final String ANALYST_PASSWORD = "itest-Analyst-4";
    /** The reference data's administrator (role nsoz-admin; no role ssh: refused at the shell's login). */
    /** The public intake's configuration at the itest nodes (PID ua.gov.nsoz.intake): wide limits, the default work. */
    public static final String[][] INTAKE_LIMITS = {{"difficultyBits", "16"},
        {"submissionsPerAddressPer10Minutes", "500"}, {"submissionsPerAddressPerDay", "5000"},
        {"submissionsPerEmailPerHour", "100"}, {"submissionsPerEmailPerDay", "1000"},
        {"challengesPerAddressPer10Minutes", "2000"}};
    public static final String ADMIN_USER = "itest-admin";
    public static final String ADMIN_PASSWORD = "itest-Admin-3";
    /** The broker password of the node's own routes (user nsoz-node); test-only, never in node-configs/. */
    static final String NODE_SECRET = "itestNodeSecret1";
    /** A region's own broker password at the center (user nsoz-link-<region>); test-only, never in node-configs/. */
    static final String LINK_SECRET = "itestLinkSecret1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String nodeName;
    private final Path dataDir;
    private final int httpPort;
    private final int sshPort;
    private final int brokerPort;
    /** A closed port: a regional node's bridge and federation must not reach anybody's central broker. */
    private final int centerBrokerPort;
    private TestContainer container;

    private KarafNode(String nodeName, Path dataDir) {
        this.nodeName = nodeName;
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.sshPort = freePort();
        this.brokerPort = freePort();
        this.centerBrokerPort = freePort();
    }

    /**
     * Boots a node as configured in {@code node-configs/<nodeName>/}, its Derby store in {@code dataDir}
     * (so a second boot with the same folder finds the same data).
     *
     * @param nodeName a folder of node-configs/
     * @param dataDir where the node keeps its store
     * @return the node, answering HTTP
     */
    public static KarafNode boot(String nodeName, Path dataDir) {
        KarafNode node = new KarafNode(nodeName, dataDir);
        node.start();
        return node;
    }

    /** Boots the same node again (after {@link #stop()}), on the same ports and store. */
    public void start() {
        try {
            ExamSystem system = PaxExamRuntime.createTestSystem(options());
            container = PaxExamRuntime.createContainer(system);
            container.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the Pax Exam system", e);
        }
        try {
            Await.until("node " + nodeName + " answers /api/v1/node", READY_TIMEOUT, () -> {
                try {
                    return Http.get(url("/api/v1/node")).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            // Never leave a half-started Karaf behind: it would outlive the test JVM.
            stop();
            throw e;
        }
    }

    /** Stops the node's process; its store stays. */
    public void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** @return the node's base URL plus the path */
    public URI url(String path) {
        return URI.create("https://localhost:" + httpPort + path);
    }

    /** @return the SSH port of the node's Karaf shell */
    public int sshPort() {
        return sshPort;
    }

    /** @return the node's name in node-configs/ */
    public String name() {
        return nodeName;
    }

    private Option[] options() {
        Path repoRoot = Path.of(System.getProperty("nsoz.repo.root", "..")).toAbsolutePath().normalize();
        File distribution = new File(System.getProperty("nsoz.distribution"));
        if (!distribution.isFile()) {
            throw new IllegalStateException("No distribution at " + distribution + ": build karaf-assembly first");
        }
        String m2 = System.getProperty("nsoz.m2.repository", System.getProperty("user.home") + "/.m2/repository");
        File unpack = new File(System.getProperty("nsoz.itest.dir", "target/exam"));
        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                .frameworkUrl(distribution.toURI().toString())
                .name("NSOZ").karafVersion(System.getProperty("karaf.version", "4.4.10"))
                .unpackDirectory(unpack).useDeployFolder(false));
        options.add(configureConsole().ignoreLocalConsole());
        options.add(logLevel(LogLevelOption.LogLevel.INFO));
        // The container fetches Pax Exam's own bundles from the local Maven repository only.
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                "file:" + m2 + "@id=local@snapshots, ${karaf.home.uri}system@id=system.repository@snapshots"));
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                m2));
        // The node's own configuration, exactly as the launcher applies it, on free ports.
        options.addAll(nodeConfig(repoRoot.resolve("node-configs").resolve(nodeName).resolve("etc")));
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure",
                Integer.toString(httpPort)));
        // HTTPS and the broker's TLS with the tests' own self-signed certificate (Tls), as the launcher sets its own.
        Tls.Stores tls = tls();
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.link.keystore", tls.keyStore().toString()));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.link.keystore.password", Tls.PASSWORD));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.link.truststore",
                tls.trustStore().toString()));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.link.truststore.password", Tls.PASSWORD));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort)));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                Integer.toString(freePort())));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                Integer.toString(freePort())));
        options.add(editConfigurationFilePut("etc/org.ops4j.datasource-nsoz.cfg", "url",
                "jdbc:derby:" + dataDir.toAbsolutePath().resolve("derby") + ";create=true"));
        // Every itest client comes from 127.0.0.1 and many classes file public appeals: the shared node's limits per
        // address and per e-mail are wide; PublicIntakeIT narrows them for its burst and puts these back.
        for (String[] limit : INTAKE_LIMITS) {
            options.add(editConfigurationFilePut("etc/ua.gov.nsoz.intake.cfg", limit[0], limit[1]));
        }
        options.add(editConfigurationFilePut("etc/users.properties", SSH_USER, SSH_PASSWORD + "," + ITEST_ROLES));
        options.add(editConfigurationFilePut("etc/users.properties", HEAD_USER,
                HEAD_PASSWORD + ",nsoz-clerk,nsoz-head,nsoz-body-MOZ"));
        options.add(editConfigurationFilePut("etc/users.properties", ADMIN_USER, ADMIN_PASSWORD + ",nsoz-admin"));
        options.add(editConfigurationFilePut("etc/users.properties", ANALYST_USER,
                ANALYST_PASSWORD + ",nsoz-analyst,ssh"));
        options.add(editConfigurationFilePut("etc/users.properties", OPERATOR_USER,
                OPERATOR_PASSWORD + ",nsoz-operator,ssh"));
        options.add(editConfigurationFilePut("etc/users.properties", SUPERVISOR_USER,
                SUPERVISOR_PASSWORD + ",nsoz-supervisor,ssh"));
        // The broker and the link, as the launcher sets them (docs/link.md), on free ports.
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.broker.port", Integer.toString(brokerPort)));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.center.broker.port",
                Integer.toString(centerBrokerPort)));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.node.password", NODE_SECRET));
        // The deadline watch every 2 s instead of 10 min, so a test sees it act.
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.deadline.watch.period", "2000"));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.deadline.watch.delay", "1000"));
        options.add(editConfigurationFilePut("etc/system.properties", "nsoz.link.password", LINK_SECRET));
        options.add(editConfigurationFilePut("etc/users.properties", "nsoz-node", NODE_SECRET + ",nsoz-node"));
        options.add(editConfigurationFilePut("etc/users.properties", "nsoz-link-lviv", LINK_SECRET + ",nsoz-link,nsoz-link-lviv"));
        // What bin/karaf adds on Java 17 (docs/stack.md, trap 6).
        options.add(vmOptions("-Xmx512m",
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-"
                        + System.getProperty("karaf.version", "4.4.10") + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-"
                        + System.getProperty("karaf.version", "4.4.10") + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"));
        return options.toArray(Option[]::new);
    }

    /** Every key of every file in node-configs/<node>/etc/, as the launcher merges them. */
    private static List<Option> nodeConfig(Path etc) {
        List<Option> options = new ArrayList<>();
        if (!Files.isDirectory(etc)) {
            throw new IllegalArgumentException("No node configuration at " + etc);
        }
        try (Stream<Path> files = Files.list(etc)) {
            for (Path f : files.sorted().toList()) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(f)) {
                    p.load(in);
                }
                for (String key : p.stringPropertyNames()) {
                    options.add(editConfigurationFilePut("etc/" + f.getFileName(), key, p.getProperty(key)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + etc, e);
        }
        return options;
    }

    /** @return the Pax Exam nodes' TLS stores (made once per run) */
    public static Tls.Stores tls() {
        return Tls.selfSigned(Path.of(System.getProperty("nsoz.itest.dir", "target/exam")).toAbsolutePath()
                .resolve("tls"));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Minimal HTTP helpers over java.net.http. */
    public static final class Http {
        private static final HttpClient CLIENT = new NodeClient(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .sslContext(Tls.trusting(() -> List.of(tls().certificate()))).build(), SSH_USER, SSH_PASSWORD);

        private Http() {
        }

        /** GET. */
        public static HttpResponse<String> get(URI uri) throws IOException {
            return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"));
        }

        /** POST a JSON body. */
        public static HttpResponse<String> postJson(URI uri, String json) throws IOException {
            return post(uri, "application/json", json);
        }

        /** POST with any content type. */
        public static HttpResponse<String> post(URI uri, String contentType, String body) throws IOException {
            return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", contentType).header("Accept", "application/json"));
        }

        /** GET without credentials. */
        public static HttpResponse<String> getAnonymous(URI uri) throws IOException {
            return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                    .header(NodeClient.ANONYMOUS, "1"));
        }

        /** GET as a user. */
        public static HttpResponse<String> getAs(String user, String password, URI uri) throws IOException {
            return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                    .header("Authorization", NodeClient.basic(user, password)));
        }

        /** Any request. */
        public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
            try {
                return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
