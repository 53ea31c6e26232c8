package dev.idem.adapter.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A node of the parsed {@code knowledge.yaml} with its path, so that every problem {@link KnowledgeReader}
 * finds says where it is: {@code <source>: <path>: <problem>}.
 *
 * @param source the resource the tree was read from
 * @param json   the node; null where a key is absent
 * @param path   dotted keys and list indexes from the top, such as {@code facts.KAFKA.RETRY[1]}
 * @param key    the key this node is the value of (a list item keeps its list's key)
 */
record KnowledgeNode(String source, JsonNode json, String path, String key) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z.]+}");

    static KnowledgeNode top(String source, JsonNode json) {
        return new KnowledgeNode(source, json, "", "");
    }

    KnowledgeNode get(String key) {
        return find(key).orElseThrow(() -> failure("missing '" + key + "'"));
    }

    Optional<KnowledgeNode> find(String key) {
        JsonNode child = mapping().get(key);
        return child == null ? Optional.empty() : Optional.of(new KnowledgeNode(source, child, child(key), key));
    }

    /** The entries of a mapping, in file order. */
    List<KnowledgeNode> entries() {
        List<KnowledgeNode> entries = new ArrayList<>();
        mapping().fields().forEachRemaining(e -> entries.add(
                new KnowledgeNode(source, e.getValue(), child(e.getKey()), e.getKey())));
        return entries;
    }

    /** Fails on a key that is neither required nor optional, then on a missing required one. */
    void keys(List<String> required, List<String> optional) {
        for (KnowledgeNode entry : entries()) {
            if (!required.contains(entry.key()) && !optional.contains(entry.key())) {
                List<String> expected = new ArrayList<>(required);
                expected.addAll(optional);
                entry.fail("unknown key '" + entry.key() + "' (expected: " + String.join(", ", expected) + ")");
            }
        }
        required.forEach(this::get);
    }

    /** The key as the name of a constant of {@code type}. */
    <E extends Enum<E>> E named(Class<E> type, String what) {
        try {
            return Enum.valueOf(type, key);
        } catch (IllegalArgumentException e) {
            throw failure("unknown " + what + " '" + key + "' (known: " + names(EnumSet.allOf(type)) + ")");
        }
    }

    /** The key as a group of technologies, comma-separated. */
    Set<Technology> technologies() {
        Set<Technology> group = EnumSet.noneOf(Technology.class);
        for (String name : key.split(",")) {
            group.add(new KnowledgeNode(source, json, path, name.strip()).named(Technology.class, "technology"));
        }
        return group;
    }

    List<KnowledgeNode> items(boolean nonEmpty) {
        if (json == null || !json.isArray()) {
            fail("expected a list, found " + kind());
        }
        if (nonEmpty && json.isEmpty()) {
            fail("expected at least one line");
        }
        List<KnowledgeNode> items = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            items.add(new KnowledgeNode(source, json.get(i), path + "[" + i + "]", key));
        }
        return items;
    }

    /** A list of texts in which braces are plain text, as in facts ({@code {tenant}#{key}}). */
    List<String> texts(boolean nonEmpty) {
        return items(nonEmpty).stream().map(KnowledgeNode::text).toList();
    }

    /** A non-blank text in which braces are plain text. */
    String text() {
        if (json == null || !json.isTextual() || json.asText().isBlank()) {
            fail("expected a text, found " + (json != null && json.isTextual() ? "an empty one" : kind()));
        }
        return json.asText();
    }

    /** A non-blank text whose {@code {placeholders}} must be among those filled in where it is used. */
    String template(Set<String> placeholders) {
        String text = text();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!placeholders.contains(placeholder.group())) {
                fail("unknown placeholder " + placeholder.group() + " (known here: "
                        + (placeholders.isEmpty() ? "none" : String.join(", ", placeholders.stream().sorted().toList()))
                        + ")");
            }
        }
        return text;
    }

    void fail(String problem) {
        throw failure(problem);
    }

    IllegalStateException failure(String problem) {
        return new IllegalStateException(source + ": " + (path.isEmpty() ? "top level" : path) + ": " + problem);
    }

    static String names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private JsonNode mapping() {
        if (json == null || !json.isObject()) {
            fail("expected a mapping, found " + kind());
        }
        return json;
    }

    private String kind() {
        if (json == null) {
            return "nothing";
        }
        return switch (json.getNodeType()) {
            case OBJECT, POJO -> "a mapping";
            case ARRAY -> "a list";
            case STRING, BINARY -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "nothing";
        };
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
