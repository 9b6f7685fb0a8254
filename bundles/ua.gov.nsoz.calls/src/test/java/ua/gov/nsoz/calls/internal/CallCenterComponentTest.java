package ua.gov.nsoz.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import ua.gov.nsoz.store.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.calls.CallEvent;
import ua.gov.nsoz.api.calls.CallEventType;
import ua.gov.nsoz.api.calls.CallRecord;
import ua.gov.nsoz.api.calls.CallState;
import ua.gov.nsoz.api.reference.ReferenceBase;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;

/** The call records over a real database (Derby, or PostgreSQL): the events of a call, the long poll, links, transfers, the PBX's signature. */
@DisplayName("CallCenter: call records from a PBX's events")
class CallCenterComponentTest {

    static final String SECRET = "synthetic-pbx-secret-0123456789";
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    DataSource ds;
    MutableClock clock;
    CallCenterComponent calls;

    static CallsConfig config(String secret) {
        return new CallsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CallsConfig.class;
            }

            @Override
            public String pbxSecret() {
                return secret;
            }

            @Override
            public int ringingMinutes() {
                return 10;
            }

            @Override
            public int answeredHours() {
                return 4;
            }
        };
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The reference base with two contact centers (synthetic numbers). */
    static ReferenceBase reference() {
        ReferenceEntry lviv = new ReferenceEntry(ReferenceEntryType.CONTACT_CENTER, "CC-LVIV", "Львівський КЦ",
                "Lviv CC", "UA-46", "+380 32 000 15 80", null, null, null, null, null, null, null, null, true);
        ReferenceEntry ucc = new ReferenceEntry(ReferenceEntryType.CONTACT_CENTER, "UCC-1545", "УКЦ", "GCC", null,
                "1545", null, null, null, null, null, null, null, null, false);
        ReferenceEntry hotline = new ReferenceEntry(ReferenceEntryType.HOTLINE, "HL-1", "Лінія", "Line", null,
                "+380 44 000 00 01", null, null, null, null, null, null, null, null, true);
        return new ReferenceBase() {
            @Override
            public List<ReferenceEntry> entries() {
                return List.of(hotline, lviv, ucc);
            }

            @Override
            public List<ReferenceEntry> search(String query, ReferenceEntryType type, boolean english) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @BeforeEach
    void setUp() {
        // this run's engine (nsoz.test.db): Derby, or PostgreSQL
        ds = TestDatabases.create(dir, "calls").dataSource();
        clock = new MutableClock();
        calls = new CallCenterComponent(ds, config(SECRET), clock);
        calls.setReference(reference());
    }

    static CallEvent event(String id, CallEventType type, Instant at) {
        return new CallEvent(id, type, at, "+380 67 000 00 01", "1580", "op1", null);
    }

    @Nested
    @DisplayName("a call's events")
    class Events {

        @Test
        @DisplayName("ringing, answered, hang-up: ENDED with the conversation's duration; kept across a restart")
        void answeredCall() {
            CallRecord ringing = calls.accept(event("pbx-1", CallEventType.RINGING, T0));
            assertEquals(CallState.RINGING, ringing.state());
            assertEquals("op1", ringing.operator());
            assertEquals(List.of(ringing), calls.ringing("op1"));
            assertEquals(List.of(), calls.ringing("op2"));

            CallRecord answered = calls.accept(event("pbx-1", CallEventType.ANSWERED, T0.plusSeconds(5)));
            assertEquals(CallState.ANSWERED, answered.state());
            assertEquals(ringing.id(), answered.id());
            assertEquals(1, calls.ringing("op1").size(), "a conversation stays on the operator's screen");

            CallRecord ended = calls.accept(event("pbx-1", CallEventType.HANGUP, T0.plusSeconds(5 + 83)));
            assertEquals(CallState.ENDED, ended.state());
            assertEquals(83, ended.durationSeconds());
            assertEquals(T0.plusSeconds(88), ended.endedAt());
            assertEquals(List.of(), calls.ringing("op1"));

            CallCenterComponent again = new CallCenterComponent(ds, config(SECRET), clock);
            assertEquals(ended, again.get(ended.id()).orElseThrow());
        }

        @Test
        @DisplayName("a hang-up before anyone answers: MISSED, no duration")
        void missed() {
            calls.accept(event("pbx-2", CallEventType.RINGING, T0));
            CallRecord missed = calls.accept(event("pbx-2", CallEventType.HANGUP, T0.plusSeconds(20)));
            assertEquals(CallState.MISSED, missed.state());
            assertEquals(0, missed.durationSeconds());
        }

        @Test
        @DisplayName("repeated and late events change nothing; an event of an unknown call starts its record")
        void idempotent() {
            calls.accept(event("pbx-3", CallEventType.RINGING, T0));
            calls.accept(event("pbx-3", CallEventType.ANSWERED, T0.plusSeconds(2)));
            CallRecord ended = calls.accept(event("pbx-3", CallEventType.HANGUP, T0.plusSeconds(12)));
            assertEquals(ended, calls.accept(event("pbx-3", CallEventType.HANGUP, T0.plusSeconds(30))));
            assertEquals(ended, calls.accept(event("pbx-3", CallEventType.ANSWERED, T0.plusSeconds(40))));
            assertEquals(ended, calls.accept(event("pbx-3", CallEventType.RINGING, T0.plusSeconds(50))));

            CallRecord late = calls.accept(event("pbx-4", CallEventType.ANSWERED, null));
            assertEquals(CallState.ANSWERED, late.state());
            assertEquals(T0, late.answeredAt(), "no time given: the node's");
        }

        @Test
        @DisplayName("a transfer names the number and the reference base's contact center with it")
        void transfer() {
            calls.accept(event("pbx-5", CallEventType.RINGING, T0));
            calls.accept(event("pbx-5", CallEventType.ANSWERED, T0.plusSeconds(3)));
            CallRecord t = calls.accept(new CallEvent("pbx-5", CallEventType.TRANSFERRED, T0.plusSeconds(63), null,
                    null, "op1", "0320001580"));
            assertEquals(CallState.TRANSFERRED, t.state());
            assertEquals("0320001580", t.transferredTo());
            assertEquals("CC-LVIV", t.transferredToCenter(), "032 000 15 80 is +380 32 000 15 80");
            assertEquals(60, t.durationSeconds());
            assertEquals(t, calls.accept(event("pbx-5", CallEventType.HANGUP, T0.plusSeconds(70))),
                    "the hang-up after a transfer changes nothing");

            calls.accept(event("pbx-6", CallEventType.RINGING, T0));
            assertEquals("UCC-1545", calls.accept(new CallEvent("pbx-6", CallEventType.TRANSFERRED, T0, null, null,
                    null, "1545")).transferredToCenter());
            calls.accept(event("pbx-7", CallEventType.RINGING, T0));
            CallRecord hotline = calls.accept(new CallEvent("pbx-7", CallEventType.TRANSFERRED, T0, null, null, null,
                    "+380 44 000 00 01"));
            assertEquals(CallState.TRANSFERRED, hotline.state());
            assertNull(hotline.transferredToCenter(), "a hotline is no contact center");
        }

        @Test
        @DisplayName("a malformed event is refused naming its fields")
        void malformed() {
            ValidationException e = assertThrows(ValidationException.class, () -> calls.accept(new CallEvent("",
                    null, null, "<script>", null, null, null)));
            List<String> fields = e.errors().stream().map(f -> f.field()).toList();
            assertTrue(fields.containsAll(List.of("pbxCallId", "type", "callerNumber")), fields.toString());
            ValidationException t = assertThrows(ValidationException.class, () -> calls.accept(new CallEvent("x",
                    CallEventType.TRANSFERRED, null, null, null, null, null)));
            assertEquals("transferTo", t.errors().get(0).field());
        }

        @Test
        @DisplayName("a call that rang past ringingMinutes (the PBX lost its hang-up) leaves the operator's screen")
        void staleRinging() {
            calls.accept(event("pbx-8", CallEventType.RINGING, T0));
            clock.now = T0.plus(Duration.ofMinutes(11));
            assertEquals(List.of(), calls.ringing("op1"));
        }
    }

    @Nested
    @DisplayName("links, recordings, earlier calls")
    class Links {

        @Test
        @DisplayName("a call is linked to one appeal; the recording is recorded; calls from one number by digits")
        void linkAndRecording() {
            CallRecord first = calls.accept(event("pbx-10", CallEventType.RINGING, T0));
            clock.now = T0.plusSeconds(600);
            CallRecord second = calls.accept(new CallEvent("pbx-11", CallEventType.RINGING, T0.plusSeconds(600),
                    "+380670000001", null, "op1", null));
            calls.accept(new CallEvent("pbx-12", CallEventType.RINGING, T0, "+380670000002", null, "op1", null));

            assertEquals("appeal-1", calls.attach(first.id(), "appeal-1").appealId());
            assertEquals("appeal-1", calls.attach(first.id(), "appeal-1").appealId(), "the same link again");
            assertThrows(IllegalStateException.class, () -> calls.attach(first.id(), "appeal-2"));
            assertThrows(NoSuchElementException.class, () -> calls.attach("no-such-call", "appeal-2"));
            assertEquals(List.of(first.id()), calls.forAppeal("appeal-1").stream().map(CallRecord::id).toList());

            String sha = "a".repeat(64);
            assertEquals(sha, calls.recording("pbx-10", sha).recordingSha256());
            assertEquals(sha, calls.forAppeal("appeal-1").get(0).recordingSha256());
            assertThrows(NoSuchElementException.class, () -> calls.recording("pbx-none", sha));
            assertThrows(ValidationException.class, () -> calls.recording("pbx-10", "not-a-hash"));

            List<CallRecord> fromNumber = calls.fromNumber("+380 (67) 000-00-01", 10);
            assertEquals(List.of(second.id(), first.id()), fromNumber.stream().map(CallRecord::id).toList(),
                    "the same digits, the newest first");
            assertEquals(1, calls.fromNumber("380670000001", 1).size());
        }
    }

    @Nested
    @DisplayName("the operator's long poll")
    class LongPoll {

        @Test
        @DisplayName("returns as soon as a call rings for the operator, not for another's")
        void wakesOnRinging() throws Exception {
            CompletableFuture<List<CallRecord>> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return calls.awaitRinging("op-wait", Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            calls.accept(new CallEvent("pbx-20", CallEventType.RINGING, T0, "+380670000009", null, "someone-else",
                    null));
            // another operator's call does not end the wait with it: what the poll returns is op-wait's call only
            calls.accept(new CallEvent("pbx-21", CallEventType.RINGING, T0, "+380670000009", null, "op-wait", null));
            List<CallRecord> got = poll.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("pbx-21"), got.stream().map(CallRecord::pbxCallId).toList());
        }

        @Test
        @DisplayName("returns [] after the wait when nothing rings")
        void emptyAfterWait() throws Exception {
            assertEquals(List.of(), calls.awaitRinging("op-idle", Duration.ofMillis(300)));
        }
    }

    @Nested
    @DisplayName("the PBX's signature")
    class Signature {

        byte[] body = "{\"pbxCallId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        boolean check(CallCenterComponent c, String header) throws Exception {
            return c.signedByPbx(new ByteArrayInputStream(body), header);
        }

        @Test
        @DisplayName("the HMAC-SHA256 of the body under the secret is taken, in upper or lower case hex")
        void good() throws Exception {
            String header = CallCenterComponent.sign(SECRET.getBytes(StandardCharsets.UTF_8), body);
            assertTrue(header.matches("sha256=[0-9a-f]{64}"), header);
            assertTrue(check(calls, header));
            assertTrue(check(calls, "sha256=" + header.substring(7).toUpperCase(java.util.Locale.ROOT)));
        }

        @Test
        @DisplayName("another body, another secret, a malformed or missing header are refused")
        void bad() throws Exception {
            String header = CallCenterComponent.sign(SECRET.getBytes(StandardCharsets.UTF_8), body);
            assertFalse(calls.signedByPbx(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), header));
            assertFalse(check(calls, CallCenterComponent.sign("another-secret-0123456789".getBytes(
                    StandardCharsets.UTF_8), body)));
            assertFalse(check(calls, null));
            assertFalse(check(calls, header.substring(7)));
            assertFalse(check(calls, "sha256=zz" + header.substring(9)));
            assertFalse(check(calls, "sha1=" + header.substring(7)));
        }

        @Test
        @DisplayName("without a secret (or one too short) every request is refused; a new secret takes effect at once")
        void noSecret() throws Exception {
            CallCenterComponent none = new CallCenterComponent(ds, config(""), clock);
            byte[] zeros = new byte[32];
            assertFalse(check(none, CallCenterComponent.sign(zeros, body)), "the empty secret is no key");
            CallCenterComponent shortOne = new CallCenterComponent(ds, config("short"), clock);
            assertFalse(check(shortOne, CallCenterComponent.sign("short".getBytes(StandardCharsets.UTF_8), body)));
            none.modified(config(SECRET));
            assertTrue(check(none, CallCenterComponent.sign(SECRET.getBytes(StandardCharsets.UTF_8), body)));
        }
    }
}
