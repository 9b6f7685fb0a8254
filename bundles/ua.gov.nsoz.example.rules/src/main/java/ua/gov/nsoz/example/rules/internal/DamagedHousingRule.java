package ua.gov.nsoz.example.rules.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.Topic;
import ua.gov.nsoz.api.spi.CompetenceRule;

/**
 * An example integrator rule: an appeal about damaged or destroyed housing goes to the regional state
 * administration of the appeal's region, which deals with such cases on the spot, instead of to the
 * ministry the data rule {@code HOUSING} names for housing in general.
 *
 * <p>The rule applies when either
 * <ul>
 * <li>the appeal's topic is one of {@link DamagedHousingConfig#topicCodes()} or a sub-topic of one (by
 * default {@code 010.02} «Відновлення пошкодженого житла»), given as a code or as the topic's Ukrainian name; or</li>
 * <li>its text (or a free-text topic) contains a damage word <em>and</em> a housing word, e.g. «пошкоджено
 * будинок». One word alone is not enough: «пошкоджена дорога» or «черга на житло» are other matters.</li>
 * </ul>
 * and the appeal's region has exactly one body of {@link DamagedHousingConfig#targetKind()}. Otherwise it
 * answers empty, and the router goes on to the next rule. It is illustrative: a deployment checks the
 * competence against the regulations in force.
 *
 * <p>What an integrator's rule needs, all shown here: implement {@link CompetenceRule}; register it as a
 * DS component with an Integer {@code service.ranking} (higher is asked first); propose a body code that
 * the reference data knows (take it from {@link ReferenceData}, never a literal); give the reason in
 * Ukrainian and English ("…&nbsp;/&nbsp;…"), because it is shown to the operator in {@code nsoz:route-explain}
 * and in {@code GET /api/v1/reference/route/{id}}; never throw, never log the appeal's text.
 */
// No property = "service.ranking:Integer=100" needed: bnd writes the defaults of DamagedHousingConfig into
// the component description, so with no configuration the service has service.ranking = Integer 100.
@Component(service = CompetenceRule.class, configurationPid = DamagedHousingRule.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DamagedHousingConfig.class)
public class DamagedHousingRule implements CompetenceRule {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.example.rules";
    /** The ranking when none is configured. */
    static final int DEFAULT_RANKING = 100;

    private static final Logger LOG = LoggerFactory.getLogger(DamagedHousingRule.class);

    /** The configuration, checked and normalised once. */
    record Settings(List<String> damageWords, List<String> housingWords, Set<String> topicCodes, BodyKind kind) {

        static Settings of(DamagedHousingConfig config) {
            return new Settings(list(config.damageWords(), DamagedHousingRule::normalize),
                    list(config.housingWords(), DamagedHousingRule::normalize),
                    Set.copyOf(list(config.topicCodes(), String::strip)), config.targetKind());
        }

        /** Accepts a typed array and a comma-separated string alike. */
        private static List<String> list(String[] values, UnaryOperator<String> clean) {
            return values == null ? List.of() : Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(",")))
                    .map(clean).filter(w -> !w.isEmpty()).distinct().toList();
        }
    }

    /** Why the rule applies, in both languages. */
    private record Why(String uk, String en) {
    }

    private final ReferenceData data;
    /** Replaced as a whole by {@link #modified}, so a routing in progress sees one consistent configuration. */
    private volatile Settings settings;

    /**
     * @param data the reference data, to find the body of the appeal's region and to recognise topics
     * @param config the configuration, or the defaults
     * @param properties the component's properties, to check {@code service.ranking}
     */
    @Activate
    public DamagedHousingRule(@Reference ReferenceData data, DamagedHousingConfig config,
            Map<String, Object> properties) {
        this.data = data;
        this.settings = configure(config, properties);
    }

    /**
     * The configuration changed; the service stays registered, and a new {@code service.ranking} reorders it.
     *
     * @param config the new configuration
     * @param properties the component's new properties
     */
    @Modified
    void modified(DamagedHousingConfig config, Map<String, Object> properties) {
        settings = configure(config, properties);
    }

    private static Settings configure(DamagedHousingConfig config, Map<String, Object> properties) {
        Settings s = Settings.of(config);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        if (ranking != null && !(ranking instanceof Integer)) {
            LOG.warn("{}: service.ranking '{}' is a {}, not an Integer, so OSGi and the router take it as 0; in a "
                    + ".cfg file write service.ranking = I\"{}\" and every other value typed too", PID, ranking,
                    ranking.getClass().getSimpleName(), ranking);
        }
        if (!s.kind().regional()) {
            LOG.warn("{}: targetKind {} serves no single region, so this rule will never apply", PID, s.kind());
        }
        LOG.info("{}: damage words {}, housing words {}, topics {}, to {}", PID, s.damageWords(), s.housingWords(),
                s.topicCodes(), s.kind());
        return s;
    }

    @Override
    public Optional<Decision> route(Appeal appeal) {
        Settings s = settings;
        Optional<Why> why = byTopic(appeal.topic(), s).or(() -> byWords(appeal, s));
        if (why.isEmpty()) {
            return Optional.empty();
        }
        String region = appeal.region() == null ? "" : appeal.region().strip();
        List<Body> bodies = data.bodies().stream()
                .filter(b -> b.kind() == s.kind() && region.equalsIgnoreCase(b.region())).toList();
        if (bodies.size() != 1) {
            // Ids and codes only: nothing of the appeal's text.
            LOG.debug("Appeal {} concerns damaged housing, but region '{}' has {} bodies of kind {}; left to the "
                    + "next rule", appeal.id(), region, bodies.size(), s.kind());
            return Optional.empty();
        }
        Body body = bodies.get(0);
        return Optional.of(new Decision(body.code(), "пошкоджене або зруйноване житло (" + why.get().uk()
                + "): розглядає " + body.nameUk() + ", регіон " + body.region() + " / damaged or destroyed housing ("
                + why.get().en() + "): handled by the " + body.nameEn() + ", region " + body.region()));
    }

    /** The topic, as a code or a Ukrainian name, is a configured topic or lies below one. */
    private Optional<Why> byTopic(String topicText, Settings s) {
        Optional<Topic> asked = recognise(topicText);
        Optional<Topic> topic = asked;
        // The reference data has no cycles (checked at load); the bound is only a guard.
        for (int depth = 0; topic.isPresent() && depth < 16; depth++) {
            Topic t = topic.get();
            if (s.topicCodes().contains(t.code())) {
                Topic a = asked.get();
                return Optional.of(new Why("тема " + a.code() + " «" + a.nameUk() + "»",
                        "topic " + a.code() + " '" + a.nameEn() + "'"));
            }
            topic = t.parentCode() == null ? Optional.empty() : data.topic(t.parentCode());
        }
        return Optional.empty();
    }

    private Optional<Topic> recognise(String topicText) {
        if (topicText == null || topicText.isBlank()) {
            return Optional.empty();
        }
        String wanted = normalize(topicText);
        return data.topic(topicText.strip())
                .or(() -> data.topics().stream().filter(t -> normalize(t.nameUk()).equals(wanted)).findFirst());
    }

    /** The text, or a topic typed as free text, has a damage word and a housing word. */
    private static Optional<Why> byWords(Appeal appeal, Settings s) {
        String text = normalize(appeal.text()) + " " + normalize(appeal.topic());
        Optional<String> damage = s.damageWords().stream().filter(text::contains).findFirst();
        Optional<String> housing = s.housingWords().stream().filter(text::contains).findFirst();
        if (damage.isEmpty() || housing.isEmpty()) {
            return Optional.empty();
        }
        // The configured stems, not the appeal's words: the reason must not quote personal data.
        String found = "«" + damage.get() + "…», «" + housing.get() + "…»";
        return Optional.of(new Why("у тексті є " + found, "the text has " + found));
    }

    /** Lower case, one form of each letter, single spaces: how people type should not change the answer. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                .strip();
    }

    /** @return the current settings, for tests */
    Settings settings() {
        return settings;
    }
}
