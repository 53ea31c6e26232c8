package dev.idem.domain.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub Models' {@code llm} evaluator: a judge model reads {@code prompt} (templated with
 * {@code {{completion}}} and the row's variables) and answers with one of {@code choices}; the chosen
 * choice's score is the verdict's score.
 *
 * @param name         evaluator name
 * @param modelId      judge model, if the spec names one
 * @param prompt       judge prompt template
 * @param choices      choice text to score (0..1), in spec order
 * @param systemPrompt judge system prompt, if any
 */
public record LlmJudgeSpec(String name, Optional<String> modelId, String prompt, Map<String, Double> choices,
                           Optional<String> systemPrompt) implements EvaluatorSpec {
    public LlmJudgeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prompt, "prompt");
        modelId = modelId == null ? Optional.empty() : modelId;
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices == null ? Map.of() : choices));
        systemPrompt = systemPrompt == null ? Optional.empty() : systemPrompt;
    }

    @Override
    public String kind() {
        return "llm";
    }

    @Override
    public boolean referencesExpected() {
        return prompt.matches("(?s).*\\{\\{\\s*expected\\s*}}.*");
    }
}
