package dev.idem.adapter.yaml;

import dev.idem.domain.spec.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML value as read from a spec file, with where it starts. Mappings remember which keys the spec
 * assembler used, so every other key can be reported as unknown instead of silently dropped.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    SourcePosition position();

    /** Number of nodes in this subtree; bounds what alias expansion may cost. */
    int weight();

    /**
     * Characters of text in this subtree (keys and scalars): what an alias to it adds to the document, which
     * the node count alone does not show (one alias to a 1 MB string is one node).
     */
    long textLength();

    /** How the value reads in an error message: {@code a mapping}, {@code a list}, {@code "hot"}, {@code 12}. */
    String describe();

    /** The value as plain Java objects: maps, lists, strings, numbers, booleans and nulls. */
    Object toPlain();

    /** A copy whose top node sits at {@code at}, used where an alias is expanded. */
    YamlNode copyAt(SourcePosition at);

    /** A mapping with string keys, in file order. */
    final class Mapping implements YamlNode {
        private final Map<String, YamlNode> entries;
        private final Map<String, SourcePosition> keyPositions;
        private final SourcePosition position;
        private final int weight;
        private final Set<String> used = new HashSet<>();

        Mapping(Map<String, YamlNode> entries, Map<String, SourcePosition> keyPositions, SourcePosition position) {
            this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            this.keyPositions = Collections.unmodifiableMap(new LinkedHashMap<>(keyPositions));
            this.position = position;
            this.weight = 1 + entries.values().stream().mapToInt(YamlNode::weight).sum();
        }

        Map<String, YamlNode> entries() {
            return entries;
        }

        SourcePosition keyPosition(String key) {
            return keyPositions.getOrDefault(key, position);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        /** The value under {@code key}, marking the key as understood; null when absent. */
        YamlNode take(String key) {
            YamlNode value = entries.get(key);
            if (value != null) {
                used.add(key);
            }
            return value;
        }

        /** Marks every key of this subtree as understood: for free-form sections such as metadata. */
        void takeAll() {
            used.addAll(entries.keySet());
            for (YamlNode value : entries.values()) {
                takeAllBelow(value);
            }
        }

        boolean isUsed(String key) {
            return used.contains(key);
        }

        @Override
        public SourcePosition position() {
            return position;
        }

        @Override
        public int weight() {
            return weight;
        }

        @Override
        public long textLength() {
            return entries.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().textLength()).sum();
        }

        @Override
        public String describe() {
            return "a mapping";
        }

        @Override
        public Object toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            entries.forEach((k, v) -> plain.put(k, v.toPlain()));
            return plain;
        }

        @Override
        public YamlNode copyAt(SourcePosition at) {
            Map<String, YamlNode> copies = new LinkedHashMap<>();
            entries.forEach((k, v) -> copies.put(k, v.copyAt(v.position())));
            return new Mapping(copies, keyPositions, at);
        }
    }

    /** A list, in file order. */
    record Sequence(List<YamlNode> items, SourcePosition position, int weight) implements YamlNode {

        Sequence(List<YamlNode> items, SourcePosition position) {
            this(List.copyOf(items), position, 1 + items.stream().mapToInt(YamlNode::weight).sum());
        }

        @Override
        public long textLength() {
            return items.stream().mapToLong(YamlNode::textLength).sum();
        }

        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public Object toPlain() {
            List<Object> plain = new ArrayList<>();
            items.forEach(i -> plain.add(i.toPlain()));
            return plain;
        }

        @Override
        public YamlNode copyAt(SourcePosition at) {
            return new Sequence(items.stream().map(i -> i.copyAt(i.position())).toList(), at);
        }
    }

    /**
     * A scalar: its text as written and its resolved value.
     *
     * @param type  how YAML resolved it
     * @param text  the text as written (for {@code yes}, {@code 0x1F}, {@code 1.0} exactly that)
     * @param value the resolved value: String, Number, Boolean or null
     */
    record Scalar(Type type, String text, Object value, SourcePosition position) implements YamlNode {

        /** How a plain scalar resolved. */
        enum Type { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

        @Override
        public int weight() {
            return 1;
        }

        @Override
        public long textLength() {
            return text.length();
        }

        boolean isNumber() {
            return type == Type.INTEGER || type == Type.FLOAT;
        }

        /** The text a row or a name gets: numbers and booleans as written, null as empty. */
        String asText() {
            return type == Type.NULL ? "" : text;
        }

        @Override
        public String describe() {
            if (type == Type.STRING) {
                String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
                return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
            }
            return type == Type.NULL ? "null" : text;
        }

        @Override
        public Object toPlain() {
            return value;
        }

        @Override
        public YamlNode copyAt(SourcePosition at) {
            return new Scalar(type, text, value, at);
        }
    }

    private static void takeAllBelow(YamlNode node) {
        if (node instanceof Mapping m) {
            m.takeAll();
        } else if (node instanceof Sequence s) {
            s.items().forEach(YamlNode::takeAllBelow);
        }
    }

    /** Marks a whole subtree as understood. */
    static void takeAll(YamlNode node) {
        takeAllBelow(node);
    }
}
