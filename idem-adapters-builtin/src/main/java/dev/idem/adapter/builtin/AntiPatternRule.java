package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import dev.idem.adapter.builtin.Safety.AntiPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code anti-pattern}: the request asks for a design the knowledge base warns against
 * ({@link Safety#antiPatterns()}: a new key per retry, one static key for every payload, acking before
 * processing, publishing before the commit, last-writer-wins on client clocks...). The reason quotes the
 * knowledge base's warning.
 *
 * <p>Named but not asked for, it does not count: negated or prevented ({@code never a new key per retry}),
 * reported from the past ({@code the helper generated a new key on every attempt}), described as what
 * something else does ({@code an SDK that retries POSTs without a key}), condemned ({@code which is exactly
 * wrong}), or confined to an isolated test. A description of the current system counts when the request
 * endorses it ({@code keep this key format}, {@code design the retries around it}).
 */
final class AntiPatternRule implements IntentRule {

    static final String ID = "anti-pattern";

    private static final Pattern OTHERS_AS_SUBJECT = Recognition.wholeWords("(some|many|few|several|old|older"
            + "|legacy|buggy|third party|external|their|these|those|other|the)( \\w+){0,2} (clients?|users?|partners?"
            + "|callers?|integrators?|merchants?|devices?|sdks?|apps?|systems?|services?|providers?|banks?|psps?"
            + "|libraries|library|helper|jobs?|workers?|consumers?|producers?|team)|(clients|users|partners|callers"
            + "|merchants|devices|distributors|integrations)");
    private static final Pattern CONDEMNED = Recognition.wholeWords("(is|was|are|were|it is|that is|which is"
            + "|this is|seems|looks)( \\w+)? (wrong|unsafe|a bug|broken|a mistake|dangerous|not safe|risky|flawed"
            + "|an anti ?pattern|too short)|honestly unsafe|bugs?|buggy|by mistake|misconfigured|root cause|caused"
            + "|which is why|that is why|we found|we suspect|we learned|we now know|embarrassing|incident"
            + "|postmortem|leftover");
    private static final Pattern ENDORSED = Recognition.wholeWords("keep (this|that|these|the current|our current)"
            + "( \\w+)? (format|order|behaviou?r|flow|setup|design|way|config\\w*|approach|scheme|rule|model|policy)"
            + "|keep (it|them|this|that|both|everything|exactly)( \\w+){0,3} (as (it is|they are|is)|exactly|unchanged"
            + "|like this|that way|this way)|keep (exactly )?(this|that|it)$|keep it:|as (it|they) (is|are)"
            + "|stays? (as is|unchanged)|unchanged|continue (to|with)|(we|i) like (that|this|it)|(design|build|tune|work|plan)\\w* (\\w+ ){0,4}(around|on that basis|on this basis"
            + "|with that in mind|under that decision|under this|for this behaviou?r|with this rule|consistent with"
            + "|like this|that way|this way)|on (that|this) basis|by design|leave (it|\\w+) untouched|we will keep|keep (it|this|that)(?= \\.|$| please"
            + "| as)|(that is|this is|that's|it is) (how|what) we want|we want it (this|that) way|as designed"
            + "|we want to keep|we accept|accept(ed|able)|is fine|are fine|fine by us|ok for us|design it|do it");

    /**
     * A design document's proposal, under a heading of its own: what it describes in the present tense is what it
     * asks for ({@code ## Proposal ... balance rows are merged by taking whichever row has the later timestamp}).
     */
    private static final Pattern PROPOSAL = Pattern.compile("(proposal|proposed (design|change|solution|approach)"
            + "|(new |target |proposed )?design|solution|(the )?plan|decision|approach)");

    /** {@code Idempotency-Key = sha256(...)}, {@code Key: ...}: a specification, which asks for what it says. */
    private static final Pattern SPEC = Pattern.compile(" = |^[\\w ]{1,30}: ");
    /** {@code it is check-then-act}: a description of what is. */
    private static final Pattern COPULA = Recognition.wholeWords("is|are|it is|that is|which is|there is");

    private final List<Compiled> antiPatterns = new ArrayList<>();

    private record Compiled(AntiPattern antiPattern, Pattern cues) {
    }

    AntiPatternRule(Safety safety) {
        for (AntiPattern a : safety.antiPatterns()) {
            antiPatterns.add(new Compiled(a, Safety.anyOf(a.cues())));
        }
    }

    @Override
    public Optional<UnsafeFinding> find(RequestText text, RequestScope scope) {
        boolean endorsed = ENDORSED.matcher(text.whole()).find() || StatusQuo.kept(text)
                || text.sentences().stream().anyMatch(s -> PROPOSAL.matcher(s.normalised()).matches());
        for (Sentence s : text.sentences()) {
            String sentence = s.normalised();
            for (Compiled c : antiPatterns) {
                Matcher m = c.cues().matcher(sentence);
                while (m.find()) {
                    if (asked(s, m.start(), m.end(), endorsed) && !scope.isolatedTest(sentence) && !scope.effectFree()
                            && !scope.removesLegacyFlag()) {
                        return Optional.of(new UnsafeFinding(ID + " " + c.antiPattern().id(),
                                "asks for what the knowledge base warns against (" + c.antiPattern().warning() + ")",
                                s.written()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean asked(Sentence s, int at, int end, boolean endorsed) {
        String sentence = s.normalised();
        if (Mood.negated(sentence, at) || CONDEMNED.matcher(sentence).find()) {
            return false;
        }
        boolean past = Mood.pastAction(sentence, at, end);
        boolean described = past || SafeguardRemovalRule.described(sentence, at)
                || OTHERS_AS_SUBJECT.matcher(Mood.clauseBefore(sentence, at)).find() && !Mood.asking(sentence, at);
        if (described) {
            return endorsed && !past;
        }
        String before = Mood.clauseBefore(sentence, at);
        if (COPULA.matcher(before).find() && !Mood.asking(sentence, at)) {
            return endorsed;
        }
        return Mood.asking(sentence, at) || endorsed || s.scenarios() && (before.isBlank() || SPEC.matcher(sentence).find());
    }
}
