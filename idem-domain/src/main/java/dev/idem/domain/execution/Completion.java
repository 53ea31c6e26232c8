package dev.idem.domain.execution;

import java.time.Duration;
import java.util.Objects;

/**
 * A model's reply to one request.
 *
 * @param text         the reply text
 * @param model        the model that answered, as the provider named it
 * @param usage        token usage
 * @param latency      time the successful attempt took
 * @param finishReason e.g. {@code stop}, {@code length}; empty when unknown
 */
public record Completion(String text, String model, TokenUsage usage, Duration latency, String finishReason) {
    public Completion {
        Objects.requireNonNull(text, "text");
        model = model == null ? "" : model;
        usage = usage == null ? TokenUsage.NONE : usage;
        latency = latency == null ? Duration.ZERO : latency;
        finishReason = finishReason == null ? "" : finishReason;
    }
}
