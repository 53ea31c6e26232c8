package dev.idem.domain.spec;

import java.util.Objects;

/**
 * GitHub Models' {@code uses: github/<name>} built-in judges: similarity, coherence, fluency, relevance,
 * groundedness.
 *
 * @param name evaluator name
 * @param uses the reference as written, e.g. {@code github/similarity}
 */
public record BuiltinJudgeSpec(String name, String uses) implements EvaluatorSpec {

    /** The references idem knows. */
    public static final java.util.List<String> KNOWN = java.util.List.of("github/similarity", "github/coherence",
            "github/fluency", "github/relevance", "github/groundedness");

    public BuiltinJudgeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uses, "uses");
    }

    @Override
    public String kind() {
        return "uses";
    }

    /** Similarity and groundedness compare against the row's expected value. */
    @Override
    public boolean referencesExpected() {
        return uses.equals("github/similarity") || uses.equals("github/groundedness");
    }
}
