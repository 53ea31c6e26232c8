package dev.idem.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.Role;
import dev.idem.domain.template.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void should_escape_quotes_backslashes_and_control_characters_and_keep_other_text_verbatim() {
        // given
        ModelRequest request = ModelRequest.of("gpt-4o",
                List.of(new Message(Role.USER, "a\"b\\c\nd\re\tf\u0001g é€ end")));

        // when
        String json = Fingerprint.canonicalJson("openai", request, 0);

        // then
        assertThat(json).contains(
                "\"messages\":[{\"content\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g é€ end\",\"role\":\"user\"}]");
    }

    @Test
    void should_quote_text_without_special_characters_unchanged() {
        // given
        ModelRequest request = ModelRequest.of("m", List.of(new Message(Role.SYSTEM, "plain text")));

        // when
        String json = Fingerprint.canonicalJson("p", request, 2);

        // then
        assertThat(json).startsWith("{\"messages\":[{\"content\":\"plain text\",\"role\":\"system\"}],\"model\":\"m\"")
                .endsWith(",\"provider\":\"p\",\"responseFormat\":\"" + request.responseFormat().wireName()
                        + "\",\"sample\":2}");
    }

    @Test
    void should_give_the_same_fingerprint_to_the_same_call_and_another_to_another_sample() {
        // given
        ModelRequest request = ModelRequest.of("m", List.of(new Message(Role.USER, "q \"x\"")));

        // when / then
        assertThat(Fingerprint.of("p", request, 0).toString()).isEqualTo(Fingerprint.of("p", request, 0).toString())
                .hasSize(64)
                .isNotEqualTo(Fingerprint.of("p", request, 1).toString());
    }
}
