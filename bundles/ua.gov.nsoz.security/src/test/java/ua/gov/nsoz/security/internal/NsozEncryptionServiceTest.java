package ua.gov.nsoz.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.junit.jupiter.api.Test;

class NsozEncryptionServiceTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final NsozEncryptionService service = new NsozEncryptionService(new LoginThrottle(clock::get));
    private final String operator = PasswordHash.hash("right-password", 1000);
    private final String clerk = PasswordHash.hash("clerk-password", 1000);

    @Test
    void servesItsAlgorithmOrNone() {
        assertNotNull(service.createEncryption(Map.of()));
        assertNotNull(service.createEncryption(Map.of(EncryptionService.ALGORITHM, "PBKDF2WithHmacSHA256")));
        assertNull(service.createEncryption(Map.of(EncryptionService.ALGORITHM, "SHA-256")));
        Encryption e = service.createEncryption(Map.of());
        String stored = e.encryptPassword("plain one an admin wrote");
        assertTrue(stored.startsWith("pbkdf2-sha256:"));
        assertTrue(e.checkPassword("plain one an admin wrote", stored));
        assertFalse(e.checkPassword("another", stored));
    }

    @Test
    void threeHundredWrongPasswordsAreRefusedAndTheRightOneWorksWithinTheCap() {
        int checkedWrong = 0;
        long start = clock.get();
        for (int i = 0; i < 300; i++) {
            // a fast attacker: 20 ms between tries
            clock.addAndGet(20);
            boolean open = service.throttleOpen(operator);
            assertFalse(service.check("guess-" + i, operator));
            if (open) {
                checkedWrong++;
            }
        }
        // 6 s of guessing: the first FREE were checked, then a window of 1 s, 2 s, 4 s...: a handful more
        assertTrue(checkedWrong <= LoginThrottle.FREE + 3, "guesses actually checked: " + checkedWrong);
        assertEquals(6_000, clock.get() - start);
        // while the window is open even the right password is refused...
        assertFalse(service.check("right-password", operator));
        // ...another user is not affected...
        assertTrue(service.check("clerk-password", clerk));
        // ...and the real user gets in at most CAP after the attacker's last failure
        clock.addAndGet(LoginThrottle.CAP_MILLIS);
        assertTrue(service.check("right-password", operator));
        // a success opens the key fully again
        assertFalse(service.check("typo", operator));
        assertTrue(service.check("right-password", operator));
    }

    @Test
    void theWindowGrowsAndIsCapped() {
        LoginThrottle t = new LoginThrottle(clock::get);
        for (int i = 0; i < LoginThrottle.FREE; i++) {
            t.failed("u");
            assertEquals(0, t.closedFor("u"));
        }
        t.failed("u");
        assertEquals(1000, t.closedFor("u"));
        t.failed("u");
        assertEquals(2000, t.closedFor("u"));
        for (int i = 0; i < 100; i++) {
            t.failed("u");
        }
        assertEquals(LoginThrottle.CAP_MILLIS, t.closedFor("u"));
        clock.addAndGet(LoginThrottle.FORGET_MILLIS + LoginThrottle.CAP_MILLIS + 1);
        assertEquals(0, t.closedFor("u"));
        t.failed("u");
        assertEquals(0, t.closedFor("u"), "an old run of failures is forgotten");
    }
}
