package ua.gov.nsoz.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's sessions of the staff workspace (cookie {@value #COOKIE}), in memory: a session is a login with the right
 * password, kept until its user logs out, it is unused for the idle timeout, or its absolute lifetime ends (PID
 * {@code ua.gov.nsoz.rest.session}; a changed configuration applies at once, to the open sessions too, and the
 * component stays: {@link Modified}). A node restart ends every session.
 *
 * <p>A session's id and its CSRF token are 256 bits each from {@link SecureRandom}, base64url. The store keeps only
 * the SHA-256 of an id (a heap dump shows no usable cookie) and compares it in constant time
 * ({@link MessageDigest#isEqual}); the CSRF token is compared the same way. Neither is ever logged. Expired sessions
 * are removed when met and by a purge every minute.
 *
 * <p>The store also holds the per-address throttle of failed logins ({@link ClientThrottle}) that HTTP Basic and the
 * session login share, so that a guesser gains nothing by switching between them and the count survives a rebuild of
 * the REST server.
 */
@Component(service = SessionStore.class, configurationPid = SessionStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SessionConfig.class)
public class SessionStore {

    /** The configuration's PID. */
    static final String PID = "ua.gov.nsoz.rest.session";

    /** The cookie's name. */
    static final String COOKIE = "NSOZ_SESSION";

    /** The request header that carries the session's CSRF token on unsafe methods. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private static final long PURGE_SECONDS = 60;

    private final SecureRandom random = new SecureRandom();
    private final LongSupplier millis;
    private final ClientThrottle throttle;
    /** Sessions by the base64url SHA-256 of their id. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService purger;

    private volatile long idleMillis;
    private volatile long lifetimeMillis;
    private volatile int perUser;

    /** One open session: who, with which roles, its CSRF token, when it ends. */
    static final class Session {
        private final byte[] idHash;
        private final String user;
        private final Set<String> roles;
        private final String csrf;
        private final long createdAt;
        private final long expiresAt;
        private volatile long lastSeen;

        Session(byte[] idHash, String user, Set<String> roles, String csrf, long createdAt, long expiresAt) {
            this.idHash = idHash;
            this.user = user;
            this.roles = Set.copyOf(roles);
            this.csrf = csrf;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
            this.lastSeen = createdAt;
        }

        /** @return the user */
        String user() {
            return user;
        }

        /** @return the realm's roles at the login */
        Set<String> roles() {
            return roles;
        }

        /** @return the session's CSRF token (told to its client in the JSON of the session, never in a cookie) */
        String csrf() {
            return csrf;
        }

        /** @return when the session ends whatever happens: the login plus the absolute lifetime at the login */
        Instant expiresAt() {
            return Instant.ofEpochMilli(expiresAt);
        }

        /** @return when it was opened */
        Instant createdAt() {
            return Instant.ofEpochMilli(createdAt);
        }

        /** @return whether the token is the session's, compared in constant time; null or blank never is */
        boolean csrfMatches(String token) {
            return token != null && !token.isEmpty() && MessageDigest.isEqual(
                    csrf.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "Session[" + user + "]"; // never the id nor the token
        }
    }

    /** A session just opened and its id (the cookie's value, told once). */
    record Opened(String id, Session session) {
        @Override
        public String toString() {
            return "Opened[" + session + "]";
        }
    }

    /**
     * @param config the configuration
     */
    @Activate
    public SessionStore(SessionConfig config) {
        this(config, System::currentTimeMillis, true);
    }

    /**
     * @param config the configuration
     * @param millis the clock, in milliseconds
     * @param purgeEveryMinute whether to purge on a timer (tests purge by hand)
     */
    SessionStore(SessionConfig config, LongSupplier millis, boolean purgeEveryMinute) {
        this.millis = millis;
        this.throttle = new ClientThrottle(millis);
        configure(config);
        if (purgeEveryMinute) {
            purger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nsoz-session-purge");
                t.setDaemon(true);
                return t;
            });
            purger.scheduleWithFixedDelay(this::purgeQuietly, PURGE_SECONDS, PURGE_SECONDS, TimeUnit.SECONDS);
        } else {
            purger = null;
        }
    }

    /**
     * A changed configuration applies at once, to the open sessions too (their idle timeout; an absolute end already
     * told to a client stays); the service stays registered, so the REST server is not rebuilt and no session is lost.
     */
    @Modified
    void modified(SessionConfig config) {
        configure(config);
    }

    private void configure(SessionConfig config) {
        idleMillis = Duration.ofSeconds(Math.max(1, config.idleTimeoutSeconds())).toMillis();
        lifetimeMillis = Duration.ofSeconds(Math.max(1, config.absoluteLifetimeSeconds())).toMillis();
        perUser = Math.max(1, config.maxSessionsPerUser());
        LOG.info("Staff sessions: idle timeout {} s, absolute lifetime {} s, at most {} per user",
                idleMillis / 1000, lifetimeMillis / 1000, perUser);
    }

    @Deactivate
    void stop() {
        if (purger != null) {
            purger.shutdownNow();
        }
        sessions.clear();
    }

    /** @return the per-address throttle of failed logins, shared by HTTP Basic and the session login */
    ClientThrottle throttle() {
        return throttle;
    }

    /** @return the idle timeout in force */
    Duration idleTimeout() {
        return Duration.ofMillis(idleMillis);
    }

    /**
     * Opens a session for a user the realm has just let in. A user at their limit loses their least recently used
     * session.
     *
     * @param user the user
     * @param roles the realm's roles
     * @return the session and its id
     */
    Opened open(String user, Set<String> roles) {
        long now = millis.getAsLong();
        String id = token();
        Session s = new Session(hash(id), user, roles, token(), now, now + lifetimeMillis);
        sessions.put(key(s.idHash), s);
        long held = sessions.values().stream().filter(x -> x.user.equals(user)).count();
        if (held > perUser) {
            sessions.values().stream().filter(x -> x.user.equals(user) && x != s)
                    .sorted(Comparator.comparingLong(x -> x.lastSeen)).limit(held - perUser)
                    .forEach(x -> sessions.remove(key(x.idHash), x));
        }
        return new Opened(id, s);
    }

    /**
     * Finds a live session by its id and marks it used now (the idle timeout counts from here).
     *
     * @param id the cookie's value
     * @return the session, or empty if none is open with that id (unknown, ended or expired: an expired one is
     *         removed)
     */
    Optional<Session> use(String id) {
        return find(id, true);
    }

    /** Like {@link #use} without marking it used. */
    Optional<Session> peek(String id) {
        return find(id, false);
    }

    private Optional<Session> find(String id, boolean touch) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        byte[] h = hash(id);
        Session s = sessions.get(key(h));
        if (s == null || !MessageDigest.isEqual(s.idHash, h)) {
            return Optional.empty();
        }
        long now = millis.getAsLong();
        if (expired(s, now)) {
            sessions.remove(key(h), s);
            return Optional.empty();
        }
        if (touch) {
            s.lastSeen = now;
        }
        return Optional.of(s);
    }

    /**
     * Ends a session.
     *
     * @param id the cookie's value
     * @return the session that was open with that id, or empty
     */
    Optional<Session> close(String id) {
        Optional<Session> s = peek(id);
        s.ifPresent(x -> sessions.remove(key(x.idHash), x));
        return s;
    }

    /** @return how many sessions are open (expired ones not yet purged included) */
    int size() {
        return sessions.size();
    }

    /**
     * Removes every expired session.
     *
     * @return how many were removed
     */
    int purge() {
        long now = millis.getAsLong();
        int[] n = {0};
        sessions.values().removeIf(s -> {
            boolean gone = expired(s, now);
            n[0] += gone ? 1 : 0;
            return gone;
        });
        return n[0];
    }

    private void purgeQuietly() {
        try {
            int n = purge();
            if (n > 0) {
                LOG.debug("Purged {} expired staff sessions", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired staff sessions failed: {}", e.toString());
        }
    }

    private boolean expired(Session s, long now) {
        return now >= s.expiresAt || now - s.lastSeen >= idleMillis;
    }

    /** @return 256 random bits, base64url without padding (43 characters) */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] hash(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
