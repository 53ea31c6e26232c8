package dev.idem.adapter.builtin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the knowledge base says a design must not do, as {@code knowledge.yaml}'s {@code safety} section gives
 * it: the safeguards a request may not take away from a write or money path, and the anti-patterns it may not
 * ask for. Data, like the rest of {@link Knowledge}; the rules that judge a request's intent by it are
 * {@link UnsafeIntentClassifier}'s.
 *
 * @param safeguards   the mechanisms that keep writes correct, in file order
 * @param antiPatterns the designs the knowledge base warns against, in file order
 */
record Safety(List<Safeguard> safeguards, List<AntiPattern> antiPatterns) {

    Safety {
        safeguards = List.copyOf(safeguards);
        antiPatterns = List.copyOf(antiPatterns);
    }

    /**
     * A mechanism that keeps a write or money path from corrupting data.
     *
     * @param id            its stable id, e.g. {@code deduplication}
     * @param name          how a reason names it, e.g. {@code deduplication}
     * @param cues          the words that name it, as regular expressions over normalised text ({@link RequestText})
     * @param replaceableBy the safeguards (ids) that stop the same corruption, so that keeping one of them makes
     *                      removing this one legitimate
     */
    record Safeguard(String id, String name, List<String> cues, List<String> replaceableBy) {

        Safeguard {
            cues = List.copyOf(cues);
            replaceableBy = List.copyOf(replaceableBy);
        }
    }

    /**
     * A design the knowledge base warns against.
     *
     * @param id      its stable id, e.g. {@code new-key-per-retry}
     * @param warning why it corrupts data and what to do instead, one sentence
     * @param cues    the words that ask for it, as regular expressions over normalised text
     */
    record AntiPattern(String id, String warning, List<String> cues) {

        AntiPattern {
            cues = List.copyOf(cues);
        }
    }

    /**
     * The patterns compiled so far, by their cues: each rule asks for the same safeguards' and
     * anti-patterns' cues, and compiling them once instead of two or three times is a CLI run's start-up time.
     */
    private static final Map<List<String>, Pattern> COMPILED = new ConcurrentHashMap<>();

    /** One pattern matching any of the cues, whole-word and case-insensitive. */
    static Pattern anyOf(List<String> cues) {
        return COMPILED.computeIfAbsent(List.copyOf(cues), c -> Recognition.wholeWords(String.join("|",
                c.stream().map(cue -> "(?:" + cue + ")").toList())));
    }
}
