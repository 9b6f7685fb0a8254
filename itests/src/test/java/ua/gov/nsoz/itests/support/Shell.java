package ua.gov.nsoz.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** Runs Karaf shell commands on a node over real SSH, as an administrator would. */
public final class Shell implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SshClient client;
    private final KarafNode node;

    /**
     * @param node the node to log in to, as the test user
     */
    public Shell(KarafNode node) {
        this.node = node;
        client = SshClient.setUpDefaultClient();
        client.start();
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Karaf ends the SSH session when an exec command ends: one session per command.
        try (ClientSession session = client.connect(user, "localhost", node.sshPort()).verify(TIMEOUT)
                .getSession()) {
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
