package dev.idem.domain.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub Models' {@code llm} evaluator: a judge model reads {@code prompt} (templated with
 * {@code {{completion}}} and the row's variables) and answers with one of {@code choices}; the chosen
 * choice's score is the verdict's score. The other judge dialects (a criterion in English: promptfoo's
 * {@code llm-rubric}, {@code model_graded}, {@code rule:}, ...) become one through {@link #ofCriterion}.
 *
 * @param name         evaluator name
 * @param modelId      judge model, if the spec names one
 * @param prompt       judge prompt template
 * @param choices      choice text to score (0..1), in spec order
 * @param systemPrompt judge system prompt, if any
 * @param parameters   the judge's sampling parameters as the spec gives them; an unset temperature is 0
 */
public record LlmJudgeSpec(String name, Optional<String> modelId, String prompt, Map<String, Double> choices,
                           Optional<String> systemPrompt, ModelParameters parameters) implements EvaluatorSpec {

    /** The choices of a judge given a criterion without them: the reply passes or fails it. */
    public static final Map<String, Double> PASS_FAIL = passFail();

    public LlmJudgeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prompt, "prompt");
        modelId = modelId == null ? Optional.empty() : modelId;
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices == null ? Map.of() : choices));
        systemPrompt = systemPrompt == null ? Optional.empty() : systemPrompt;
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
    }

    /** A judge with the default parameters. */
    public LlmJudgeSpec(String name, Optional<String> modelId, String prompt, Map<String, Double> choices,
                        Optional<String> systemPrompt) {
        this(name, modelId, prompt, choices, systemPrompt, ModelParameters.DEFAULTS);
    }

    /**
     * A judge of a criterion written in English. Its prompt puts the criterion and the reply
     * ({@code {{completion}}}) before the judge, unless the criterion places the reply itself, and always ends
     * by saying which answers count, so the judge knows to answer with exactly one of the choices.
     *
     * @param criterion what the reply must do, possibly holding the row's {@code {{placeholders}}}
     * @param choices   the answers and their scores, in the order the judge is told them
     */
    public static LlmJudgeSpec ofCriterion(String name, Optional<String> modelId, String criterion,
                                           Map<String, Double> choices, ModelParameters parameters) {
        Objects.requireNonNull(criterion, "criterion");
        String answer = "Answer with exactly one of: " + String.join(", ", choices.keySet())
                + ". Write that answer alone on the last line.";
        String prompt = criterion.matches("(?s).*\\{\\{\\s*completion\\s*}}.*")
                ? criterion.strip() + "\n\n" + answer
                : "Judge the REPLY below against the CRITERION.\n\nCRITERION:\n" + criterion.strip()
                        + "\n\nREPLY:\n{{completion}}\n\nDoes the reply meet the criterion? " + answer;
        return new LlmJudgeSpec(name, modelId, prompt, choices, Optional.empty(), parameters);
    }

    @Override
    public String kind() {
        return "llm";
    }

    @Override
    public boolean referencesExpected() {
        return prompt.matches("(?s).*\\{\\{\\s*expected\\s*}}.*");
    }

    private static Map<String, Double> passFail() {
        Map<String, Double> choices = new LinkedHashMap<>();
        choices.put("pass", 1.0);
        choices.put("fail", 0.0);
        return Collections.unmodifiableMap(choices);
    }
}
