package dev.idem.adapter.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void should_find_the_first_cause_of_the_type_when_it_is_wrapped() {
        // given
        ConnectException refused = new ConnectException("refused");
        RuntimeException failure = new RuntimeException("outer", new IllegalStateException("middle", refused));

        // when / then
        assertThat(Causes.find(failure, IOException.class)).containsSame(refused);
        assertThat(Causes.find(failure, RuntimeException.class)).containsSame(failure);
    }

    @Test
    void should_find_nothing_when_no_cause_has_the_type() {
        assertThat(Causes.find(new RuntimeException(new IllegalStateException()), IOException.class)).isEmpty();
    }

    @Test
    void should_return_the_last_cause_as_root() {
        // given
        IOException root = new IOException("reset");
        RuntimeException failure = new RuntimeException(new IllegalStateException(root));

        // when / then
        assertThat(Causes.rootOf(failure)).isSameAs(root);
    }

    @Test
    void should_return_the_failure_itself_as_root_when_it_has_no_cause() {
        RuntimeException alone = new RuntimeException("alone");

        assertThat(Causes.rootOf(alone)).isSameAs(alone);
    }

    @Test
    void should_describe_with_simple_name_and_message_on_one_line() {
        assertThat(Causes.describe(new IOException("broken\n   pipe"))).isEqualTo("IOException: broken pipe");
    }

    @Test
    void should_describe_with_simple_name_only_when_the_message_is_blank() {
        assertThat(Causes.describe(new IOException(" "))).isEqualTo("IOException");
        assertThat(Causes.describe(new IOException())).isEqualTo("IOException");
    }

    @Test
    void should_keep_short_text_on_one_stripped_line() {
        assertThat(Causes.shorten("  a\tb \n c  ")).isEqualTo("a b c");
    }

    @Test
    void should_cut_text_after_300_characters() {
        // given
        String text = "x".repeat(301);

        // when
        String shortened = Causes.shorten(text);

        // then
        assertThat(shortened).isEqualTo("x".repeat(300) + "...");
        assertThat(Causes.shorten("y".repeat(300))).isEqualTo("y".repeat(300));
    }

    @Test
    void should_show_whole_seconds_in_seconds_and_the_rest_in_milliseconds() {
        assertThat(Causes.seconds(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Causes.seconds(Duration.ZERO)).isEqualTo("0s");
        assertThat(Causes.seconds(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void should_say_what_is_missing_instead_of_naming_the_clients_internals() {
        // given what a client throws when a reply lacks a field, and what it throws for a body that is no JSON
        Throwable npe = new NullPointerException("Cannot invoke \"java.util.List.get(int)\" because the return value"
                + " of \"dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse.choices()\" is null");
        Throwable parse = new java.io.IOException("Unexpected character ('<' (code 60))");

        // when / then
        assertThat(Causes.whatIsMissing(npe)).isEqualTo("a field the protocol requires is missing, empty or of"
                + " another type");
        assertThat(Causes.whatIsMissing(new IndexOutOfBoundsException("Index 0 out of bounds for length 0")))
                .doesNotContain("Index");
        assertThat(Causes.whatIsMissing(parse)).isEqualTo("IOException: Unexpected character ('<' (code 60))");
    }
}
