package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The staff sessions on a simulated clock: ids, idle timeout, absolute lifetime, configuration changes, the purge. */
@DisplayName("REST: staff sessions live until logout, the idle timeout or the absolute lifetime")
class SessionStoreTest {

    static final long IDLE = 900;
    static final long LIFETIME = 28_800;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final SessionStore store = new SessionStore(config(IDLE, LIFETIME, 20), clock::get, false);

    /** A configuration as DS would give it. */
    static SessionConfig config(long idleSeconds, long lifetimeSeconds, int perUser) {
        return new SessionConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SessionConfig.class;
            }

            @Override
            public long idleTimeoutSeconds() {
                return idleSeconds;
            }

            @Override
            public long absoluteLifetimeSeconds() {
                return lifetimeSeconds;
            }

            @Override
            public int maxSessionsPerUser() {
                return perUser;
            }
        };
    }

    private void advanceSeconds(long seconds) {
        clock.addAndGet(seconds * 1000);
    }

    @Test
    @DisplayName("Ids and CSRF tokens are 256 random bits in base64url, all different; the store shows neither in text")
    void idsAreRandomAndNeverShown() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            SessionStore.Opened o = store.open("operator", Set.of("nsoz-operator"));
            assertTrue(o.id().matches("[A-Za-z0-9_-]{43}"), o.id());
            assertTrue(o.session().csrf().matches("[A-Za-z0-9_-]{43}"), o.session().csrf());
            assertTrue(seen.add(o.id()) && seen.add(o.session().csrf()), "never repeated");
            assertFalse(o.toString().contains(o.id()) || o.toString().contains(o.session().csrf()), o.toString());
        }
        assertEquals(20, store.size(), "at most 20 sessions per user: the least recently used went");
    }

    @Test
    @DisplayName("A session is found by its id only: another id, a prefix, a changed letter, null or a long string find nothing")
    void foundByItsIdOnly() {
        SessionStore.Opened o = store.open("clerk", Set.of("nsoz-clerk", "nsoz-body-MOZ"));
        assertSame(o.session(), store.use(o.id()).orElseThrow());
        assertEquals("clerk", store.peek(o.id()).orElseThrow().user());
        char c = o.id().charAt(10);
        String changed = o.id().substring(0, 10) + (c == 'A' ? 'B' : 'A') + o.id().substring(11);
        for (String other : new String[] {changed, o.id().substring(0, 42), o.id() + "A", "", null,
                "x".repeat(10_000), store.open("clerk", Set.of()).session().csrf()}) {
            assertTrue(store.use(other).isEmpty(), "found by " + other);
        }
    }

    @Test
    @DisplayName("Unused for the idle timeout a session ends; each use starts the timeout again")
    void idleTimeout() {
        SessionStore.Opened o = store.open("operator", Set.of("nsoz-operator"));
        for (int i = 0; i < 10; i++) {
            advanceSeconds(IDLE - 1);
            assertTrue(store.use(o.id()).isPresent(), "used within the idle timeout, " + i);
        }
        advanceSeconds(IDLE - 1);
        assertTrue(store.peek(o.id()).isPresent(), "a peek ...");
        advanceSeconds(1);
        assertTrue(store.peek(o.id()).isEmpty(), "... does not count as a use: idle for 900 s, ended");
        assertEquals(0, store.size(), "the expired session was removed when met");
    }

    @Test
    @DisplayName("However often it is used, a session ends at its absolute lifetime (8 h), told as expiresAt")
    void absoluteLifetime() {
        long opened = clock.get();
        SessionStore.Opened o = store.open("operator", Set.of("nsoz-operator"));
        assertEquals(opened + LIFETIME * 1000, o.session().expiresAt().toEpochMilli());
        long used = 0;
        while (used + 600 < LIFETIME) {
            advanceSeconds(600);
            used += 600;
            assertTrue(store.use(o.id()).isPresent(), "used every 10 minutes, " + used + " s");
        }
        advanceSeconds(LIFETIME - used);
        assertTrue(store.use(o.id()).isEmpty(), "8 h after the login");
    }

    @Test
    @DisplayName("A changed configuration applies to the open sessions at once, and they survive it")
    void modifiedKeepsTheSessions() {
        SessionStore.Opened o = store.open("supervisor", Set.of("nsoz-supervisor"));
        advanceSeconds(60);
        store.modified(config(120, LIFETIME, 20));
        assertEquals(120, store.idleTimeout().toSeconds());
        assertTrue(store.use(o.id()).isPresent(), "the session survived the change");
        advanceSeconds(119);
        assertTrue(store.use(o.id()).isPresent());
        advanceSeconds(120);
        assertTrue(store.use(o.id()).isEmpty(), "the shorter idle timeout applied to the open session");
        SessionStore.Opened next = store.open("supervisor", Set.of("nsoz-supervisor"));
        store.modified(config(IDLE, 60, 20));
        assertEquals(clock.get() + LIFETIME * 1000, next.session().expiresAt().toEpochMilli(),
                "an end already told stays");
        assertEquals(clock.get() + 60_000, store.open("x", Set.of()).session().expiresAt().toEpochMilli(),
                "a new session gets the new lifetime");
    }

    @Test
    @DisplayName("A logout ends the session at once; the purge removes expired sessions and keeps the live ones")
    void closeAndPurge() {
        SessionStore.Opened a = store.open("operator", Set.of("nsoz-operator"));
        SessionStore.Opened b = store.open("clerk", Set.of("nsoz-clerk"));
        assertEquals("operator", store.close(a.id()).orElseThrow().user());
        assertTrue(store.use(a.id()).isEmpty());
        assertTrue(store.close(a.id()).isEmpty(), "closed once");
        advanceSeconds(IDLE / 2);
        SessionStore.Opened c = store.open("head", Set.of("nsoz-head"));
        advanceSeconds(IDLE / 2);
        assertEquals(2, store.size());
        assertEquals(1, store.purge(), "the clerk's, idle for 900 s");
        assertEquals(1, store.size());
        assertTrue(store.use(c.id()).isPresent());
        assertTrue(store.use(b.id()).isEmpty());
    }

    @Test
    @DisplayName("A user past the limit of sessions loses the least recently used one, other users none")
    void sessionsPerUserAreLimited() {
        SessionStore small = new SessionStore(config(IDLE, LIFETIME, 2), clock::get, false);
        SessionStore.Opened first = small.open("operator", Set.of());
        advanceSeconds(1);
        SessionStore.Opened second = small.open("operator", Set.of());
        SessionStore.Opened other = small.open("clerk", Set.of());
        advanceSeconds(1);
        assertTrue(small.use(first.id()).isPresent()); // now the second is the least recently used
        advanceSeconds(1);
        SessionStore.Opened third = small.open("operator", Set.of());
        assertTrue(small.use(second.id()).isEmpty(), "the least recently used went");
        assertTrue(small.use(first.id()).isPresent());
        assertTrue(small.use(third.id()).isPresent());
        assertTrue(small.use(other.id()).isPresent(), "another user's session stays");
    }

    @Test
    @DisplayName("The CSRF token matches only itself: not null, empty, a prefix, another session's token or the id")
    void csrfMatchesOnlyItself() {
        SessionStore.Opened o = store.open("operator", Set.of());
        SessionStore.Opened other = store.open("operator", Set.of());
        String t = o.session().csrf();
        assertTrue(o.session().csrfMatches(t));
        for (String wrong : new String[] {null, "", t.substring(1), t + "x", other.session().csrf(), o.id(),
                t.toUpperCase(java.util.Locale.ROOT).equals(t) ? t.toLowerCase(java.util.Locale.ROOT)
                        : t.toUpperCase(java.util.Locale.ROOT)}) {
            assertFalse(o.session().csrfMatches(wrong), String.valueOf(wrong));
        }
        assertNotEquals(o.id(), t);
    }
}
