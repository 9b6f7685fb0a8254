package ua.gov.nsoz.reference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.CompetenceRouter;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;
import ua.gov.nsoz.api.spi.CompetenceRule;

/**
 * Routing by competence (R3), in a fixed order: (1) the statutory rule of Reg. 6.2, an appeal addressed
 * to the Cabinet of Ministers or one of its members goes to the Cabinet Secretariat; (2) the
 * integrators' {@link CompetenceRule} services, highest {@code service.ranking} first; (3) the data
 * rules of {@link ReferenceData#rules()} by {@code order}; (4) otherwise no body, and the operator
 * chooses. Every step is written to the route's trace so that an operator can see why.
 */
@Component(service = CompetenceRouter.class)
public class CompetenceRouterImpl implements CompetenceRouter {

    /** The reason when nothing matched, Ukrainian. */
    static final String NO_MATCH_UK = "жодне правило не підійшло: орган обирає оператор";
    /** The reason when nothing matched, English. */
    static final String NO_MATCH_EN = "no rule matched: the operator chooses";
    /** The citation of the statutory rule, Ukrainian. */
    static final String REG_6_2_UK = "підпункт 2 пункту 6 Положення про Національну систему опрацювання звернень до "
            + "органів виконавчої влади, постанова КМУ № 21 від 18.01.2012";
    /** The citation of the statutory rule, English. */
    static final String REG_6_2_EN = "Reg. 6.2 of the Regulation on the National System for Processing Appeals to "
            + "Executive Authorities, CMU resolution No. 21 of 18.01.2012; R3";

    /** The short citation used on trace lines, Ukrainian. */
    static final String REG_6_2_SHORT_UK = "п. 6.2 Положення, постанова КМУ № 21 від 18.01.2012";
    /** The short citation used on trace lines, English. */
    static final String REG_6_2_SHORT_EN = "Reg. 6.2, CMU resolution No. 21 of 18.01.2012";

    private static final Logger LOG = LoggerFactory.getLogger(CompetenceRouterImpl.class);
    /** The highest ranking first; at equal ranking the older service (lower id) first, as OSGi orders them. */
    private static final Comparator<Integrated> OSGI_ORDER = Comparator.comparingInt(Integrated::ranking).reversed()
            .thenComparingLong(Integrated::serviceId);

    /** An integrator's rule with what orders it and what names it in the trace. */
    private record Integrated(CompetenceRule rule, int ranking, long serviceId, String name) {
    }

    /** How the appeal's topic text was understood. */
    private record RecognisedTopic(Optional<Topic> topic, String lineUk, String lineEn) {
    }

    private final ReferenceData data;
    /** Replaced as a whole on every change, so a routing in progress sees one consistent list. */
    private volatile List<Integrated> integrated = List.of();

    /**
     * @param data the reference data: bodies, topics and data rules
     */
    @Activate
    public CompetenceRouterImpl(@Reference ReferenceData data) {
        this.data = data;
    }

    /**
     * An integrator's rule appeared.
     *
     * @param rule the rule
     * @param props its service properties, for {@code service.ranking} and {@code service.id}
     */
    @Reference(name = "competenceRule", service = CompetenceRule.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeRule", updated = "updatedRule")
    void addRule(CompetenceRule rule, Map<String, Object> props) {
        Object id = props.get(Constants.SERVICE_ID);
        Object ranking = props.get(Constants.SERVICE_RANKING);
        Object component = props.get("component.name");
        Integrated r = new Integrated(rule, ranking instanceof Integer i ? i : 0,
                id instanceof Long l ? l : Long.MAX_VALUE,
                component instanceof String s ? s : rule.getClass().getName());
        synchronized (this) {
            List<Integrated> next = new ArrayList<>(integrated);
            next.removeIf(x -> x.rule() == rule);
            next.add(r);
            next.sort(OSGI_ORDER);
            integrated = List.copyOf(next);
        }
        LOG.info("Competence rule {} added (service.ranking {})", r.name(), r.ranking());
    }

    /**
     * An integrator's rule changed its properties, perhaps its ranking.
     *
     * @param rule the rule
     * @param props its new service properties
     */
    void updatedRule(CompetenceRule rule, Map<String, Object> props) {
        addRule(rule, props);
    }

    /**
     * An integrator's rule went away.
     *
     * @param rule the rule
     */
    void removeRule(CompetenceRule rule) {
        synchronized (this) {
            List<Integrated> next = new ArrayList<>(integrated);
            next.removeIf(x -> x.rule() == rule);
            integrated = List.copyOf(next);
        }
        LOG.info("Competence rule {} removed", rule.getClass().getName());
    }

    @Override
    public Route route(Appeal appeal) {
        List<String> trace = new ArrayList<>();
        RecognisedTopic topic = recogniseTopic(appeal.topic());
        trace.add(topic.lineUk() + " / " + topic.lineEn());
        String region = appeal.region() == null || appeal.region().isBlank() ? null : appeal.region().strip();
        trace.add(region == null ? "Регіон звернення не вказано (звернення центру) / The appeal has no region (the "
                + "center's appeal)" : "Регіон звернення: " + region + " / The appeal's region: " + region);

        Optional<Route> route = statutory(appeal, trace);
        if (route.isEmpty()) {
            route = integrators(appeal, trace);
        }
        if (route.isEmpty()) {
            route = dataRules(appeal, topic.topic(), region, trace);
        }
        Route result = route.orElseGet(() -> {
            trace.add("Жодне правило не підійшло: орган обирає оператор / No rule matched: the operator chooses");
            return new Route(Optional.empty(), NO_MATCH_UK, NO_MATCH_EN, trace);
        });
        // Ids and codes only: the trace, which echoes the appeal's text fields, is not logged.
        LOG.debug("Routed appeal {} to {}", appeal.id(), result.body().map(Body::code).orElse("(operator)"));
        return result;
    }

    private RecognisedTopic recogniseTopic(String text) {
        if (text == null || text.isBlank()) {
            return new RecognisedTopic(Optional.empty(), "Тему не вказано", "No topic given");
        }
        String stripped = text.strip();
        Optional<Topic> byCode = data.topic(stripped);
        if (byCode.isPresent()) {
            Topic t = byCode.get();
            return new RecognisedTopic(byCode, "Тему розпізнано за кодом: " + t.code() + " «" + t.nameUk() + "»",
                    "Topic recognised by its code: " + t.code() + " '" + t.nameEn() + "'");
        }
        String wanted = Texts.normalize(stripped);
        for (Topic t : data.topics()) {
            if (Texts.normalize(t.nameUk()).equals(wanted)) {
                return new RecognisedTopic(Optional.of(t), "Тему розпізнано за українською назвою: " + t.code() + " «"
                        + t.nameUk() + "»", "Topic recognised by its Ukrainian name: " + t.code() + " '"
                        + t.nameEn() + "'");
            }
        }
        String shown = Texts.shorten(stripped, 80);
        return new RecognisedTopic(Optional.empty(), "Тему «" + shown + "» не розпізнано: це не код і не назва теми "
                + "класифікатора", "Topic '" + shown + "' not recognised: neither a code nor a Ukrainian name of a "
                + "classifier topic");
    }

    /** Step 1, Reg. 6.2: the Cabinet and its members. */
    private Optional<Route> statutory(Appeal appeal, List<String> trace) {
        String headUk = "Законодавче правило (" + REG_6_2_SHORT_UK + "): ";
        String headEn = "Statutory rule (" + REG_6_2_SHORT_EN + "): ";
        Optional<CabinetAddressee.Match> m = CabinetAddressee.match(appeal.addressee());
        if (m.isEmpty()) {
            trace.add(headUk + "не підходить, адресат не Кабінет Міністрів України і не його член / " + headEn
                    + "no match, the addressee is not the Cabinet of Ministers of Ukraine or one of its members");
            return Optional.empty();
        }
        CabinetAddressee.Match match = m.get();
        Optional<Body> secretariat = data.bodies().stream()
                .filter(b -> b.kind() == BodyKind.CABINET_SECRETARIAT).findFirst();
        if (secretariat.isEmpty()) {
            trace.add(headUk + "адресат «" + match.found() + "», але Секретаріату Кабінету Міністрів немає в "
                    + "довідкових даних / " + headEn + "addressee '" + match.found() + "', but the reference data has no Cabinet "
                    + "Secretariat");
            return Optional.empty();
        }
        trace.add(headUk + "підходить, адресат «" + match.found() + "» — " + match.labelUk() + "; оператор "
                + "підтверджує, що питання належить до компетенції адресата / " + headEn + "matches, addressee '"
                + match.found() + "' is " + match.labelEn() + "; the operator confirms the issue is within the "
                + "addressee's competence");
        String reasonUk = "Звернення адресоване: " + match.labelUk() + "; такі звернення надсилаються Секретаріату "
                + "Кабінету Міністрів України (" + REG_6_2_UK + ")";
        String reasonEn = "The appeal is addressed to " + match.labelEn() + "; such appeals go to the Secretariat "
                + "of the Cabinet of Ministers of Ukraine (" + REG_6_2_EN + ")";
        return Optional.of(new Route(secretariat, reasonUk, reasonEn, trace));
    }

    /** Step 2: the integrators' rules, highest ranking first. */
    private Optional<Route> integrators(Appeal appeal, List<String> trace) {
        List<Integrated> rules = integrated;
        if (rules.isEmpty()) {
            trace.add("Правил інтеграторів немає / No integrator rules registered");
            return Optional.empty();
        }
        for (Integrated r : rules) {
            String headUk = "Правило інтегратора " + r.name() + " (service.ranking " + r.ranking() + "): ";
            String headEn = "Integrator rule " + r.name() + " (service.ranking " + r.ranking() + "): ";
            Optional<CompetenceRule.Decision> decision;
            try {
                decision = r.rule().route(appeal);
            } catch (RuntimeException e) {
                LOG.warn("Competence rule {} failed on appeal {}; skipped", r.name(), appeal.id(), e);
                String error = e.getClass().getSimpleName();
                trace.add(headUk + "помилка " + error + ", пропущено / " + headEn + "failed with " + error
                        + ", skipped");
                continue;
            }
            if (decision == null || decision.isEmpty()) {
                trace.add(headUk + "не застосовується / " + headEn + "does not apply");
                continue;
            }
            String code = decision.get().bodyCode();
            Optional<Body> body = data.body(code);
            if (body.isEmpty()) {
                LOG.warn("Competence rule {} proposed body {}, which the reference data does not know; skipped",
                        r.name(), code);
                trace.add(headUk + "запропонувало орган '" + code + "', якого немає в довідкових даних, пропущено / "
                        + headEn + "proposed body '" + code + "', which is not in the reference data, skipped");
                continue;
            }
            String reason = decision.get().reason() == null ? "" : decision.get().reason();
            trace.add(headUk + "підходить, " + code + " / " + headEn + "matches, " + code);
            return Optional.of(new Route(body, "Правило інтегратора " + r.name() + ": " + reason, "Integrator rule "
                    + r.name() + ": " + reason, trace));
        }
        return Optional.empty();
    }

    /** Step 3: the data rules in their order. */
    private Optional<Route> dataRules(Appeal appeal, Optional<Topic> topic, String region, List<String> trace) {
        String addressee = Texts.normalize(appeal.addressee());
        for (RoutingRule rule : data.rules()) {
            List<String> failedUk = new ArrayList<>();
            List<String> failedEn = new ArrayList<>();
            if (rule.topicCode() != null) {
                if (topic.isEmpty()) {
                    failedUk.add("тему звернення не розпізнано");
                    failedEn.add("the appeal's topic is not recognised");
                } else if (!within(topic.get(), rule.topicCode())) {
                    failedUk.add("тема " + topic.get().code() + " не входить до " + rule.topicCode());
                    failedEn.add("topic " + topic.get().code() + " is not within " + rule.topicCode());
                }
            }
            if (rule.region() != null) {
                if (region == null) {
                    failedUk.add("регіон звернення не вказано");
                    failedEn.add("the appeal has no region");
                } else if (!rule.region().equalsIgnoreCase(region)) {
                    failedUk.add("регіон " + region + ", а не " + rule.region());
                    failedEn.add("region " + region + ", not " + rule.region());
                }
            }
            if (rule.addresseeContains() != null && !addressee.contains(Texts.normalize(rule.addresseeContains()))) {
                failedUk.add("адресат не містить «" + rule.addresseeContains() + "»");
                failedEn.add("the addressee does not contain '" + rule.addresseeContains() + "'");
            }
            String headUk = "Правило даних " + rule.id() + " (порядок " + rule.order() + "; " + conditionsUk(rule)
                    + "): ";
            String headEn = "Data rule " + rule.id() + " (order " + rule.order() + "; " + conditionsEn(rule) + "): ";
            if (!failedUk.isEmpty()) {
                trace.add(headUk + "не підходить, " + String.join("; ", failedUk) + " / " + headEn + "no match, "
                        + String.join("; ", failedEn));
                continue;
            }
            Optional<Body> body = data.body(rule.bodyCode());
            trace.add(headUk + "підходить, " + rule.bodyCode() + " / " + headEn + "matches, " + rule.bodyCode());
            return Optional.of(new Route(body, rule.reasonUk(), rule.reasonEn(), trace));
        }
        return Optional.empty();
    }

    /** Whether {@code topic} is {@code code} or lies below it, following the parent chain. */
    private boolean within(Topic topic, String code) {
        Topic t = topic;
        // The data is checked for cycles at load; the bound is only a guard.
        for (int depth = 0; t != null && depth < 64; depth++) {
            if (t.code().equals(code)) {
                return true;
            }
            t = t.parentCode() == null ? null : data.topic(t.parentCode()).orElse(null);
        }
        return false;
    }

    private static String conditionsUk(RoutingRule r) {
        List<String> c = new ArrayList<>();
        if (r.topicCode() != null) {
            c.add("тема " + r.topicCode());
        }
        if (r.region() != null) {
            c.add("регіон " + r.region());
        }
        if (r.addresseeContains() != null) {
            c.add("адресат містить «" + r.addresseeContains() + "»");
        }
        return c.isEmpty() ? "без умов" : String.join(", ", c);
    }

    private static String conditionsEn(RoutingRule r) {
        List<String> c = new ArrayList<>();
        if (r.topicCode() != null) {
            c.add("topic " + r.topicCode());
        }
        if (r.region() != null) {
            c.add("region " + r.region());
        }
        if (r.addresseeContains() != null) {
            c.add("addressee contains '" + r.addresseeContains() + "'");
        }
        return c.isEmpty() ? "no conditions" : String.join(", ", c);
    }
}
