package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import dev.idem.adapter.builtin.Safety.AntiPattern;
import dev.idem.adapter.builtin.Safety.Safeguard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relief of replacing one safeguard with another: taking a lock, a cache or a pre-check away is legitimate
 * when the request names the safeguard that covers the same duplicates instead, in the same sentence
 * ({@code drop the Redis lock, since the unique constraint already blocks duplicates}, {@code disable the lock
 * and rely on the unique constraint}) or as a standing guarantee elsewhere ({@code a unique index now guards
 * payment_id}). A replacement that is itself an anti-pattern ({@code the app checks in code first anyway, SELECT
 * then INSERT}) relieves nothing.
 */
final class Replacement {

    /** Words that put another safeguard in the removed one's place. */
    static final Pattern CUE = Recognition.wholeWords("rel(y|ies|ying) (only |solely |instead |entirely )?on"
            + "|instead|replac\\w*|substitut(e|es|ing)|in favou?r of|superseded by|covered by|now that|takes over|take over|moved to"
            + "|moving to|move to|onto|migrat\\w*|cut ?over|switch(ing)? to|authoritative|in place of|stick with"
            + "|stay with|only on|(?<keep>keep|keeping|retain|retaining)");
    /** Words that introduce a reason, which names a replacement only with a guarantee after it. */
    private static final Pattern REASON = Recognition.wholeWords("since|because|as|given that|already|after all");
    private static final Pattern GUARANTEE = Recognition.wholeWords("(already |now |alone |on its own |itself )?"
            + "(guarantee\\w*|guards?|covers?|blocks?|rejects?|prevents?|catches|caught|enforces?|ensures?|stops?"
            + "|rules? out|handles?|takes care of"
            + "|dedups|dedupes|deduplicates|is the atomic claim|returns? the existing|fails the create|absorbs?|protects?|suffices"
            + "|is enough|is sufficient|serializes|is authoritative|authoritative)");
    private static final Pattern STANDING = Recognition.wholeWords("now|already|since (v[\\d._]+|last release|then"
            + "|the|we)|we (have |)added|we changed|was added|were added|has been added|is now|are now|new|still"
            + "|remains?|(will|we) keep|alone|on its own|itself|introduced|re platformed|we changed|changed (it |this )?to"
            + "|(change|changing|move|moving|switch|switching) (it |this |that )?to");

    /**
     * A replacement conceded to fall short of the retries ({@code rely only on the 10-minute window, even though its
     * retries can come hours later}): the request knows the duplicates it lets through.
     */
    private static final Pattern OUTLASTED = Recognition.wholeWords("(even though|although|even if|despite|knowing)"
            + "( \\w+){0,6} (retr\\w*|redeliver\\w*|resen\\w*|replay\\w*)( \\w+){0,4} (later|longer|after"
            + "|hours|days|weeks)");
    private static final Pattern SWEEPING = Recognition.wholeWords("(both|all|every|each|any)( \\w+)? (checks|safeguards"
            + "|guards|constraints|locks|layers|of them|mechanisms|protections|keys|validations)|both|all of (it|them)");

    private final Map<String, Pattern> safeguards = new LinkedHashMap<>();
    private final List<Pattern> antiPatterns = new ArrayList<>();

    Replacement(Safety safety) {
        for (Safeguard s : safety.safeguards()) {
            safeguards.put(s.id(), Safety.anyOf(s.cues()));
        }
        for (AntiPattern a : safety.antiPatterns()) {
            antiPatterns.add(Safety.anyOf(a.cues()));
        }
    }

    /**
     * Whether the request names a safeguard that takes over from {@code removed}, the words naming the
     * safeguard taken away in sentence {@code removal}.
     */
    boolean replaces(RequestText text, Sentence removal, Safeguard safeguard, String removed) {
        // "turn off both checks", "drop every constraint": what the rest of the request names goes too.
        boolean sweeping = SWEEPING.matcher(removal.normalised()).find();
        for (String id : safeguard.replaceableBy()) {
            Pattern replacing = safeguards.get(id);
            if (affirmedAfterCue(removal.normalised(), replacing, removed)) {
                return true;
            }
            for (Sentence s : text.sentences()) {
                if (!sweeping && s != removal && standingGuarantee(s.normalised(), replacing, removed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean affirmedAfterCue(String sentence, Pattern safeguards, String removed) {
        if (antiPattern(sentence) || OUTLASTED.matcher(sentence).find()) {
            return false;
        }
        for (Pattern cues : new Pattern[] {CUE, REASON}) {
            Matcher cue = cues.matcher(sentence);
            while (cue.find()) {
                String after = sentence.substring(cue.end());
                Matcher safeguard = safeguards.matcher(after);
                while (safeguard.find()) {
                    if (cues == CUE && cue.group("keep") != null && !keptItself(after, safeguard)) {
                        continue;
                    }
                    boolean guaranteed = cues == CUE || GUARANTEE.matcher(after.substring(safeguard.end())).find();
                    if (guaranteed && different(safeguard.group(), removed) && kept(after, safeguard.start())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A safeguard stated to guarantee something now, other than the one removed. */
    private boolean standingGuarantee(String sentence, Pattern safeguards, String removed) {
        Matcher safeguard = safeguards.matcher(sentence);
        while (safeguard.find()) {
            boolean other = different(safeguard.group(), removed);
            boolean standing = STANDING.matcher(sentence).find()
                    || GUARANTEE.matcher(sentence.substring(safeguard.end())).find();
            if (other && standing && kept(sentence, safeguard.start()) && !antiPattern(sentence)) {
                return true;
            }
        }
        return false;
    }

    /** {@code keep the inbox}, not {@code keep stream B on EOS}: what is kept is the safeguard itself. */
    private static boolean keptItself(String after, Matcher safeguard) {
        return after.substring(0, safeguard.start()).strip().split(" ").length <= 2
                && !after.substring(safeguard.end()).matches("^ (on|for|in) .*");
    }

    /** Whether two names of safeguards share no significant word ({@code inbox check} and {@code inbox table} do). */
    private static boolean different(String one, String other) {
        java.util.Set<String> words = stems(one);
        words.retainAll(stems(other));
        return words.isEmpty();
    }

    private static java.util.Set<String> stems(String name) {
        java.util.Set<String> stems = new java.util.HashSet<>();
        for (String word : name.split("[\\s_]+")) {
            if (word.length() > 2 && !GENERIC.matcher(word).matches()) {
                stems.add(word.substring(0, Math.min(5, word.length())));
            }
        }
        return stems;
    }

    private static final Pattern GENERIC = Pattern.compile("the|an?|our|its|checks?|tables?|stores?|layers?|steps?"
            + "|logic|lookups?|sets?|keys?|records?|guards?|rows?|entries|ids?|numbers?|per|and|or|of|in|on|for|with"
            + "|transaction|write|writes");

    /** A safeguard that stays: neither negated nor itself being removed. */
    private static boolean kept(String text, int at) {
        return !Mood.negated(text, at) && !SafeguardRemovalRule.REMOVING.matcher(Mood.clauseBefore(text, at)).find();
    }

    private boolean antiPattern(String sentence) {
        return antiPatterns.stream().anyMatch(p -> p.matcher(sentence).find());
    }
}
