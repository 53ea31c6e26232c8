package dev.idem.adapter.builtin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.idem.adapter.builtin.DesignText.BulletText;
import dev.idem.adapter.builtin.DesignText.FailureModesText;
import dev.idem.adapter.builtin.DesignText.GroupText;
import dev.idem.adapter.builtin.DesignText.SectionText;
import dev.idem.adapter.builtin.Knowledge.StoreText;
import dev.idem.adapter.builtin.Mitigation.Refinement;
import dev.idem.adapter.builtin.Safety.AntiPattern;
import dev.idem.adapter.builtin.Safety.Safeguard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code knowledge.yaml} strictly, so that a slip in the file fails the build instead of silently losing
 * a fact: an unknown technology, failure mode, topic or rule, an unknown or duplicate key, an unknown
 * placeholder and a missing part are errors that name the source and the path of the culprit, such as
 * {@code knowledge.yaml: facts.KAFKA.RETRY[1]: expected a text, found a number}. Names are checked where they
 * appear; completeness (every technology, failure mode and store present) once the whole file is read.
 */
final class KnowledgeReader {

    static final String RESOURCE = "dev/idem/adapter/builtin/knowledge.yaml";

    /**
     * The same tree as JSON, written by the build ({@link KnowledgeJson}) from the checked YAML: a run reads it in a
     * few milliseconds, where parsing the YAML took tens (and the JIT's work on the YAML parser besides).
     */
    static final String BUILT_RESOURCE = "dev/idem/adapter/builtin/knowledge.json";

    private static final Set<String> NONE = Set.of();
    private static final Set<String> STORE = Set.of("{store.name}", "{store.expiry}", "{store.lock}");
    private static final Set<String> SQL_FLAVOUR = Set.of("{sqlFlavour}");

    private KnowledgeReader() {
    }

    /**
     * Reads the knowledge shipped in this module: the JSON tree the build made from the YAML, or the YAML itself where
     * there is none (classes compiled by an IDE, not by the build).
     */
    static Knowledge readBundled() {
        ClassLoader loader = KnowledgeReader.class.getClassLoader();
        try (InputStream built = loader.getResourceAsStream(BUILT_RESOURCE)) {
            if (built != null) {
                return read(RESOURCE, jsonTree(built));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge resource " + BUILT_RESOURCE, e);
        }
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the knowledge resource " + RESOURCE + " is missing from the classpath");
            }
            return read(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge resource " + RESOURCE, e);
        }
    }

    /**
     * Reads knowledge from YAML text.
     *
     * @param source what the text is, for messages (the resource name)
     * @throws IllegalStateException naming the source and the path of the first problem
     */
    static Knowledge read(String source, String yaml) {
        return read(source, tree(source, yaml));
    }

    /**
     * The YAML text as a tree, a duplicate key refused.
     *
     * @throws IllegalStateException naming the source, the line and the column of a syntax error
     */
    static JsonNode tree(String source, String yaml) {
        try {
            return Yaml.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalStateException(source + ": not valid YAML"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * The built JSON as a tree, read token by token into the nodes an {@code ObjectMapper} would make: a mapper would
     * cost a design its static set-up (date formats, a calendar, the locale data) for this one tree.
     */
    static JsonNode jsonTree(InputStream json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            return node(parser, parser.nextToken());
        }
    }

    private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, node(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY;
                     element = parser.nextToken()) {
                    array.add(node(parser, element));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new IllegalStateException(BUILT_RESOURCE + ": unexpected " + token + " at "
                    + parser.currentLocation());
        }
    }

    /**
     * Reads knowledge from its tree.
     *
     * @param source what the tree was read from, for messages
     * @throws IllegalStateException naming the source and the path of the first problem
     */
    static Knowledge read(String source, JsonNode root) {
        KnowledgeNode top = KnowledgeNode.top(source, root);
        top.keys(List.of("facts", "mitigations", "stores", "design", "safety"), List.of());
        Map<Technology, Map<Topic, List<String>>> facts = facts(top.get("facts"));
        Map<FailureMode, Mitigation> mitigations = mitigations(top.get("mitigations"));
        Map<Technology, StoreText> stores = stores(top.get("stores"));
        DesignText design = design(top.get("design"));
        Safety safety = safety(top.get("safety"));
        complete(top, facts, mitigations, stores);
        return new Knowledge(facts, mitigations, stores, design, safety);
    }

    private static Map<Technology, Map<Topic, List<String>>> facts(KnowledgeNode facts) {
        Map<Technology, Map<Topic, List<String>>> byTechnology = new EnumMap<>(Technology.class);
        for (KnowledgeNode technology : facts.entries()) {
            Technology named = technology.named(Technology.class, "technology");
            Map<Topic, List<String>> byTopic = new EnumMap<>(Topic.class);
            for (KnowledgeNode topic : technology.entries()) {
                byTopic.put(topic.named(Topic.class, "topic"), topic.texts(false));
            }
            byTechnology.put(named, byTopic);
        }
        return byTechnology;
    }

    private static Map<FailureMode, Mitigation> mitigations(KnowledgeNode mitigations) {
        Map<FailureMode, Mitigation> byMode = new EnumMap<>(FailureMode.class);
        for (KnowledgeNode mode : mitigations.entries()) {
            FailureMode named = mode.named(FailureMode.class, "failure mode");
            mode.keys(List.of("always"), List.of("when", "otherwise"));
            byMode.put(named, new Mitigation(mode.get("always").texts(true), refinements(mode)));
        }
        return byMode;
    }

    /** The {@code when} entries in file order, each with the {@code otherwise} entry of the same key. */
    private static List<Refinement> refinements(KnowledgeNode mode) {
        Map<Set<Technology>, KnowledgeNode> otherwise = new LinkedHashMap<>();
        mode.find("otherwise").ifPresent(o -> o.entries().forEach(e -> otherwise.put(e.technologies(), e)));
        List<Refinement> refinements = new ArrayList<>();
        for (KnowledgeNode when : mode.find("when").map(KnowledgeNode::entries).orElse(List.of())) {
            KnowledgeNode instead = otherwise.remove(when.technologies());
            refinements.add(new Refinement(when.technologies(), when.texts(true),
                    instead == null ? List.of() : instead.texts(true)));
        }
        for (KnowledgeNode orphan : otherwise.values()) {
            orphan.fail("no `when` entry has this key, so there is nothing to replace");
        }
        return refinements;
    }

    private static Map<Technology, StoreText> stores(KnowledgeNode stores) {
        Map<Technology, StoreText> byStore = new EnumMap<>(Technology.class);
        for (KnowledgeNode store : stores.entries()) {
            Technology technology = store.named(Technology.class, "technology");
            if (!Recognition.systemsOfRecord().contains(technology)) {
                store.fail("not a store that can hold the records (those are: "
                        + KnowledgeNode.names(Recognition.systemsOfRecord()) + ")");
            }
            store.keys(List.of("name", "expiry", "lock"), List.of("nameWithRedis"));
            byStore.put(technology, new StoreText(store.get("name").template(SQL_FLAVOUR),
                    store.find("nameWithRedis").map(n -> n.template(SQL_FLAVOUR)), store.get("expiry").template(NONE),
                    store.get("lock").template(NONE)));
        }
        return byStore;
    }

    private static DesignText design(KnowledgeNode design) {
        design.keys(List.of("keys", "stateMachine", "storage", "concurrency", "ttl", "retry", "failureModes"),
                List.of());
        KnowledgeNode modes = design.get("failureModes");
        modes.keys(List.of("heading", "statedScenario", "specifics", "observability"), List.of());
        FailureModesText failureModes = new FailureModesText(modes.get("heading").template(NONE),
                group(modes.get("statedScenario"), Set.of("{scenario}")),
                modes.get("specifics").template(Set.of("{technology}")), group(modes.get("observability"), NONE));
        return new DesignText(section(design.get("keys")), section(design.get("stateMachine")),
                section(design.get("storage")), section(design.get("concurrency")), section(design.get("ttl")),
                section(design.get("retry")), failureModes);
    }

    private static SectionText section(KnowledgeNode section) {
        section.keys(List.of("heading", "bullets"), List.of());
        return new SectionText(section.get("heading").template(NONE), bullets(section.get("bullets"), STORE));
    }

    private static GroupText group(KnowledgeNode group, Set<String> titlePlaceholders) {
        group.keys(List.of("title", "bullets"), List.of());
        return new GroupText(group.get("title").template(titlePlaceholders), bullets(group.get("bullets"), NONE));
    }

    private static List<BulletText> bullets(KnowledgeNode bullets, Set<String> placeholders) {
        List<BulletText> list = new ArrayList<>();
        for (KnowledgeNode bullet : bullets.items(true)) {
            list.add(bullet.json().isTextual()
                    ? new BulletText(Condition.ALWAYS, bullet.template(placeholders), Optional.empty())
                    : conditional(bullet, placeholders));
        }
        return list;
    }

    /** {@code - <rule>: text}, optionally with {@code otherwise: text}. */
    private static BulletText conditional(KnowledgeNode bullet, Set<String> placeholders) {
        List<String> known = Arrays.stream(Condition.values()).filter(c -> c != Condition.ALWAYS)
                .map(Condition::yamlName).toList();
        List<KnowledgeNode> rules = bullet.entries().stream().filter(e -> !e.key().equals("otherwise")).toList();
        if (rules.size() != 1) {
            bullet.fail("a bullet is a text, or one rule (" + String.join(", ", known)
                    + ") with its text and an optional `otherwise` text");
        }
        KnowledgeNode rule = rules.get(0);
        Condition condition = Arrays.stream(Condition.values()).filter(c -> c != Condition.ALWAYS)
                .filter(c -> c.yamlName().equals(rule.key())).findFirst()
                .orElseThrow(() -> rule.failure("unknown rule '" + rule.key() + "' (known: "
                        + String.join(", ", known) + ")"));
        return new BulletText(condition, rule.template(placeholders),
                bullet.find("otherwise").map(n -> n.template(placeholders)));
    }

    private static Safety safety(KnowledgeNode safety) {
        safety.keys(List.of("safeguards", "antiPatterns"), List.of());
        List<Safeguard> safeguards = new ArrayList<>();
        List<String> ids = safety.get("safeguards").entries().stream().map(KnowledgeNode::key).toList();
        for (KnowledgeNode safeguard : safety.get("safeguards").entries()) {
            safeguard.keys(List.of("name", "cues", "replaceableBy"), List.of());
            List<String> replaceableBy = new ArrayList<>();
            for (KnowledgeNode id : safeguard.get("replaceableBy").items(false)) {
                if (!ids.contains(id.text())) {
                    id.fail("unknown safeguard '" + id.text() + "' (known: " + String.join(", ", ids) + ")");
                }
                replaceableBy.add(id.text());
            }
            safeguards.add(new Safeguard(safeguard.key(), safeguard.get("name").template(NONE),
                    cues(safeguard.get("cues")), replaceableBy));
        }
        List<AntiPattern> antiPatterns = new ArrayList<>();
        for (KnowledgeNode antiPattern : safety.get("antiPatterns").entries()) {
            antiPattern.keys(List.of("warning", "cues"), List.of());
            antiPatterns.add(new AntiPattern(antiPattern.key(), antiPattern.get("warning").template(NONE),
                    cues(antiPattern.get("cues"))));
        }
        if (safeguards.isEmpty() || antiPatterns.isEmpty()) {
            safety.fail("expected at least one safeguard and one anti-pattern");
        }
        return new Safety(safeguards, antiPatterns);
    }

    /** Regular expressions, each checked here so that a typo fails the build, not a request. */
    private static List<String> cues(KnowledgeNode cues) {
        List<String> list = new ArrayList<>();
        for (KnowledgeNode cue : cues.items(true)) {
            String regex = cue.text();
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                cue.fail("not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
            list.add(regex);
        }
        return list;
    }

    private static void complete(KnowledgeNode top, Map<Technology, Map<Topic, List<String>>> facts,
                                 Map<FailureMode, Mitigation> mitigations, Map<Technology, StoreText> stores) {
        missing(top.get("facts"), "technologies", EnumSet.allOf(Technology.class), facts.keySet());
        for (Technology t : Technology.values()) {
            KnowledgeNode at = top.get("facts").get(t.name());
            if (facts.get(t).getOrDefault(Topic.KEY, List.of()).isEmpty()) {
                at.fail("every technology has KEY facts");
            }
            if (!facts.get(t).containsKey(Topic.RETRY)) {
                at.fail("every technology has RETRY facts (`RETRY: []` says it has none of its own)");
            }
        }
        missing(top.get("mitigations"), "failure modes", EnumSet.allOf(FailureMode.class), mitigations.keySet());
        missing(top.get("stores"), "stores", Recognition.systemsOfRecord(), stores.keySet());
    }

    private static <E extends Enum<E>> void missing(KnowledgeNode at, String what, Collection<E> expected,
                                                    Set<E> present) {
        List<E> absent = expected.stream().filter(e -> !present.contains(e)).toList();
        if (!absent.isEmpty()) {
            at.fail("missing " + what + ": " + KnowledgeNode.names(absent));
        }
    }

    /** The YAML reader, made only where YAML is read (the build, a test, a run without the built JSON). */
    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    }
}
