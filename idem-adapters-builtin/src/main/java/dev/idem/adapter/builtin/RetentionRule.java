package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import dev.idem.adapter.builtin.Safety.AntiPattern;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code anti-pattern ttl-shorter-than-retries}, measured: the request sets or keeps a retention for its
 * idempotency records ({@code keys expire after 60 seconds}, {@code EX 300}, {@code reduce the retention to ten
 * minutes}) shorter than the time its clients or a provider keep retrying ({@code partners retry for up to 2
 * days}), so a late retry runs the operation again. The warning is the knowledge base's anti-pattern of that id.
 *
 * <p>It counts when the retention is asked for or kept ({@code set}, {@code reduce}, {@code keep both
 * settings}); a request that calls it too short, or asks to cover retries beyond it, wants it fixed.
 */
final class RetentionRule implements IntentRule {

    static final String ANTI_PATTERN = "ttl-shorter-than-retries";

    private static final Map<String, Long> NUMBERS = Map.ofEntries(Map.entry("a", 1L), Map.entry("an", 1L),
            Map.entry("one", 1L), Map.entry("two", 2L), Map.entry("three", 3L), Map.entry("four", 4L),
            Map.entry("five", 5L), Map.entry("six", 6L), Map.entry("seven", 7L), Map.entry("ten", 10L),
            Map.entry("fifteen", 15L), Map.entry("twenty", 20L), Map.entry("thirty", 30L), Map.entry("sixty", 60L),
            Map.entry("ninety", 90L));
    /** {@code 90 s}, {@code 24h}, {@code ten minutes}; not an HTTP status ({@code 500s}) nor {@code as}. */
    private static final Pattern DURATION = Pattern.compile("\\b(?![45]\\d\\ds\\b)(\\d+) ?(ms|milliseconds?|s|secs?"
            + "|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\\b|\\b(a|an|one|two|three|four|five|six"
            + "|seven|ten|fifteen|twenty|thirty|sixty|ninety) (milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\\b");
    /**
     * A horizon given by its unit alone ({@code Stripe keeps retrying for days}): at least one of that unit, which
     * is all a comparison with a retention of seconds or minutes needs.
     */
    private static final Pattern VAGUE_DURATION = Pattern.compile("\\b(for|over|up to|within|several|many|multiple"
            + "|a few|some|couple of|for up to) (minutes|hours|days|weeks)\\b");
    private static final Pattern EX_SECONDS = Pattern.compile("\\bex (\\d+)\\b");
    private static final Pattern RETENTION = Recognition.wholeWords("ttl|retention|retain\\w*|expir\\w*|kept|keeps?"
            + "|stored for|purg\\w*|reap\\w*|evict\\w*|ex|older than|lifetime|time to live");
    private static final Pattern RECORDS = Recognition.wholeWords("idempotency|keys?|records?|dedup\\w*|processed"
            + "|event ids?|entries|rows|ttl|retention|ex");
    private static final Pattern RETRYING = Recognition.wholeWords("retr\\w*|resen\\w*|redeliver\\w*|replay\\w*"
            + "|resubmit\\w*|redrive\\w*|re send\\w*|re try\\w*|send again");
    private static final Pattern HORIZON = Recognition.wholeWords("for( up to)?|up to|during|within|over|until"
            + "|as late as|after|later");
    private static final Pattern ASKED = Recognition.wholeWords("set|sets|reduce\\w*|cut|lower\\w*|shorten\\w*"
            + "|keep|keeping|change\\w* (it |this |that )?to|make it|to \\d+|we want|we will|intend|requirement"
            + "|should|must|shall|leave|leaving"
            // a retention set while conceding the retries outlast it: "expire after 30 s even though clients retry"
            + "|even though|even if|although|despite|regardless");
    /** The request as a whole keeps the settings it described. */
    private static final Pattern KEPT = Recognition.wholeWords("keep (it|them|both|this|that|these|the same|the \\d+\\w*)"
            + "|as (they|it) (are|is)|that way|both settings|unchanged|stays? as|as is|(leave|leaving) (the |our |its |their )?(ttl|retention|expiry|it|them|that|this)( \\w+){0,2} (alone|as is|unchanged)");
    /** Timers that are not the retention of records. */
    private static final Pattern OTHER_TIMER = Recognition.wholeWords("locks?|leases?|time ?outs?|visibility"
            + "|deadlines?|heartbeats?|cache|cached");
    private static final Pattern WANTS_FIX = Recognition.wholeWords("too short|beyond|outlive\\w*|longer than"
            + "|at least as long|cover\\w*|not enough|insufficient|extend\\w*|increase\\w*|raise");

    private final String warning;

    RetentionRule(Safety safety) {
        this.warning = safety.antiPatterns().stream().filter(a -> a.id().equals(ANTI_PATTERN))
                .map(AntiPattern::warning).findFirst()
                .orElseThrow(() -> new IllegalStateException("knowledge.yaml has no anti-pattern " + ANTI_PATTERN));
    }

    @Override
    public Optional<UnsafeFinding> find(RequestText text, RequestScope scope) {
        if (WANTS_FIX.matcher(text.whole()).find()) {
            return Optional.empty();
        }
        long horizon = 0;
        for (Sentence s : text.sentences()) {
            String sentence = s.normalised();
            Matcher retrying = RETRYING.matcher(sentence);
            if (retrying.find()) {
                Matcher until = HORIZON.matcher(sentence);
                // "partners retry for up to 2 days", or tersely "stripe resends 3 days"
                String span = until.find(retrying.end()) ? sentence.substring(until.start())
                        : String.join(" ", java.util.Arrays.stream(sentence.substring(retrying.end()).strip()
                                .split(" ")).limit(3).toList());
                horizon = Math.max(horizon, longest(span));
            }
        }
        // "Idempotency TTL: 60s. Clients retry for up to 48h. Design the rest.": the stated TTL is a given
        boolean keptAnywhere = KEPT.matcher(text.whole()).find() || StatusQuo.kept(text);
        for (Sentence s : text.sentences()) {
            String sentence = s.normalised();
            Matcher retention = RETENTION.matcher(sentence);
            if (!retention.find() || !RECORDS.matcher(sentence).find() || Mood.negated(sentence, retention.start())
                    || Mood.past(sentence) || OTHER_TIMER.matcher(sentence).find()) {
                continue;
            }
            OptionalLong ttl = shortest(sentence);
            boolean asked = ASKED.matcher(sentence).find() || keptAnywhere;
            if (ttl.isPresent() && asked && horizon >= 2 * ttl.getAsLong() && !scope.isolatedTest(sentence)) {
                return Optional.of(new UnsafeFinding(AntiPatternRule.ID + " " + ANTI_PATTERN,
                        "asks for what the knowledge base warns against (" + warning + ")", s.written()));
            }
        }
        return Optional.empty();
    }

    private static long longest(String sentence) {
        long longest = 0;
        Matcher vague = VAGUE_DURATION.matcher(sentence);
        while (vague.find()) {
            longest = Math.max(longest, switch (vague.group(2)) {
                case "minutes" -> 60L;
                case "hours" -> 3600L;
                case "days" -> 86_400L;
                default -> 604_800L;
            });
        }
        Matcher d = DURATION.matcher(sentence);
        while (d.find()) {
            longest = Math.max(longest, seconds(d));
        }
        return longest;
    }

    private static OptionalLong shortest(String sentence) {
        long shortest = Long.MAX_VALUE;
        Matcher d = DURATION.matcher(sentence);
        while (d.find()) {
            shortest = Math.min(shortest, seconds(d));
        }
        Matcher ex = EX_SECONDS.matcher(sentence);
        while (ex.find()) {
            shortest = Math.min(shortest, Long.parseLong(ex.group(1)));
        }
        return shortest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(shortest);
    }

    private static long seconds(Matcher duration) {
        boolean digits = duration.group(1) != null;
        String amount = digits ? duration.group(1) : duration.group(3);
        long n = digits ? Long.parseLong(amount) : NUMBERS.get(amount);
        String unit = (digits ? duration.group(2) : duration.group(4)).toLowerCase(Locale.ROOT);
        if (unit.startsWith("ms") || unit.startsWith("milli")) {
            return Math.max(1, n / 1000);
        }
        return n * switch (unit.charAt(0)) {
            case 'm' -> 60L;
            case 'h' -> 3600L;
            case 'd' -> 86_400L;
            case 'w' -> 604_800L;
            default -> 1L;
        };
    }
}
