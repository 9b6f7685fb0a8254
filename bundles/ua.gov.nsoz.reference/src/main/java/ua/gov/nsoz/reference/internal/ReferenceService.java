package ua.gov.nsoz.reference.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceAdmin;
import ua.gov.nsoz.api.reference.ReferenceBase;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;
import ua.gov.nsoz.api.reference.ReferenceEdits;
import ua.gov.nsoz.api.reference.RoutingRule;
import ua.gov.nsoz.api.reference.Topic;

/**
 * The node's reference data: the files shipped in this bundle with the center's edits laid over them. An edit is
 * merged into the shipped files and the result loaded with every check of {@link JsonReferenceData} before it takes
 * the place of the data in effect; it is kept in the {@link EditsFile} ({@code reference-edits.json} in the folder of
 * {@link ReferenceConfig#directory()}, default {@code <karaf.data>/nsoz}, kept across restarts and upgrades with the
 * node's store) and offered to {@link ReferenceAdmin.Listener}s, which replicate it to the regions.
 *
 * <p>The two nodes of one center (same node id, docs/center-cluster.md) share that folder: before answering, each
 * node takes a later revision that the other wrote to the file into effect (without telling the listeners: the node
 * that made the edit did), as soon as {@link EditsFile} sees the file changed (at most once a second). An edit is
 * made under the file's lock, over the file as it is then, so the revisions stay strictly increasing across the
 * nodes and no edit is lost.
 */
@Component(service = {ReferenceData.class, ReferenceAdmin.class, ReferenceBase.class},
        configurationPid = ReferenceService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ReferenceConfig.class)
public final class ReferenceService implements ReferenceData, ReferenceAdmin, ReferenceBase {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.reference";
    /** Where a later revision taken from the file comes from, for the log. */
    private static final String OTHER_NODE = "of the center's other node";

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceService.class);
    private static final ObjectMapper JSON = EditsFile.JSON;

    private final JsonReferenceData.Source shipped;
    private final EditsFile file;
    private final boolean editsHere;
    private final Clock clock;
    /** The codes of the shipped entries of the reference base: taking one out is remembered in the edits. */
    private final java.util.Set<String> shippedEntries;
    private volatile JsonReferenceData data;
    private volatile ReferenceEdits edits = ReferenceEdits.NONE;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<ReferenceAdmin.Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param node this node: only the center edits
     * @param config the configuration (its folder)
     */
    @Activate
    public ReferenceService(@Reference NodeIdentity node, ReferenceConfig config) {
        this(name -> JsonReferenceData.class.getResourceAsStream(JsonReferenceData.FOLDER + name),
                EditsFile.in(config.directory()), node.role() == NodeRole.CENTRAL, Clock.systemUTC());
    }

    /**
     * @param shipped the shipped files
     * @param file the edits' file ({@link EditsFile#LOCK} is made next to it)
     * @param editsHere whether this node edits (the center): only then is the file shared and looked at again
     * @param clock the time of an edit, and when a read next looks at the file
     */
    ReferenceService(JsonReferenceData.Source shipped, Path file, boolean editsHere, Clock clock) {
        this.shipped = shipped;
        this.editsHere = editsHere;
        this.clock = clock;
        this.data = JsonReferenceData.load(shipped);
        this.shippedEntries = data.fileEntries().stream().map(ReferenceEntry::code)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.file = new EditsFile(file, editsHere, clock);
        adopt(this.file.read(), null);
        LOG.info("Reference data {} in effect (edits revision {}): {} bodies, {} rules, {} reference base entries",
                data.version(), edits.revision(), data.bodies().size(), data.rules().size(),
                data.fileEntries().size());
    }

    // ------------------------------------------------------------------------------------------ ReferenceData

    @Override
    public String version() {
        return current().version();
    }

    @Override
    public List<Body> bodies() {
        return current().bodies();
    }

    @Override
    public Optional<Body> body(String code) {
        return current().body(code);
    }

    @Override
    public List<Topic> topics() {
        return current().topics();
    }

    @Override
    public Optional<Topic> topic(String code) {
        return current().topic(code);
    }

    @Override
    public List<ApplicantCategory> categories() {
        return current().categories();
    }

    @Override
    public List<RoutingRule> rules() {
        return current().rules();
    }

    // ------------------------------------------------------------------------------------------ ReferenceBase

    @Override
    public List<ReferenceEntry> entries() {
        JsonReferenceData d = current();
        List<ReferenceEntry> all = new ArrayList<>(d.fileEntries());
        d.bodies().forEach(b -> all.add(ReferenceEntry.of(b)));
        return List.copyOf(all);
    }

    @Override
    public List<ReferenceEntry> search(String query, ReferenceEntryType type, boolean english) {
        return ReferenceSearch.search(entries(), query, type, english);
    }

    // ----------------------------------------------------------------------------------------- ReferenceAdmin

    @Override
    public ReferenceEdits putBody(Body body, String actor) {
        if (body == null || body.code() == null) {
            throw new IllegalArgumentException("Потрібен код органу / The body's code is required");
        }
        return edit(actor, e -> {
            List<Body> bodies = new ArrayList<>(e.bodies());
            bodies.removeIf(b -> b.code().equals(body.code()));
            bodies.add(body);
            return new ReferenceEdits(0, null, null, bodies, e.rules(), e.removedRules(), e.entries(),
                    e.removedEntries());
        });
    }

    @Override
    public ReferenceEdits putRule(RoutingRule rule, String actor) {
        if (rule == null || rule.id() == null) {
            throw new IllegalArgumentException("Потрібен ідентифікатор правила / The rule's id is required");
        }
        return edit(actor, e -> {
            List<RoutingRule> rules = new ArrayList<>(e.rules());
            rules.removeIf(r -> r.id().equals(rule.id()));
            rules.add(rule);
            List<String> removed = new ArrayList<>(e.removedRules());
            removed.remove(rule.id());
            return new ReferenceEdits(0, null, null, e.bodies(), rules, removed, e.entries(), e.removedEntries());
        });
    }

    @Override
    public ReferenceEdits removeRule(String id, String actor) {
        return edit(actor, e -> {
            // Looked at under the lock, over the latest edits of either node of the center.
            if (data.rules().stream().noneMatch(r -> r.id().equals(id))) {
                throw new NoSuchElementException("Немає правила / No routing rule " + id);
            }
            List<RoutingRule> rules = new ArrayList<>(e.rules());
            rules.removeIf(r -> r.id().equals(id));
            List<String> removed = new ArrayList<>(e.removedRules());
            if (!removed.contains(id)) {
                removed.add(id);
            }
            return new ReferenceEdits(0, null, null, e.bodies(), rules, removed, e.entries(), e.removedEntries());
        });
    }

    @Override
    public ReferenceEdits putEntry(ReferenceEntry entry, String actor) {
        if (entry == null || entry.code() == null) {
            throw new IllegalArgumentException("Потрібен код запису / The entry's code is required");
        }
        if (entry.type() == ReferenceEntryType.BODY) {
            throw new IllegalArgumentException("Орган редагують як орган (PUT /reference/bodies/{code}) / A body is "
                    + "edited as a body (PUT /reference/bodies/{code})");
        }
        return edit(actor, e -> {
            List<ReferenceEntry> entries = new ArrayList<>(e.entries());
            entries.removeIf(x -> x.code().equals(entry.code()));
            entries.add(entry);
            List<String> removed = new ArrayList<>(e.removedEntries());
            removed.remove(entry.code());
            return new ReferenceEdits(0, null, null, e.bodies(), e.rules(), e.removedRules(), entries, removed);
        });
    }

    @Override
    public ReferenceEdits removeEntry(String code, String actor) {
        return edit(actor, e -> {
            if (data.fileEntries().stream().noneMatch(x -> x.code().equals(code))) {
                throw new NoSuchElementException("Немає запису довідкової бази / No reference base entry " + code);
            }
            List<ReferenceEntry> entries = new ArrayList<>(e.entries());
            entries.removeIf(x -> x.code().equals(code));
            List<String> removed = new ArrayList<>(e.removedEntries());
            if (shippedEntries.contains(code) && !removed.contains(code)) {
                removed.add(code);
            }
            return new ReferenceEdits(0, null, null, e.bodies(), e.rules(), e.removedRules(), entries, removed);
        });
    }

    @Override
    public ReferenceEdits edits() {
        refresh();
        return edits;
    }

    @Override
    public boolean apply(ReferenceEdits incoming) {
        return file.locked(() -> {
            if (editsHere) {
                rereadForEdit();
            }
            if (incoming.revision() <= edits.revision()) {
                return false;
            }
            JsonReferenceData next = merged(incoming);
            file.write(incoming);
            data = next;
            edits = incoming;
            LOG.info("Reference edits revision {} from the center in effect: data {}", incoming.revision(),
                    next.version());
            tell(incoming);
            return true;
        });
    }

    private void requireEditsHere() {
        if (!editsHere) {
            throw new IllegalStateException("Довідники редагують у центрі; зміни надходять звідти / Reference data is "
                    + "edited at the center; its edits arrive from there");
        }
    }

    /**
     * An edit: under the lock of the folder, over the edits in the file as they are now (a later revision of the
     * center's other node first taken into effect), with the next revision after both.
     */
    private ReferenceEdits edit(String actor, UnaryOperator<ReferenceEdits> change) {
        requireEditsHere();
        return file.locked(() -> {
            long inFile = rereadForEdit();
            ReferenceEdits base = edits;
            ReferenceEdits changed = change.apply(base);
            // Past the file's revision even if it did not fit the shipped data here: revisions never repeat.
            long revision = Math.max(base.revision(), inFile) + 1;
            ReferenceEdits next = new ReferenceEdits(revision, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    actor, changed.bodies(), changed.rules(), changed.removedRules(), changed.entries(),
                    changed.removedEntries());
            JsonReferenceData loaded = merged(next);
            file.write(next);
            data = loaded;
            edits = next;
            LOG.info("Reference data edited by {}: revision {}, data {}", actor, next.revision(), loaded.version());
            tell(next);
            return next;
        });
    }

    /**
     * Under {@link EditsFile#locked}: reads the file and takes a later revision into effect.
     *
     * @return the file's revision (0 if there is none)
     */
    private long rereadForEdit() {
        ReferenceEdits kept = file.read();
        adopt(kept, OTHER_NODE);
        return kept.revision();
    }

    /** The data in effect, after looking whether the center's other node changed the edits. */
    private JsonReferenceData current() {
        refresh();
        return data;
    }

    /**
     * At the center, at most once a second: a later revision that the other node wrote to the file meanwhile into
     * effect.
     */
    private void refresh() {
        file.takeIfChanged(kept -> adopt(kept, OTHER_NODE));
    }

    /** Looks for the other node's change without waiting for the next second (tests). */
    void refreshNow() {
        file.takeIfChangedNow(kept -> adopt(kept, OTHER_NODE));
    }

    /**
     * Puts kept edits in effect if they are later than the ones in effect, as the start does; no listener is told
     * (the node that made them did).
     *
     * @param from where they come from, for the log; null at the start
     */
    private void adopt(ReferenceEdits kept, String from) {
        if (kept.revision() <= edits.revision()) {
            return;
        }
        try {
            JsonReferenceData next = merged(kept);
            data = next;
            edits = kept;
            if (from != null) {
                LOG.info("Reference edits revision {} {} in effect: data {}", kept.revision(), from, next.version());
            }
        } catch (IllegalArgumentException e) {
            // Shipped data changed under kept edits (an upgrade): the data in effect stays, the edits wait.
            LOG.warn("Reference edits revision {} no longer fit the shipped data {} and are not applied: {}",
                    kept.revision(), data.version(), e.getMessage());
        }
    }

    /** @param l a listener, as DS adds them (tests) */
    void bindListener(ReferenceAdmin.Listener l) {
        listeners.add(l);
    }

    private void tell(ReferenceEdits e) {
        for (ReferenceAdmin.Listener l : listeners) {
            try {
                l.edited(e);
            } catch (RuntimeException ex) {
                LOG.warn("Reference edit listener {} failed on revision {}", l.getClass().getName(), e.revision(), ex);
            }
        }
    }

    /** The shipped files with the edits laid over them, loaded with every check. */
    JsonReferenceData merged(ReferenceEdits e) {
        Predicate<String> removed = e.removedRules()::contains;
        return JsonReferenceData.load(name -> switch (name) {
            case JsonReferenceData.BODIES -> overlay(name, "bodies", "code", e.bodies(), x -> false, e.revision());
            case JsonReferenceData.RULES -> overlay(name, "rules", "id", e.rules(), removed, e.revision());
            case JsonReferenceData.ENTRIES -> overlay(name, "entries", "code", e.entries(),
                    e.removedEntries()::contains, e.revision());
            default -> shipped.open(name);
        });
    }

    private InputStream overlay(String name, String array, String key, List<?> entries, Predicate<String> drop,
            long revision) throws IOException {
        ObjectNode root;
        try (InputStream in = shipped.open(name)) {
            if (in == null) {
                return null;
            }
            root = (ObjectNode) JSON.readTree(in);
        }
        ArrayNode items = (ArrayNode) root.get(array);
        ArrayNode out = JSON.createArrayNode();
        List<JsonNode> added = new ArrayList<>();
        for (Object entry : entries) {
            added.add(JSON.valueToTree(entry));
        }
        for (JsonNode item : items) {
            String id = item.path(key).asText();
            if (drop.test(id) || added.stream().anyMatch(a -> a.path(key).asText().equals(id))) {
                continue;
            }
            out.add(item);
        }
        added.forEach(out::add);
        root.set(array, out);
        if (revision > 0) {
            root.put("version", root.path("version").asText() + "+r" + revision);
        }
        return new ByteArrayInputStream(JSON.writeValueAsBytes(root));
    }
}
