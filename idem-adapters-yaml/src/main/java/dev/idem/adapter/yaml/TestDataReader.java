package dev.idem.adapter.yaml;

import dev.idem.domain.evaluation.ExpectedCheck;
import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a spec's test rows in every dialect idem knows: values nested in a block ({@code inputs:}, {@code vars:}
 * or {@code variables:}, also {@code inputs.variables:}) as a mapping, as a list of {@code {name, value}}, or as
 * text, with the values written flat beside the block merged in; or every value written flat on the row; with
 * each row's label, expected output and own evaluators.
 *
 * <p>The dialects are tables, tried in order: a new way of writing a row is one more {@link RowDialect}, a new
 * way of writing a block of values one more {@link ValueBlocks.BlockDialect}.
 */
final class TestDataReader {

    /**
     * The keys a row writes its expected output under: idem's, and the spellings of the wild. Besides
     * {@code expected}, each is a value instead when a message uses it as a placeholder.
     */
    private static final List<String> EXPECTED_KEYS = List.of("expected", "expectedOutput", "expectedOutputs",
            "expected_output", "expected_outputs");

    private final FieldReader fields;
    private final EvaluatorReader evaluators;
    private final ValueBlocks valueBlocks;
    /** The rows that give several expected values, by number, with the field that gives them. */
    private final Map<Integer, String> severalExpected = new LinkedHashMap<>();
    /** The first dialect that recognises a row reads it; the last one recognises every row. */
    private final List<RowDialect> rowDialects = List.of(new BlockRow(), new FlatRow());

    TestDataReader(FieldReader fields, EvaluatorReader evaluators) {
        this.fields = fields;
        this.evaluators = evaluators;
        this.valueBlocks = new ValueBlocks(fields);
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
        TestRow.ValueNames names = TestRow.ValueNames.of(messages, variables);
        for (int i = 0; i < list.items().size(); i++) {
            String path = "testData[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                fields.error(path, "expected a test row (a mapping of variables), got " + item.describe());
                continue;
            }
            rows.add(row(new TestRow(m, path, i + 1, names)));
        }
        return rows;
    }

    private TestCase row(TestRow row) {
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
    private List<String> expected(TestRow row) {
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

    /**
     * Whether a key of the row gives its expected output: {@code expected} always, the other spellings unless a
     * value.
     */
    private static boolean isExpectedKey(TestRow row, String key) {
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
    private static boolean ownsEvaluators(TestRow row) {
        return row.node().entries().get("evaluators") instanceof YamlNode.Sequence && !row.names().has("evaluators");
    }

    /** Whether a scalar {@code name} or {@code description} is the row's label rather than a value. */
    private static boolean isLabel(TestRow row, String key) {
        return (key.equals("name") || key.equals("description")) && !row.names().has(key)
                && row.node().entries().get(key) instanceof YamlNode.Scalar;
    }

    private static Optional<String> label(TestRow row, FieldReader fields) {
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
    private void putValue(TestRow row, String key, YamlNode value, Map<String, String> values) {
        row.node().take(key);
        YamlNode.takeAll(value);
        values.put(key, fields.valueText(value));
        fields.alias(row.path() + "." + key, row.path() + ".inputs." + key);
    }

    private Optional<ValueBlocks.BlockDialect> blockDialectOf(YamlNode block) {
        return valueBlocks.dialectOf(block);
    }



    /** One way of writing a test row. */
    private interface RowDialect {

        boolean recognises(TestRow row);

        /** Reads the row's values into {@code values}; returns its label, if it has one. */
        Optional<String> read(TestRow row, Map<String, String> values);
    }


    /**
     * {@code {inputs: {topic: kafka}, name: kafka}}, with any of {@link TestRow#VALUE_BLOCKS} holding the values, and
     * the values of the messages' placeholders or declared variables written beside the block merged in (a key that
     * is neither stays unknown, so a misspelt name is reported rather than read as a value nobody uses).
     */
    private final class BlockRow implements RowDialect {

        @Override
        public boolean recognises(TestRow row) {
            return !row.blockKeys().isEmpty();
        }

        @Override
        public Optional<String> read(TestRow row, Map<String, String> values) {
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
            TestRow.VALUE_BLOCKS.stream().filter(k -> !row.names().has(k)).forEach(m::take);
            return label(row, fields);
        }

        private void readBlock(YamlNode block, String blockPath, TestRow row, Map<String, String> values) {
            Optional<ValueBlocks.BlockDialect> dialect = blockDialectOf(block);
            if (dialect.isPresent()) {
                dialect.get().read(block, blockPath, row, values);
            } else {
                fields.error(blockPath, "expected a mapping of variable values, a list of {name, value} or a text, "
                        + "got " + block.describe());
            }
        }

        private void mergeBeside(TestRow row, Set<String> blockKeys, Map<String, String> values) {
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
        public boolean recognises(TestRow row) {
            return true;
        }

        @Override
        public Optional<String> read(TestRow row, Map<String, String> values) {
            for (Map.Entry<String, YamlNode> e : row.node().entries().entrySet()) {
                String key = e.getKey();
                if (isExpectedKey(row, key) || isLabel(row, key) || key.equals("evaluators") && ownsEvaluators(row)) {
                    continue;
                }
                if (TestRow.VALUE_BLOCKS.contains(key) && !row.names().has(key)) {
                    // an empty block says nothing (a block with something in it makes the row a BlockRow)
                    row.node().take(key);
                    continue;
                }
                putValue(row, key, e.getValue(), values);
            }
            return label(row, fields);
        }
    }



}
