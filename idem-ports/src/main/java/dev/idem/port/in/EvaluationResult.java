package dev.idem.port.in;

import java.util.List;
import java.util.Objects;

/**
 * Everything an evaluation produced: the header, each case and the summary. Reports are rendered from it.
 *
 * @param specName    the spec's name
 * @param description the spec's description
 * @param specSource  the spec's file, as given
 * @param provider    provider id used
 * @param model       model used
 * @param answerKind  how the provider's answers are described (e.g. "LLM", "rule-based reference design")
 * @param cases       every case, in row order
 * @param summary     totals
 */
public record EvaluationResult(String specName, String description, String specSource, String provider,
                               String model, String answerKind, List<CaseResult> cases,
                               EvaluationSummary summary) {
    public EvaluationResult {
        Objects.requireNonNull(specName, "specName");
        description = description == null ? "" : description;
        specSource = specSource == null ? "" : specSource;
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        answerKind = answerKind == null ? "" : answerKind;
        cases = List.copyOf(cases);
        Objects.requireNonNull(summary, "summary");
    }
}
