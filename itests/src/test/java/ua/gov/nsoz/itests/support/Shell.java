package ua.gov.nsoz.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;

/** Runs Karaf shell commands on a node over real SSH, as an administrator would. */
public final class Shell implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SshClient client;
    private final int port;
    /** The server's banner (Karaf's welcomeBanner) of the latest login, shown before the password is asked. */
    private volatile String banner = "";

    /**
     * @param node the node to log in to, as the test user
     */
    public Shell(KarafNode node) {
        this(node.sshPort());
    }

    /**
     * @param sshPort the SSH port of a node on this machine (e.g. the launcher's demo)
     */
    public Shell(int sshPort) {
        this.port = sshPort;
        client = SshClient.setUpDefaultClient();
        client.setUserInteraction(new UserInteraction() {
            @Override
            public void welcome(ClientSession session, String text, String lang) {
                banner = text;
            }

            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                    String[] prompt, boolean[] echo) {
                return null; // password authentication only
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null;
            }
        });
        client.start();
    }

    /** @return the banner the server sent at the latest login (empty if none) */
    public String banner() {
        return banner;
    }

    /** What a command printed, on its standard output and its error stream. */
    public record Result(String out, String err) {
        /** @return both streams */
        public String all() {
            return out + err;
        }
    }

    /**
     * @param command a shell command line, e.g. {@code nsoz:node-info}
     * @return what it printed
     * @throws IOException if the channel fails
     */
    public Result run(String command) throws IOException {
        return runAs(KarafNode.SSH_USER, KarafNode.SSH_PASSWORD, command);
    }

    /**
     * @param user a user of the node's realm with the role {@code ssh}
     * @param password their password
     * @param command a shell command line
     * @return what it printed
     * @throws IOException if the channel fails
     */
    public Result runAs(String user, String password, String command) throws IOException {
        return runFrom(null, user, password, command);
    }

    /**
     * @param localAddress the address to connect from (e.g. {@code 127.0.0.2}, another client on loopback), or
     *        {@code null} for any
     * @param user a user of the node's realm with the role {@code ssh}
     * @param password their password
     * @param command a shell command line
     * @return what it printed
     * @throws IOException if the channel fails, or the login is refused
     */
    public Result runFrom(String localAddress, String user, String password, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // From a given loopback address, to the IPv4 loopback (localhost may resolve to ::1 first).
        java.net.SocketAddress target = new java.net.InetSocketAddress(localAddress == null ? "localhost" : "127.0.0.1",
                port);
        java.net.SocketAddress local = localAddress == null ? null : new java.net.InetSocketAddress(localAddress, 0);
        // Karaf ends the SSH session when an exec command ends: one session per command.
        try (ClientSession session = client.connect(user, target, null, local).verify(TIMEOUT)
                .getSession()) {
            banner = "";
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(TIMEOUT);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            }
        }
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.stop();
    }
}
