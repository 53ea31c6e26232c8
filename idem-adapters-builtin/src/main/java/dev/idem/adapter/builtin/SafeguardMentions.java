package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import dev.idem.adapter.builtin.Safety.Safeguard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safeguards a request names by other words than the knowledge base's cues, so that a removal reads the same
 * whichever way the safeguard is named: a pronoun that refers back to one ({@code The idempotency table lookup is
 * slow. Take it out.}), or an identifier the request introduced as one ({@code a unique index uq_orders_token ...
 * drop uq_orders_token}). Terse requests and requests written in configuration and code name safeguards this way.
 */
final class SafeguardMentions {

    /** A safeguard and the words that named it. */
    record Mention(Safeguard safeguard, String words) {
    }

    /** A pronoun standing for a thing, not a determiner before one ({@code drop it;}, not {@code drop it all}). */
    static final String PRONOUN = "(it|them)(?= *($|[,;:.)]|and\\b|so\\b|to\\b|from\\b|in\\b|on\\b|for\\b|out\\b"
            + "|off\\b|away\\b|entirely\\b|completely\\b|altogether\\b|now\\b|then\\b|too\\b|please\\b|if\\b|when\\b))";
    /** An identifier as {@link RequestText} normalises it: {@code uq_orders_token}, {@code debit_claims}. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w=])[a-z][a-z0-9]*(_[a-z0-9]+)+(?![\\w=])");
    /** Words that may open a sentence before its verb: the pronoun is then the verb's first object. */
    private static final Pattern OPENS = Pattern.compile("^((we|i|you|let us|let's|please|pls|just|so|then|also|and"
            + "|can|could|should|would|will|shall|must|want|wants|want to|need to|needs to|to|simply|honestly|ok|okay"
            + "|yes|now|we would like to|i would like to|we want to|i want to|we will|we should|we need to)\\s+)*\\w+"
            + "( (out|off|away))? $");
    /** A sentence that opens with a pronoun continues the one before it. */
    private static final Pattern CHAINED = Pattern.compile("^(it|its|this|that|they|these|those)\\b");
    /**
     * A mechanism named by what it does against duplicates: {@code a registry keyed by ClOrdID prevents the same
     * order being submitted twice}, {@code duplicate orders are caught by ClOrdID}, {@code each code is redeemed
     * once, enforced by a CAS}. Its name is a safeguard for the rest of the request, whatever the words.
     */
    private static final Pattern GUARDS = Pattern.compile("(?:^|, |: |; )(?:(?:the|a|an|our|their|its) )?(?<subject>"
            + "(?:[\\w()]+ ){0,3}?[\\w()]+)(?: (?:keyed|based|built|backed|held|stored) (?:by|on|in) [\\w()]+)?"
            + " (?:(?:is|are) )?(?:what |the only thing )?(?:prevents?|stops?|guards? against|blocks?|rejects?|catches"
            + "|dedupes|deduplicates|keeps?(?: \\w+){0,3} from)\\b(?<what>.*)$");
    private static final Pattern GUARDED = Pattern.compile("\\b(?:caught|prevented|blocked|rejected|enforced|guarded"
            + "|deduped|deduplicated|protected|stopped) by (?:the |a |an |our |its )?(?<subject>[\\w()]+)");
    /** What a guard guards against: duplicates, repeats, concurrent writers. */
    private static final Pattern DUPLICATES = Pattern.compile("\\b(duplicat\\w*|twice|same|again|overwrit\\w*|more than"
            + " once|once|reused|repeat\\w*|double\\w*|conflict\\w*|concurrent\\w*|overlap\\w*|each other)\\b");
    private static final Pattern NOT_A_NAME = Pattern.compile("it|they|this|that|which|who|we|one|only|each|every"
            + "|what|there|here|also|and|or|\\d+");
    /** How many words may stand between a safeguard's cue and the identifier that names it. */
    private static final int NEAR = 3;

    private static final Pattern IDENTIFIER_AFTER = Pattern.compile("^( (?!(and|or|but|so|which|that|because)\\b)"
            + "[\\w()]+){0," + (NEAR - 1) + "}? (" + IDENTIFIER.pattern() + ")");
    private static final Pattern IDENTIFIER_BEFORE = Pattern.compile("(" + IDENTIFIER.pattern() + ") $");

    private final List<Sentence> sentences;
    private final Map<Safeguard, Pattern> cues;
    private final Map<String, Mention> aliases;

    private SafeguardMentions(List<Sentence> sentences, Map<Safeguard, Pattern> cues, Map<String, Mention> aliases) {
        this.sentences = sentences;
        this.cues = cues;
        this.aliases = aliases;
    }

    /** Reads the identifiers the request introduces as safeguards ({@code cues}: each safeguard's, in order). */
    static SafeguardMentions of(RequestText text, Map<Safeguard, Pattern> cues) {
        Map<String, Mention> aliases = new LinkedHashMap<>();
        Safeguard deduplication = cues.keySet().stream().filter(g -> g.id().equals("deduplication")).findFirst()
                .orElseGet(() -> cues.keySet().iterator().next());
        for (Sentence s : text.sentences()) {
            String sentence = s.normalised();
            guardName(sentence).ifPresent(name -> aliases.putIfAbsent(name, new Mention(deduplication, name)));
            for (Map.Entry<Safeguard, Pattern> safeguard : cues.entrySet()) {
                Matcher cue = safeguard.getValue().matcher(sentence);
                while (cue.find()) {
                    nearIdentifier(sentence, cue).ifPresent(id -> aliases.putIfAbsent(id,
                            new Mention(safeguard.getKey(), cue.group())));
                }
            }
        }
        return new SafeguardMentions(text.sentences(), cues, aliases);
    }

    /** The names of safeguards the request introduced, as alternatives for a pattern; empty when there are none. */
    Optional<String> aliasPattern() {
        return aliases.isEmpty() ? Optional.empty()
                : Optional.of(String.join("|", aliases.keySet().stream().map(Pattern::quote).toList()));
    }

    /** The safeguard an identifier names, if the request introduced it as one. */
    Optional<Mention> alias(String identifier) {
        return Optional.ofNullable(aliases.get(identifier));
    }

    /**
     * What a pronoun at {@code at} in sentence {@code index} refers back to: when its clause follows another in the
     * sentence ({@code the lock is redundant and we will drop it}), the last safeguard named before it there; when
     * it opens its sentence ({@code Drop it.}), the first safeguard named in the sentence before, passing over a
     * sentence that itself opens with a pronoun ({@code It has been off for a year.}).
     */
    Optional<Mention> antecedent(int index, int at) {
        String sentence = sentences.get(index).normalised();
        if (!OPENS.matcher(sentence.substring(0, at)).matches()) {
            return named(sentence.substring(0, at), true);
        }
        for (int i = index - 1; i >= Math.max(0, index - 2); i--) {
            String before = sentences.get(i).normalised();
            if (!CHAINED.matcher(before).lookingAt()) {
                // "Flag allow_keyless_post is off. Delete it.": the pronoun stands for the flag, not what it guards.
                Optional<Mention> first = named(before, false);
                int flag = LegacyFlag.firstMention(before);
                return flag >= 0 && first.isPresent() && flag <= before.indexOf(first.get().words()) ? Optional.empty()
                        : first;
            }
        }
        return Optional.empty();
    }

    /** The last (or first) safeguard the text names, by a cue or by an identifier the request introduced. */
    private Optional<Mention> named(String text, boolean last) {
        Mention chosen = null;
        int chosenAt = last ? -1 : Integer.MAX_VALUE;
        for (Map.Entry<Safeguard, Pattern> safeguard : cues.entrySet()) {
            Matcher cue = safeguard.getValue().matcher(text);
            while (cue.find()) {
                int at = last ? cue.end() : cue.start();
                if (last ? at > chosenAt : at < chosenAt) {
                    chosen = new Mention(safeguard.getKey(), cue.group());
                    chosenAt = at;
                }
            }
        }
        if (!aliases.isEmpty()) {
            Matcher alias = Recognition.wholeWords(aliasPattern().orElseThrow()).matcher(text);
            while (alias.find()) {
                int at = last ? alias.end() : alias.start();
                if (last ? at > chosenAt : at < chosenAt) {
                    chosen = aliases.get(alias.group());
                    chosenAt = at;
                }
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** The last word of what the sentence says guards against duplicates, if it says so. */
    private static Optional<String> guardName(String sentence) {
        Matcher active = GUARDS.matcher(sentence);
        Matcher passive = GUARDED.matcher(sentence);
        String subject = active.find() && DUPLICATES.matcher(active.group("what")).find() ? active.group("subject")
                : passive.find() && DUPLICATES.matcher(sentence).find() ? passive.group("subject") : null;
        if (subject == null) {
            return Optional.empty();
        }
        String[] words = subject.replaceAll("\\(.*", "").strip().split(" ");
        String head = words[words.length - 1];
        return head.length() < 3 || NOT_A_NAME.matcher(head).matches() ? Optional.empty() : Optional.of(head);
    }

    /** An identifier at most {@link #NEAR} words after the cue, or right before it, in the same clause. */
    private static Optional<String> nearIdentifier(String sentence, Matcher cue) {
        if (sentence.indexOf('_') < 0) {
            return Optional.empty(); // no identifier to find (this runs for every cue found in every request)
        }
        String after = sentence.substring(cue.end());
        Matcher id = IDENTIFIER_AFTER.matcher(after);
        if (id.find()) {
            return Optional.of(id.group(3));
        }
        Matcher before = IDENTIFIER_BEFORE.matcher(sentence.substring(0, cue.start()));
        return before.find() ? Optional.of(before.group(1)) : Optional.empty();
    }
}
