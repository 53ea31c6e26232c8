package dev.idem.adapter.langchain4j;

import dev.idem.domain.execution.TokenUsage;
import dev.langchain4j.model.output.FinishReason;
import java.util.Locale;

/** Turns the metadata of a langchain4j chat reply into the values a domain {@code Completion} carries. */
public final class Replies {

    private Replies() {
    }

    /** The reported token counts, with a missing or negative count read as 0; {@link TokenUsage#NONE} for none. */
    public static TokenUsage tokenUsage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(nonNegative(usage.inputTokenCount()), nonNegative(usage.outputTokenCount()));
    }

    /**
     * The finish reason by the wire names OpenAI uses ({@code stop}, {@code length}, {@code tool_calls},
     * {@code content_filter}...), so reports read the same across providers; empty when there is none.
     */
    public static String finishReason(FinishReason reason) {
        if (reason == null) {
            return "";
        }
        switch (reason) {
            case TOOL_EXECUTION:
                return "tool_calls";
            default:
                return reason.name().toLowerCase(Locale.ROOT);
        }
    }

    private static long nonNegative(Integer count) {
        return count == null || count < 0 ? 0 : count;
    }
}
