package dev.idem.application;

import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.Evaluators;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.evaluation.RubricEvaluator;
import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.out.JsonValidator;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.RubricRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns evaluator specs into evaluators: the pure kinds come from the domain; {@code json} uses the JSON
 * checker, {@code rubric} the rubric, and {@code llm} / {@code uses: github/*} a judge model called through the
 * idempotent executor.
 */
public final class EvaluatorFactory {

    private final RubricRepository rubrics;
    private final JsonValidator json;
    private final RegexBudget regexBudget;

    /**
     * @param regexBudget how long a {@code regex} evaluator may search one reply
     */
    public EvaluatorFactory(RubricRepository rubrics, JsonValidator json, RegexBudget regexBudget) {
        this.rubrics = Objects.requireNonNull(rubrics, "rubrics");
        this.json = Objects.requireNonNull(json, "json");
        this.regexBudget = Objects.requireNonNull(regexBudget, "regexBudget");
    }

    /**
     * The evaluator for a spec.
     *
     * @param judge      the judge gateway and model for llm and github evaluators, if one is configured
     * @param executor   makes the judge's calls
     * @param options    retries and caching for judge calls
     */
    Evaluator create(EvaluatorSpec spec, Optional<Judge> judge, IdempotentExecutor executor,
                     ExecutionOptions options) {
        Optional<Evaluator> pure = Evaluators.of(spec, regexBudget);
        if (pure.isPresent()) {
            return pure.get();
        }
        if (spec instanceof JsonEvaluatorSpec j) {
            return named(j.name(), (output, c) -> json.check(output, j.schema()));
        }
        if (spec instanceof RubricEvaluatorSpec r) {
            return new RubricEvaluator(r, rubrics.load());
        }
        if (spec instanceof LlmJudgeSpec l) {
            Judge j = judge.orElseThrow(() -> noJudge(spec));
            return new JudgeEvaluator(l.name(), l.systemPrompt(), l.prompt(), l.choices(), 0.5, j.gateway(),
                    l.modelId().filter(m -> j.modelFromSpecAllowed()).orElse(j.model()), executor, options);
        }
        if (spec instanceof BuiltinJudgeSpec b) {
            Judge j = judge.orElseThrow(() -> noJudge(spec));
            String prompt = BuiltinJudges.prompt(b.uses()).orElseThrow(() -> new IllegalArgumentException(
                    "evaluator '" + b.name() + "': unknown built-in '" + b.uses() + "' (known: "
                            + String.join(", ", BuiltinJudgeSpec.KNOWN) + ")"));
            return new JudgeEvaluator(b.name(), Optional.of(BuiltinJudges.system()), prompt, BuiltinJudges.ratings(),
                    BuiltinJudges.PASS_SCORE, j.gateway(), j.model(), executor, options);
        }
        throw new IllegalArgumentException("evaluator '" + spec.name() + "' of kind " + spec.kind()
                + " is not supported");
    }

    private static InvalidInputException noJudge(EvaluatorSpec spec) {
        return new InvalidInputException("--judge-provider", "evaluator '" + spec.name() + "' needs a judge model: "
                + "the built-in provider cannot judge; pass --judge-provider (openai, azure-openai or ollama) and "
                + "--judge-model");
    }

    private static Evaluator named(String name, java.util.function.BiFunction<String, TestCase, Verdict> rule) {
        return new Evaluator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict evaluate(String output, TestCase testCase) {
                return rule.apply(output, testCase);
            }
        };
    }

    /**
     * The judge model for llm and github evaluators.
     *
     * @param gateway              the judge's provider
     * @param model                the judge model
     * @param modelFromSpecAllowed whether an {@code llm} evaluator's own {@code modelId} may override the model
     */
    public record Judge(ModelGateway gateway, String model, boolean modelFromSpecAllowed) {
    }
}
