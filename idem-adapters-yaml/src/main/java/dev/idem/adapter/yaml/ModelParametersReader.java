package dev.idem.adapter.yaml;

import dev.idem.domain.spec.ModelParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a spec's {@code modelParameters}: camelCase names, the snake_case ones other tools write, and the names
 * GitHub uses today for the token limit ({@code maxCompletionTokens}, {@code max_completion_tokens}). A parameter
 * written at the top level of the file instead (as {@code max_tokens:}, or {@code max-tokens:}, the name of
 * actions/ai-inference's input) is read too, with a warning that it belongs under {@code modelParameters}.
 *
 * <p>The parameters are a table: a new spelling is one more name in its {@link Parameter}.
 */
final class ModelParametersReader {

    private static final String SECTION = "modelParameters";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter(List.of("temperature"), Kind.NUMBER, (p, v) -> p.temperature((Double) v)),
            new Parameter(List.of("maxTokens", "max_tokens", "maxCompletionTokens", "max_completion_tokens",
                    "max-tokens"), Kind.TOKEN_LIMIT, (p, v) -> p.maxTokens((Integer) v)),
            new Parameter(List.of("topP", "top_p"), Kind.NUMBER, (p, v) -> p.topP((Double) v)),
            new Parameter(List.of("seed"), Kind.INTEGER, (p, v) -> p.seed((Long) v)),
            new Parameter(List.of("presencePenalty", "presence_penalty"), Kind.NUMBER,
                    (p, v) -> p.presencePenalty((Double) v)),
            new Parameter(List.of("frequencyPenalty", "frequency_penalty"), Kind.NUMBER,
                    (p, v) -> p.frequencyPenalty((Double) v)),
            new Parameter(List.of("stop"), Kind.STOP, (p, v) -> {
                @SuppressWarnings("unchecked")
                List<String> stop = (List<String>) v;
                p.stop(stop);
            }));

    private final FieldReader fields;

    ModelParametersReader(FieldReader fields) {
        this.fields = fields;
    }

    /**
     * The parameters written in this file, each one overriding its value in {@code inherited}.
     *
     * @param root the file's top-level mapping: its {@code modelParameters}, and any parameter written beside it,
     *             are read
     */
    ModelParameters ofSpec(YamlNode.Mapping root, ModelParameters inherited) {
        YamlNode node = root.take(SECTION);
        ModelParameters.Builder p = read(node, inherited, SECTION).toBuilder();
        YamlNode.Mapping section = node instanceof YamlNode.Mapping m ? m : null;
        for (Parameter parameter : PARAMETERS) {
            readMisplaced(parameter, root, section, p);
        }
        return p.build();
    }

    /**
     * The parameters of a mapping written at {@code path} (a spec's {@code modelParameters}, or a judge's), each one
     * overriding its value in {@code inherited}.
     *
     * @param node the mapping, or null when there is none
     */
    ModelParameters read(YamlNode node, ModelParameters inherited, String path) {
        ModelParameters.Builder p = inherited.toBuilder();
        if (node instanceof YamlNode.Mapping m) {
            for (Parameter parameter : PARAMETERS) {
                read(parameter, m, path, p);
            }
        } else if (node != null && !FieldReader.isNull(node)) {
            fields.error(path, "expected a mapping of parameters, got " + node.describe());
        }
        return p.build();
    }

    /** A parameter written at the top level: read, with a warning, unless {@code modelParameters} gives it too. */
    private void readMisplaced(Parameter parameter, YamlNode.Mapping root, YamlNode.Mapping section,
                               ModelParameters.Builder p) {
        Optional<String> written = parameter.spellings().stream().filter(root::has).findFirst();
        if (written.isEmpty()) {
            return;
        }
        String key = written.get();
        if (section != null && parameter.spellings().stream().anyMatch(section::has)) {
            root.take(key);
            YamlNode.takeAll(root.entries().get(key));
            fields.errorAt(Optional.of(root.keyPosition(key)), key, "'" + key + "' is a model parameter given "
                    + "again in modelParameters; write it there only");
            return;
        }
        if (read(parameter, root, "", p)) {
            fields.warning(key, "'" + key + "' belongs under modelParameters; read as " + SECTION + "."
                    + parameter.name());
        }
    }

    /**
     * Reads the parameter from the first of its spellings present in {@code m}; another spelling present too is an
     * error, since only one of the two values could count.
     *
     * @return whether a spelling of the parameter was present
     */
    private boolean read(Parameter parameter, YamlNode.Mapping m, String parentPath, ModelParameters.Builder p) {
        List<String> present = parameter.spellings().stream().filter(m::has).toList();
        if (present.isEmpty()) {
            return false;
        }
        String key = present.get(0);
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        fields.alias(path, (parentPath.isEmpty() ? SECTION : parentPath) + "." + parameter.name());
        YamlNode value = m.take(key);
        parameter.kind().read(this, value, path).ifPresent(v -> parameter.setter().set(p, v));
        for (String again : present.subList(1, present.size())) {
            m.take(again);
            String againPath = parentPath.isEmpty() ? again : parentPath + "." + again;
            fields.error(againPath, "'" + again + "' gives " + parameter.name() + " again (as '" + key
                    + "' does); write it once");
        }
        return true;
    }

    private Optional<Object> number(YamlNode node, String path) {
        if (FieldReader.isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s && s.isNumber()) {
            return Optional.of(((Number) s.value()).doubleValue());
        }
        fields.error(path, "expected a number, got " + node.describe());
        return Optional.empty();
    }

    private Optional<Object> integer(YamlNode node, String path) {
        if (FieldReader.isNull(node)) {
            return Optional.empty();
        }
        Optional<Long> whole = node instanceof YamlNode.Scalar s && s.isNumber()
                ? FieldReader.wholeNumber((Number) s.value()) : Optional.empty();
        if (whole.isEmpty()) {
            fields.error(path, "expected a whole number, got " + node.describe());
        }
        return whole.map(v -> v);
    }

    private Optional<Object> tokenLimit(YamlNode node, String path) {
        return integer(node, path).map(v -> {
            long value = (Long) v;
            if (value < 0 || value > Integer.MAX_VALUE) {
                fields.error(path, "expected a whole number from 0 to " + Integer.MAX_VALUE + ", got " + value);
                return 0;
            }
            return (int) value;
        });
    }

    private Optional<Object> stopSequences(YamlNode stop, String path) {
        if (FieldReader.isNull(stop)) {
            return Optional.empty();
        }
        if (stop instanceof YamlNode.Scalar s) {
            return Optional.of(List.of(s.asText()));
        }
        if (stop instanceof YamlNode.Sequence list) {
            List<String> sequences = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                if (item instanceof YamlNode.Scalar s) {
                    sequences.add(s.asText());
                } else {
                    fields.error(path + "[" + i + "]", "expected a stop sequence, got " + item.describe());
                }
            }
            return Optional.of(sequences);
        }
        fields.error(path, "expected a stop sequence or a list of them, got " + stop.describe());
        return Optional.empty();
    }

    /**
     * One model parameter.
     *
     * @param spellings its names, the canonical one first
     */
    private record Parameter(List<String> spellings, Kind kind, Setter setter) {

        String name() {
            return spellings.get(0);
        }
    }

    /** How a parameter's value is read. */
    private enum Kind {
        NUMBER, INTEGER, TOKEN_LIMIT, STOP;

        Optional<Object> read(ModelParametersReader reader, YamlNode node, String path) {
            return switch (this) {
                case NUMBER -> reader.number(node, path);
                case INTEGER -> reader.integer(node, path);
                case TOKEN_LIMIT -> reader.tokenLimit(node, path);
                case STOP -> reader.stopSequences(node, path);
            };
        }
    }

    /** Sets a parameter's value on the builder. */
    @FunctionalInterface
    private interface Setter {
        void set(ModelParameters.Builder p, Object value);
    }
}
