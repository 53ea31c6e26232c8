package dev.idem.adapter.yaml;

import dev.idem.domain.evaluation.ExpectedCheck;
import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Placeholders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a spec's test rows in every dialect idem knows: values nested in a block ({@code inputs:}, {@code vars:}
 * or {@code variables:}, also {@code inputs.variables:}) as a mapping, as a list of {@code {name, value}}, or as
 * text, with the values written flat beside the block merged in; or every value written flat on the row; with
 * each row's label, expected output and own evaluators.
 *
 * <p>The dialects are tables, tried in order: a new way of writing a row is one more {@link RowDialect}, a new
 * way of writing a block of values one more {@link BlockDialect}.
 */
final class TestDataReader {

    /** The keys a row nests its values under, read in this order. */
    private static final List<String> VALUE_BLOCKS = List.of("inputs", "vars", "variables");
    /**
     * The keys a row writes its expected output under: idem's, and the spellings of the wild. Besides
     * {@code expected}, each is a value instead when a message uses it as a placeholder.
     */
    private static final List<String> EXPECTED_KEYS = List.of("expected", "expectedOutput", "expectedOutputs",
            "expected_output", "expected_outputs");

    private final FieldReader fields;
    private final EvaluatorReader evaluators;
    /** The rows that give several expected values, by number, with the field that gives them. */
    private final Map<Integer, String> severalExpected = new LinkedHashMap<>();
    /** The first dialect that recognises a row reads it; the last one recognises every row. */
    private final List<RowDialect> rowDialects = List.of(new BlockRow(), new FlatRow());
    /** The first dialect that recognises a block reads it; the last one recognises every block that is not null. */
    private final List<BlockDialect> blockDialects = List.of(new MappingBlock(), new NameValueListBlock(),
            new TextBlock());

    TestDataReader(FieldReader fields, EvaluatorReader evaluators) {
        this.fields = fields;
        this.evaluators = evaluators;
    }

    /**
     * @param node      the {@code testData} list, or null when the spec has none
     * @param messages  the spec's messages: in a flat row, a key one of them uses is a value, never a label
     * @param variables the spec's declared variables (empty when it declares none)
     */
    List<TestCase> read(YamlNode node, List<MessageTemplate> messages, List<Variable> variables) {
        List<TestCase> rows = new ArrayList<>();
        if (node == null || FieldReader.isNull(node)) {
            return rows;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            fields.error("testData", "expected a list of test rows, got " + node.describe());
            return rows;
        }
        ValueNames names = ValueNames.of(messages, variables);
        for (int i = 0; i < list.items().size(); i++) {
            String path = "testData[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                fields.error(path, "expected a test row (a mapping of variables), got " + item.describe());
                continue;
            }
            rows.add(row(new Row(m, path, i + 1, names)));
        }
        return rows;
    }

    private TestCase row(Row row) {
        RowDialect dialect = rowDialects.stream().filter(d -> d.recognises(row)).findFirst().orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        Optional<String> label = dialect.read(row, values);
        List<String> expected = expected(row);
        List<EvaluatorSpec> own = new ArrayList<>(ownsEvaluators(row)
                ? evaluators.readAll(row.node().take("evaluators"), row.path() + ".evaluators") : List.of());
        if (expected.size() > 1) {
            // each is expected in the reply, as the implicit check of one expected value is
            own.add(new ContainsAllEvaluatorSpec(ExpectedCheck.NAME, expected));
        }
        return new TestCase(row.number(), values, expected.size() == 1 ? Optional.of(expected.get(0))
                : Optional.empty(), own, label.filter(s -> !s.isBlank()));
    }

    /**
     * The row's expected output, under any of its spellings: one value, or several when a list gives them (each
     * must be in the reply); none when the row gives none.
     */
    private List<String> expected(Row row) {
        List<String> written = EXPECTED_KEYS.stream()
                .filter(key -> row.node().has(key) && (isExpectedKey(row, key)))
                .toList();
        if (written.size() > 1) {
            written.forEach(key -> YamlNode.takeAll(row.node().take(key)));
            fields.rowError(row.number(), row.path() + "." + written.get(1), "the expected output is given twice, "
                    + "as " + String.join(" and ", written) + "; keep one");
            return List.of();
        }
        if (written.isEmpty()) {
            return List.of();
        }
        String key = written.get(0);
        String path = row.path() + "." + key;
        YamlNode node = row.node().take(key);
        YamlNode.takeAll(node);
        fields.alias(path, row.path() + ".expected");
        if (FieldReader.isNull(node)) {
            return List.of();
        }
        if (node instanceof YamlNode.Sequence list && !list.items().isEmpty()
                && list.items().stream().allMatch(i -> i instanceof YamlNode.Scalar s && !FieldReader.isNull(s))) {
            List<String> values = list.items().stream().map(i -> ((YamlNode.Scalar) i).asText()).toList();
            if (values.size() > 1) {
                severalExpected.put(row.number(), path);
            }
            return values;
        }
        return List.of(fields.valueText(node));
    }

    /** Whether a key of the row gives its expected output: {@code expected} always, the other spellings unless a value. */
    private static boolean isExpectedKey(Row row, String key) {
        return EXPECTED_KEYS.contains(key) && (key.equals("expected") || !row.names().has(key));
    }

    /**
     * A row that gives several expected values has no one value for {@code {{expected}}}: an evaluator that compares
     * with it makes that row an error. Call it once the spec's evaluators are read.
     */
    void checkSeveralExpected(PromptSpec spec) {
        for (TestCase row : spec.testData()) {
            String field = severalExpected.get(row.number());
            if (field == null) {
                continue;
            }
            Stream.concat(spec.evaluators().stream(), row.evaluators().stream())
                    .filter(EvaluatorSpec::referencesExpected).findFirst()
                    .ifPresent(e -> fields.rowError(row.number(), field, "several expected values, and evaluator '"
                            + e.name() + "' compares with one ({{expected}}); give that one under expected, and "
                            + "the others to a contains_all evaluator"));
        }
    }

    /** Whether the row's {@code evaluators} key holds the row's own evaluators rather than a value. */
    private static boolean ownsEvaluators(Row row) {
        return row.node().entries().get("evaluators") instanceof YamlNode.Sequence && !row.names().has("evaluators");
    }

    /** Whether a scalar {@code name} or {@code description} is the row's label rather than a value. */
    private static boolean isLabel(Row row, String key) {
        return (key.equals("name") || key.equals("description")) && !row.names().has(key)
                && row.node().entries().get(key) instanceof YamlNode.Scalar;
    }

    private static Optional<String> label(Row row, FieldReader fields) {
        Optional<String> label = Optional.empty();
        if (isLabel(row, "name")) {
            label = fields.text(row.node(), "name", row.path() + ".name");
        }
        if (label.isEmpty() && isLabel(row, "description")) {
            label = fields.text(row.node(), "description", row.path() + ".description");
        }
        return label;
    }

    /** A value written on the row itself at {@code path}, under its canonical path too. */
    private void putValue(Row row, String key, YamlNode value, Map<String, String> values) {
        row.node().take(key);
        YamlNode.takeAll(value);
        values.put(key, fields.valueText(value));
        fields.alias(row.path() + "." + key, row.path() + ".inputs." + key);
    }

    private Optional<BlockDialect> blockDialectOf(YamlNode block) {
        return blockDialects.stream().filter(d -> d.recognises(block)).findFirst();
    }

    /**
     * The names a row may give values for: the placeholders of the messages, in order of first use, and the
     * declared variables.
     *
     * @param placeholders the placeholders, in order of first use
     * @param declared     the declared variables by name
     */
    private record ValueNames(List<String> placeholders, Map<String, Variable> declared) {

        static ValueNames of(List<MessageTemplate> messages, List<Variable> variables) {
            Set<String> used = new LinkedHashSet<>();
            messages.forEach(m -> used.addAll(Placeholders.names(m.content())));
            Map<String, Variable> declared = new LinkedHashMap<>();
            variables.forEach(v -> declared.putIfAbsent(v.name(), v));
            return new ValueNames(List.copyOf(used), declared);
        }

        boolean has(String name) {
            return placeholders.contains(name) || declared.containsKey(name);
        }

        /**
         * The names a row needs a value for, in order: the placeholders, then the required variables no message
         * uses (validation asks a row for those too).
         */
        List<String> needed() {
            List<String> needed = new ArrayList<>(placeholders);
            declared.values().stream().filter(Variable::required).map(Variable::name)
                    .filter(n -> !needed.contains(n)).forEach(needed::add);
            return needed;
        }

        boolean hasDefault(String name) {
            Variable v = declared.get(name);
            return v != null && v.defaultValue().isPresent();
        }
    }

    /**
     * A test row being read.
     *
     * @param number its 1-based number
     * @param names  the names its values may have
     */
    private record Row(YamlNode.Mapping node, String path, int number, ValueNames names) {

        /** The keys that hold a block of values: a key of {@link #VALUE_BLOCKS} that is not itself a value's name. */
        List<String> blockKeys() {
            return VALUE_BLOCKS.stream()
                    .filter(k -> node.entries().containsKey(k) && !names.has(k))
                    .filter(k -> !FieldReader.isNull(node.entries().get(k)))
                    .toList();
        }
    }

    /** One way of writing a test row. */
    private interface RowDialect {

        boolean recognises(Row row);

        /** Reads the row's values into {@code values}; returns its label, if it has one. */
        Optional<String> read(Row row, Map<String, String> values);
    }

    /**
     * One way of writing a block of values under one of the {@link #VALUE_BLOCKS} keys. A block is read in two
     * passes: what it says by itself first, then, once the values written beside it are known too, what depends on
     * the row's other values (a text block is the value of the one variable the row lacks).
     */
    private interface BlockDialect {

        boolean recognises(YamlNode block);

        /**
         * @param blockPath where the block is written, e.g. {@code testData[0].vars}
         */
        void read(YamlNode block, String blockPath, Row row, Map<String, String> values);

        /** The second pass, once every other value of the row is known. */
        default void complete(YamlNode block, String blockPath, Row row, Map<String, String> values) {
        }
    }

    /**
     * {@code {inputs: {topic: kafka}, name: kafka}}, with any of {@link #VALUE_BLOCKS} holding the values, and the
     * values of the messages' placeholders or declared variables written beside the block merged in (a key that
     * is neither stays unknown, so a misspelt name is reported rather than read as a value nobody uses).
     */
    private final class BlockRow implements RowDialect {

        @Override
        public boolean recognises(Row row) {
            return !row.blockKeys().isEmpty();
        }

        @Override
        public Optional<String> read(Row row, Map<String, String> values) {
            YamlNode.Mapping m = row.node();
            Map<String, YamlNode> blocks = new LinkedHashMap<>();
            for (String key : row.blockKeys()) {
                blocks.put(key, m.take(key));
            }
            blocks.forEach((key, block) -> readBlock(block, row.path() + "." + key, row, values));
            mergeBeside(row, blocks.keySet(), values);
            blocks.forEach((key, block) -> blockDialectOf(block)
                    .ifPresent(d -> d.complete(block, row.path() + "." + key, row, values)));
            // a null block says nothing; taken so it is not reported as unknown
            VALUE_BLOCKS.stream().filter(k -> !row.names().has(k)).forEach(m::take);
            return label(row, fields);
        }

        private void readBlock(YamlNode block, String blockPath, Row row, Map<String, String> values) {
            Optional<BlockDialect> dialect = blockDialectOf(block);
            if (dialect.isPresent()) {
                dialect.get().read(block, blockPath, row, values);
            } else {
                fields.error(blockPath, "expected a mapping of variable values, a list of {name, value} or a text, "
                        + "got " + block.describe());
            }
        }

        private void mergeBeside(Row row, Set<String> blockKeys, Map<String, String> values) {
            for (Map.Entry<String, YamlNode> e : row.node().entries().entrySet()) {
                String key = e.getKey();
                if (blockKeys.contains(key) || !row.names().has(key)) {
                    continue;
                }
                String inBlock = values.get(key);
                String beside = fields.valueText(e.getValue());
                if (inBlock != null && !inBlock.equals(beside)) {
                    row.node().take(key);
                    fields.rowError(row.number(), row.path() + "." + key, "'" + key + "' is given twice, in "
                            + String.join(" or ", blockKeys) + " and beside it, with different values");
                    continue;
                }
                putValue(row, key, e.getValue(), values);
            }
        }
    }

    /**
     * {@code {topic: kafka, name: kafka}}: every key is a value except {@code expected}, a scalar {@code name} or
     * {@code description} (the label) and an {@code evaluators} list, unless a message uses that name.
     */
    private final class FlatRow implements RowDialect {

        @Override
        public boolean recognises(Row row) {
            return true;
        }

        @Override
        public Optional<String> read(Row row, Map<String, String> values) {
            for (Map.Entry<String, YamlNode> e : row.node().entries().entrySet()) {
                String key = e.getKey();
                if (isExpectedKey(row, key) || isLabel(row, key) || key.equals("evaluators") && ownsEvaluators(row)) {
                    continue;
                }
                if (VALUE_BLOCKS.contains(key) && !row.names().has(key)) {
                    // an empty block says nothing (a block with something in it makes the row a BlockRow)
                    row.node().take(key);
                    continue;
                }
                putValue(row, key, e.getValue(), values);
            }
            return label(row, fields);
        }
    }

    /** {@code vars: {topic: kafka}}; a nested {@code variables:} mapping adds its values too. */
    private final class MappingBlock implements BlockDialect {

        @Override
        public boolean recognises(YamlNode block) {
            return block instanceof YamlNode.Mapping;
        }

        @Override
        public void read(YamlNode block, String blockPath, Row row, Map<String, String> values) {
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
        public void read(YamlNode block, String blockPath, Row row, Map<String, String> values) {
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
     * lacks it among others (runners that write rows this way bind the text to {@code input}). Either reading is told as a
     * warning; text that could be for several variables is an error of that row.
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
        public void read(YamlNode block, String blockPath, Row row, Map<String, String> values) {
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
        public void complete(YamlNode block, String blockPath, Row row, Map<String, String> values) {
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
        private Optional<YamlNode.Mapping> mappingOfValues(String text, Row row) {
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
