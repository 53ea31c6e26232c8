package dev.idem.adapter.yaml;

import dev.idem.adapter.yaml.EvaluatorKeys.Named;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.UnsupportedEvaluatorSpec;
import dev.idem.domain.template.Placeholders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dialects of LLM judges. GitHub Models' {@code llm: {modelId, prompt, choices, systemPrompt}} is read as
 * written; the others give a criterion in English and become a judge of it ({@link LlmJudgeSpec#ofCriterion}):
 * {@code model: {prompt|assertion|criteria|instructions}}, {@code model: "gpt-4o"} beside the criterion,
 * {@code model_graded: {prompt}}, {@code type: model_graded|model|llm_eval|llm_rubric|prompt_evaluator},
 * {@code rule: "..."}, and a bare English sentence in the evaluator list. Their verdict is the judge's answer
 * matched exactly to a choice: string choices score 1 when they say yes ({@code pass}, {@code yes}, ...) and 0
 * when they say no; without choices the judge answers {@code pass} or {@code fail}.
 */
final class JudgeDialects {

    /** Where the criterion of a judge dialect is written, by dialect. */
    private static final String[] CRITERION_KEYS = {"prompt", "assertion", "criteria", "criterion", "instructions",
        "rubric", "value"};
    /** The smallest bare string read as a criterion: shorter ones ({@code sudo}) do not say what they require. */
    static final int SENTENCE_WORDS = 4;

    private static final Set<String> YES = Set.of("pass", "passed", "yes", "y", "true", "correct", "good", "ok",
            "valid", "compliant", "accept", "accepted", "approve", "approved", "1");
    private static final Set<String> NO = Set.of("fail", "failed", "no", "n", "false", "incorrect", "bad",
            "invalid", "noncompliant", "non-compliant", "reject", "rejected", "0");

    private final FieldReader fields;
    private final EvaluatorKeys keys;
    private final ModelParametersReader parameters;

    JudgeDialects(FieldReader fields, EvaluatorKeys keys, ModelParametersReader parameters) {
        this.fields = fields;
        this.keys = keys;
        this.parameters = parameters;
    }

    /** GitHub Models' {@code llm:}, and the {@code model} and {@code modelParameters} written beside its modelId. */
    Optional<EvaluatorSpec> llm(String name, YamlNode.Mapping evaluator, String evaluatorPath) {
        YamlNode node = evaluator.take("llm");
        String path = evaluatorPath + ".llm";
        if (!(node instanceof YamlNode.Mapping m)) {
            fields.error(path, "evaluator '" + name + "': expected {modelId, prompt, choices, systemPrompt}, got "
                    + node.describe());
            return Optional.empty();
        }
        Optional<String> modelId = judgeModel(name, m, path);
        Optional<String> prompt = fields.text(m, "prompt", path + ".prompt");
        Optional<String> systemPrompt = fields.text(m, "systemPrompt", path + ".systemPrompt");
        ModelParameters judgeParameters = parameters(m, path);
        YamlNode choicesNode = m.take("choices");
        if (prompt.isEmpty()) {
            fields.error(path + ".prompt", "evaluator '" + name + "': an llm evaluator needs a prompt");
            return Optional.empty();
        }
        if (!(choicesNode instanceof YamlNode.Sequence choices) || choices.items().isEmpty()) {
            fields.error(path + ".choices", "evaluator '" + name
                    + "': an llm evaluator needs a list of choices ({choice, score})");
            return Optional.empty();
        }
        return choices(name, choices, path + ".choices").map(scores ->
                new LlmJudgeSpec(name, modelId, prompt.get(), scores, systemPrompt, judgeParameters));
    }

    /** {@code model: {prompt|assertion|...}}, or {@code model: "gpt-4o"} with the criterion beside it. */
    Optional<EvaluatorSpec> model(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("model");
        if (node instanceof YamlNode.Mapping m) {
            Optional<String> model = judgeModel(name, m, path + ".model");
            return criterionJudge(name, List.of(m, evaluator), List.of(path + ".model", path), model);
        }
        if (node instanceof YamlNode.Scalar s && !FieldReader.isNull(s)) {
            return criterionJudge(name, List.of(evaluator), List.of(path), Optional.of(s.asText()));
        }
        fields.error(path + ".model", "evaluator '" + name + "': expected a judge {prompt: ...} or a model name, "
                + "got " + node.describe());
        return Optional.empty();
    }

    /** {@code model_graded: {prompt: ...}} or {@code model_graded: "criterion"}. */
    Optional<EvaluatorSpec> modelGraded(String name, YamlNode.Mapping evaluator, String path) {
        YamlNode node = evaluator.take("model_graded");
        if (node instanceof YamlNode.Mapping m) {
            Optional<String> model = judgeModel(name, m, path + ".model_graded");
            return criterionJudge(name, List.of(m, evaluator), List.of(path + ".model_graded", path), model);
        }
        if (node instanceof YamlNode.Scalar s && !FieldReader.isNull(s) && !s.asText().isBlank()) {
            return criterionJudge(name, s.asText(), evaluator, path, judgeModel(name, evaluator, path));
        }
        fields.error(path + ".model_graded", "evaluator '" + name + "': expected {prompt: ...} or a criterion, got "
                + node.describe());
        return Optional.empty();
    }

    /** {@code rule: "Output must ..."}: a criterion in English. */
    Optional<EvaluatorSpec> rule(String name, YamlNode.Mapping evaluator, String path) {
        Optional<String> rule = fields.text(evaluator, "rule", path + ".rule").filter(r -> !r.isBlank());
        if (rule.isEmpty()) {
            fields.error(path + ".rule", "evaluator '" + name + "': a rule needs its criterion, in words");
            return Optional.empty();
        }
        return criterionJudge(name, rule.get(), evaluator, path, judgeModel(name, evaluator, path));
    }

    /** {@code type: model_graded} and its kin, with the criterion at the evaluator's level. */
    Optional<EvaluatorSpec> typed(String name, YamlNode.Mapping m, String path) {
        return criterionJudge(name, List.of(m), List.of(path), judgeModel(name, m, path));
    }

    /**
     * A bare string in an evaluator list: a sentence is a criterion for the judge. A name ({@code mathematical_rigor})
     * or a shorter string ({@code sudo}) does not say what it requires, so it loads as an unsupported evaluator:
     * idem cannot tell whether the reply must contain it or must not, and never guesses.
     */
    Optional<EvaluatorSpec> sentence(String text) {
        String trimmed = text.strip();
        if (trimmed.matches("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+")) {
            return Optional.of(new UnsupportedEvaluatorSpec(trimmed, "the bare name '" + trimmed + "'", "idem knows no "
                    + "check by that name (write what it checks: rule: \"...\" for the LLM judge, or a regex)"));
        }
        if (trimmed.split("\\s+").length < SENTENCE_WORDS) {
            return Optional.of(new UnsupportedEvaluatorSpec(trimmed, "the bare string '" + trimmed + "'", "idem cannot "
                    + "tell whether the reply must contain it or must not (write string: {contains: ...} or "
                    + "string: {notContains: ...}; a sentence of " + SENTENCE_WORDS + " words or more is read as a "
                    + "criterion for the LLM judge)"));
        }
        String name = trimmed.length() <= 80 ? trimmed : trimmed.substring(0, 79) + "…";
        return Optional.of(LlmJudgeSpec.ofCriterion(name, Optional.empty(), reply(trimmed), LlmJudgeSpec.PASS_FAIL,
                ModelParameters.DEFAULTS));
    }

    private Optional<EvaluatorSpec> criterionJudge(String name, List<YamlNode.Mapping> holders, List<String> paths,
                                                   Optional<String> model) {
        Optional<Named> criterion = Optional.empty();
        for (int i = 0; i < holders.size() && criterion.isEmpty(); i++) {
            criterion = keys.oneOf(name, holders.get(i), paths.get(i), CRITERION_KEYS);
        }
        YamlNode.Mapping evaluator = holders.get(holders.size() - 1);
        String path = paths.get(paths.size() - 1);
        if (criterion.isEmpty() && evaluator.entries().get("parameters") instanceof YamlNode.Mapping p) {
            evaluator.take("parameters");
            criterion = keys.oneOf(name, p, path + ".parameters", CRITERION_KEYS);
        }
        if (criterion.isEmpty() && evaluator.has("description")) {
            // a judge whose only words are its description ("Verifies that the output ...") is judged on them
            criterion = keys.oneOf(name, evaluator, path, "description");
        }
        if (criterion.isEmpty() || !(criterion.get().node() instanceof YamlNode.Scalar s) || s.asText().isBlank()) {
            fields.error(criterion.map(Named::path).orElse(path + ".prompt"), "evaluator '" + name + "': a judge "
                    + "needs its criterion in words (prompt, assertion, criteria or instructions)");
            return Optional.empty();
        }
        return criterionJudge(name, s.asText(), evaluator, path, model);
    }

    private Optional<EvaluatorSpec> criterionJudge(String name, String criterion, YamlNode.Mapping evaluator,
                                                   String path, Optional<String> model) {
        fields.bool(evaluator, "expectedResult", path + ".expectedResult").filter(expected -> !expected)
                .ifPresent(expected -> fields.error(path + ".expectedResult", "evaluator '" + name + "': "
                        + "expectedResult: false (a judge that must fail) is not supported; reword the criterion"));
        ModelParameters judgeParameters = parameters(evaluator, path);
        Optional<Map<String, Double>> choices = Optional.of(LlmJudgeSpec.PASS_FAIL);
        YamlNode choicesNode = evaluator.take("choices");
        if (choicesNode != null && !FieldReader.isNull(choicesNode)) {
            if (!(choicesNode instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
                fields.error(path + ".choices", "evaluator '" + name + "': expected a list of choices, got "
                        + choicesNode.describe());
                return Optional.empty();
            }
            choices = choices(name, list, path + ".choices");
        }
        return choices.map(scores -> LlmJudgeSpec.ofCriterion(name, model, reply(criterion), scores,
                judgeParameters));
    }

    /** In the judge dialects, as in promptfoo's rubrics, {@code {{output}}} is the reply. */
    private static String reply(String criterion) {
        return Placeholders.replace(criterion, (placeholder, at) -> placeholder.equals("output")
                ? "{{completion}}" : "{{" + placeholder + "}}");
    }

    /**
     * The choices and their scores: {@code {choice, score}} mappings as GitHub Models writes them, or words
     * whose meaning gives the score (1 for yes, 0 for no).
     */
    private Optional<Map<String, Double>> choices(String name, YamlNode.Sequence list, String path) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String choicePath = path + "[" + i + "]";
            YamlNode item = list.items().get(i);
            if (item instanceof YamlNode.Scalar s && !FieldReader.isNull(s)) {
                String word = s.asText().trim().toLowerCase(Locale.ROOT);
                if (!YES.contains(word) && !NO.contains(word)) {
                    fields.error(choicePath, "evaluator '" + name + "': cannot tell whether the choice '" + s.asText()
                            + "' passes; write the choices as {choice, score} (score 1 passes, 0 fails)");
                    return Optional.empty();
                }
                scores.put(s.asText().trim(), YES.contains(word) ? 1.0 : 0.0);
                continue;
            }
            if (!(item instanceof YamlNode.Mapping c)) {
                fields.error(choicePath, "evaluator '" + name + "': expected {choice, score}, got " + item.describe());
                return Optional.empty();
            }
            Optional<String> choice = fields.text(c, "choice", choicePath + ".choice");
            Optional<Double> score = fields.number(c, choicePath, "score");
            if (choice.isEmpty() || score.isEmpty()) {
                fields.error(choicePath, "evaluator '" + name + "': a choice needs a choice text and a score");
                return Optional.empty();
            }
            scores.put(choice.get(), score.get());
        }
        if (scores.values().stream().noneMatch(v -> v >= 0.5)) {
            fields.error(path, "evaluator '" + name + "': no choice passes (a choice passes with a score of 0.5 or "
                    + "more)");
            return Optional.empty();
        }
        return Optional.of(scores);
    }

    /**
     * The judge model a dialect names: {@code modelId}, {@code model}, or {@code provider} with {@code model}
     * ({@code anthropic} and {@code claude-3-haiku} name {@code anthropic/claude-3-haiku}, as GitHub Models
     * writes models). {@code modelId} and {@code model} together must name the same model.
     */
    private Optional<String> judgeModel(String name, YamlNode.Mapping m, String path) {
        Optional<String> modelId = fields.text(m, "modelId", path + ".modelId").filter(t -> !t.isBlank());
        Optional<String> written = m.isUsed("model") ? Optional.empty()
                : fields.text(m, "model", path + ".model").filter(t -> !t.isBlank());
        Optional<String> provider = fields.text(m, "provider", path + ".provider").filter(t -> !t.isBlank());
        if (provider.isPresent() && written.isEmpty()) {
            fields.error(path + ".provider", "evaluator '" + name + "': a judge's provider needs its model "
                    + "(or pass --judge-provider and --judge-model)");
            return Optional.empty();
        }
        Optional<String> model = written.map(w -> provider.map(p -> p + "/" + w).orElse(w));
        if (modelId.isPresent() && model.isPresent() && !sameModel(modelId.get(), model.get())) {
            fields.error(path + ".model", "evaluator '" + name + "': modelId '" + modelId.get() + "' and model '"
                    + model.get() + "' name different judge models; keep one");
            return Optional.empty();
        }
        return modelId.or(() -> model);
    }

    /** Whether two names designate one model: equal, or one is a segment of the other's path. */
    private static boolean sameModel(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return Arrays.stream(longer.split("/")).anyMatch(segment -> segment.equalsIgnoreCase(shorter))
                || longer.toLowerCase(Locale.ROOT).endsWith("/" + shorter.toLowerCase(Locale.ROOT));
    }

    private ModelParameters parameters(YamlNode.Mapping m, String path) {
        YamlNode node = m.take("modelParameters");
        return parameters.read(node, ModelParameters.DEFAULTS, path + ".modelParameters");
    }
}
