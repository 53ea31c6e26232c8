package dev.idem.domain.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sampling parameters of a spec. Every field is optional: empty means "the provider's default".
 *
 * @param temperature      0..2
 * @param maxTokens        upper bound on generated tokens
 * @param topP             nucleus sampling, 0..1
 * @param seed             sampling seed, where the provider supports one
 * @param stop             stop sequences; empty when none
 * @param presencePenalty  -2..2
 * @param frequencyPenalty -2..2
 */
public record ModelParameters(Optional<Double> temperature, Optional<Integer> maxTokens, Optional<Double> topP,
                              Optional<Long> seed, List<String> stop, Optional<Double> presencePenalty,
                              Optional<Double> frequencyPenalty) {

    /** No parameters set. */
    public static final ModelParameters DEFAULTS = new ModelParameters(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());

    public ModelParameters {
        temperature = orEmpty(temperature);
        maxTokens = orEmpty(maxTokens);
        topP = orEmpty(topP);
        seed = orEmpty(seed);
        stop = List.copyOf(stop == null ? List.of() : stop);
        presencePenalty = orEmpty(presencePenalty);
        frequencyPenalty = orEmpty(frequencyPenalty);
    }

    /** Only a temperature. */
    public static ModelParameters withTemperature(double temperature) {
        return DEFAULTS.toBuilder().temperature(temperature).build();
    }

    /** The parameters that are set, by their spec name, in a stable order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        temperature.ifPresent(v -> m.put("temperature", v));
        maxTokens.ifPresent(v -> m.put("maxTokens", v));
        topP.ifPresent(v -> m.put("topP", v));
        seed.ifPresent(v -> m.put("seed", v));
        if (!stop.isEmpty()) {
            m.put("stop", stop);
        }
        presencePenalty.ifPresent(v -> m.put("presencePenalty", v));
        frequencyPenalty.ifPresent(v -> m.put("frequencyPenalty", v));
        return m;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static <T> Optional<T> orEmpty(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }

    /** Builds parameters field by field. */
    public static final class Builder {
        private Double temperature;
        private Integer maxTokens;
        private Double topP;
        private Long seed;
        private List<String> stop = new ArrayList<>();
        private Double presencePenalty;
        private Double frequencyPenalty;

        private Builder(ModelParameters p) {
            temperature = p.temperature.orElse(null);
            maxTokens = p.maxTokens.orElse(null);
            topP = p.topP.orElse(null);
            seed = p.seed.orElse(null);
            stop = new ArrayList<>(p.stop);
            presencePenalty = p.presencePenalty.orElse(null);
            frequencyPenalty = p.frequencyPenalty.orElse(null);
        }

        public Builder temperature(Double v) { temperature = v; return this; }
        public Builder maxTokens(Integer v) { maxTokens = v; return this; }
        public Builder topP(Double v) { topP = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder stop(List<String> v) { stop = new ArrayList<>(v == null ? List.of() : v); return this; }
        public Builder presencePenalty(Double v) { presencePenalty = v; return this; }
        public Builder frequencyPenalty(Double v) { frequencyPenalty = v; return this; }

        public ModelParameters build() {
            return new ModelParameters(Optional.ofNullable(temperature), Optional.ofNullable(maxTokens),
                    Optional.ofNullable(topP), Optional.ofNullable(seed), stop, Optional.ofNullable(presencePenalty),
                    Optional.ofNullable(frequencyPenalty));
        }
    }
}
