package dev.idem.port.in;

import java.util.Objects;

/**
 * What an evaluation is about to run, told before its first case: enough for a header printed while cases run.
 * Who answered is known only from the replies ({@link EvaluationResult#answeredBy()}).
 *
 * @param specName   the spec's name
 * @param specSource the spec's file, as given
 * @param provider   provider id answering the cases
 * @param model      model asked for (the options', else the spec's); empty when neither names one
 * @param answerKind how the provider's answers are described (e.g. "LLM", "rule-based reference design")
 * @param cases      the number of cases to run, at least one
 */
public record EvaluationStart(String specName, String specSource, String provider, String model, String answerKind,
                              int cases) {
    public EvaluationStart {
        Objects.requireNonNull(specName, "specName");
        specSource = specSource == null ? "" : specSource;
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        answerKind = answerKind == null ? "" : answerKind;
    }
}
