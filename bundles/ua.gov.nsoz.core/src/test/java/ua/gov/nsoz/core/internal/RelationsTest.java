package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore;
import ua.gov.nsoz.store.ReplicationStore;

/**
 * Primary, repeated, duplicate and mass appeals (classifier of appeals, CMU resolution No. 858; Law Art. 8) as found
 * at registration. The store is a fake that answers what the test sets and records what it was asked; the store's own
 * matching of applicants and texts is tested against Derby in ua.gov.nsoz.store.
 */
@DisplayName("Relations: repeated, duplicate and mass appeals at registration")
class RelationsTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    static final String TEXT = "Прошу відремонтувати освітлення у дворі будинку на вулиці Січових Стрільців.";

    /** Answers {@link #sameApplicant} and {@link #otherApplicantsWithSameText} as set; nothing else is needed. */
    static final class RelatedStore implements AppealStore {
        @Override
        public List<Appeal> openAppeals(String afterId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean setDueDate(String id, long version, java.time.LocalDate dueDate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ua.gov.nsoz.api.CategoryCount> categoryCounts(java.time.LocalDate today) {
            throw new UnsupportedOperationException();
        }

        List<Appeal> earlier = List.of();
        long others;
        final List<Integer> limitsAsked = new ArrayList<>();
        final List<Instant> sinceAsked = new ArrayList<>();

        @Override
        public List<Appeal> sameApplicant(Appeal appeal, int limit) {
            limitsAsked.add(limit);
            return earlier;
        }

        @Override
        public long otherApplicantsWithSameText(Appeal appeal, Instant since) {
            sinceAsked.add(since);
            return others;
        }

        @Override
        public long nextRegistrationSequence(int year) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void insert(Appeal appeal, AppealEvent event, Collection<String> outboxDestinations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UpdateResult update(Appeal next, AppealEvent event, Collection<String> outboxDestinations,
                ReplicationStore.Inbound inbound) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Appeal> get(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Appeal> findByRegistrationNumber(String registrationNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Appeal> search(AppealQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AppealEvent> events(String appealId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Appeal> dueBy(String node, LocalDate today, LocalDate lastDay, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Long> overdueCounts(boolean byBody, LocalDate today) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String secret(String name, Supplier<String> create) {
            throw new UnsupportedOperationException();
        }
    }

    static Appeal appeal(String number, String text, AppealStatus status) {
        return new Appeal("id-" + number, number, "lviv", "UA-46", AppealKind.APPLICATION, Channel.WEB,
                new Applicant(ApplicantType.CITIZEN, "Франко Іван Якович", "м. Львів, вул. Січових Стрільців, 1",
                        "ivan@example.ua", null), text, null, null, false, null, false, null, List.of(), Set.of(),
                status, 1, NOW, NOW, NOW);
    }

    static Set<String> words(String... w) {
        return Set.of(w);
    }

    @Nested
    @DisplayName("How alike two texts are")
    class Similarity {

        @Test
        @DisplayName("Texts without words of three letters tell nothing: similarity 0")
        void noWordsNoSimilarity() {
            assertEquals(0.0, Relations.similarity(Set.of(), Set.of()));
            assertEquals(0.0, Relations.similarity(Set.of(), Set.of("дах")));
        }

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource(delimiter = '|', value = {
                "Прошу відремонтувати ДАХ!                 | прошу відремонтувати дах",
                "Дах, дах і ще раз дах.                    | дах раз",
                "У Львові є 125 будинків                   | львові 125 будинків",
                "П'ять м’ясокомбінатів                     | пять мясокомбінатів",
                "Я за                                      | ''",
                "road-repair,now                           | road repair now"})
        @DisplayName("Classifier: words are letters and digits, three or more, any case; shorter ones do not count")
        void wordsOfAText(String text, String expected) {
            Set<String> want = expected.isBlank() ? Set.of()
                    : Arrays.stream(expected.split(" ")).collect(Collectors.toSet());
            assertEquals(want, Relations.words(text));
        }

        static Stream<Arguments> pairs() {
            return Stream.of(
                    arguments("the same words", words("ааа", "ббб", "ввв"), words("ааа", "ббб", "ввв"), 1.0),
                    arguments("3 shared of 6: exactly the threshold", words("ааа", "ббб", "ввв"),
                            words("ааа", "ббб", "ввв", "ггг", "ґґґ", "ддд"), 0.5),
                    arguments("3 shared of 7: below", words("ааа", "ббб", "ввв"),
                            words("ааа", "ббб", "ввв", "ггг", "ґґґ", "ддд", "еее"), 3.0 / 7),
                    arguments("2 shared of 4", words("ааа", "ббб", "ввв"), words("ааа", "ббб", "ггг"), 0.5),
                    arguments("nothing shared", words("ааа"), words("ббб"), 0.0),
                    arguments("one side without words", words(), words("ббб"), 0.0),
                    arguments("both without words: nothing to compare", words(), words(), 0.0));
        }

        @ParameterizedTest(name = "{0}: {3}")
        @MethodSource("pairs")
        @DisplayName("Classifier: similarity is shared words over all words (Jaccard), symmetric")
        void jaccard(String label, Set<String> x, Set<String> y, double expected) {
            assertEquals(expected, Relations.similarity(x, y), 1e-12);
            assertEquals(expected, Relations.similarity(y, x), 1e-12);
        }

        @Test
        @DisplayName("Classifier: texts at least half alike are taken for the same issue")
        void threshold() {
            assertEquals(0.5, Relations.SIMILAR);
        }
    }

    @Nested
    @DisplayName("Classification at registration")
    class Classify {

        RelatedStore store;
        Appeal incoming;

        @BeforeEach
        void setUp() {
            store = new RelatedStore();
            incoming = appeal("LV-2026-000100", TEXT, AppealStatus.REGISTERED);
        }

        @Test
        @DisplayName("Art. 8: an earlier appeal not considered was never decided on its merits: the new one is primary")
        void notConsideredIsNoPrecedent() {
            store.earlier = List.of(appeal("LV-2026-000007", TEXT, AppealStatus.NOT_CONSIDERED));
            Processing p = Relations.classify(store, incoming, NOW);
            assertEquals(Classification.PRIMARY, p.classification());
            assertEquals(null, p.relatedTo());
        }

        @Test
        @DisplayName("Classifier: nothing earlier and nobody else with the text: primary")
        void primary() {
            assertSame(Processing.NONE, Relations.classify(store, incoming, NOW));
            assertEquals(List.of(Relations.LOOK_BACK), store.limitsAsked, "the applicant's last 50 appeals");
            assertEquals(List.of(NOW.minus(Duration.ofDays(30))), store.sinceAsked, "mass: within 30 days");
        }

        @ParameterizedTest(name = "earlier appeal {0}: {1}")
        @CsvSource({
                "REGISTERED,                DUPLICATE",
                "FORWARDED,                 DUPLICATE",
                "ACCEPTED,                  DUPLICATE",
                "IN_PROGRESS,               DUPLICATE",
                "EXTENDED,                  DUPLICATE",
                "REDIRECTED,                DUPLICATE",
                "ANSWERED,                  REPEATED",
                "ANSWERED_AT_FIRST_CONTACT, REPEATED",
                "CLOSED,                    REPEATED"})
        @DisplayName("Art. 8: the same applicant on the same issue: duplicate while the earlier one is open, repeated once answered")
        void duplicateOrRepeated(AppealStatus earlierStatus, Classification expected) {
            store.earlier = List.of(appeal("LV-2026-000007", TEXT.toUpperCase(), earlierStatus));
            Processing p = Relations.classify(store, incoming, NOW);
            assertEquals(expected, p.classification());
            assertEquals("LV-2026-000007", p.relatedTo());
            assertEquals(Processing.NONE.toBuilder().classification(expected).relatedTo("LV-2026-000007").build(), p);
            assertTrue(store.sinceAsked.isEmpty(), "a repeat of one's own appeal is not looked at as a mass appeal");
        }

        @Test
        @DisplayName("Art. 8: an earlier appeal of the same applicant on another issue does not make this one repeated")
        void otherIssue() {
            store.earlier = List.of(appeal("LV-2026-000007", "Скарга на роботу маршрутки номер сорок два вночі.",
                    AppealStatus.ANSWERED));
            assertSame(Processing.NONE, Relations.classify(store, incoming, NOW));
        }

        @ParameterizedTest(name = "similarity {2}: {3}")
        @CsvSource(delimiter = '|', value = {
                // 5 shared words of 10: exactly half.
                "аааа бббб вввв гггг дддд еееее жжжж зззз | аааа бббб вввв гггг дддд ииии кккк | 0.5 | DUPLICATE",
                // 4 shared words of 10: below half.
                "аааа бббб вввв гггг дддд еееее жжжж зззз | аааа бббб вввв гггг ииии кккк      | 0.4 | PRIMARY"})
        @DisplayName("Classifier: the same issue when at least half the words are shared")
        void thresholdInClassification(String earlierText, String text, double similarity, Classification expected) {
            assertEquals(similarity, Relations.similarity(Relations.words(earlierText), Relations.words(text)), 1e-12);
            store.earlier = List.of(appeal("LV-2026-000003", earlierText, AppealStatus.ACCEPTED));
            assertEquals(expected, Relations.classify(store, appeal("LV-2026-000100", text, AppealStatus.REGISTERED),
                    NOW).classification());
        }

        @Test
        @DisplayName("Art. 8: of several earlier appeals on the issue, the newest (the store's first) is named")
        void newestWins() {
            store.earlier = List.of(
                    appeal("LV-2026-000050", "Зовсім інше питання про транспорт і маршрути автобусів.",
                            AppealStatus.ANSWERED),
                    appeal("LV-2026-000040", TEXT, AppealStatus.IN_PROGRESS),
                    appeal("LV-2026-000030", TEXT, AppealStatus.CLOSED));
            Processing p = Relations.classify(store, incoming, NOW);
            assertEquals(Classification.DUPLICATE, p.classification());
            assertEquals("LV-2026-000040", p.relatedTo());
        }

        @ParameterizedTest(name = "{0} other applicants, {1} in all: {2}")
        @CsvSource({"0, 1, PRIMARY", "3, 4, PRIMARY", "4, 5, MASS", "5, 6, MASS", "1000, 1001, MASS"})
        @DisplayName("Classifier: the same text from 5 applicants or more within 30 days is a mass appeal")
        void mass(long others, long inAll, Classification expected) {
            assertEquals(inAll, others + 1);
            store.others = others;
            Processing p = Relations.classify(store, incoming, NOW);
            assertEquals(expected, p.classification());
            assertNull(p.relatedTo(), "a mass appeal names no single related appeal");
            assertEquals(List.of(NOW.minus(Relations.MASS_WINDOW)), store.sinceAsked);
            assertEquals(Duration.ofDays(30), Relations.MASS_WINDOW);
            assertEquals(5, Relations.MASS_APPLICANTS);
        }

        @Test
        @DisplayName("Art. 8: one's own earlier appeal counts before the mass: a repeat within a mass is duplicate")
        void ownAppealBeforeMass() {
            store.earlier = List.of(appeal("LV-2026-000009", TEXT, AppealStatus.FORWARDED));
            store.others = 100;
            assertEquals(Classification.DUPLICATE, Relations.classify(store, incoming, NOW).classification());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = AppealStatus.class, names = {"ANSWERED", "REGISTERED"})
        @DisplayName("Classifier: the classification carries nothing else of the processing state")
        void onlyClassificationAndRelated(AppealStatus earlierStatus) {
            store.earlier = List.of(appeal("LV-2026-000001", TEXT, earlierStatus));
            Processing p = Relations.classify(store, incoming, NOW);
            assertEquals(Processing.NONE, p.toBuilder().classification(Classification.PRIMARY).relatedTo(null).build());
        }
    }
}
