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
 * @param note         a short explanation of how the provider reached this reply, for diagnostics and never part
 *                     of the reply itself (e.g. which rule made a rule-based provider refuse and on which words);
 *                     empty when the provider gives none, as LLM providers do
 */
public record Completion(String text, String model, TokenUsage usage, Duration latency, String finishReason,
                         String note) {
    public Completion {
        Objects.requireNonNull(text, "text");
        model = model == null ? "" : model;
        usage = usage == null ? TokenUsage.NONE : usage;
        latency = latency == null ? Duration.ZERO : latency;
        finishReason = finishReason == null ? "" : finishReason;
        note = note == null ? "" : note;
    }

    /** A reply without a note. */
    public Completion(String text, String model, TokenUsage usage, Duration latency, String finishReason) {
        this(text, model, usage, latency, finishReason, "");
    }
}
