package dev.idem.port.in;

import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.TestCase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one test row (one sample of it, with {@code --repeat}).
 *
 * @param testCase    the row
 * @param sample      0-based sample index
 * @param status      passed, failed or error
 * @param output      the model's reply; empty on error
 * @param error       what went wrong, on error
 * @param evaluations each applicable evaluator's verdict, in order
 * @param latency     time the successful attempt took (zero when replayed)
 * @param usage       tokens used
 * @param attempts    model attempts made (0 when replayed)
 * @param replayed    whether the reply came from the execution store
 * @param renderedMessages the messages that were sent, role to text in order (for reports)
 * @param finishReason why the model stopped ({@code stop}, {@code length}, ...); empty when there was no reply
 *                     or the provider did not say
 */
public record CaseResult(TestCase testCase, int sample, CaseStatus status, String output, Optional<String> error,
                         List<EvaluatorOutcome> evaluations, Duration latency, TokenUsage usage, int attempts,
                         boolean replayed, List<Map.Entry<String, String>> renderedMessages, String finishReason) {
    public CaseResult {
        Objects.requireNonNull(testCase, "testCase");
        Objects.requireNonNull(status, "status");
        output = output == null ? "" : output;
        error = error == null ? Optional.empty() : error;
        evaluations = List.copyOf(evaluations == null ? List.of() : evaluations);
        latency = latency == null ? Duration.ZERO : latency;
        usage = usage == null ? TokenUsage.NONE : usage;
        renderedMessages = List.copyOf(renderedMessages == null ? List.of() : renderedMessages);
        finishReason = finishReason == null ? "" : finishReason;
    }

    /** A result without a finish reason: an error before any reply, or a provider that does not say. */
    public CaseResult(TestCase testCase, int sample, CaseStatus status, String output, Optional<String> error,
                      List<EvaluatorOutcome> evaluations, Duration latency, TokenUsage usage, int attempts,
                      boolean replayed, List<Map.Entry<String, String>> renderedMessages) {
        this(testCase, sample, status, output, error, evaluations, latency, usage, attempts, replayed,
                renderedMessages, "");
    }

    /** The label shown in reports: row label, plus the sample with {@code --repeat}. */
    public String label() {
        return sample == 0 ? testCase.label() : testCase.label() + " #" + (sample + 1);
    }
}
