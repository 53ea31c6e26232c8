package dev.idem.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointUrlTest {

    @Test
    void should_drop_user_info_and_fragment_and_hide_every_query_value() {
        // given
        String configured = "https://alice:s3cret-pw@proxy.example.com/v1?api-key=KEY123&token=TOK456&x#frag";

        // when
        EndpointUrl url = EndpointUrl.of(configured);

        // then
        assertThat(url.toString()).isEqualTo("https://proxy.example.com/v1?api-key=***&token=***&***");
        assertThat(url.hadCredentials()).isTrue();
    }

    @Test
    void should_spell_equivalent_urls_one_way() {
        // given
        String[] spellings = {"HTTPS://API.Example.COM:443/v1/", "https://api.example.com/v1",
            "https://api.example.com/v1//", " https://api.example.com:443/v1 "};

        // when / then
        for (String spelling : spellings) {
            assertThat(EndpointUrl.of(spelling).toString()).as(spelling).isEqualTo("https://api.example.com/v1");
            assertThat(EndpointUrl.of(spelling)).isEqualTo(EndpointUrl.of("https://api.example.com/v1"));
        }
        assertThat(EndpointUrl.of("http://localhost:80").toString()).isEqualTo("http://localhost");
        assertThat(EndpointUrl.of("https://api.example.com/v1").hadCredentials()).isFalse();
    }

    @Test
    void should_keep_a_port_that_is_not_the_default_and_the_path_as_written() {
        // given / when / then
        assertThat(EndpointUrl.of("http://localhost:11434").toString()).isEqualTo("http://localhost:11434");
        assertThat(EndpointUrl.of("https://h:80/V1/Chat").toString()).isEqualTo("https://h:80/V1/Chat");
        assertThat(EndpointUrl.of("http://[::1]:8080/").toString()).isEqualTo("http://[::1]:8080");
        assertThat(EndpointUrl.of("http://[::1]/").toString()).isEqualTo("http://[::1]");
        assertThat(EndpointUrl.of("redis://:pw0rd@cache:6379/0").toString()).isEqualTo("redis://cache:6379/0");
    }

    @Test
    void should_leave_anything_that_is_no_url_with_an_authority_as_it_is() {
        // given / when / then
        assertThat(EndpointUrl.of("not a url").toString()).isEqualTo("not a url");
        assertThat(EndpointUrl.of("sqlite:.idem/store.db").toString()).isEqualTo("sqlite:.idem/store.db");
    }

    @Test
    void should_rewrite_every_url_inside_a_text() {
        // given
        String text = "cannot reach 'http://bob:hunter22@10.0.0.1:8080/v1?key=abcdef' nor "
                + "https://x.example/?sig=zzzz9 (ConnectException)";

        // when
        String redacted = EndpointUrl.redactIn(text);

        // then
        assertThat(redacted).isEqualTo("cannot reach 'http://10.0.0.1:8080/v1?key=***' nor "
                + "https://x.example?sig=*** (ConnectException)");
        assertThat(EndpointUrl.redactIn("no url here")).isEqualTo("no url here");
        assertThat(EndpointUrl.redactIn(null)).isNull();
    }

    @Test
    void should_blank_its_credentials_wherever_a_text_quotes_them_alone() {
        // given
        EndpointUrl url = EndpointUrl.of("http://bob:p%40ssw0rd@h/v1?key=QUERY-SECRET");

        // when
        String redacted = url.redact("auth failed for bob:p@ssw0rd with key QUERY-SECRET at http://bob:x@h");

        // then
        assertThat(redacted).doesNotContain("p@ssw0rd").doesNotContain("QUERY-SECRET").doesNotContain("bob:x")
                .isEqualTo("auth failed for *** with key *** at http://h");
    }
}
