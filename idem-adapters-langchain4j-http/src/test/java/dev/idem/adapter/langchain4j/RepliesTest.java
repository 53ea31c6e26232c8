package dev.idem.adapter.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.TokenUsage;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

class RepliesTest {

    @Test
    void should_copy_the_token_counts() {
        assertThat(Replies.tokenUsage(new dev.langchain4j.model.output.TokenUsage(12, 34)))
                .isEqualTo(new TokenUsage(12, 34));
    }

    @Test
    void should_read_missing_or_negative_counts_as_zero() {
        assertThat(Replies.tokenUsage(new dev.langchain4j.model.output.TokenUsage(null, -3)))
                .isEqualTo(new TokenUsage(0, 0));
        assertThat(Replies.tokenUsage(new dev.langchain4j.model.output.TokenUsage(-1, 7)))
                .isEqualTo(new TokenUsage(0, 7));
    }

    @Test
    void should_report_no_usage_when_the_reply_has_none() {
        assertThat(Replies.tokenUsage(null)).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void should_name_finish_reasons_as_openai_does() {
        assertThat(Replies.finishReason(FinishReason.STOP)).isEqualTo("stop");
        assertThat(Replies.finishReason(FinishReason.LENGTH)).isEqualTo("length");
        assertThat(Replies.finishReason(FinishReason.CONTENT_FILTER)).isEqualTo("content_filter");
        assertThat(Replies.finishReason(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_calls");
    }

    @Test
    void should_give_an_empty_finish_reason_when_there_is_none() {
        assertThat(Replies.finishReason(null)).isEmpty();
    }
}
