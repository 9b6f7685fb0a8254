package ua.gov.nsoz.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Subject;
import javax.security.auth.login.FailedLoginException;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class AddressThrottleLoginModuleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = LoginThrottle.forAddresses(now::get);

    private AddressThrottleLoginModule module(String address) {
        return module(address, AddressThrottleLoginModule.GATE, false);
    }

    private AddressThrottleLoginModule module(String address, String stage, boolean authenticated) {
        return module(address, stage, authenticated, new java.util.HashMap<>());
    }

    private AddressThrottleLoginModule module(String address, String stage, boolean authenticated,
            Map<String, Object> shared) {
        Subject subject = new Subject();
        if (address != null) {
            subject.getPrincipals().add(new ClientPrincipal("ssh", address));
        }
        if (authenticated) {
            subject.getPrincipals().add(new UserPrincipal("admin"));
        }
        AddressThrottleLoginModule m = new AddressThrottleLoginModule(() -> throttle);
        m.initialize(subject, null, shared, Map.of(AddressThrottleLoginModule.STAGE, stage));
        return m;
    }

    /**
     * One login that the realm's modules refuse: the gate lets it through, and the counter at the end finds no user
     * in the subject (Karaf's audit modules make that a JAAS "success" without principals).
     */
    private void failedLogin(String address) throws Exception {
        AddressThrottleLoginModule gate = module(address);
        assertFalse(gate.login(), "never a success of its own");
        AddressThrottleLoginModule counter = module(address, AddressThrottleLoginModule.COUNT, false);
        assertFalse(counter.login());
        assertFalse(counter.commit());
    }

    /** One login that the realm's modules accept: the counter finds the user. */
    private void succeededLogin(String address) throws Exception {
        AddressThrottleLoginModule gate = module(address);
        assertFalse(gate.login());
        AddressThrottleLoginModule counter = module(address, AddressThrottleLoginModule.COUNT, true);
        assertFalse(counter.login());
        counter.commit();
    }

    @Test
    void hostWithoutPort() {
        assertEquals("127.0.0.1", AddressThrottleLoginModule.host("/127.0.0.1:50214"));
        assertEquals("10.0.0.5", AddressThrottleLoginModule.host("gw.example/10.0.0.5:22"));
        assertEquals("0:0:0:0:0:0:0:1", AddressThrottleLoginModule.host("/[0:0:0:0:0:0:0:1]:50214"));
        assertEquals("0:0:0:0:0:0:0:1", AddressThrottleLoginModule.host("0:0:0:0:0:0:0:1"));
        assertEquals("10.0.0.5", AddressThrottleLoginModule.host("10.0.0.5"));
        assertNull(AddressThrottleLoginModule.host(" "));
    }

    @Test
    void tenFreeFailuresThenTheAddressIsClosedForAnyoneAndOpensAfterItsWindow() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            failedLogin("/127.0.0.3:4000" + i);
        }
        succeededLogin("/127.0.0.3:5000"); // still open after the free ten

        failedLogin("/127.0.0.3:5001"); // the eleventh: closed for 1 s
        Map<String, Object> oneLogin = new java.util.HashMap<>();
        AddressThrottleLoginModule closed = module("/127.0.0.3:5002", AddressThrottleLoginModule.GATE, false, oneLogin);
        AddressThrottleLoginModule refusedCounter =
                module("/127.0.0.3:5002", AddressThrottleLoginModule.COUNT, false, oneLogin);
        FailedLoginException e = assertThrows(FailedLoginException.class, closed::login);
        assertTrue(e.getMessage().contains("try again in 1 s"), e.getMessage());
        closed.abort(); // the login context aborts every module: a refusal is not counted as another failure
        refusedCounter.abort();
        now.addAndGet(999);
        assertThrows(FailedLoginException.class, module("/127.0.0.3:5002")::login, "the window did not grow");
        now.addAndGet(-999);
        assertFalse(module("/127.0.0.4:5003").login(), "another address is open");

        now.addAndGet(1_000);
        AddressThrottleLoginModule later = module("/127.0.0.3:5004");
        assertFalse(later.login(), "open again after the window");
        failedLogin("/127.0.0.3:5005"); // the twelfth: closed for 2 s
        now.addAndGet(1_999);
        assertThrows(FailedLoginException.class, module("/127.0.0.3:5006")::login);
        now.addAndGet(1);
        assertFalse(module("/127.0.0.3:5007").login());
    }

    @Test
    void aSuccessDoesNotOpenTheAddress() throws Exception {
        for (int i = 0; i <= LoginThrottle.FREE_PER_ADDRESS; i++) {
            failedLogin("/127.0.0.5:1");
        }
        now.addAndGet(1_000);
        succeededLogin("/127.0.0.5:2");
        failedLogin("/127.0.0.5:3");
        assertThrows(FailedLoginException.class, module("/127.0.0.5:4")::login,
                "the failures in a row go on counting across the success");
    }

    @Test
    void loginsWithoutAClientAreLeftToTheOtherModules() throws Exception {
        AddressThrottleLoginModule m = module(null);
        assertFalse(m.login(), "ignore me");
        assertFalse(m.abort());
        for (int i = 0; i < 50; i++) {
            failedLogin(null);
        }
        assertFalse(module("/127.0.0.6:1").login());
    }
}
