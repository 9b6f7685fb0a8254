package ua.gov.nsoz.reference.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.BodyKind;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;

/**
 * The reference data shipped in this bundle (R17): five versioned JSON files, {@value #BODIES},
 * {@value #TOPICS}, {@value #CATEGORIES}, {@value #RULES} and {@value #ENTRIES} (the reference base's contact
 * centers, hotlines and service procedures) in {@value #FOLDER}. Everything is checked
 * at load (unique codes, existing parents without cycles, rules that point at existing bodies and
 * topics, ISO 3166-2:UA region codes, no unknown fields) and every problem is reported at once, naming
 * the file and the entry; data with a problem is never published, since a wrong rule would quietly send
 * appeals to the wrong body. Immutable; the node's service is {@link ReferenceService}, which lays the center's
 * edits over these files.
 */
public final class JsonReferenceData implements ReferenceData {

    /** The folder of the shipped files inside the bundle. */
    public static final String FOLDER = "/ua/gov/nsoz/reference/dataset/";
    /** The executive bodies. */
    public static final String BODIES = "bodies.json";
    /** The topics of the classifier of appeals. */
    public static final String TOPICS = "topics.json";
    /** The applicant categories. */
    public static final String CATEGORIES = "categories.json";
    /** The data-driven competence rules. */
    public static final String RULES = "rules.json";
    /** The reference base's contact centers, hotlines and service procedures (R17). */
    public static final String ENTRIES = "entries.json";

    /** The regions of Ukraine, ISO 3166-2:UA: 24 oblasts, Crimea, Kyiv and Sevastopol (Reg. 1: 27 centers). */
    static final Set<String> REGIONS = Set.of("UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21",
            "UA-23", "UA-26", "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
            "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77");

    private static final Logger LOG = LoggerFactory.getLogger(JsonReferenceData.class);
    private static final Pattern REGION = Pattern.compile("UA-\\d{2}");
    private static final Pattern BODY_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,39}");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.-]{0,39}");
    /** Strict: a key written twice in one object is most likely an editing error. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP_FIELDS = Set.of("version", "note");
    private static final Set<String> BODY_FIELDS = Set.of("code", "kind", "nameUk", "nameEn", "region", "parentCode",
            "email", "phone", "address");
    private static final Set<String> TOPIC_FIELDS = Set.of("code", "nameUk", "nameEn", "parentCode");
    private static final Set<String> CATEGORY_FIELDS = Set.of("code", "nameUk", "nameEn", "priority");
    private static final Set<String> RULE_FIELDS = Set.of("id", "order", "topicCode", "region", "addresseeContains",
            "bodyCode", "reasonUk", "reasonEn");
    private static final Set<String> ENTRY_FIELDS = Set.of("type", "code", "nameUk", "nameEn", "region", "phone",
            "email", "address", "scheduleUk", "scheduleEn", "url", "descriptionUk", "descriptionEn", "bodyCode",
            "example");

    /** Opens a data file by its name; {@code null} when there is no such file. */
    @FunctionalInterface
    interface Source {
        /**
         * @param fileName e.g. {@value JsonReferenceData#BODIES}
         * @return the file's content, or {@code null} if missing
         * @throws IOException if it cannot be opened
         */
        InputStream open(String fileName) throws IOException;
    }

    private final String version;
    private final List<Body> bodies;
    private final Map<String, Body> bodyByCode;
    private final List<Topic> topics;
    private final Map<String, Topic> topicByCode;
    private final List<ApplicantCategory> categories;
    private final List<RoutingRule> rules;
    private final List<ReferenceEntry> entries;

    /**
     * Loads the files shipped in this bundle.
     *
     * @throws IllegalArgumentException listing every problem found in the files
     */
    public JsonReferenceData() {
        this(new Loader(name -> JsonReferenceData.class.getResourceAsStream(FOLDER + name)).load());
        LOG.info("Reference data {} loaded: {} bodies, {} topics, {} applicant categories, {} routing rules", version,
                bodies.size(), topics.size(), categories.size(), rules.size());
    }

    private JsonReferenceData(Loader l) {
        this.version = l.version();
        this.bodies = List.copyOf(l.bodies);
        this.bodyByCode = Map.copyOf(index(l.bodies, Body::code));
        this.topics = List.copyOf(l.topics);
        this.topicByCode = Map.copyOf(index(l.topics, Topic::code));
        this.categories = List.copyOf(l.categories);
        List<RoutingRule> sorted = new ArrayList<>(l.rules);
        sorted.sort(Comparator.comparingInt(RoutingRule::order));
        this.rules = List.copyOf(sorted);
        this.entries = List.copyOf(l.entries);
    }

    /**
     * Loads and checks a set of data files.
     *
     * @param source where the four files come from
     * @return the data
     * @throws IllegalArgumentException listing every problem found, each naming its file and entry
     */
    static JsonReferenceData load(Source source) {
        return new JsonReferenceData(new Loader(source).load());
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Body> bodies() {
        return bodies;
    }

    @Override
    public Optional<Body> body(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(bodyByCode.get(code));
    }

    @Override
    public List<Topic> topics() {
        return topics;
    }

    @Override
    public Optional<Topic> topic(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(topicByCode.get(code));
    }

    @Override
    public List<ApplicantCategory> categories() {
        return categories;
    }

    @Override
    public List<RoutingRule> rules() {
        return rules;
    }

    /** @return the entries of {@value #ENTRIES} (no body entries), in the order of the file */
    List<ReferenceEntry> fileEntries() {
        return entries;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> code) {
        Map<String, T> map = new HashMap<>();
        for (T t : items) {
            map.putIfAbsent(code.apply(t), t);
        }
        return map;
    }

    /** Reads the four files and collects every problem before deciding. */
    private static final class Loader {

        private final Source source;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> versions = new LinkedHashMap<>();
        final List<Body> bodies = new ArrayList<>();
        final List<Topic> topics = new ArrayList<>();
        final List<ApplicantCategory> categories = new ArrayList<>();
        final List<RoutingRule> rules = new ArrayList<>();
        final List<ReferenceEntry> entries = new ArrayList<>();
        /** Entry labels by code, for messages that point at the entry a reference comes from. */
        private final Map<String, String> bodyEntries = new HashMap<>();
        private final Map<String, String> topicEntries = new HashMap<>();

        Loader(Source source) {
            this.source = source;
        }

        Loader load() {
            List<JsonNode> bodyNodes = read(BODIES, "bodies");
            List<JsonNode> topicNodes = read(TOPICS, "topics");
            List<JsonNode> categoryNodes = read(CATEGORIES, "categories");
            List<JsonNode> ruleNodes = read(RULES, "rules");
            List<JsonNode> entryNodes = read(ENTRIES, "entries");
            if (bodyNodes != null) {
                readBodies(bodyNodes);
            }
            if (topicNodes != null) {
                readTopics(topicNodes);
            }
            if (categoryNodes != null) {
                readCategories(categoryNodes);
            }
            if (ruleNodes != null) {
                readRules(ruleNodes, bodyNodes != null, topicNodes != null);
            }
            if (entryNodes != null) {
                readEntries(entryNodes, bodyNodes != null);
            }
            if (!problems.isEmpty()) {
                StringBuilder m = new StringBuilder("Довідкові дані не пройшли перевірку, проблем: " + problems.size()
                        + " / Reference data failed validation, problems: " + problems.size());
                problems.forEach(p -> m.append("\n  - ").append(p));
                throw new IllegalArgumentException(m.toString());
            }
            return this;
        }

        /** One version when the four files agree, else each file's. */
        String version() {
            Set<String> distinct = new HashSet<>(versions.values());
            if (distinct.size() == 1) {
                return distinct.iterator().next();
            }
            StringBuilder v = new StringBuilder();
            versions.forEach((file, ver) -> v.append(v.length() == 0 ? "" : ";").append(file).append('=').append(ver));
            return v.toString();
        }

        private void problem(String where, String uk, String en) {
            problems.add(where + ": " + uk + " / " + where + ": " + en);
        }

        /** @return the entries of the file's list, or {@code null} if the file is unusable */
        private List<JsonNode> read(String file, String listField) {
            JsonNode root;
            try (InputStream in = source.open(file)) {
                if (in == null) {
                    problem(file, "файл відсутній", "file missing");
                    return null;
                }
                root = JSON.readTree(in);
            } catch (JsonProcessingException e) {
                String at = e.getLocation() == null ? ""
                        : " (" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ")";
                problem(file + at, "некоректний JSON: " + e.getOriginalMessage(), "not valid JSON: "
                        + e.getOriginalMessage());
                return null;
            } catch (IOException e) {
                problem(file, "не вдалося прочитати: " + e.getMessage(), "cannot be read: " + e.getMessage());
                return null;
            }
            if (root == null || !root.isObject()) {
                problem(file, "очікується об'єкт JSON", "a JSON object is expected");
                return null;
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!TOP_FIELDS.contains(f) && !f.equals(listField)) {
                    problem(file, "невідоме поле '" + f + "'", "unknown field '" + f + "'");
                }
            }
            JsonNode v = root.get("version");
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                problem(file, "поле 'version' (рядок) обов'язкове", "field 'version' (a string) is required");
            } else {
                versions.put(file, v.asText().strip());
            }
            JsonNode list = root.get(listField);
            if (list == null || !list.isArray()) {
                problem(file, "поле '" + listField + "' (масив) обов'язкове", "field '" + listField
                        + "' (an array) is required");
                return null;
            }
            List<JsonNode> entries = new ArrayList<>();
            list.forEach(entries::add);
            return entries;
        }

        /** Reads the fields of one entry and reports each problem with its place. */
        private final class Entry {
            final String where;
            final JsonNode node;

            Entry(String file, String listField, int index, JsonNode node, String keyField, Set<String> fields) {
                JsonNode key = node.isObject() ? node.get(keyField) : null;
                this.where = file + ", " + listField + "[" + index + "]"
                        + (key != null && key.isTextual() ? " '" + Texts.shorten(key.asText(), 40) + "'" : "");
                this.node = node;
                if (!node.isObject()) {
                    problem(where, "очікується об'єкт JSON", "a JSON object is expected");
                    return;
                }
                for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                    String f = it.next();
                    if (!fields.contains(f)) {
                        problem(where, "невідоме поле '" + f + "'", "unknown field '" + f + "'");
                    }
                }
            }

            String required(String field) {
                String v = optional(field);
                if (v == null && node.isObject() && (node.get(field) == null || node.get(field).isNull())) {
                    problem(where, "поле '" + field + "' обов'язкове", "field '" + field + "' is required");
                }
                return v;
            }

            String optional(String field) {
                JsonNode v = node.isObject() ? node.get(field) : null;
                if (v == null || v.isNull()) {
                    return null;
                }
                if (!v.isTextual()) {
                    problem(where, "поле '" + field + "' має бути рядком", "field '" + field + "' must be a string");
                    return null;
                }
                if (v.asText().isBlank()) {
                    problem(where, "поле '" + field + "' порожнє (відсутнє значення записується як null)",
                            "field '" + field + "' is blank (write null for no value)");
                    return null;
                }
                return v.asText().strip();
            }

            Integer integer(String field) {
                JsonNode v = node.isObject() ? node.get(field) : null;
                if (v == null || v.isNull()) {
                    problem(where, "поле '" + field + "' обов'язкове", "field '" + field + "' is required");
                    return null;
                }
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    problem(where, "поле '" + field + "' має бути цілим числом", "field '" + field
                            + "' must be an integer");
                    return null;
                }
                return v.intValue();
            }

            Boolean bool(String field) {
                JsonNode v = node.isObject() ? node.get(field) : null;
                if (v == null || v.isNull()) {
                    problem(where, "поле '" + field + "' обов'язкове", "field '" + field + "' is required");
                    return null;
                }
                if (!v.isBoolean()) {
                    problem(where, "поле '" + field + "' має бути true або false", "field '" + field
                            + "' must be true or false");
                    return null;
                }
                return v.booleanValue();
            }

            String region(String field) {
                String r = optional(field);
                if (r == null) {
                    return null;
                }
                if (!REGION.matcher(r).matches()) {
                    problem(where, "регіон '" + r + "' має бути кодом ISO 3166-2:UA виду UA-NN", "region '" + r
                            + "' must be an ISO 3166-2:UA code like UA-NN");
                } else if (!REGIONS.contains(r)) {
                    problem(where, "регіону '" + r + "' немає серед кодів ISO 3166-2:UA", "region '" + r
                            + "' is not an ISO 3166-2:UA code");
                }
                return r;
            }

            void unique(Map<String, String> seen, String kindUk, String kindEn, String value) {
                if (value == null) {
                    return;
                }
                String earlier = seen.putIfAbsent(value, where);
                if (earlier != null) {
                    problem(where, kindUk + " '" + value + "' повторюється (вперше: " + earlier + ")", "duplicate "
                            + kindEn + " '" + value + "' (first: " + earlier + ")");
                }
            }
        }

        private void readBodies(List<JsonNode> nodes) {
            Map<String, String> parents = new LinkedHashMap<>();
            int secretariats = 0;
            for (int i = 0; i < nodes.size(); i++) {
                Entry e = new Entry(BODIES, "bodies", i, nodes.get(i), "code", BODY_FIELDS);
                String code = e.required("code");
                if (code != null && !BODY_CODE.matcher(code).matches()) {
                    problem(e.where, "код має складатися з великих латинських літер, цифр і '-'",
                            "code must be upper-case Latin letters, digits and '-'");
                }
                e.unique(bodyEntries, "код", "code", code);
                String kindText = e.required("kind");
                BodyKind kind = null;
                if (kindText != null) {
                    try {
                        kind = BodyKind.valueOf(kindText);
                    } catch (IllegalArgumentException x) {
                        problem(e.where, "невідомий вид органу '" + kindText + "'", "unknown kind '" + kindText
                                + "', expected one of " + List.of(BodyKind.values()));
                    }
                }
                String region = e.region("region");
                if (kind != null && kind.regional() && region == null) {
                    problem(e.where, "для органу виду " + kind + " регіон обов'язковий", "a body of kind " + kind
                            + " must name its region");
                }
                if (kind != null && !kind.regional() && region != null) {
                    problem(e.where, "загальнодержавний орган виду " + kind + " не має регіону", "a national body of "
                            + "kind " + kind + " has no region");
                }
                if (kind == BodyKind.CABINET_SECRETARIAT) {
                    secretariats++;
                }
                String parent = e.optional("parentCode");
                if (code != null && parent != null) {
                    parents.put(code, parent);
                }
                bodies.add(new Body(code, kind, e.required("nameUk"), e.required("nameEn"), region, parent,
                        e.optional("email"), e.optional("phone"), e.optional("address")));
            }
            if (secretariats != 1) {
                problem(BODIES, "має бути рівно один орган виду CABINET_SECRETARIAT, знайдено " + secretariats,
                        "exactly one body of kind CABINET_SECRETARIAT is required (Reg. 6.2), found " + secretariats);
            }
            checkParents(BODIES, "орган", "body", parents, bodyEntries);
        }

        private void readTopics(List<JsonNode> nodes) {
            Map<String, String> parents = new LinkedHashMap<>();
            Map<String, String> names = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Entry e = new Entry(TOPICS, "topics", i, nodes.get(i), "code", TOPIC_FIELDS);
                String code = e.required("code");
                if (code != null && !CODE.matcher(code).matches()) {
                    problem(e.where, "код має складатися з латинських літер, цифр, '.' і '-'",
                            "code must be Latin letters, digits, '.' and '-'");
                }
                e.unique(topicEntries, "код", "code", code);
                String nameUk = e.required("nameUk");
                // The router recognises a topic by its Ukrainian name: two topics with one name would be a coin toss.
                if (nameUk != null) {
                    e.unique(names, "назва", "Ukrainian name", Texts.normalize(nameUk));
                }
                String parent = e.optional("parentCode");
                if (code != null && parent != null) {
                    parents.put(code, parent);
                }
                topics.add(new Topic(code, nameUk, e.required("nameEn"), parent));
            }
            checkParents(TOPICS, "тема", "topic", parents, topicEntries);
        }

        private void readCategories(List<JsonNode> nodes) {
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Entry e = new Entry(CATEGORIES, "categories", i, nodes.get(i), "code", CATEGORY_FIELDS);
                String code = e.required("code");
                if (code != null && !CODE.matcher(code).matches()) {
                    problem(e.where, "код має складатися з латинських літер, цифр, '.' і '-'",
                            "code must be Latin letters, digits, '.' and '-'");
                }
                e.unique(seen, "код", "code", code);
                Boolean priority = e.bool("priority");
                categories.add(new ApplicantCategory(code, e.required("nameUk"), e.required("nameEn"),
                        Boolean.TRUE.equals(priority)));
            }
        }

        private void readRules(List<JsonNode> nodes, boolean bodiesRead, boolean topicsRead) {
            Map<String, String> ids = new HashMap<>();
            Map<String, String> orders = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Entry e = new Entry(RULES, "rules", i, nodes.get(i), "id", RULE_FIELDS);
                String id = e.required("id");
                e.unique(ids, "ідентифікатор", "id", id);
                Integer order = e.integer("order");
                // Two rules at one position would be tried in file order: say which comes first instead.
                e.unique(orders, "порядок", "order", order == null ? null : order.toString());
                String topic = e.optional("topicCode");
                if (topic != null && topicsRead && !topicEntries.containsKey(topic)) {
                    problem(e.where, "тему '" + topic + "' не знайдено в " + TOPICS, "topicCode '" + topic
                            + "' is not a topic in " + TOPICS);
                }
                String region = e.region("region");
                String addressee = e.optional("addresseeContains");
                String body = e.required("bodyCode");
                if (body != null && bodiesRead && !bodyEntries.containsKey(body)) {
                    problem(e.where, "орган '" + body + "' не знайдено в " + BODIES, "bodyCode '" + body
                            + "' is not a body in " + BODIES);
                }
                rules.add(new RoutingRule(id, order == null ? 0 : order, topic, region, addressee, body,
                        e.required("reasonUk"), e.required("reasonEn")));
            }
        }

        private void readEntries(List<JsonNode> nodes, boolean bodiesRead) {
            Map<String, String> codes = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Entry e = new Entry(ENTRIES, "entries", i, nodes.get(i), "code", ENTRY_FIELDS);
                String typeText = e.required("type");
                ReferenceEntryType type = null;
                if (typeText != null) {
                    try {
                        type = ReferenceEntryType.valueOf(typeText);
                    } catch (IllegalArgumentException x) {
                        problem(e.where, "невідомий тип запису '" + typeText + "'", "unknown type '" + typeText
                                + "', expected one of CONTACT_CENTER, HOTLINE, SERVICE");
                    }
                }
                if (type == ReferenceEntryType.BODY) {
                    problem(e.where, "записи типу BODY складаються з " + BODIES + ", тут їх не пишуть",
                            "BODY entries are made from " + BODIES + ", not written here");
                }
                String code = e.required("code");
                if (code != null && !BODY_CODE.matcher(code).matches()) {
                    problem(e.where, "код має складатися з великих латинських літер, цифр і '-'",
                            "code must be upper-case Latin letters, digits and '-'");
                }
                e.unique(codes, "код", "code", code);
                if (code != null && bodiesRead && bodyEntries.containsKey(code)) {
                    problem(e.where, "код '" + code + "' уже має орган у " + BODIES, "code '" + code
                            + "' is the code of a body in " + BODIES);
                }
                String nameUk = e.required("nameUk");
                String nameEn = e.required("nameEn");
                String region = e.region("region");
                String email = e.optional("email");
                if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    problem(e.where, "e-mail '" + email + "' некоректний", "e-mail '" + email + "' is not valid");
                }
                String url = e.optional("url");
                if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                    problem(e.where, "адреса сторінки має починатися з https://", "url must start with https://");
                }
                String descriptionUk = e.optional("descriptionUk");
                String descriptionEn = e.optional("descriptionEn");
                if (type == ReferenceEntryType.SERVICE && (descriptionUk == null || descriptionEn == null)) {
                    problem(e.where, "для послуги опис процедури (descriptionUk, descriptionEn) обов'язковий",
                            "a SERVICE must describe its procedure (descriptionUk, descriptionEn)");
                }
                String body = e.optional("bodyCode");
                if (body != null && bodiesRead && !bodyEntries.containsKey(body)) {
                    problem(e.where, "орган '" + body + "' не знайдено в " + BODIES, "bodyCode '" + body
                            + "' is not a body in " + BODIES);
                }
                // The limits of the exchange format (referenceUpdate): an edit that could not travel is refused here.
                for (String f : List.of("nameUk", "nameEn", "address", "scheduleUk", "scheduleEn", "url", "phone",
                        "email", "descriptionUk", "descriptionEn")) {
                    int max = f.startsWith("description") ? 32000 : f.equals("phone") || f.equals("email") ? 300 : 500;
                    JsonNode v = e.node.isObject() ? e.node.get(f) : null;
                    if (v != null && v.isTextual() && v.asText().strip().length() > max) {
                        problem(e.where, "поле '" + f + "' довше за " + max + " символів", "field '" + f
                                + "' is longer than " + max + " characters");
                    }
                }
                JsonNode ex = e.node.isObject() ? e.node.get("example") : null;
                if (ex != null && !ex.isNull() && !ex.isBoolean()) {
                    problem(e.where, "поле 'example' має бути true або false", "field 'example' must be true or "
                            + "false");
                }
                entries.add(new ReferenceEntry(type, code, nameUk, nameEn, region, e.optional("phone"), email,
                        e.optional("address"), e.optional("scheduleUk"), e.optional("scheduleEn"), url,
                        descriptionUk, descriptionEn, body, ex != null && ex.asBoolean(false)));
            }
        }

        /** Every parent exists, and following parents never comes back: the router walks these chains. */
        private void checkParents(String file, String whatUk, String whatEn, Map<String, String> parents,
                Map<String, String> entries) {
            for (Map.Entry<String, String> p : parents.entrySet()) {
                String where = entries.get(p.getKey());
                if (!entries.containsKey(p.getValue())) {
                    problem(where, "батьківський код '" + p.getValue() + "' не знайдено (" + whatUk + ")",
                            "parentCode '" + p.getValue() + "' is not a " + whatEn + " in " + file);
                    continue;
                }
                Set<String> seen = new HashSet<>();
                String c = p.getKey();
                while (c != null && seen.add(c)) {
                    c = parents.get(c);
                }
                if (c != null) {
                    problem(where, "ланцюжок батьківських кодів зациклюється на '" + c + "'", "the parent chain "
                            + "loops back to '" + c + "'");
                }
            }
        }
    }
}
