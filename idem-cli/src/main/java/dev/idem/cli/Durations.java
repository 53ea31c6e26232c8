package dev.idem.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 14d} (or ISO-8601 {@code PT30S}) into a
 * positive duration no longer than the option allows, so that a huge value is a usage error here rather than an
 * overflow later (after a model call was paid for).
 */
final class Durations {

    /** Longest {@code --timeout} of one attempt. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    /** Longest {@code --retry-deadline} of one call's attempts. */
    static final Duration MAX_RETRY_DEADLINE = Duration.ofDays(1);
    /** Longest {@code --cache-ttl}: ten years. */
    static final Duration MAX_CACHE_TTL = Duration.ofDays(3650);

    /** Stands for any duration too long to represent: longer than every limit. */
    private static final Duration TOO_LONG = Duration.ofSeconds(Long.MAX_VALUE);

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    static Duration parse(String option, String text, Duration max) {
        Duration d = parseOrNull(text);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new UsageException(option + ": '" + Cli.oneLine(text)
                    + "' is not a positive duration (e.g. 500ms, 30s, 5m, 12h, 14d)");
        }
        if (d.compareTo(max) > 0) {
            throw new UsageException(option + ": '" + Cli.oneLine(text) + "' is too long (at most " + show(max) + ")");
        }
        return d;
    }

    /** The duration, {@link #TOO_LONG} when it does not even fit a {@link Duration}, null when it is malformed. */
    private static Duration parseOrNull(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Matcher m = SIMPLE.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            if (t.matches("\\d{19,}(ms|s|m|h|d)")) {
                return TOO_LONG;
            }
            return Duration.parse(text.trim());
        } catch (ArithmeticException e) {
            return TOO_LONG;
        } catch (DateTimeParseException e) {
            return e.getCause() instanceof ArithmeticException ? TOO_LONG : null;
        }
    }

    private static String show(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        return d.toSeconds() + "s";
    }
}
