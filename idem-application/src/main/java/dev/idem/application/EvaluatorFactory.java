package dev.idem.application;

import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.Evaluators;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.evaluation.RubricEvaluator;
import dev.idem.domain.spec.BuiltinJudgeSpec;
import dev.idem.domain.spec.CodeEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.UnsupportedEvaluatorSpec;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluatorPolicy;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.CodeGateway;
import dev.idem.port.out.JsonValidator;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.RubricRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns evaluator specs into evaluators: the pure kinds come from the domain; {@code json} uses the JSON
 * checker, {@code rubric} the rubric, {@code llm} / {@code uses: github/*} a judge model called through the
 * idempotent executor, and {@code python} the code gateway, when the user allows code to run.
 *
 * <p>An evaluator that cannot run (a judge without a judge model, code not allowed or no interpreter, or one idem
 * cannot check at all, {@link UnsupportedEvaluatorSpec}) stops the evaluation before any call with an
 * {@link InvalidInputException} naming the option that would run it (or skip it), in the caller's words, unless the
 * user asked to skip such evaluators: then it reports every reply as skipped.
 */
public final class EvaluatorFactory {

    /** What a code runner's id names, in messages. */
    public static final String CODE_RUNNER = "code runner";

    private final RubricRepository rubrics;
    private final JsonValidator json;
    private final RegexBudget regexBudget;
    private final Providers<CodeGateway> code;
    private final Vocabulary words;

    /**
     * @param regexBudget how long a {@code regex} evaluator may search one reply
     * @param code        the code runners on the class path, by language ({@code python}: idem-adapters-python)
     * @param words       how the options that run or skip an evaluator are named
     */
    public EvaluatorFactory(RubricRepository rubrics, JsonValidator json, RegexBudget regexBudget,
                            Providers<CodeGateway> code, Vocabulary words) {
        this.rubrics = Objects.requireNonNull(rubrics, "rubrics");
        this.json = Objects.requireNonNull(json, "json");
        this.regexBudget = Objects.requireNonNull(regexBudget, "regexBudget");
        this.code = Objects.requireNonNull(code, "code");
        this.words = Objects.requireNonNull(words, "words");
    }

    /** A factory without a code gateway: {@code python} evaluators cannot run. */
    public EvaluatorFactory(RubricRepository rubrics, JsonValidator json, RegexBudget regexBudget, Vocabulary words) {
        this(rubrics, json, regexBudget, Providers.of(CODE_RUNNER, List.of(), g -> List.of(g.language())), words);
    }

    /** The evaluator for a spec, with the default policy: no code runs, and what cannot run is an error. */
    Evaluator create(EvaluatorSpec spec, Optional<Judge> judge, IdempotentExecutor executor,
                     ExecutionOptions options) {
        return create(spec, judge, executor, options, EvaluatorPolicy.DEFAULT);
    }

    /**
     * The evaluator for a spec.
     *
     * @param judge      the judge gateway and model for llm and github evaluators, if one is configured
     * @param executor   makes the judge's calls
     * @param options    retries and caching for judge calls
     * @param policy     whether code may run, and whether an evaluator that cannot run is skipped
     * @throws InvalidInputException when the evaluator cannot run and the policy does not skip it
     */
    Evaluator create(EvaluatorSpec spec, Optional<Judge> judge, IdempotentExecutor executor,
                     ExecutionOptions options, EvaluatorPolicy policy) {
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
        if ((spec instanceof LlmJudgeSpec || spec instanceof BuiltinJudgeSpec) && judge.isEmpty()) {
            return unavailable(spec, policy, words.judgeOption(), "needs a judge model: the built-in provider "
                    + "cannot judge; pass " + words.judge());
        }
        if (spec instanceof LlmJudgeSpec l) {
            Judge j = judge.orElseThrow();
            ModelParameters parameters = l.parameters().temperature().isPresent() ? l.parameters()
                    : l.parameters().toBuilder().temperature(0.0).build();
            return new JudgeEvaluator(l.name(), l.systemPrompt(), l.prompt(), l.choices(), 0.5, j.gateway(),
                    l.modelId().filter(m -> j.modelFromSpecAllowed()).orElse(j.model()), parameters, executor,
                    options);
        }
        if (spec instanceof BuiltinJudgeSpec b) {
            Judge j = judge.orElseThrow();
            String prompt = BuiltinJudges.prompt(b.uses()).orElseThrow(() -> new IllegalArgumentException(
                    "evaluator '" + b.name() + "': unknown built-in '" + b.uses() + "' (known: "
                            + String.join(", ", BuiltinJudgeSpec.KNOWN) + ")"));
            return new JudgeEvaluator(b.name(), Optional.of(BuiltinJudges.system()), prompt, BuiltinJudges.ratings(),
                    BuiltinJudges.PASS_SCORE, j.gateway(), j.model(), ModelParameters.withTemperature(0.0), executor,
                    options);
        }
        if (spec instanceof CodeEvaluatorSpec c) {
            return codeEvaluator(c, policy);
        }
        if (spec instanceof UnsupportedEvaluatorSpec u) {
            return unsupported(u, policy);
        }
        throw new IllegalArgumentException("evaluator '" + spec.name() + "' of kind " + spec.kind()
                + " is not supported");
    }

    private Evaluator codeEvaluator(CodeEvaluatorSpec spec, EvaluatorPolicy policy) {
        if (!policy.allowCode()) {
            return unavailable(spec, policy, words.allowCode(), "runs Python code, which idem runs only when you "
                    + "allow it: pass " + words.allowCode() + " (the system's python3 runs it, with the reply and the "
                    + "row's values as data)");
        }
        Optional<CodeGateway> python = code.find(spec.kind());
        Optional<String> why = python.isEmpty() ? Optional.of("no " + spec.kind() + " runner is on the class path")
                : python.get().unavailable();
        if (why.isPresent()) {
            return unavailable(spec, policy, words.allowCode(), "cannot run its Python code: " + why.get());
        }
        CodeGateway gateway = python.get();
        return named(spec.name(), (output, row) -> gateway.run(spec.code(), output == null ? "" : output,
                row.templateValues()));
    }

    /**
     * An evaluator idem cannot check: no option makes it run, so the evaluation stops here unless the policy skips
     * what cannot run; it is never run as something it is not.
     */
    private Evaluator unsupported(UnsupportedEvaluatorSpec spec, EvaluatorPolicy policy) {
        if (!policy.skipUnavailable()) {
            throw new InvalidInputException(words.skipUnavailableEvaluators(), "evaluator '" + spec.name() + "': "
                    + spec.why() + "; remove it, or pass " + words.skipUnavailableEvaluators()
                    + " to report it as skipped");
        }
        String skipped = "skipped: " + spec.why();
        return named(spec.name(), (output, row) -> Verdict.skipped(skipped));
    }

    /** An evaluator that cannot run: skipped when the policy says so, else the evaluation stops here. */
    private Evaluator unavailable(EvaluatorSpec spec, EvaluatorPolicy policy, String option, String why) {
        if (!policy.skipUnavailable()) {
            throw new InvalidInputException(option, "evaluator '" + spec.name() + "' " + why
                    + "; or pass " + words.skipUnavailableEvaluators() + " to report it as skipped");
        }
        String skipped = "skipped: " + spec.kind() + " evaluator not run (" + option + " was not given, or it "
                + "cannot run here)";
        return named(spec.name(), (output, row) -> Verdict.skipped(skipped));
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
