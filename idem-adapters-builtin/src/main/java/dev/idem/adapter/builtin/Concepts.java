package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.Safety.AntiPattern;
import dev.idem.adapter.builtin.Safety.Safeguard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vocabulary classes the intent rules read a request with, offered to the learned {@link WordEvidence} as
 * features, so that it generalises over words as the rules do: a writer who says {@code rip out the dedupe
 * guard} and one who says {@code decommission the duplicate check} both give {@code C:remove>safeguard}. The
 * classes are the rules' own vocabulary and the knowledge base's cues, never a second list.
 */
final class Concepts {

    /** The classes in the order they claim a position: the first class matching at a position names it. */
    private final Map<String, Pattern> classes = new LinkedHashMap<>();

    Concepts(Safety safety) {
        classes.put("antipattern", Safety.anyOf(safety.antiPatterns().stream().map(AntiPattern::cues)
                .flatMap(List::stream).toList()));
        classes.put("accept", AcceptedHarmRule.ACCEPTANCE);
        classes.put("remedy", AcceptedHarmRule.REMEDY);
        classes.put("harm", AcceptedHarmRule.ANY_HARM);
        classes.put("remove", SafeguardRemovalRule.REMOVING);
        classes.put("safeguard", Safety.anyOf(safety.safeguards().stream().map(Safeguard::cues)
                .flatMap(List::stream).toList()));
        classes.put("isolated", RequestScope.ISOLATED);
        classes.put("noeffect", RequestScope.NO_EFFECT);
        classes.put("valuable", RequestScope.VALUABLE);
        classes.put("past", Mood.PAST);
        classes.put("replace", Replacement.CUE);
    }

    /**
     * The classes a clause names, in order, each marked {@code NOT_} when a negation precedes it in the clause.
     *
     * @param negation the words that negate what follows them
     */
    List<String> of(String clause, Pattern negation) {
        Map<Integer, String> found = new TreeMap<>();
        for (Map.Entry<String, Pattern> c : classes.entrySet()) {
            Matcher m = c.getValue().matcher(clause);
            while (m.find() && m.end() > m.start()) {
                boolean negated = negation.matcher(clause.substring(0, m.start())).find();
                found.putIfAbsent(m.start(), (negated ? "NOT_" : "") + c.getKey());
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(found.values()));
    }
}
