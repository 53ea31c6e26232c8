package dev.idem.domain.spec;

import java.util.Objects;

/**
 * A Python check written in the spec ({@code python: "'GDPR' in output"}, or {@code python: {code: ...}}): the
 * reply passes when the code's value is truthy. It runs only when the user allows code to run; the reply and the
 * row's values reach it as data, never as code.
 *
 * <p>Its meaning is the corpus runner's and promptfoo's: {@code output} is the reply; an expression is
 * evaluated; a body that returns (e.g. {@code return any(t in output for t in terms)}) runs as a function's
 * body; other statements must set {@code passed}.
 *
 * @param name evaluator name
 * @param code the Python source as written
 */
public record CodeEvaluatorSpec(String name, String code) implements EvaluatorSpec {

    public CodeEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("a python evaluator needs code");
        }
    }

    @Override
    public String kind() {
        return "python";
    }
}
