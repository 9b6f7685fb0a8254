package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.store.AppealStore;

/** Registration at a node: numbering, Kyiv-time year, the event written with the appeal. */
@DisplayName("AppealServiceImpl: registration of appeals")
class AppealServiceImplTest {

    static final Instant T0 = Instant.parse("2026-03-10T09:15:30.123Z");

    /** An in-memory store that records what the service asked of it. */
    static final class FakeStore implements AppealStore {
        final Map<Integer, Long> sequences = new HashMap<>();
        final List<Integer> yearsAsked = new ArrayList<>();
        final Map<String, Appeal> appeals = new LinkedHashMap<>();
        final List<AppealEvent> events = new ArrayList<>();
        final List<List<String>> outbox = new ArrayList<>();
        final List<AppealQuery> queries = new ArrayList<>();
        final Page<Appeal> searchAnswer = new Page<>(List.of(), 0, 0, 20);

        @Override
        public long nextRegistrationSequence(int year) {
            yearsAsked.add(year);
            return sequences.merge(year, 1L, Long::sum);
        }

        @Override
        public UpdateResult update(Appeal next, AppealEvent event, java.util.Collection<String> outboxDestinations,
                ua.gov.nsoz.store.ReplicationStore.Inbound inbound) {
            throw new UnsupportedOperationException("actions are tested against the real store in ua.gov.nsoz.sync");
        }

        @Override
        public void insert(Appeal appeal, AppealEvent event, java.util.Collection<String> outboxDestinations) {
            for (Appeal a : appeals.values()) {
                if (a.registrationNumber().equals(appeal.registrationNumber())) {
                    throw new IllegalStateException("duplicate " + appeal.registrationNumber());
                }
            }
            appeals.put(appeal.id(), appeal);
            events.add(event);
            outbox.add(List.copyOf(outboxDestinations));
        }

        @Override
        public Optional<Appeal> get(String id) {
            return Optional.ofNullable(appeals.get(id));
        }

        @Override
        public Optional<Appeal> findByRegistrationNumber(String registrationNumber) {
            return appeals.values().stream().filter(a -> a.registrationNumber().equals(registrationNumber)).findFirst();
        }

        @Override
        public Page<Appeal> search(AppealQuery query) {
            queries.add(query);
            return searchAnswer;
        }

        @Override
        public List<AppealEvent> events(String appealId) {
            return events.stream().filter(e -> e.appealId().equals(appealId)).toList();
        }

        @Override
        public List<Appeal> sameApplicant(Appeal appeal, int limit) {
            return List.of();
        }

        @Override
        public long otherApplicantsWithSameText(Appeal appeal, Instant since) {
            return 0;
        }

        @Override
        public List<Appeal> dueBy(String node, java.time.LocalDate today, java.time.LocalDate lastDay, int limit) {
            return List.of();
        }

        @Override
        public Map<String, Long> overdueCounts(boolean byBody, java.time.LocalDate today) {
            return Map.of();
        }

        final Map<String, String> secrets = new HashMap<>();

        @Override
        public String secret(String name, java.util.function.Supplier<String> create) {
            return secrets.computeIfAbsent(name, n -> create.get());
        }

        @Override
        public List<Appeal> openAppeals(String afterId, int limit) {
            return appeals.values().stream().filter(a -> a.status().isOpen())
                    .filter(a -> afterId == null || a.id().compareTo(afterId) > 0)
                    .sorted(java.util.Comparator.comparing(Appeal::id)).limit(limit).toList();
        }

        @Override
        public boolean setDueDate(String id, long version, java.time.LocalDate dueDate) {
            Appeal a = appeals.get(id);
            if (a == null || a.version() != version) {
                return false;
            }
            appeals.put(id, a.withProcessing(a.processing().toBuilder().dueDate(dueDate).build()));
            return true;
        }

        @Override
        public List<ua.gov.nsoz.api.CategoryCount> categoryCounts(java.time.LocalDate today) {
            throw new UnsupportedOperationException();
        }
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Node(String nodeId, String code, String name, NodeRole role, String region, String centerNodeId,
            String softwareVersion, Instant startedAt) implements NodeIdentity {
    }

    static final NodeIdentity LVIV = new Node("lviv", "LV", "Львівський регіональний контакт-центр", NodeRole.REGIONAL,
            "UA-46", "ucc", "0.1.0", T0);

    FakeStore store;
    TestClock clock;
    AppealServiceImpl service;

    @BeforeEach
    void setUp() {
        store = new FakeStore();
        clock = new TestClock(T0);
        service = new AppealServiceImpl(store, LVIV, clock);
    }

    static NewAppeal appeal() {
        return new NewAppeal(AppealKind.APPLICATION, Channel.WEB, new Applicant(ApplicantType.CITIZEN,
                "Франко Іван Якович", "м. Львів, вул. Січових Стрільців, 1", "ivan@example.ua", null),
                "Прошу відремонтувати освітлення у дворі.", "Благоустрій", "Львівська міська рада", false, null, false,
                null, null, null);
    }

    @Nested
    @DisplayName("The public lookup by number and access code")
    class PublicLookup {

        @Test
        @DisplayName("The right code opens it and reveals no personal data; a wrong one is the same as no appeal")
        void rightAndWrongCodes() {
            ua.gov.nsoz.api.Appeal a = service.register(appeal(), "operator");
            String code = service.accessCode(a).orElseThrow();
            ua.gov.nsoz.api.PublicStatus p = service.publicStatus(a.registrationNumber(), code).orElseThrow();
            assertEquals(a.registrationNumber(), p.registrationNumber());
            assertFalse(p.toString().contains("Франко"), p.toString());
            assertTrue(service.publicStatus(a.registrationNumber(), code.toLowerCase().replace("-", " ")).isPresent());
            assertTrue(service.publicStatus(a.registrationNumber(), "ZZZZZ-ZZZZZ").isEmpty());
            assertTrue(service.publicStatus("LV-2026-999999", code).isEmpty());
        }

        @Test
        @DisplayName("The status explains the due date while the term runs; no answer before one is given (issue 15)")
        void explanationAndAnswer() {
            ua.gov.nsoz.api.Appeal a = service.register(appeal(), "operator");
            String code = service.accessCode(a).orElseThrow();
            ua.gov.nsoz.api.PublicStatus open = service.publicStatus(a.registrationNumber(), code).orElseThrow();
            assertEquals(String.join("\n", service.deadline(a).explanation()), open.dueDateExplanation());
            assertTrue(open.dueDateExplanation().contains(" / "), open.dueDateExplanation());
            assertEquals(null, open.answer());
            assertTrue(open.answerDocuments().isEmpty());
        }

        @Test
        @DisplayName("After 10 wrong codes in an hour the number is closed, even to the right code, until the hour passes")
        void guessingIsStopped() {
            ua.gov.nsoz.api.Appeal a = service.register(appeal(), "operator");
            String code = service.accessCode(a).orElseThrow();
            for (int i = 0; i < AppealServiceImpl.MAX_WRONG_CODES; i++) {
                assertTrue(service.publicStatus(a.registrationNumber(), "ZZZZZ-ZZZZ" + (char) ('A' + i)).isEmpty());
                clock.now = clock.now.plusSeconds(60);
            }
            ua.gov.nsoz.api.TooManyAttemptsException closed = assertThrows(ua.gov.nsoz.api.TooManyAttemptsException.class,
                    () -> service.publicStatus(a.registrationNumber(), code));
            // The first wrong code leaves the window 60 minutes after it was tried: 50 minutes from now.
            assertEquals(java.time.Duration.ofMinutes(50), closed.retryAfter());
            clock.now = clock.now.plus(closed.retryAfter()).plusSeconds(1);
            assertTrue(service.publicStatus(a.registrationNumber(), code).isPresent(), "open again");
        }
    }

    @Nested
    @DisplayName("Registration numbers")
    class Numbers {

        @Test
        @DisplayName("Instruction 348: a registration number is CODE-YEAR-NNNNNN, counted per year from 1")
        void formatAndSequence() {
            assertEquals("LV-2026-000001", service.register(appeal(), "operator1").registrationNumber());
            assertEquals("LV-2026-000002", service.register(appeal(), "operator1").registrationNumber());
            Appeal third = service.register(appeal(), "operator2");
            assertTrue(third.registrationNumber().matches("LV-2026-\\d{6}"), third.registrationNumber());
            assertEquals("LV-2026-000003", third.registrationNumber());
        }

        @Test
        @DisplayName("A new year starts its own sequence; each year's numbering is independent")
        void sequencePerYear() {
            service.register(appeal(), "op");
            service.register(appeal(), "op");
            clock.now = Instant.parse("2027-02-01T10:00:00Z");
            assertEquals("LV-2027-000001", service.register(appeal(), "op").registrationNumber());
            assertEquals("LV-2027-000002", service.register(appeal(), "op").registrationNumber());
            assertEquals(List.of(2026, 2026, 2027, 2027), store.yearsAsked);
        }

        @ParameterizedTest(name = "registered at {0} -> {1}")
        @CsvSource({
                "2026-12-31T21:59:59.999Z, LV-2026-000001",
                "2026-12-31T22:00:00Z,     LV-2027-000001",
                "2026-12-31T22:30:00Z,     LV-2027-000001",
                "2027-01-01T00:00:00Z,     LV-2027-000001",
                "2027-12-31T21:59:59Z,     LV-2027-000001",
                "2026-01-01T00:30:00Z,     LV-2026-000001",
                "2025-12-31T21:59:59Z,     LV-2025-000001",
                "2026-06-30T21:30:00Z,     LV-2026-000001",
                "2026-12-31T23:59:59Z,     LV-2027-000001"})
        @DisplayName("The registration year follows Kyiv time: 2026-12-31T22:30Z is already 2027 in Kyiv")
        void yearFollowsKyivTime(Instant at, String expected) {
            clock.now = at;
            Appeal a = service.register(appeal(), "op");
            assertEquals(expected, a.registrationNumber());
            assertEquals(at, a.registeredAt());
        }

        @Test
        @DisplayName("The year of registration, not the year of receipt, numbers the appeal")
        void yearOfRegistrationNotReceipt() {
            clock.now = Instant.parse("2027-01-02T08:00:00Z");
            NewAppeal in = appeal();
            NewAppeal receivedLastYear = new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), in.topic(),
                    in.addressee(), false, null, false, null, Instant.parse("2026-12-30T12:00:00Z"), null);
            Appeal a = service.register(receivedLastYear, "op");
            assertEquals("LV-2027-000001", a.registrationNumber());
            assertEquals(Instant.parse("2026-12-30T12:00:00Z"), a.receivedAt());
        }

        @ParameterizedTest(name = "{0}, {1}, {2} -> {3}")
        @CsvSource({
                "LV, 2026, 1,       LV-2026-000001",
                "LV, 2026, 42,      LV-2026-000042",
                "KV, 2027, 999999,  KV-2027-999999",
                "KV, 2027, 1000000, KV-2027-1000000"})
        @DisplayName("registrationNumber pads the sequence to six digits and widens beyond a million")
        void numberFormat(String code, int year, long sequence, String expected) {
            assertEquals(expected, AppealServiceImpl.registrationNumber(code, year, sequence));
        }
    }

    @Nested
    @DisplayName("Deadlines (Art. 20, Instruction No. 348)")
    class Deadlines {

        @Test
        @DisplayName("Art. 20: an appeal sent on the web on a Friday evening runs 30 days from Monday, explained step by step")
        void webAppealAfterHours() {
            clock.now = Instant.parse("2026-11-28T08:00:00Z");
            NewAppeal in = appeal();
            // Friday 27.11.2026, 19:30 Kyiv (UTC+2): after working hours.
            NewAppeal late = new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), in.topic(),
                    in.addressee(), false, null, false, null, Instant.parse("2026-11-27T17:30:00Z"), null);
            Appeal a = service.register(late, "op");
            ua.gov.nsoz.api.Deadline d = service.deadline(a.id()).orElseThrow();
            assertEquals(java.time.LocalDate.parse("2026-11-30"), d.receiptDate());
            assertEquals(ua.gov.nsoz.api.DeadlineKind.STANDARD, d.kind());
            assertEquals(java.time.LocalDate.parse("2026-12-30"), d.dueDate());
            assertEquals(30, d.totalDays());
            org.junit.jupiter.api.Assertions.assertTrue(d.explanation().size() >= 2, d.explanation().toString());
        }

        @Test
        @DisplayName("No appeal, no deadline")
        void unknown() {
            assertEquals(java.util.Optional.empty(), service.deadline("00000000-0000-7000-8000-000000000000"));
        }
    }

    @Nested
    @DisplayName("The registered appeal and its event")
    class RegisteredEvent {

        @Test
        @DisplayName("The stored event is REGISTERED, version 1, of the same appeal, at the node, by the actor")
        void eventWrittenWithAppeal() {
            Appeal a = service.register(appeal(), "operator7");
            assertEquals(List.of(a), List.copyOf(store.appeals.values()));
            assertEquals(1, store.events.size());
            AppealEvent e = store.events.get(0);
            assertEquals(AppealServiceImpl.EVENT_REGISTERED, e.type());
            assertEquals("REGISTERED", e.type());
            assertEquals(1, e.version());
            assertEquals(a.id(), e.appealId());
            assertNotEquals(a.id(), e.eventId());
            assertEquals(7, UUID.fromString(e.eventId()).version());
            assertEquals(T0, e.occurredAt());
            assertEquals("lviv", e.node());
            assertEquals("operator7", e.actor());
        }

        @Test
        @DisplayName("The event payload is JSON of the appeal and carries its registration number")
        void payloadIsJson() throws Exception {
            Appeal a = service.register(appeal(), "op");
            JsonNode json = new ObjectMapper().readTree(store.events.get(0).payload());
            assertEquals(a.registrationNumber(), json.get("registrationNumber").asText());
            assertEquals("LV-2026-000001", json.get("registrationNumber").asText());
            assertEquals(a.id(), json.get("id").asText());
            assertEquals("REGISTERED", json.get("status").asText());
            assertEquals(1, json.get("version").asLong());
            // ISO-8601 text, not epoch numbers.
            assertEquals("2026-03-10T09:15:30.123Z", json.get("registeredAt").asText());
        }

        @Test
        @DisplayName("A registered appeal is REGISTERED, version 1, with the node's id and region and a v7 id")
        void registeredAppeal() {
            Appeal a = service.register(appeal(), "op");
            assertEquals(AppealStatus.REGISTERED, a.status());
            assertEquals(1, a.version());
            assertEquals("lviv", a.node());
            assertEquals("UA-46", a.region());
            assertEquals(7, UUID.fromString(a.id()).version());
            assertEquals(T0, a.registeredAt());
            assertEquals(T0, a.updatedAt());
            assertEquals(T0, a.receivedAt());
            assertEquals(Optional.of(a), service.get(a.id()));
            assertEquals(Optional.of(a), service.findByRegistrationNumber("LV-2026-000001"));
        }

        @Test
        @DisplayName("Art. 7, 8: an anonymous, unsigned written appeal is still registered, with its marks")
        void defectiveAppealIsRegistered() {
            NewAppeal in = new NewAppeal(AppealKind.COMPLAINT, Channel.POST, null, "Скарга без підпису.", null, null,
                    false, null, false, false, null, null);
            Appeal a = service.register(in, "op");
            assertEquals(EnumSet.of(LegalMark.ANONYMOUS, LegalMark.UNSIGNED), a.marks());
            assertEquals(Boolean.FALSE, a.signed());
            assertEquals(1, store.appeals.size());
        }

        @Test
        @DisplayName("Art. 5, 10: collective and confidential flags reach the registered appeal")
        void flagsKept() {
            NewAppeal in = appeal();
            Appeal a = service.register(new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), in.topic(),
                    in.addressee(), true, 120, true, null, null, null), "op");
            assertTrue(a.collective());
            assertEquals(120, a.coSigners());
            assertTrue(a.confidential());
        }

        @Test
        @DisplayName("Art. 3, 5: a request that cannot be understood is refused and nothing is stored or numbered")
        void validationStoresNothing() {
            NewAppeal bad = new NewAppeal(null, null, null, "  ", null, null, false, null, false, null, null, null);
            ValidationException e = assertThrows(ValidationException.class, () -> service.register(bad, "op"));
            assertEquals(List.of("kind", "channel", "text"), e.errors().stream().map(FieldError::field).toList());
            assertTrue(store.appeals.isEmpty());
            assertTrue(store.events.isEmpty());
            // No number is used up by a refused request, so refusals leave no gaps.
            assertTrue(store.yearsAsked.isEmpty());
            assertEquals("LV-2026-000001", service.register(appeal(), "op").registrationNumber());
        }

        @Test
        @DisplayName("Times are kept to the millisecond, as the store keeps them")
        void timesTruncatedToMillis() {
            clock.now = Instant.parse("2026-03-10T09:15:30.123456789Z");
            Instant millis = Instant.parse("2026-03-10T09:15:30.123Z");
            NewAppeal in = appeal();
            Appeal a = service.register(new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), null, null,
                    false, null, false, null, Instant.parse("2026-03-10T09:00:00.999999Z"), null), "op");
            assertEquals(millis, a.registeredAt());
            assertEquals(millis, a.updatedAt());
            assertEquals(Instant.parse("2026-03-10T09:00:00.999Z"), a.receivedAt());
            assertEquals(millis, store.events.get(0).occurredAt());

            Appeal b = service.register(appeal(), "op");
            assertEquals(millis, b.receivedAt());
        }

        @Test
        @DisplayName("A receipt time within 5 minutes ahead of the node's clock is accepted; later is refused")
        void receiptTimeAgainstNodeClock() {
            NewAppeal in = appeal();
            Appeal ok = service.register(new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), null, null,
                    false, null, false, null, T0.plusSeconds(300), null), "op");
            assertEquals(T0.plusSeconds(300), ok.receivedAt());
            ValidationException e = assertThrows(ValidationException.class, () -> service.register(
                    new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), null, null, false, null, false,
                            null, T0.plusSeconds(301), null), "op"));
            assertEquals("receivedAt", e.errors().get(0).field());
        }
    }

    @Nested
    @DisplayName("Search")
    class Search {

        static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
        static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

        static AppealQuery q(int offset, int limit, Instant from, Instant to, String text) {
            return new AppealQuery(null, null, null, null, from, to, text, offset, limit);
        }

        static Stream<Arguments> invalid() {
            return Stream.of(
                    arguments("offset -1", q(-1, 20, null, null, null), List.of("offset")),
                    arguments("limit 0", q(0, 0, null, null, null), List.of("limit")),
                    arguments("limit -5", q(0, -5, null, null, null), List.of("limit")),
                    arguments("limit 501", q(0, AppealQuery.MAX_LIMIT + 1, null, null, null), List.of("limit")),
                    arguments("from = to", q(0, 20, FROM, FROM, null), List.of("to")),
                    arguments("from after to", q(0, 20, TO, FROM, null), List.of("to")),
                    arguments("text of 201 characters", q(0, 20, null, null, "а".repeat(201)), List.of("q")),
                    arguments("all at once", q(-1, 0, TO, FROM, "а".repeat(201)), List.of("offset", "limit", "to", "q")));
        }

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("invalid")
        @DisplayName("Paging and period out of range are refused, naming each field; the store is not asked")
        void invalidQueries(String label, AppealQuery query, List<String> fields) {
            ValidationException e = assertThrows(ValidationException.class, () -> service.search(query));
            assertEquals(fields, e.errors().stream().map(FieldError::field).toList());
            assertTrue(store.queries.isEmpty());
        }

        static Stream<Arguments> valid() {
            return Stream.of(
                    arguments("default", AppealQuery.all()),
                    arguments("limit 1", q(0, 1, null, null, null)),
                    arguments("limit 500", q(10_000, AppealQuery.MAX_LIMIT, null, null, null)),
                    arguments("only from", q(0, 20, FROM, null, null)),
                    arguments("only to", q(0, 20, null, TO, null)),
                    arguments("from before to by 1 ms", q(0, 20, FROM, FROM.plusMillis(1), null)),
                    arguments("text of 200 characters", q(0, 20, null, null, "а".repeat(200))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("valid")
        @DisplayName("A query in range is passed to the store as given")
        void validQueries(String label, AppealQuery query) {
            assertSame(store.searchAnswer, service.search(query));
            assertEquals(List.of(query), store.queries);
        }
    }

    @Test
    @DisplayName("Looking up a null id or registration number finds nothing")
    void nullLookups() {
        assertEquals(Optional.empty(), service.get(null));
        assertEquals(Optional.empty(), service.findByRegistrationNumber(null));
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("A regional node queues every registration for the center, in the same write")
    void regionQueuesForCenter() {
        service.register(new ua.gov.nsoz.api.NewAppeal(ua.gov.nsoz.api.AppealKind.PROPOSAL,
                ua.gov.nsoz.api.Channel.PHONE, null, "Пропозиція", null, null, false, null, false, null, null,
                List.of()), "operator");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(List.of("ucc")), store.outbox);
    }
}
