package dev.idem.adapter.yaml;

import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.Placeholders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a spec's test rows in every dialect idem knows: values nested in a block ({@code inputs:}, {@code vars:}
 * or {@code variables:}, also {@code inputs.variables:}) or written flat on the row; with each row's label,
 * expected output and own evaluators.
 *
 * <p>The dialects are tables, tried in order: a new way of writing a row is one more {@link RowDialect}, a new
 * way of writing a block of values one more {@link BlockDialect}.
 */
final class TestDataReader {

    /** The keys a row nests its values under, read in this order. */
    private static final List<String> VALUE_BLOCKS = List.of("inputs", "vars", "variables");

    private final FieldReader fields;
    private final EvaluatorReader evaluators;
    /** The first dialect that recognises a row reads it; the last one recognises every row. */
    private final List<RowDialect> rowDialects = List.of(new BlockRow(), new FlatRow());
    private final List<BlockDialect> blockDialects = List.of(new MappingBlock());

    TestDataReader(FieldReader fields, EvaluatorReader evaluators) {
        this.fields = fields;
        this.evaluators = evaluators;
    }

    /**
     * @param node     the {@code testData} list, or null when the spec has none
     * @param messages the spec's messages: in a flat row, a key one of them uses is a value, never a label
     */
    List<TestCase> read(YamlNode node, List<MessageTemplate> messages) {
        List<TestCase> rows = new ArrayList<>();
        if (node == null || FieldReader.isNull(node)) {
            return rows;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            fields.error("testData", "expected a list of test rows, got " + node.describe());
            return rows;
        }
        Set<String> placeholders = new HashSet<>();
        messages.forEach(m -> placeholders.addAll(Placeholders.names(m.content())));
        for (int i = 0; i < list.items().size(); i++) {
            String path = "testData[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                fields.error(path, "expected a test row (a mapping of variables), got " + item.describe());
                continue;
            }
            rows.add(row(i, new Row(m, path, placeholders)));
        }
        return rows;
    }

    private TestCase row(int index, Row row) {
        RowDialect dialect = rowDialects.stream().filter(d -> d.recognises(row)).findFirst().orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        Optional<String> label = dialect.read(row, values);
        Optional<String> expected = expected(row.node());
        List<EvaluatorSpec> own = dialect.ownsEvaluators(row)
                ? evaluators.readAll(row.node().take("evaluators"), row.path() + ".evaluators") : List.of();
        return new TestCase(index + 1, values, expected, own, label.filter(s -> !s.isBlank()));
    }

    private Optional<String> expected(YamlNode.Mapping m) {
        YamlNode node = m.take("expected");
        if (node == null) {
            return Optional.empty();
        }
        YamlNode.takeAll(node);
        return FieldReader.isNull(node) ? Optional.empty() : Optional.of(fields.valueText(node));
    }

    private void readBlock(YamlNode block, String blockPath, String rowPath, Map<String, String> values) {
        Optional<BlockDialect> dialect = blockDialectOf(block);
        if (dialect.isPresent()) {
            dialect.get().read(block, blockPath, rowPath, values);
        } else if (!FieldReader.isNull(block)) {
            fields.error(blockPath, "expected a mapping of variable values, got " + block.describe());
        }
    }

    private Optional<BlockDialect> blockDialectOf(YamlNode block) {
        return blockDialects.stream().filter(d -> d.recognises(block)).findFirst();
    }

    /**
     * A test row being read.
     *
     * @param placeholders the placeholders the spec's messages use
     */
    private record Row(YamlNode.Mapping node, String path, Set<String> placeholders) {
    }

    /** One way of writing a test row. */
    private interface RowDialect {

        boolean recognises(Row row);

        /** Reads the row's values into {@code values}; returns its label, if it has one. */
        Optional<String> read(Row row, Map<String, String> values);

        /** Whether the row's {@code evaluators} key holds the row's own evaluators rather than a value. */
        boolean ownsEvaluators(Row row);
    }

    /** One way of writing a block of values under one of the {@link #VALUE_BLOCKS} keys. */
    private interface BlockDialect {

        boolean recognises(YamlNode block);

        /**
         * @param blockPath where the block is written, e.g. {@code testData[0].vars}
         * @param rowPath   the row's path: each value is also found under {@code <rowPath>.inputs.<name>}
         */
        void read(YamlNode block, String blockPath, String rowPath, Map<String, String> values);
    }

    /** {@code {inputs: {topic: kafka}, name: kafka}}, with any of {@link #VALUE_BLOCKS} nesting the values. */
    private final class BlockRow implements RowDialect {

        @Override
        public boolean recognises(Row row) {
            return VALUE_BLOCKS.stream().map(row.node().entries()::get)
                    .anyMatch(block -> block != null && blockDialectOf(block).isPresent());
        }

        @Override
        public Optional<String> read(Row row, Map<String, String> values) {
            YamlNode.Mapping m = row.node();
            for (String key : VALUE_BLOCKS) {
                YamlNode block = m.take(key);
                if (block != null) {
                    readBlock(block, row.path() + "." + key, row.path(), values);
                }
            }
            return fields.text(m, "name", row.path() + ".name")
                    .or(() -> fields.text(m, "description", row.path() + ".description"));
        }

        @Override
        public boolean ownsEvaluators(Row row) {
            return true;
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
            YamlNode.Mapping m = row.node();
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String key = e.getKey();
                boolean isLabel = (key.equals("name") || key.equals("description")) && isLabel(row, key);
                boolean isRowEvaluators = key.equals("evaluators") && ownsEvaluators(row);
                if (key.equals("expected") || isLabel || isRowEvaluators) {
                    continue;
                }
                m.take(key);
                YamlNode.takeAll(e.getValue());
                values.put(key, fields.valueText(e.getValue()));
                fields.alias(row.path() + "." + key, row.path() + ".inputs." + key);
            }
            Optional<String> label = Optional.empty();
            if (isLabel(row, "name")) {
                label = fields.text(m, "name", row.path() + ".name");
            }
            if (label.isEmpty() && isLabel(row, "description")) {
                label = fields.text(m, "description", row.path() + ".description");
            }
            return label;
        }

        @Override
        public boolean ownsEvaluators(Row row) {
            return row.node().entries().get("evaluators") instanceof YamlNode.Sequence
                    && !row.placeholders().contains("evaluators");
        }

        private boolean isLabel(Row row, String key) {
            return !row.placeholders().contains(key) && row.node().entries().get(key) instanceof YamlNode.Scalar;
        }
    }

    /** {@code vars: {topic: kafka}}; a nested {@code variables:} mapping adds its values too. */
    private final class MappingBlock implements BlockDialect {

        @Override
        public boolean recognises(YamlNode block) {
            return block instanceof YamlNode.Mapping;
        }

        @Override
        public void read(YamlNode block, String blockPath, String rowPath, Map<String, String> values) {
            YamlNode.Mapping m = (YamlNode.Mapping) block;
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String key = e.getKey();
                m.take(key);
                if (key.equals("variables") && e.getValue() instanceof YamlNode.Mapping nested) {
                    read(nested, blockPath + ".variables", rowPath, values);
                    continue;
                }
                YamlNode.takeAll(e.getValue());
                values.put(key, fields.valueText(e.getValue()));
                fields.alias(blockPath + "." + key, rowPath + ".inputs." + key);
            }
        }
    }
}
