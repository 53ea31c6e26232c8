package dev.idem.adapter.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFailureTest {

    @Test
    void should_find_a_header_whatever_its_case() {
        // given
        HttpFailure failure = new HttpFailure(503, "busy", Map.of("X-Request-Id", List.of("abc", "def")));

        // when / then
        assertThat(failure.header("x-request-id")).contains("abc");
        assertThat(failure.header("X-REQUEST-ID")).contains("abc");
        assertThat(failure.header("Retry-After")).isEmpty();
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.statusCode()).isEqualTo(503);
        assertThat(failure.body()).isEqualTo("busy");
    }

    @Test
    void should_take_missing_body_and_headers_as_empty() {
        // given
        Map<String, List<String>> withStatusLine = new HashMap<>();
        withStatusLine.put(null, List.of("HTTP/1.1 502 Bad Gateway"));
        withStatusLine.put("Retry-After", Arrays.asList(null, "3"));

        // when
        HttpFailure bare = new HttpFailure(500, null, null);
        HttpFailure proxied = new HttpFailure(502, null, withStatusLine);

        // then
        assertThat(bare.body()).isEmpty();
        assertThat(bare.headers()).isEmpty();
        assertThat(proxied.headers()).containsOnlyKeys("Retry-After");
        assertThat(proxied.header("retry-after")).contains("3");
    }
}
