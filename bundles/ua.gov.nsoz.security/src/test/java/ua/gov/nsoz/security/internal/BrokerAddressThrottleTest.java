package ua.gov.nsoz.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;

/**
 * The broker's throttle per client address on a real Artemis (the version the node runs) over real TCP: clients log in
 * from two loopback addresses (127.0.0.2, the attacker; 127.0.0.3, another), the realm is a security manager that
 * counts the passwords it checks, and the throttle's clock is the test's.
 */
class BrokerAddressThrottleTest {

    static final String ATTACKER = "127.0.0.2";
    static final String OTHER = "127.0.0.3";

    @TempDir
    Path dir;

    final AtomicLong clock = new AtomicLong(1_000_000);
    final AtomicInteger checked = new AtomicInteger();
    final List<BrokerAddressThrottle.Refusal> refusals = new CopyOnWriteArrayList<>();
    EmbeddedActiveMQ broker;
    BrokerAddressThrottle throttle;
    int port;

    /** The realm: one user, nsoz-link-lviv with the password "right"; every check counted. */
    final class Realm implements ActiveMQSecurityManager5 {

        @Override
        public Subject authenticate(String user, String password, RemotingConnection connection,
                String securityDomain) {
            checked.incrementAndGet();
            if ("nsoz-link-lviv".equals(user) && "right".equals(password)) {
                return new Subject(true, Set.<Principal>of(new UserPrincipal(user)), Set.of(), Set.of());
            }
            return null;
        }

        @Override
        public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
            return true;
        }

        @Override
        public boolean validateUser(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            throw new UnsupportedOperationException();
        }
    }

    /** A broker of one CORE acceptor on 127.0.0.1 (all addresses of the loopback reach it), security on; not started. */
    EmbeddedActiveMQ newBroker() throws Exception {
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("link", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        return new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(new Realm());
    }

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        broker = newBroker();
        broker.start();
        throttle = new BrokerAddressThrottle(LoginThrottle.forAddresses(clock::get), refusals::add);
        throttle.attach(broker.getActiveMQServer());
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop();
    }

    /**
     * Logs in from the address (a session asked for, as a region's bridge does) and leaves again. Artemis binds the
     * client's local address only together with a local port: a free one of that address, each time.
     */
    void login(String from, String user, String password) throws Exception {
        int localPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(from))) {
            localPort = s.getLocalPort();
        }
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port + "?localAddress="
                + from + "&localPort=" + localPort + "&callTimeout=10000");
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            session.start();
        }
    }

    @Test
    void wrongPasswordsCloseTheirAddressOnlyAndItReopens() throws Exception {
        // The free ten: wrong passwords (each another user name, as a guesser spreads them), and the right one still
        // gets in from the same address after each.
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            String user = "guess-" + i;
            assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, user, "Wrong-Broker-Guess"));
            login(ATTACKER, "nsoz-link-lviv", "right");
        }
        // The eleventh closes the address for 1 s (the clock stands still): now even the right password is refused,
        // and not checked.
        assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, "guess-10", "Wrong-Broker-Guess"));
        int before = checked.get();
        ActiveMQSecurityException refused = assertThrows(ActiveMQSecurityException.class,
                () -> login(ATTACKER, "nsoz-link-lviv", "right"));
        assertTrue(refused.getMessage().contains("Too many failed logins from this address"), refused.getMessage());
        assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, "guess-11", "Wrong-Broker-Guess"));
        assertEquals(before, checked.get(), "no password checked from a closed address");

        // Another address is not affected.
        login(OTHER, "nsoz-link-lviv", "right");

        // The window ends: the address opens again (and the next failure would close it for 2 s).
        clock.addAndGet(1001);
        login(ATTACKER, "nsoz-link-lviv", "right");
        assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, "guess-12", "Wrong-Broker-Guess"));
        clock.addAndGet(1001);
        assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, "nsoz-link-lviv", "right"));
        clock.addAndGet(1000);
        login(ATTACKER, "nsoz-link-lviv", "right");

        // Recorded: every wrong password with its user and address; the refusals of a closed address once per window.
        List<BrokerAddressThrottle.Refusal> wrong = refusals.stream()
                .filter(r -> r.reason() == BrokerAddressThrottle.Reason.WRONG).toList();
        List<BrokerAddressThrottle.Refusal> closed = refusals.stream()
                .filter(r -> r.reason() == BrokerAddressThrottle.Reason.ADDRESS_CLOSED).toList();
        assertEquals(12, wrong.size(), "the wrong passwords: " + wrong);
        assertTrue(wrong.stream().allMatch(r -> r.address().equals(ATTACKER) && r.user().startsWith("guess-")),
                wrong.toString());
        assertEquals(List.of(new BrokerAddressThrottle.Refusal("nsoz-link-lviv", ATTACKER,
                BrokerAddressThrottle.Reason.ADDRESS_CLOSED), new BrokerAddressThrottle.Refusal("nsoz-link-lviv",
                        ATTACKER, BrokerAddressThrottle.Reason.ADDRESS_CLOSED)), closed,
                "once per window, the first refused login's user");
        assertTrue(refusals.stream().noneMatch(r -> r.address().equals(OTHER)), refusals.toString());
    }

    /** Eleven wrong passwords from the attacker's address; then its right one is refused (the clock stands still). */
    void closeTheAttackersAddress() throws Exception {
        for (int i = 0; i <= LoginThrottle.FREE_PER_ADDRESS; i++) {
            String user = "guess-" + i;
            assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, user, "Wrong-Broker-Guess"));
        }
        ActiveMQSecurityException refused = assertThrows(ActiveMQSecurityException.class,
                () -> login(ATTACKER, "nsoz-link-lviv", "right"));
        assertTrue(refused.getMessage().contains("Too many failed logins from this address"), refused.getMessage());
    }

    @Test
    void aBrokerThatIsNotLiveYetIsThrottledOnceItIs() throws Exception {
        // As a backup broker waits: registered, but without management and remoting services until it is live.
        broker.stop();
        throttle.detach(broker.getActiveMQServer());
        broker = newBroker();
        broker.createActiveMQServer();
        assertFalse(throttle.hook(broker.getActiveMQServer()), "nothing to hook before the broker is live");
        throttle.attach(broker.getActiveMQServer());
        broker.start();
        closeTheAttackersAddress();
        login(OTHER, "nsoz-link-lviv", "right");
        // A broker that goes down and comes back (a failback) makes new services: throttled again.
        broker.stop();
        clock.addAndGet(LoginThrottle.FORGET_ADDRESS_MILLIS + 1);
        broker.start();
        closeTheAttackersAddress();
    }

    @Test
    void detachedItThrottlesNothing() throws Exception {
        throttle.detach(broker.getActiveMQServer());
        for (int i = 0; i <= LoginThrottle.FREE_PER_ADDRESS + 2; i++) {
            String user = "guess-" + i;
            assertThrows(ActiveMQSecurityException.class, () -> login(ATTACKER, user, "Wrong-Broker-Guess"));
        }
        login(ATTACKER, "nsoz-link-lviv", "right");
        assertTrue(refusals.isEmpty(), refusals.toString());
    }

    @Test
    void theComponentRecordsRefusedBrokerLoginsInTheAuditLog() throws Exception {
        throttle.detach(broker.getActiveMQServer());
        List<AuditEntry> recorded = new CopyOnWriteArrayList<>();
        AuditLog audit = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                recorded.add(entry);
            }

            @Override
            public Page<AuditEntry> search(AuditQuery query) {
                throw new UnsupportedOperationException();
            }
        };
        NodeIdentity node = (NodeIdentity) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {NodeIdentity.class}, (proxy, method, args) -> {
                    if (method.getName().equals("nodeId")) {
                        return "ucc";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        BrokerThrottleComponent component = new BrokerThrottleComponent();
        component.audit = audit;
        component.node = node;
        component.bindServer(broker.getActiveMQServer());
        try {
            assertThrows(ActiveMQSecurityException.class, () -> login("127.0.0.5", "guess-audit", "Wrong-Guess"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (recorded.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // written on the component's own thread: poll with a deadline
            }
            assertEquals(1, recorded.size(), recorded.toString());
            AuditEntry e = recorded.get(0);
            assertEquals("guess-audit", e.actor());
            assertEquals(AuditAction.LOGIN_REFUSED, e.action());
            assertEquals("broker 127.0.0.5", e.origin());
            assertEquals("ucc", e.node());
            assertFalse(e.toString().contains("Wrong-Guess"), "never a password");
        } finally {
            component.unbindServer(broker.getActiveMQServer());
            component.deactivate();
        }
    }

    @Test
    void theAuditEntryNamesUserAddressAndReasonNeverAPassword() {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        AuditEntry e = BrokerThrottleComponent.entry(new BrokerAddressThrottle.Refusal("guess\n1", ATTACKER,
                BrokerAddressThrottle.Reason.ADDRESS_CLOSED), "ucc", at);
        assertEquals(new AuditEntry(0, at, "guess?1", "", AuditAction.LOGIN_REFUSED, null,
                "Broker login refused: too many failed logins from the address", "broker " + ATTACKER, "ucc"), e);
        AuditEntry wrong = BrokerThrottleComponent.entry(new BrokerAddressThrottle.Refusal(null, OTHER,
                BrokerAddressThrottle.Reason.WRONG), "lviv", at);
        assertEquals("?", wrong.actor());
        assertEquals("Broker login refused: a wrong user name or password", wrong.what());
        assertEquals("broker " + OTHER, wrong.origin());
        assertFalse(BrokerThrottleComponent.entry(new BrokerAddressThrottle.Refusal("x".repeat(300), OTHER,
                BrokerAddressThrottle.Reason.WRONG), "lviv", at).actor().length() > 100);
    }
}
