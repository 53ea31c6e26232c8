package dev.idem.adapter.langchain4j;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asks us to wait: {@code retry-after-ms} when present (OpenAI and Azure send it, and it
 * is more precise), else {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110, section 10.2.3).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait a failed reply asks for.
     *
     * @param failure the failed reply
     * @param clock   the clock an HTTP-date is measured against
     * @return the wait, or empty when the reply asks for none or says it in a form not understood
     */
    public static Optional<Duration> of(HttpFailure failure, Clock clock) {
        Optional<Duration> millis = failure.header("retry-after-ms").flatMap(RetryAfter::parseMillis);
        return millis.isPresent() ? millis : failure.header("Retry-After").flatMap(v -> parse(v, clock));
    }

    /**
     * One {@code Retry-After} value.
     *
     * @param value delay-seconds or an HTTP-date; {@code null} or blank gives empty
     * @param clock the clock an HTTP-date is measured against
     * @return the wait (zero for a date already past), or empty when the value is neither form
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            // A date already past means "now", not "never".
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseMillis(String value) {
        try {
            double millis = Double.parseDouble(value.trim());
            if (millis < 0 || Double.isNaN(millis) || Double.isInfinite(millis)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000d)));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
