package ua.gov.nsoz.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

/**
 * The throttle module in a real JAAS login around modules flagged and behaving as Karaf's realm's (the password
 * modules sufficient, adding the user principal at commit; the audit modules optional and always succeeding, so that
 * a wrong password ends as a JAAS success without principals): it never turns a refused password into a success with
 * a user, counts the refused ones, and refuses a closed address before the password module is asked.
 */
class AddressThrottleJaasTest {

    /** The password module: sufficient; accepts only the password "right". */
    public static final class Password implements LoginModule {
        static int asked;
        private CallbackHandler handler;
        private Subject subject;
        private boolean ok;

        @Override
        public void initialize(Subject s, CallbackHandler h, Map<String, ?> shared, Map<String, ?> options) {
            handler = h;
            subject = s;
        }

        @Override
        public boolean login() throws LoginException {
            asked++;
            javax.security.auth.callback.PasswordCallback pc =
                    new javax.security.auth.callback.PasswordCallback("password", false);
            try {
                handler.handle(new javax.security.auth.callback.Callback[] {pc});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!"right".equals(new String(pc.getPassword()))) {
                throw new FailedLoginException("wrong password");
            }
            ok = true;
            return true;
        }

        @Override
        public boolean commit() {
            if (ok) {
                subject.getPrincipals().add(new UserPrincipal("admin"));
            }
            return ok;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    /** An audit module as Karaf's: optional, and its login always succeeds. */
    public static final class Audit implements LoginModule {
        @Override
        public void initialize(Subject s, CallbackHandler h, Map<String, ?> shared, Map<String, ?> options) {
            // nothing
        }

        @Override
        public boolean login() {
            return true;
        }

        @Override
        public boolean commit() {
            return true;
        }

        @Override
        public boolean abort() {
            return false;
        }

        @Override
        public boolean logout() {
            return false;
        }
    }

    private static final Configuration REALM = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
                new AppConfigurationEntry(AddressThrottleLoginModule.class.getName(), LoginModuleControlFlag.REQUISITE,
                        Map.of(AddressThrottleLoginModule.STAGE, AddressThrottleLoginModule.GATE)),
                new AppConfigurationEntry(Password.class.getName(), LoginModuleControlFlag.SUFFICIENT, Map.of()),
                new AppConfigurationEntry(Audit.class.getName(), LoginModuleControlFlag.OPTIONAL, Map.of()),
                new AppConfigurationEntry(AddressThrottleLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL,
                        Map.of(AddressThrottleLoginModule.STAGE, AddressThrottleLoginModule.COUNT))};
        }
    };

    /** @return the subject of a login that JAAS let through; Karaf then asks it for the user and the roles */
    private static Subject login(String address, String password) throws LoginException {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", "/" + address + ":40000"));
        CallbackHandler handler = callbacks -> {
            for (javax.security.auth.callback.Callback c : callbacks) {
                if (c instanceof javax.security.auth.callback.PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        };
        new LoginContext("karaf", subject, handler, REALM).login();
        return subject;
    }

    @Test
    void aWrongPasswordStaysRefusedAndAClosedAddressIsRefusedBeforeThePasswordIsAsked() throws LoginException {
        assertEquals(1, login("10.9.8.7", "right").getPrincipals(UserPrincipal.class).size());
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS + 1; i++) {
            // As in Karaf: a JAAS "success" without a user (the audit module), which the caller refuses.
            assertTrue(login("10.9.8.7", "wrong").getPrincipals(UserPrincipal.class).isEmpty(), "never a user");
        }
        int asked = Password.asked;
        LoginException closed = assertThrows(LoginException.class, () -> login("10.9.8.7", "right"));
        assertTrue(closed.getMessage().contains("Too many failed logins from this address"), closed.getMessage());
        assertEquals(asked, Password.asked, "the password was not checked");
        // Refusals do not lengthen the window (1 s after the eleventh failure): it opens while they go on.
        long deadline = System.nanoTime() + 10_000_000_000L;
        Subject in = null;
        while (in == null && System.nanoTime() < deadline) {
            try {
                in = login("10.9.8.7", "right");
            } catch (LoginException stillClosed) {
                assertTrue(stillClosed.getMessage().contains("try again in 1 s"), stillClosed.getMessage());
            }
        }
        assertTrue(in != null && !in.getPrincipals(UserPrincipal.class).isEmpty(), "open again after 1 s");
        login("10.9.8.6", "right"); // another address
    }
}
