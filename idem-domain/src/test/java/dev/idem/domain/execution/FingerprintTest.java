package dev.idem.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
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

    @Test
    void should_give_another_fingerprint_to_another_base_url_deployment_or_api_version() {
        // given
        ModelRequest request = ModelRequest.of("gpt-4o", List.of(new Message(Role.USER, "same question")));
        EndpointIdentity a = EndpointIdentity.NONE.withUrl("endpoint", "https://a.openai.azure.com")
                .with("deployment", "gpt-4o-prod").with("apiVersion", "2024-10-21");

        // when
        Fingerprint base = Fingerprint.of("azure-openai", a, request, 0);

        // then
        assertThat(Fingerprint.of("azure-openai", a.withUrl("endpoint", "https://b.openai.azure.com"), request, 0))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of("azure-openai", a.with("deployment", "gpt-4o-canary"), request, 0))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of("azure-openai", a.with("apiVersion", "2025-01-01-preview"), request, 0))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of("azure-openai", EndpointIdentity.NONE, request, 0)).isNotEqualTo(base);
    }

    @Test
    void should_give_one_fingerprint_to_one_endpoint_however_it_is_spelled_and_whatever_credentials_it_carries() {
        // given
        ModelRequest request = ModelRequest.of("m", List.of(new Message(Role.USER, "q")));
        EndpointIdentity plain = EndpointIdentity.NONE.withUrl("baseUrl", "https://proxy.example.com/v1");
        EndpointIdentity spelled = EndpointIdentity.NONE.withUrl("baseUrl",
                "HTTPS://user:pw-one@Proxy.Example.com:443/v1/?key=one");
        EndpointIdentity otherCredentials = EndpointIdentity.NONE.withUrl("baseUrl",
                "https://user:pw-two@proxy.example.com/v1?key=two");

        // when
        Fingerprint fingerprint = Fingerprint.of("openai", spelled, request, 0);

        // then
        assertThat(fingerprint).isEqualTo(Fingerprint.of("openai", otherCredentials, request, 0));
        assertThat(Fingerprint.of("openai", plain, request, 0).hex())
                .isEqualTo(Fingerprint.of("openai", EndpointIdentity.NONE.withUrl("baseUrl",
                        "https://proxy.example.com/v1/"), request, 0).hex());
        assertThat(Fingerprint.canonicalJson("openai", spelled, request, 0))
                .contains("\"endpoint\":{\"baseUrl\":\"https://proxy.example.com/v1?key=***\"}")
                .doesNotContain("pw-one").doesNotContain("=one");
    }

    @Test
    void should_add_nothing_for_a_provider_without_endpoints() {
        // given
        ModelRequest request = ModelRequest.of("m", List.of(new Message(Role.USER, "q")));

        // when
        String json = Fingerprint.canonicalJson("builtin", EndpointIdentity.NONE, request, 0);

        // then
        assertThat(json).isEqualTo(Fingerprint.canonicalJson("builtin", request, 0)).doesNotContain("endpoint");
    }
}
