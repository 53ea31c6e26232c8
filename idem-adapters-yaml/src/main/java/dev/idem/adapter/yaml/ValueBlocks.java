package dev.idem.adapter.yaml;

import dev.idem.domain.spec.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways a test row writes a block of values under one of {@link TestRow#VALUE_BLOCKS}: a mapping, a list of
 * {@code {name, value}}, or a text; the first that recognises a block reads it.
 */
final class ValueBlocks {

    private final FieldReader fields;
    /** The first dialect that recognises a block reads it; the last one recognises every block that is not null. */
    private final List<BlockDialect> dialects = List.of(new MappingBlock(), new NameValueListBlock(), new TextBlock());

    ValueBlocks(FieldReader fields) {
        this.fields = fields;
    }

    Optional<BlockDialect> dialectOf(YamlNode block) {
        return dialects.stream().filter(d -> d.recognises(block)).findFirst();
    }

    /**
     * One way of writing a block of values under one of the {@link TestRow#VALUE_BLOCKS} keys. A block is read in two
     * passes: what it says by itself first, then, once the values written beside it are known too, what depends on
     * the row's other values (a text block is the value of the one variable the row lacks).
     */
    interface BlockDialect {

        boolean recognises(YamlNode block);

        /**
         * @param blockPath where the block is written, e.g. {@code testData[0].vars}
         */
        void read(YamlNode block, String blockPath, TestRow row, Map<String, String> values);

        /** The second pass, once every other value of the row is known. */
        default void complete(YamlNode block, String blockPath, TestRow row, Map<String, String> values) {
        }
    }

    /** {@code vars: {topic: kafka}}; a nested {@code variables:} mapping adds its values too. */
    private final class MappingBlock implements BlockDialect {

        @Override
        public boolean recognises(YamlNode block) {
            return block instanceof YamlNode.Mapping;
        }

        @Override
        public void read(YamlNode block, String blockPath, TestRow row, Map<String, String> values) {
            YamlNode.Mapping m = (YamlNode.Mapping) block;
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String key = e.getKey();
                m.take(key);
                if (key.equals("variables") && e.getValue() instanceof YamlNode.Mapping nested) {
                    read(nested, blockPath + ".variables", row, values);
                    continue;
                }
                YamlNode.takeAll(e.getValue());
                values.put(key, fields.valueText(e.getValue()));
                fields.alias(blockPath + "." + key, row.path() + ".inputs." + key);
            }
        }
    }

    /** {@code variables: [{name: topic, value: kafka}]}. */
    private final class NameValueListBlock implements BlockDialect {

        @Override
        public boolean recognises(YamlNode block) {
            return block instanceof YamlNode.Sequence list && !list.items().isEmpty()
                    && list.items().stream().allMatch(i -> i instanceof YamlNode.Mapping m && m.has("name"));
        }

        @Override
        public void read(YamlNode block, String blockPath, TestRow row, Map<String, String> values) {
            List<YamlNode> items = ((YamlNode.Sequence) block).items();
            Set<String> given = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                YamlNode.Mapping item = (YamlNode.Mapping) items.get(i);
                String itemPath = blockPath + "[" + i + "]";
                Optional<String> name = fields.text(item, "name", itemPath + ".name").filter(n -> !n.isBlank());
                YamlNode value = item.take("value");
                if (name.isEmpty()) {
                    fields.error(itemPath + ".name", "a {name, value} entry needs a name");
                } else if (value == null) {
                    fields.error(itemPath, "the entry for '" + name.get() + "' has no value (expected {name, value})");
                } else if (!given.add(name.get())) {
                    fields.rowError(row.number(), itemPath + ".name", "'" + name.get() + "' is given twice");
                } else {
                    YamlNode.takeAll(value);
                    values.put(name.get(), fields.valueText(value));
                    fields.alias(itemPath + ".value", row.path() + ".inputs." + name.get());
                }
            }
        }
    }

    /**
     * {@code vars: "..."}: text that is itself a YAML mapping of the row's value names gives those values; any
     * other text is the value of the one variable the row gives no value for, or of {@code input} when the row
     * lacks it among others (runners that write rows this way bind the text to {@code input}). Either reading is told
     * as a warning; text that could be for several variables is an error of that row.
     */
    private final class TextBlock implements BlockDialect {

        /** The blocks read as mappings, which the second pass leaves alone. */
        private final Set<YamlNode> readAsMappings = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Made when a row first writes a text block: most specs have none. */
        private YamlTreeReader yaml;

        @Override
        public boolean recognises(YamlNode block) {
            return block instanceof YamlNode.Scalar s && s.type() != YamlNode.Scalar.Type.NULL;
        }

        @Override
        public void read(YamlNode block, String blockPath, TestRow row, Map<String, String> values) {
            Optional<YamlNode.Mapping> mapping = mappingOfValues(((YamlNode.Scalar) block).asText(), row);
            if (mapping.isEmpty()) {
                return;
            }
            readAsMappings.add(block);
            mapping.get().entries().forEach((name, value) -> values.put(name, fields.valueText(value)));
            fields.warning(blockPath, "text holding a YAML mapping, read as the values it gives ("
                    + quoted(mapping.get().entries().keySet()) + "); write it as a mapping, without the quotes or |");
        }

        @Override
        public void complete(YamlNode block, String blockPath, TestRow row, Map<String, String> values) {
            if (readAsMappings.contains(block)) {
                return;
            }
            String text = ((YamlNode.Scalar) block).asText();
            List<String> lacking = row.names().needed().stream()
                    .filter(n -> !values.containsKey(n) && !row.names().hasDefault(n)).toList();
            List<String> defaulted = row.names().needed().stream()
                    .filter(n -> !values.containsKey(n) && row.names().hasDefault(n)).toList();
            Optional<String> target = oneOf(lacking).or(() -> lacking.isEmpty() ? oneOf(defaulted) : Optional.empty());
            if (target.isPresent()) {
                values.put(target.get(), text);
                fields.alias(blockPath, row.path() + ".inputs." + target.get());
                fields.warning(blockPath, "text, not a mapping of values: read as the value of '" + target.get()
                        + "', " + why(target.get(), lacking, defaulted));
                return;
            }
            List<String> candidates = lacking.isEmpty() ? defaulted : lacking;
            if (candidates.isEmpty()) {
                fields.warning(blockPath, "text, not a mapping of values, and " + (row.names().needed().isEmpty()
                        ? "the messages have no placeholder" : "the row has a value for every variable the messages "
                        + "use") + ": the text is not used");
            } else if (text.isBlank()) {
                fields.rowError(row.number(), blockPath, "empty, and the row gives no value for " + candidates.size()
                        + " variables (" + quoted(candidates) + "); write each value under its name, e.g. "
                        + candidates.get(0) + ": ...");
            } else {
                fields.rowError(row.number(), blockPath, "text, not a mapping of values, and the row gives no value "
                        + "for " + candidates.size() + " variables (" + quoted(candidates) + "): it cannot tell which "
                        + "one the text is for" + TextHints.of(text, candidates) + "; write each value under its "
                        + "name, e.g. " + candidates.get(0) + ": ...");
            }
        }

        /** The single name, or {@code input} when it is among several: what a text value conventionally stands for. */
        private Optional<String> oneOf(List<String> names) {
            if (names.size() == 1) {
                return Optional.of(names.get(0));
            }
            return names.contains("input") ? Optional.of("input") : Optional.empty();
        }

        private String why(String target, List<String> lacking, List<String> defaulted) {
            if (lacking.isEmpty()) {
                return defaulted.size() == 1 ? "the one variable the row gives no value for (instead of its default)"
                        : "the variable a text stands for (instead of its default)";
            }
            if (lacking.size() == 1) {
                return "the one variable the row gives no value for";
            }
            List<String> others = lacking.stream().filter(n -> !n.equals(target)).toList();
            return "the variable a text stands for; the row gives no value for " + quoted(others) + " either";
        }

        /** The text read as YAML, when it is a mapping whose every key is a name the row may give a value for. */
        private Optional<YamlNode.Mapping> mappingOfValues(String text, TestRow row) {
            if (!text.contains(":")) {
                return Optional.empty();
            }
            if (yaml == null) {
                yaml = new YamlTreeReader();
            }
            try {
                YamlNode.Mapping m = yaml.read(row.path(), text.getBytes(StandardCharsets.UTF_8));
                return m.entries().keySet().stream().allMatch(row.names()::has) ? Optional.of(m) : Optional.empty();
            } catch (InvalidSpecException notYamlMapping) {
                return Optional.empty();
            }
        }
    }

    private static String quoted(Iterable<String> names) {
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add("'" + n + "'"));
        return String.join(", ", all);
    }

    /** Where a text that cannot be told apart still shows which values it holds: an XML tag or a label per name. */
    private static final class TextHints {

        private TextHints() {
        }

        static String of(String text, List<String> names) {
            List<String> seen = names.stream().map(n -> mention(text, n)).filter(Objects::nonNull).limit(3).toList();
            return seen.isEmpty() ? "" : " (the text mentions " + String.join(", ", seen) + ")";
        }

        private static String mention(String text, String name) {
            String lower = text.toLowerCase(Locale.ROOT);
            String tag = "<" + name.toLowerCase(Locale.ROOT) + ">";
            if (lower.contains(tag)) {
                return "<" + name + ">";
            }
            String[] words = name.split("[_.\\-]+");
            for (String label : List.of(String.join(" ", words), words[0])) {
                Matcher m = Pattern.compile("(?im)^\\s*(" + Pattern.quote(label).replace(" ", "\\E[\\s_-]+\\Q")
                        + ")\\s*:").matcher(text);
                if (label.length() >= 4 && m.find()) {
                    return "'" + m.group(1) + ":'";
                }
            }
            return null;
        }
    }
}
