package dev.idem.adapter.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T20:00:00Z"), ZoneOffset.UTC);

    private static HttpFailure with(Map<String, List<String>> headers) {
        return new HttpFailure(429, "", headers);
    }

    @Test
    void should_read_delay_seconds() {
        assertThat(RetryAfter.of(with(Map.of("retry-after", List.of("12"))), clock)).contains(Duration.ofSeconds(12));
    }

    @Test
    void should_read_an_http_date_relative_to_the_clock() {
        assertThat(RetryAfter.of(with(Map.of("Retry-After", List.of("Fri, 27 Nov 2026 20:01:00 GMT"))), clock))
                .contains(Duration.ofMinutes(1));
    }

    @Test
    void should_wait_zero_when_the_date_has_passed() {
        assertThat(RetryAfter.of(with(Map.of("Retry-After", List.of("Fri, 27 Nov 2026 19:00:00 GMT"))), clock))
                .contains(Duration.ZERO);
    }

    @Test
    void should_prefer_milliseconds_when_both_headers_are_sent() {
        assertThat(RetryAfter.of(with(Map.of("Retry-After", List.of("2"), "Retry-After-Ms", List.of("1250.5"))),
                clock)).contains(Duration.ofNanos(1_250_500_000L));
    }

    @Test
    void should_ignore_values_that_are_neither_seconds_nor_a_date() {
        assertThat(RetryAfter.of(with(Map.of("Retry-After", List.of("soon"), "retry-after-ms", List.of("-5"))),
                clock)).isEmpty();
        assertThat(RetryAfter.of(with(Map.of()), clock)).isEmpty();
    }

    @Test
    void should_parse_a_single_value_and_refuse_blank_or_oversized_ones() {
        assertThat(RetryAfter.parse(" 7 ", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", clock)).isEmpty();
    }
}
