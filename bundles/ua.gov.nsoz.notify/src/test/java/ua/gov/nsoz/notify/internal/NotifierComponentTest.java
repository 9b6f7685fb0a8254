package ua.gov.nsoz.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.spi.NotificationChannel;
import ua.gov.nsoz.notify.Notifier;

/** The notifier with fake channels: who is told of what, on which node, and how failures are retried. */
class NotifierComponentTest {

    private static final String NODE = "lviv";
    private static final String NUMBER = "LV-2026-000001";
    private static final String CODE = "AB12-CD34";
    private static final String EMAIL = "olena@example.org";
    private static final String PHONE = "+380671234567";
    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** One message as a channel got it. */
    record Sent(String recipient, String subject, String body) {
    }

    /** A channel that fails a given number of times, then takes messages. */
    static final class FakeChannel implements NotificationChannel {
        final String name;
        final AtomicInteger failuresLeft;
        final AtomicInteger calls = new AtomicInteger();
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile RuntimeException refusal;
        volatile CountDownLatch gate;

        FakeChannel(String name, int failures) {
            this.name = name;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(String recipient, String subject, String body) throws Exception {
            calls.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null && !g.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            if (refusal != null) {
                throw refusal;
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IOException("550 <" + recipient + "> temporarily unavailable");
            }
            sent.add(new Sent(recipient, subject, body));
        }
    }

    private final FakeChannel email = new FakeChannel("email", 0);
    private final FakeChannel sms = new FakeChannel("sms", 0);
    private final AtomicInteger accessCodeCalls = new AtomicInteger();
    private NotifierComponent notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.deactivate();
        }
    }

    private NotifierComponent notifier(Map<String, Object> config, FakeChannel... channels) {
        Map<String, Object> c = new HashMap<>(Map.of("publicUrl", "https://nsoz.example/", "firstRetryMillis", 5L,
                "maxRetryMillis", 20L));
        c.putAll(config);
        notifier = new NotifierComponent(node(NODE), a -> {
            accessCodeCalls.incrementAndGet();
            return NODE.equals(a.node()) ? Optional.of(CODE) : Optional.empty();
        }, () -> { }, Configs.of(NotifierConfig.class, c));
        for (FakeChannel ch : channels) {
            notifier.bindChannel(ch, Map.of(NotifierComponent.CHANNEL_PROPERTY, ch.name));
        }
        return notifier;
    }

    private static NodeIdentity node(String id) {
        return new NodeIdentity() {
            @Override
            public String nodeId() {
                return id;
            }

            @Override
            public String code() {
                return "LV";
            }

            @Override
            public String name() {
                return "Львівський контактний центр";
            }

            @Override
            public NodeRole role() {
                return NodeRole.REGIONAL;
            }

            @Override
            public String region() {
                return "UA-46";
            }

            @Override
            public String centerNodeId() {
                return "ucc";
            }

            @Override
            public String softwareVersion() {
                return "test";
            }

            @Override
            public Instant startedAt() {
                return NOW;
            }
        };
    }

    private static Applicant applicant(String email, String phone) {
        return new Applicant(ApplicantType.CITIZEN, "Олена Петренко", "м. Львів, вул. Городоцька, 1", email, phone);
    }

    private static Appeal appeal(String owner, Applicant applicant, AppealStatus status, Processing processing) {
        return new Appeal("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", NUMBER, owner, "UA-46", AppealKind.APPLICATION,
                Channel.WEB, applicant, "Прошу відремонтувати дорогу", "01.01", null, false, null, false, null,
                List.of(), Set.of(), status, 2, NOW, NOW, NOW, processing);
    }

    private static Appeal registered(Applicant applicant) {
        return appeal(NODE, applicant, AppealStatus.REGISTERED,
                Processing.NONE.toBuilder().dueDate(LocalDate.of(2026, 4, 1)).build());
    }

    private static AppealEvent event(String type, Appeal a) {
        return new AppealEvent("ev-" + type, a.id(), a.version(), type, NOW, a.node(), "operator", "{}");
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void awaitSettled(long sent, long failed) {
        await(() -> notifier.stats().equals(new Notifier.Stats(sent, failed, 0)),
                "stats sent=" + sent + " failed=" + failed + ", have " + notifier.stats());
    }

    @Test
    void registrationTellsBothContactsTheNumberAndAccessCode() {
        notifier(Map.of(), email, sms);
        Appeal a = registered(applicant(EMAIL, PHONE));

        notifier.onEvent(event("REGISTERED", a), a);

        awaitSettled(2, 0);
        assertEquals(1, email.sent.size());
        assertEquals(1, sms.sent.size());
        Sent mail = email.sent.get(0);
        assertEquals(EMAIL, mail.recipient());
        assertEquals(PHONE, sms.sent.get(0).recipient());
        assertEquals("Звернення LV-2026-000001: зареєстровано / Appeal LV-2026-000001: registered", mail.subject());
        String body = mail.body();
        assertTrue(body.contains(NUMBER), body);
        assertTrue(body.contains("Код доступу: " + CODE), body);
        assertTrue(body.contains("Access code: " + CODE), body);
        assertTrue(body.contains("https://nsoz.example/api/v1/public/status?number=" + NUMBER + "&code=" + CODE), body);
        assertTrue(body.contains("01.04.2026"), body);
        assertTrue(body.indexOf("Ваше звернення") < body.indexOf("Your appeal"), "Ukrainian first: " + body);
        assertFalse(body.contains("Олена"), "no need to repeat the name: " + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REGISTERED", "FORWARDED", "REDIRECTED", "EXTENDED", "ANSWERED",
        "ANSWERED_AT_FIRST_CONTACT", "NOT_CONSIDERED"})
    void eachNotifiedEventSendsOneMessage(String type) {
        notifier(Map.of(), email);
        Appeal a = registered(applicant(EMAIL, null));

        notifier.onEvent(event(type, a), a);

        awaitSettled(1, 0);
        assertTrue(email.sent.get(0).subject().startsWith("Звернення " + NUMBER + ": "), email.sent.get(0).subject());
        assertTrue(email.sent.get(0).subject().contains(" / Appeal " + NUMBER + ": "), email.sent.get(0).subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CLASSIFIED", "NOTE", "MARKED_NO_ADDITIONAL_STUDY", "ACCEPTED", "RATED", "REMINDED",
        "ESCALATED", "SOMETHING_NEW"})
    void otherEventsAreNotNotified(String type) {
        notifier(Map.of(), email, sms);
        Appeal a = registered(applicant(EMAIL, PHONE));

        notifier.onEvent(event(type, a), a);

        // Queuing happens on the caller's thread: nothing pending now means nothing will be sent.
        assertEquals(new Notifier.Stats(0, 0, 0), notifier.stats());
        assertEquals(0, email.calls.get() + sms.calls.get());
    }

    @Test
    void onlyTheOwningNodeNotifies() {
        notifier(Map.of(), email, sms);
        Appeal replica = appeal("kyiv", applicant(EMAIL, PHONE), AppealStatus.REGISTERED, Processing.NONE);

        notifier.onEvent(event("REGISTERED", replica), replica);

        assertEquals(new Notifier.Stats(0, 0, 0), notifier.stats());
        assertEquals(0, accessCodeCalls.get());
    }

    @Test
    void noApplicantOrNoContactMeansNothing() {
        notifier(Map.of(), email, sms);
        Appeal anonymous = registered(null);
        Appeal noContact = registered(applicant(" ", null));

        notifier.onEvent(event("REGISTERED", anonymous), anonymous);
        notifier.onEvent(event("REGISTERED", noContact), noContact);

        assertEquals(new Notifier.Stats(0, 0, 0), notifier.stats());
    }

    @Test
    void eachContactGoesThroughItsOwnChannelIfPresent() {
        notifier(Map.of(), email);
        Appeal a = registered(applicant(EMAIL, PHONE));

        notifier.onEvent(event("REGISTERED", a), a);

        awaitSettled(1, 0);
        assertEquals(EMAIL, email.sent.get(0).recipient());

        notifier.unbindChannel(email, Map.of(NotifierComponent.CHANNEL_PROPERTY, "email"));
        notifier.bindChannel(sms, Map.of(NotifierComponent.CHANNEL_PROPERTY, "sms"));
        notifier.onEvent(event("FORWARDED", a), a);

        awaitSettled(2, 0);
        assertEquals(1, email.sent.size());
        assertEquals(PHONE, sms.sent.get(0).recipient());
    }

    @Test
    void aChannelWhoseConfigurationSaysEnabledFalseIsNeverUsed() {
        notifier(Map.of());
        // as fileinstall gives it from a .cfg file (a text), and as a typed configuration gives it (a boolean)
        notifier.bindChannel(email, Map.of(NotifierComponent.CHANNEL_PROPERTY, "email",
                NotifierComponent.ENABLED_PROPERTY, "false"));
        notifier.bindChannel(sms, Map.of(NotifierComponent.CHANNEL_PROPERTY, "sms",
                NotifierComponent.ENABLED_PROPERTY, Boolean.FALSE));
        Appeal a = registered(applicant(EMAIL, PHONE));

        notifier.onEvent(event("REGISTERED", a), a);

        // nothing was even queued: a contact without a channel in use is skipped when the event is prepared
        assertEquals(new Notifier.Stats(0, 0, 0), notifier.stats());
        assertEquals(java.util.Set.of(), notifier.channelNames());
        assertTrue(email.sent.isEmpty() && sms.sent.isEmpty());

        // the same channel with enabled = true (or without the key) is used
        notifier.bindChannel(email, Map.of(NotifierComponent.CHANNEL_PROPERTY, "email",
                NotifierComponent.ENABLED_PROPERTY, "TRUE"));
        notifier.onEvent(event("FORWARDED", a), a);
        awaitSettled(1, 0);
        assertEquals(EMAIL, email.sent.get(0).recipient());
        assertEquals(java.util.Set.of("email"), notifier.channelNames());
    }

    @Test
    void aFailedSendIsRetriedUntilItSucceeds() {
        FakeChannel flaky = new FakeChannel("email", 2);
        notifier(Map.of("maxAttempts", 5), flaky);
        Appeal a = registered(applicant(EMAIL, null));

        notifier.onEvent(event("REGISTERED", a), a);

        awaitSettled(1, 0);
        assertEquals(3, flaky.calls.get());
        assertEquals(1, flaky.sent.size());
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        FakeChannel down = new FakeChannel("email", Integer.MAX_VALUE);
        notifier(Map.of("maxAttempts", 3), down);
        Appeal a = registered(applicant(EMAIL, null));

        notifier.onEvent(event("REGISTERED", a), a);

        awaitSettled(0, 1);
        assertEquals(3, down.calls.get());
    }

    @Test
    void aRefusedRecipientIsNotRetried() {
        email.refusal = new IllegalArgumentException("the recipient is not a valid e-mail address");
        notifier(Map.of("maxAttempts", 5), email);
        Appeal a = registered(applicant("not-an-address", null));

        notifier.onEvent(event("REGISTERED", a), a);

        awaitSettled(0, 1);
        assertEquals(1, email.calls.get());
    }

    @Test
    void aFullQueueDropsAndCounts() {
        email.gate = new CountDownLatch(1);
        notifier(Map.of("maxPending", 1), email);
        Appeal a = registered(applicant(EMAIL, null));

        notifier.onEvent(event("REGISTERED", a), a);
        notifier.onEvent(event("FORWARDED", a), a);

        assertEquals(new Notifier.Stats(0, 1, 1), notifier.stats());
        email.gate.countDown();
        awaitSettled(1, 1);
    }

    @Test
    void afterDeactivationNothingIsSent() {
        notifier(Map.of(), email);
        notifier.deactivate();
        Appeal a = registered(applicant(EMAIL, null));

        notifier.onEvent(event("REGISTERED", a), a);

        assertEquals(new Notifier.Stats(0, 1, 0), notifier.stats());
        assertEquals(0, email.calls.get());
        notifier = null;
    }

    @Test
    void forwardingNamesTheBodyFromTheReferenceData() {
        notifier(Map.of(), email);
        notifier.setReferenceData(referenceData(new Body("LV-OBL", BodyKind.REGIONAL_ADMINISTRATION,
                "Львівська обласна державна адміністрація", "Lviv Regional State Administration", "UA-46", null,
                null, null, null)));
        Appeal a = appeal(NODE, applicant(EMAIL, null), AppealStatus.FORWARDED,
                Processing.NONE.toBuilder().body("LV-OBL", NOW).dueDate(LocalDate.of(2026, 4, 1)).build());

        notifier.onEvent(event("FORWARDED", a), a);

        awaitSettled(1, 0);
        String body = email.sent.get(0).body();
        assertTrue(body.contains("Львівська обласна державна адміністрація"), body);
        assertTrue(body.contains("Lviv Regional State Administration"), body);
        assertTrue(body.contains("Направлено до органу"), body);
        assertTrue(body.contains("01.04.2026") && body.contains("2026-04-01"), body);
        assertFalse(body.contains(CODE), "the code is told at registration only: " + body);
        assertEquals(0, accessCodeCalls.get());
    }

    @Test
    void withoutReferenceDataTheBodyCodeIsShown() {
        notifier(Map.of(), email);
        Appeal a = appeal(NODE, applicant(EMAIL, null), AppealStatus.REDIRECTED,
                Processing.NONE.toBuilder().body("MOZ", NOW).build());

        notifier.onEvent(event("REDIRECTED", a), a);

        awaitSettled(1, 0);
        assertTrue(email.sent.get(0).body().contains("переадресовано за належністю до органу: MOZ"),
                email.sent.get(0).body());
    }

    @Test
    void extensionAndAnswerCarryTheirDetails() {
        notifier(Map.of(), email);
        Appeal extended = appeal(NODE, applicant(EMAIL, null), AppealStatus.EXTENDED,
                Processing.NONE.toBuilder().extensionDays(15).dueDate(LocalDate.of(2026, 4, 16)).build());
        Appeal answered = appeal(NODE, applicant(EMAIL, null), AppealStatus.ANSWERED,
                Processing.NONE.toBuilder().dueDate(LocalDate.of(2026, 4, 16))
                        .answer(AnswerResult.SATISFIED, "Ремонт дороги заплановано на травень.", List.of(), NOW)
                        .build());
        Appeal refused = appeal(NODE, applicant(EMAIL, null), AppealStatus.NOT_CONSIDERED,
                Processing.NONE.toBuilder().ground(NotConsideredGround.ANONYMOUS).build());

        notifier.onEvent(event("EXTENDED", extended), extended);
        awaitSettled(1, 0);
        notifier.onEvent(event("ANSWERED", answered), answered);
        awaitSettled(2, 0);
        notifier.onEvent(event("NOT_CONSIDERED", refused), refused);
        awaitSettled(3, 0);

        String ext = email.sent.get(0).body();
        assertTrue(ext.contains("15 дн.") && ext.contains("15 days"), ext);
        assertTrue(ext.contains("16.04.2026"), ext);
        String ans = email.sent.get(1).body();
        assertTrue(ans.contains("Задоволено") && ans.contains("Satisfied"), ans);
        assertTrue(ans.contains("Ремонт дороги заплановано на травень."), ans);
        assertFalse(ans.contains("16.04.2026"), "no term once answered: " + ans);
        String nc = email.sent.get(2).body();
        assertTrue(nc.contains("ст. 8") && nc.contains("Анонімне звернення") && nc.contains("Anonymous appeal"), nc);
    }

    @Test
    void retryDelaysDoubleUpToTheLongest() {
        NotifierComponent.Settings s = NotifierComponent.Settings.of(Configs.of(NotifierConfig.class, Map.of()));
        assertEquals(5, s.maxAttempts());
        assertEquals(1000, s.delayAfter(1));
        assertEquals(2000, s.delayAfter(2));
        assertEquals(8000, s.delayAfter(4));
        assertEquals(60000, s.delayAfter(10));
        assertEquals("http://localhost:8181", s.publicUrl());
    }

    private static ReferenceData referenceData(Body body) {
        return (ReferenceData) java.lang.reflect.Proxy.newProxyInstance(ReferenceData.class.getClassLoader(),
                new Class<?>[] {ReferenceData.class}, (self, method, args) -> {
                    if (method.getName().equals("body")) {
                        return body.code().equals(args[0]) ? Optional.of(body) : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
