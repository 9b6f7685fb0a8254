package ua.gov.nsoz.store.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests of this JVM: initdb into {@code target/postgresql/<pid>}, started by pg_ctl on
 * a free loopback port (no Unix socket, trust authentication for loopback only, fsync off: throw-away data; collation
 * C, character classes C.UTF-8 so that LOWER and UPPER know Cyrillic), stopped
 * and deleted when the JVM exits. The Debian binaries are looked up in {@code /usr/lib/postgresql/<version>/bin}
 * (the newest), or in the directory the environment variable {@code NSOZ_PG_BIN} names. PostgreSQL refuses to run as
 * root: as root, every command runs as the OS user {@code postgres} through {@code runuser}, and the data directory is
 * owned by it. A server left behind by a JVM killed before its shutdown hook ran is stopped by the next one.
 */
public final class PostgresServer {

    /** The superuser initdb creates; trust authentication, loopback only. */
    public static final String USER = "nsoz";

    private static PostgresServer instance;
    private static String unavailable;

    private final Path bin;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** The binaries' directory, if this machine has PostgreSQL. */
    public static Optional<Path> binaries() {
        String env = System.getenv("NSOZ_PG_BIN");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p.resolve("pg_ctl")) ? Optional.of(p) : Optional.empty();
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The server of this JVM, started on first use.
     *
     * @throws IllegalStateException with the reason if there are no binaries or the server does not start
     */
    public static synchronized PostgresServer get() {
        if (instance != null) {
            return instance;
        }
        if (unavailable != null) {
            throw new IllegalStateException(unavailable);
        }
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            unavailable = "no PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin or NSOZ_PG_BIN); install the"
                    + " Debian package postgresql";
            throw new IllegalStateException(unavailable);
        }
        try {
            instance = start(bin.get());
            return instance;
        } catch (IOException | RuntimeException e) {
            unavailable = "PostgreSQL did not start: " + e.getMessage();
            throw new IllegalStateException(unavailable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    private static PostgresServer start(Path bin) throws IOException, InterruptedException {
        Path base = Path.of(System.getProperty("nsoz.test.pg.dir", "target/postgresql")).toAbsolutePath();
        Files.createDirectories(base);
        reapOrphans(bin, base);
        long pid = ProcessHandle.current().pid();
        Path dir = base.resolve(Long.toString(pid));
        delete(dir);
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        if (asRoot()) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        run(bin, List.of("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C", "--lc-ctype=C.UTF-8",
                "--no-sync"), dir.resolve("initdb.log"), 120);
        int port = freePort();
        run(bin, List.of("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"), dir.resolve("pg_ctl.log"), 90);
        PostgresServer server = new PostgresServer(bin, data, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "postgresql-stop"));
        return server;
    }

    /** Stops the servers of JVMs that are gone (killed before their shutdown hook ran). */
    private static void reapOrphans(Path bin, Path base) {
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.matches("\\d+") || ProcessHandle.of(Long.parseLong(name)).isPresent()) {
                    continue;
                }
                if (Files.exists(d.resolve("data/postmaster.pid"))) {
                    try {
                        run(bin, List.of("pg_ctl", "-D", d.resolve("data").toString(), "-m", "immediate", "-w", "stop"),
                                d.resolve("stop.log"), 60);
                    } catch (IOException | RuntimeException e) {
                        // not running any more
                    }
                }
                delete(d);
            }
        } catch (IOException | InterruptedException e) {
            // best effort
        }
    }

    private void stopAndDelete() {
        try {
            run(bin, List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    data.getParent().resolve("stop.log"), 60);
            delete(data.getParent());
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("Could not stop the test PostgreSQL in " + data + ": " + e);
        }
    }

    static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(Path bin, List<String> command, Path log, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(command.get(0)).toString());
        cmd.addAll(command.subList(1, command.size()));
        Path out = Files.createTempFile("nsoz-pg", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .directory(Path.of("/").toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in " + seconds + " s");
            }
            String output = Files.readString(out);
            try {
                Files.writeString(log, output);
            } catch (IOException ignored) {
                // the log is a help only
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + output.strip());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The JDBC URL of a database of this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Creates an empty database. */
    public void createDatabase(String name) {
        admin("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    }

    /** Drops a database, closing whatever connections to it are left open. */
    public void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Ends every connection to a database (as a crashed client would lose them). */
    public void terminateConnections(String name) {
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name.replace("'", "")
                + "' AND pid <> pg_backend_pid()");
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
