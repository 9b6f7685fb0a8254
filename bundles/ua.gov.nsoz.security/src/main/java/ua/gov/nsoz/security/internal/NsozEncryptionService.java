package ua.gov.nsoz.security.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realm {@code karaf}'s password check ({@code etc/org.apache.karaf.jaas.cfg}: {@code encryption.name = nsoz}):
 * Karaf's properties login module looks this service up by that name for every login, over REST, SSH and the
 * broker alike, and asks it to check a password against the stored form ({@link PasswordHash}) and to hash a plain
 * one an admin wrote into {@code etc/users.properties}.
 *
 * <p>The same check throttles guessing ({@link LoginThrottle}), per user: the realm does not tell this service who
 * logs in, but the stored form is unique per user (its salt), so it is the key. A refusal by the throttle goes to
 * {@code data/log/security.log} (logger {@code audit}) beside the realm's own line for the refused login.
 */
@Component(service = EncryptionService.class, property = "name=" + NsozEncryptionService.NAME)
public final class NsozEncryptionService implements EncryptionService {

    /** The value of {@code encryption.name} that selects this service. */
    public static final String NAME = "nsoz";

    /** The value of {@code encryption.algorithm} it serves (or none). */
    static final String ALGORITHM_NAME = "PBKDF2WithHmacSHA256";

    private static final Logger LOG = LoggerFactory.getLogger(NsozEncryptionService.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("audit");

    private final LoginThrottle throttle;
    private final AtomicBoolean legacyWarned = new AtomicBoolean();

    /** For DS. */
    @Activate
    public NsozEncryptionService() {
        this(new LoginThrottle(System::currentTimeMillis));
    }

    NsozEncryptionService(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public Encryption createEncryption(Map<String, String> params) {
        String algorithm = params == null ? null : params.get(ALGORITHM);
        if (algorithm != null && !algorithm.isBlank() && !algorithm.equalsIgnoreCase(ALGORITHM_NAME)) {
            return null;
        }
        return new Encryption() {
            @Override
            public String encryptPassword(String password) {
                return PasswordHash.hash(password);
            }

            @Override
            public boolean checkPassword(String provided, String stored) {
                return check(provided, stored);
            }
        };
    }

    /** @return whether the throttle lets the stored form's user be checked now (for tests) */
    boolean throttleOpen(String stored) {
        return throttle.closedFor(stored) == 0;
    }

    /**
     * @param provided the password given at login
     * @param stored the user's stored form (without the realm's prefix and suffix)
     * @return whether the login may go on
     */
    boolean check(String provided, String stored) {
        if (stored == null) {
            return false;
        }
        long closed = throttle.closedFor(stored);
        if (closed > 0) {
            SECURITY.warn("Login refused by the throttle: too many wrong passwords for this user in a row; "
                    + "closed for {} ms more", closed);
            return false;
        }
        boolean ok = PasswordHash.matches(provided, stored);
        if (ok) {
            throttle.succeeded(stored);
            if (PasswordHash.isLegacy(stored) && legacyWarned.compareAndSet(false, true)) {
                LOG.warn("A password in the realm is still kept as unsalted SHA-256: set it again "
                        + "(the launcher rewrites the demo's at every start)");
            }
        } else {
            int failures = throttle.failed(stored);
            if (failures > LoginThrottle.FREE) {
                SECURITY.warn("Wrong password, {} in a row for this user: further logins of the user are refused "
                        + "for {} ms", failures, throttle.closedFor(stored));
            }
        }
        return ok;
    }
}
