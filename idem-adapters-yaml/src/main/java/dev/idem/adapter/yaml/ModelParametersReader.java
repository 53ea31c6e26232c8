package dev.idem.adapter.yaml;

import dev.idem.domain.spec.ModelParameters;
import java.util.ArrayList;
import java.util.List;

/** Reads a spec's {@code modelParameters}: camelCase names, and the snake_case ones other tools write. */
final class ModelParametersReader {

    private final FieldReader fields;

    ModelParametersReader(FieldReader fields) {
        this.fields = fields;
    }

    /**
     * The parameters written in this file, each one overriding its value in {@code inherited}.
     *
     * @param node the {@code modelParameters} mapping, or null when the file has none
     */
    ModelParameters read(YamlNode node, ModelParameters inherited) {
        ModelParameters.Builder p = inherited.toBuilder();
        if (node == null || FieldReader.isNull(node)) {
            return p.build();
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            fields.error("modelParameters", "expected a mapping of parameters, got " + node.describe());
            return p.build();
        }
        fields.number(m, "modelParameters", "temperature").ifPresent(p::temperature);
        fields.integer(m, "modelParameters", "maxTokens", "max_tokens")
                .ifPresent(v -> p.maxTokens(toInt(v, "maxTokens")));
        fields.number(m, "modelParameters", "topP", "top_p").ifPresent(p::topP);
        fields.integer(m, "modelParameters", "seed").ifPresent(p::seed);
        fields.number(m, "modelParameters", "presencePenalty", "presence_penalty").ifPresent(p::presencePenalty);
        fields.number(m, "modelParameters", "frequencyPenalty", "frequency_penalty").ifPresent(p::frequencyPenalty);
        YamlNode stop = m.take("stop");
        if (stop != null && !FieldReader.isNull(stop)) {
            p.stop(stopSequences(stop));
        }
        return p.build();
    }

    private int toInt(long value, String name) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            fields.error("modelParameters." + name, "expected a whole number from 0 to " + Integer.MAX_VALUE
                    + ", got " + value);
            return 0;
        }
        return (int) value;
    }

    private List<String> stopSequences(YamlNode stop) {
        if (stop instanceof YamlNode.Scalar s) {
            return List.of(s.asText());
        }
        if (stop instanceof YamlNode.Sequence list) {
            List<String> sequences = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                if (item instanceof YamlNode.Scalar s) {
                    sequences.add(s.asText());
                } else {
                    fields.error("modelParameters.stop[" + i + "]", "expected a stop sequence, got "
                            + item.describe());
                }
            }
            return sequences;
        }
        fields.error("modelParameters.stop", "expected a stop sequence or a list of them, got "
                + stop.describe());
        return List.of();
    }
}
