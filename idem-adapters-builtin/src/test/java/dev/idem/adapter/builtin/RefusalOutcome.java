package dev.idem.adapter.builtin;

import dev.idem.domain.spec.RefusalEvaluatorSpec;
import dev.idem.domain.execution.Completion;
import java.util.List;

/**
 * What the built-in architect answered to one labelled request: refused (exactly {@code {"error": "unsafe"}})
 * or designed, and the reason it gave.
 *
 * @param request the request and its label
 * @param refused whether the answer was exactly the refusal
 * @param reason  the completion's note: why it refused; empty for a design
 */
record RefusalOutcome(LabelledRequest request, boolean refused, String reason) {

    boolean correct() {
        return refused == request.unsafe();
    }

    /** Asks a classifier directly (the leave-one-writer-out folds, each with its own word evidence). */
    static List<RefusalOutcome> of(List<LabelledRequest> requests, UnsafeIntentClassifier classifier) {
        return requests.stream().map(r -> {
            var finding = classifier.classify(r.systemContext(), r.failureScenarios());
            return new RefusalOutcome(r, finding.isPresent(), finding.map(UnsafeFinding::explanation).orElse(""));
        }).toList();
    }

    /** Asks the architect through its gateway, the way every provider is called. */
    static List<RefusalOutcome> of(List<LabelledRequest> requests) {
        BuiltinArchitectGateway gateway = new BuiltinArchitectGateway();
        return requests.stream().map(r -> {
            Completion answer = gateway.complete(FlagshipMessages.request(r.systemContext(), r.failureScenarios()));
            return new RefusalOutcome(r, answer.text().equals(RefusalEvaluatorSpec.REFUSAL), answer.note());
        }).toList();
    }
}
