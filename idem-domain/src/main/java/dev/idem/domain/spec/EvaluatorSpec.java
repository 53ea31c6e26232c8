package dev.idem.domain.spec;

/**
 * How a spec says a reply is judged. Each kind is a small record; {@link #kind()} is the name used in
 * specs and reports.
 */
public sealed interface EvaluatorSpec permits RegexEvaluatorSpec, StringEvaluatorSpec, ContainsAllEvaluatorSpec,
        JsonEvaluatorSpec, LlmJudgeSpec, CodeEvaluatorSpec, BuiltinJudgeSpec, RubricEvaluatorSpec,
        DesignFormatEvaluatorSpec, RefusalEvaluatorSpec, UnsupportedEvaluatorSpec {

    /** The evaluator's name as written in the spec. */
    String name();

    /** The kind: {@code regex}, {@code string}, {@code contains-all}, {@code json}, {@code llm}, {@code uses},
     * {@code python}, {@code rubric}, {@code design-format}, {@code refusal}, or {@code unsupported} (idem cannot
     * check it, see {@link UnsupportedEvaluatorSpec}). */
    String kind();

    /**
     * Whether this evaluator's settings mention {@code {{expected}}}; if none of a row's evaluators does,
     * the row's {@code expected} acts as an implicit contains check.
     */
    default boolean referencesExpected() {
        return false;
    }
}
