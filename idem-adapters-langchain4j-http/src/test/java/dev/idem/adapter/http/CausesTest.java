package dev.idem.adapter.http;

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
}
