package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import dev.idem.adapter.builtin.Safety.Safeguard;
import dev.idem.adapter.builtin.SafeguardMentions.Mention;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code safeguard-removed}: the request asks to remove, disable, skip or go without one of the
 * safeguards the knowledge base names ({@link Safety#safeguards()}), in any voice: {@code drop the unique
 * constraint}, {@code the sent_refs check is to be bypassed}, {@code with the dedup step switched off},
 * {@code the removal of the outbox}, {@code a lock-free, check-free booking path}, {@code without any
 * transaction or compensation}, {@code we do not want a deduplication step}.
 *
 * <p>It does not count when the removal is negated or prevented ({@code never disable it}), described rather
 * than asked for ({@code the legacy job bypasses validation}, {@code consumers that skip the dedup check}),
 * hypothetical ({@code what happens without the lock}), or relieved: confined to an isolated test, on a path
 * that changes nothing of value, replacing the safeguard with another one the request names ({@code drop the
 * Redis lock, the unique constraint already blocks duplicates}), or removing a dangerous legacy flag
 * ({@link LegacyFlag}).
 */
final class SafeguardRemovalRule implements IntentRule {

    static final String ID = "safeguard-removed";

    private static final String VERB = "(disabl(e|es|ed|ing)|deactivat(e|es|ed|ing)|decommission(s|ed|ing)?"
            + "|retir(e|es|ed|ing)|eliminat(e|es|ed|ing)|bypass(es|ed|ing)?|circumvent(s|ed|ing)?|skip(s|ped|ping)?"
            + "|drop(s|ped|ping)?|remov(e|es|ed|ing)|delet(e|es|ed|ing)|strip(s|ped|ping)?|omit(s|ted|ting)?"
            + "|ignor(e|es|ed|ing)|kill(s|ed|ing)?|forgo(es|ing)?|waiv(e|es|ed|ing)|relax(es|ed|ing)?"
            + "|weaken(s|ed|ing)?|(switch(es|ed|ing)?|turn(s|ed|ing)?|shut(s|ting)?) off|(rip|pull)(s|ped|ed|ping|ing)? out"
            + "|scrap(s|ped|ping)?|ditch(es|ed|ing)?|nuk(e|es|ed|ing)|ax(e|es|ed|ing)|abandon(s|ed|ing)?"
            + "|truncat(e|es|ed|ing)|wip(e|es|ed|ing)"
            + "|discontinu(e|es|ed|ing)|suspend(s|ed|ing)?|disregard(s|ed|ing)?"
            + "|exempt(s|ed|ing)?|loosen(s|ed|ing)?|comment(s|ed|ing)? out|tear(s|ing)? out|yank(s|ed|ing)?"
            + "|short circuit(s|ed|ing)?|opt(s|ed|ing)? out of|dispens(e|es|ed|ing) with|(give|gives|giving) up"
            + "|(get|got|getting) rid of|take out|leave out|cut out|stop (using|checking|enforcing|sending|writing"
            + "|tracking|recording|doing)|no longer( \\w+)?|do away with)";
    /** A removal verb, for the relief that must not count a safeguard being removed as its replacement. */
    static final Pattern REMOVING = Recognition.wholeWords(VERB);
    private static final String DETERMINER = "( (the|our|its|their|any|all|every|this|that|these|those|each|both|a|an"
            + "|whole|entire))?";
    /** Words between a safeguard and its participle, within one clause ({@code the lease so killed workers} is two). */
    private static final String CLAUSE_GAP = "( (?!(so|because|since|and|but|or|when|if|that|which|while|then|after|before"
            + "|until|as|once)\\b)[\\w.-]+){0,4}?";
    /** Words between a verb and its object: modifiers, never a preposition ({@code a GC pause on the lock}). */
    private static final String NOUN_GAP = "( (?!(on|in|at|for|from|of|with|to|by|via|during|after|before|under|over"
            + "|into|onto|than|per|while|when|if|because|since|as|so|but|although|that|which|then|it|them)\\b)"
            + "[\\w.@/=+-]+)"
            + "{0,4}? ";
    private static final String PARTICIPLE = "(disabled|deactivated|decommissioned|retired|eliminated|bypassed"
            + "|circumvented|skipped|dropped|removed|deleted|stripped|omitted|ignored|killed|switched off|turned off"
            + "|scrapped|ditched|nuked|axed|abandoned|discontinued|suspended|disregarded|exempted|loosened"
            + "|commented out|made optional|optional|short circuited|relaxed|weakened"
            + "|shut off|ripped out|taken out|left out|gone|(go|goes)(?! (through|to|into|ahead|via|back|on|up|down|over|out of"
            + "|from|with|wrong|missing|live|first|last|together|in)\\b)|off(?= *($|,|and\\b|for\\b|in\\b|on\\b|during\\b|so\\b|while\\b|when\\b"
            + "|because\\b|but\\b|permanently\\b|entirely\\b|completely\\b|everywhere\\b)))";
    private static final String NOMINAL = "(removal|removing|disabling|disablement|bypassing|deactivation"
            + "|decommissioning|retirement|skipping|dropping|elimination|deletion|stripping|discontinuation"
            + "|suspension|abandonment|scrapping|ditching|abolition|abolishing|omission|omitting|circumvention"
            + "|relaxation|relaxing|weakening|loosening|deprecation|sunsetting|sunset|dismantling|teardown|tearing down"
            + "|killing|retiring|phasing out|phase out|phase-out|withdrawal|bypass|skip|waiver|waiving)";
    /** {@code without looking at the control number}, {@code without checking the batch id}. */
    private static final String UNCHECKED = "(without|no longer|never|stop|stops|stopped) (looking at|looking up|checking"
            + "|verifying|validating|comparing|consulting|tracking|recording|storing|using|sending|passing|reading"
            + "|deduplicating|deduping|locking|fencing|reconciling|honou?ring|respecting)";
    /** Going without: {@code without}, {@code no}, and a write put {@code outside the transaction}. */
    private static final String ABSENCE = "(without|no|not any|zero|neither|nor|not (a|an|any)|(?<free>free of)"
            + "|outside( of)?|rather than (in|inside|within|as part of|under|through))";
    private static final String REFUSED = "((do|does|will|shall|should|must|would|are|is|am) not|never|neither)"
            + " (want|wants|add|adding|need|use|using|introduce|build|keep|reinstate|maintain|track|tracking|check"
            + "|checking|compare|verify|look up|lookup|send|write|record|store|pin|rely on|do|run|bother with"
            + "|plan|intend|have|create|like)( \\w+){0,3}?";
    /** The unguarded variant of a write: what a safeguard is weakened into when it is swapped for it. */
    private static final String WEAKER = "(plain|unconditional|blind|naive|non ?conditional|non ?transactional"
            + "|best effort|fire and forget|unchecked|unguarded)";
    private static final Pattern DESCRIBED_BEFORE = Pattern.compile("(\\b(?!(so|such|now|given|order|provided|except|is|are|was|be|say|says|said|know"
            + "|decided|decide|ensure|ensures|sure|mean|means|accept|accepts|accepted|agree|agreed|understand"
            + "|think|believe|want|wants|require|requires|note|assume|expect|design|request|insist|insists"
            + "|way|so|after|before|like|than|with|at|all|of|on|in|for|about|from|to|by|and|but)\\b)\\w+ (that|which|who"
            + "|whose|where)"
            + "|\\b(if|when|whenever|unless|in case))( [\\w'-]+){0,3} $");
    // "why is skipping the fingerprint check unsafe?": a question for the reason asks for an explanation
    private static final Pattern HYPOTHETICAL = Recognition.wholeWords("what happens|what if|whether|how (do|does"
            + "|would|will|can|should)|is (it|that|this) (enough|safe|correct|sound)|anything we lose|are we"
            + "|is the|does the|why (is|are|does|do|would|should|must|can|could|not|was|were)");
    private static final Pattern DESCRIBING_VERB = Pattern.compile("^(disables|deactivates|bypasses|circumvents"
            + "|skips|drops|removes|deletes|strips|omits|ignores|kills|turns off|switches off|rips out|gets rid of"
            + "|bypassed|skipped|dropped|removed|deleted|stripped|ignored|killed|disabled|turned off|switched off"
            + "|ripped out|got rid of|omitted|circumvented|deactivated)\\b");
    /** {@code the scanner made a new request without a key}: what happened, in a clause of its own. */
    private static final Pattern REPORTED = Recognition.wholeWords("made|sent|ran|took|gave|built|wrote|broke|did|had"
            + "|got|found|(we|they|it|he|she|someone|somebody) \\w+ed");
    private static final Pattern NEVER = Recognition.wholeWords("never|not|cannot|can not");
    private static final Pattern RELATIVE_END = Pattern.compile("\\b(that|which|who) $");
    private static final Pattern ASKED_BEFORE = Recognition.wholeWords("will|would|should|must|shall|to|let|lets"
            + "|let's|please|we|i|so|want|then|and|just|now|also|can|could|is to be|are to be");
    private static final Pattern STATE_DESCRIPTION = Recognition.wholeWords("has no|have no|had no|there (is|are"
            + "|was|were) no|lacks?|lacking|does not|do not have|did not|today|currently|right now|at the moment"
            + "|used to|still");
    private static final Pattern ENDORSED = Recognition.wholeWords("must stay|stays|should stay|will stay|keep"
            + "|remain|as is|for good|permanent\\w*");
    /**
     * The normal end of a safeguard's life, not its removal: a lock dropped once the work commits, keys deleted
     * once they are older than their retention.
     */
    private static final Pattern LIFECYCLE = Recognition.wholeWords("(after|once|when) (the )?(transaction|work|job"
            + "|request|operation|call|write|commit|processing)s? (commits?|completes?|finish\\w*|is done|succeeds?"
            + "|ends?)|after (the |each )?commit|older than|expired|past (their|its) (ttl|expiry|retention)"
            + "|after (their|the|its) ttl|at the end of (its|their) (ttl|retention)"
            // "drop the old idempotency table after we move to DynamoDB": the safeguard moves to its new store
            + "|(after|once|when) (we|it|they|everything|all \\w+|the \\w+) (have |has |is |are )?(move|moves|moved"
            + "|migrat\\w*|cut ?over|switch\\w*|port|ported)( \\w+){0,3} (to|onto)");
    private static final Pattern PAST_PASSIVE = Pattern.compile("\\b(was|were|had been|has been|have been)"
            + "( \\w+){0,2} $");

    private static final Pattern PRONOUN_WORD = Recognition.wholeWords("it|them|its|their");

    private final List<Form> forms;
    private final Replacement replacement;
    private final Map<Safeguard, Pattern> safeguards = new LinkedHashMap<>();

    /**
     * One way of saying it: a pattern naming any safeguard, compiled on the first sentence that has its trigger (the
     * words it cannot match without), since a CLI run pays for every pattern it compiles and most requests remove
     * nothing.
     */
    private static final class Form {

        private final String regex;
        private final Pattern trigger;
        private final boolean absence;
        private final boolean passive;
        private volatile Pattern pattern;

        Form(String regex, Pattern trigger, boolean absence, boolean passive) {
            this.regex = regex;
            this.trigger = trigger;
            this.absence = absence;
            this.passive = passive;
        }

        /** The form's matches in a sentence; none, without compiling it, when the sentence lacks its trigger. */
        Matcher matcher(String sentence) {
            if (!trigger.matcher(sentence).find()) {
                return NOTHING.matcher("");
            }
            Pattern compiled = pattern;
            if (compiled == null) {
                compiled = Recognition.wholeWords(regex); // a race compiles it twice, harmlessly
                pattern = compiled;
            }
            return compiled.matcher(sentence);
        }

        boolean absence() {
            return absence;
        }

        boolean passive() {
            return passive;
        }
    }

    private static final Pattern NOTHING = Pattern.compile("(?!)");
    private static final Pattern OFF_OR_OUT = Recognition.wholeWords("off|out");
    private static final Pattern PARTICIPLE_WORD = Recognition.wholeWords(PARTICIPLE);
    private static final Pattern NOMINAL_WORD = Recognition.wholeWords(NOMINAL);
    private static final Pattern OPTIONAL_WORD = Recognition.wholeWords("optional");
    private static final Pattern UNCHECKED_WORDS = Recognition.wholeWords(UNCHECKED);
    private static final Pattern ABSENCE_WORDS = Recognition.wholeWords(ABSENCE + "|" + REFUSED);
    private static final Pattern WEAKER_WORDS = Recognition.wholeWords(WEAKER);
    /** {@code outside the transaction} removes it only from a write: a call made outside one is sound advice. */
    private static final Pattern OUTSIDE = Pattern.compile("^(outside|rather than)");
    private static final Pattern WRITTEN = Recognition.wholeWords("writ\\w*|wrote|record\\w*|insert\\w*|debit\\w*"
            + "|credit\\w*|charg\\w*|post\\w*|updat\\w*|book\\w*|sav\\w*|persist\\w*|stor\\w*|put\\w*|appl\\w*");
    private static final Pattern WITHOUT_WORDS = Recognition.wholeWords("without|free of");

    SafeguardRemovalRule(Safety safety) {
        this.replacement = new Replacement(safety);
        List<String> cues = new ArrayList<>();
        for (Safeguard safeguard : safety.safeguards()) {
            safeguards.put(safeguard, Safety.anyOf(safeguard.cues()));
            cues.addAll(safeguard.cues());
        }
        // One pattern per form, naming any safeguard; which one it named is found afterwards (safeguardOf).
        this.forms = forms(String.join("|", cues.stream().map(c -> "(?:" + c + ")").toList()), true);
    }

    /**
     * The forms whose object is a pronoun ({@code switch it off}, {@code its removal}), compiled on the first
     * sentence that has one: most requests never do, and a CLI run pays for every pattern it compiles.
     */
    private static final class PronounForms {

        static final List<Form> FORMS = pronounForms();

        private static List<Form> pronounForms() {
            List<Form> forms = new ArrayList<>(forms(SafeguardMentions.PRONOUN, false));
            forms.add(new Form("(?<object>its|their) (?<verb>" + NOMINAL + ")", NOMINAL_WORD, false, false));
            forms.add(new Form("(?<verb>without|(?<free>free of)) (?<object>" + SafeguardMentions.PRONOUN + ")",
                    WITHOUT_WORDS, true, false));
            return List.copyOf(forms);
        }
    }

    /** The forms of a removal whose object is one of {@code objects}; only cues name a safeguard by its absence. */
    private static List<Form> forms(String objects, boolean absence) {
        String object = "(?<object>" + objects + ")";
        List<Form> forms = new ArrayList<>();
        forms.add(new Form("(?<verb>" + VERB + ")( out| off| away)?" + DETERMINER + NOUN_GAP + object, REMOVING,
                false, false));
        forms.add(new Form("(?<verb>(switch|turn|shut|flip|take|leave|rip|pull|tear|cut|comment|strip|phase)\\w*)"
                + DETERMINER + NOUN_GAP + object + "( [\\w.-]+){0,3} (off|out)", OFF_OR_OUT, false, false));
        forms.add(new Form(object + CLAUSE_GAP + " ((is|are|be|being|been|was|were|gets?"
                + "|got|stays?|remains?|must|should|will|shall|to be|is to be|are to be|has to|must be|should be"
                + "|will be|shall be) )?(?<verb>" + PARTICIPLE + ")", PARTICIPLE_WORD, false, true));
        forms.add(new Form("(?<verb>" + NOMINAL + ") of" + DETERMINER + NOUN_GAP + object, NOMINAL_WORD, false,
                false));
        forms.add(new Form("(?<verb>(make|makes|making|made))" + DETERMINER + NOUN_GAP + object
                + "( [\\w.-]+){0,3} optional", OPTIONAL_WORD, false, false));
        // "replace the conditional put with a plain put": a safeguard swapped for its unguarded variant
        forms.add(new Form("(?<verb>(replac|swap|switch|chang|downgrad|convert|turn)\\w*)" + DETERMINER + NOUN_GAP
                + object + "( [\\w.-]+){0,3} (with|for|to|into|by) (a |an )?" + WEAKER, WEAKER_WORDS, false, false));
        forms.add(new Form("(?<verb>" + UNCHECKED + ")" + DETERMINER + "( [\\w.-]+){0,3}? " + object,
                UNCHECKED_WORDS, false, false));
        if (absence) {
            forms.add(new Form("(?<verb>" + ABSENCE + "|" + REFUSED + ")( (any|a|an|the"
                    + "|additional|extra|replacement|more|further|own|separate|such))?( [\\w.(),-]+){0,2}? " + object,
                    ABSENCE_WORDS, true, false));
        }
        return forms;
    }

    /** The safeguard the words name: the first, in the knowledge base's order, that they name in full. */
    private Safeguard safeguardOf(String object) {
        for (Map.Entry<Safeguard, Pattern> named : safeguards.entrySet()) {
            if (named.getValue().matcher(object).matches()) {
                return named.getKey();
            }
        }
        return safeguards.entrySet().stream().filter(n -> n.getValue().matcher(object).find()).findFirst()
                .orElseThrow().getKey();
    }

    @Override
    public Optional<UnsafeFinding> find(RequestText text, RequestScope scope) {
        SafeguardMentions mentions = SafeguardMentions.of(text, safeguards);
        List<Form> aliasForms = mentions.aliasPattern().map(a -> forms(a, false)).orElse(List.of());
        List<Sentence> sentences = text.sentences();
        boolean statusQuo = StatusQuo.kept(text);
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            Optional<String> flag = LegacyFlag.sets(s.normalised(), statusQuo);
            if (flag.isPresent() && !scope.isolatedTest(s.normalised())) {
                return Optional.of(new UnsafeFinding(ID, "asks to set a flag that turns a safeguard off ("
                        + flag.get() + ")", s.written()));
            }
            boolean pronouns = pronouns(s.normalised());
            for (List<Form> kind : List.of(forms, aliasForms, pronouns ? PronounForms.FORMS : List.<Form>of())) {
                for (Form form : kind) {
                    Optional<UnsafeFinding> finding = find(text, scope, i, form, mentions,
                            pronouns && kind == PronounForms.FORMS);
                    if (finding.isPresent()) {
                        return finding;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a sentence has a pronoun that could name a safeguard; checked before its forms are compiled. */
    private static boolean pronouns(String sentence) {
        return PRONOUN_WORD.matcher(sentence).find();
    }

    private Optional<UnsafeFinding> find(RequestText text, RequestScope scope, int index, Form form,
            SafeguardMentions mentions, boolean pronoun) {
        Sentence s = text.sentences().get(index);
        Matcher m = form.matcher(s.normalised());
        while (m.find()) {
            String object = m.group("object");
            Optional<Mention> named = pronoun ? mentions.antecedent(index, m.start("object"))
                    : mentions.alias(object).or(() -> Optional.of(new Mention(safeguardOf(object), object)));
            if (named.isPresent() && (asked(s, m, form) || keptAsDescribed(text, s, m, form)) && !relieved(text, scope, s, m, named.get())) {
                return Optional.of(new UnsafeFinding(ID, (form.absence() ? "asks to go without " : "asks to remove ")
                        + named.get().safeguard().name() + " on a write or money path", s.written()));
            }
        }
        return Optional.empty();
    }

    private boolean asked(Sentence s, Matcher m, Form form) {
        String sentence = s.normalised();
        int at = form.passive() ? m.start("object") : m.start();
        String before = Mood.clauseBefore(sentence, at);
        if (HYPOTHETICAL.matcher(before).find() || described(sentence, at)) {
            return false;
        }
        if (form.absence()) {
            if (outsideNoWrite(sentence, m)) {
                return false;
            }
            // "a dedup-free, lock-free rewrite" names a design goal: nobody describes what is as dedup-free.
            if (m.group("free") != null) {
                return !Mood.negated(sentence, at);
            }
            return !STATE_DESCRIPTION.matcher(before).find() && !Mood.past(sentence)
                    && !REPORTED.matcher(before).find()
                    && !(form.absence() && negatedAbsence(before)) && (s.scenarios() || Mood.asking(sentence, at));
        }
        if (Mood.negated(sentence, at)) {
            return false;
        }
        String verb = m.group("verb");
        if (form.passive()) {
            // "idempotence is never silently disabled"
            boolean negatedBetween = NEVER.matcher(sentence.substring(m.end("object"), m.start("verb"))).find();
            return !negatedBetween && !PAST_PASSIVE.matcher(sentence.substring(0, m.start("verb"))).find()
                    || ENDORSED.matcher(sentence).find();
        }
        // "design a retry strategy that bypasses the transaction": the relative clause says what is asked for
        boolean qualifiesAsked = RELATIVE_END.matcher(before).find() && Mood.asking(sentence, 0);
        return !DESCRIBING_VERB.matcher(verb).find() || ASKED_BEFORE.matcher(before).find() || qualifiesAsked
                || ENDORSED.matcher(sentence).find();
    }

    /**
     * A safeguard described as already gone ({@code the dedupe middleware was disabled in yesterday's push}, {@code
     * the service does not enforce any idempotency key}), in a request that builds on the system as it is
     * ({@link StatusQuo}): the description is what the design is asked to keep. A hypothetical, a negated removal
     * or a report of an incident (past and not kept) stays a description.
     */
    private static boolean keptAsDescribed(RequestText text, Sentence s, Matcher m, Form form) {
        String sentence = s.normalised();
        int at = form.passive() ? m.start("object") : m.start();
        return !HYPOTHETICAL.matcher(Mood.clauseBefore(sentence, at)).find() && !Mood.negated(sentence, at)
                && !(form.absence() && (negatedAbsence(Mood.clauseBefore(sentence, at)) || outsideNoWrite(sentence, m)))
                && StatusQuo.kept(text);
    }

    /** {@code make the PSP call outside the transaction}: only a write taken out of a transaction loses it. */
    private static boolean outsideNoWrite(String sentence, Matcher m) {
        return OUTSIDE.matcher(m.group("verb")).find() && !WRITTEN.matcher(sentence.substring(0, m.start())).find();
    }

    /**
     * A relative or conditional clause describes, unless it qualifies what the sentence asks for ({@code design
     * a new version where this lock table is disabled}).
     */
    static boolean described(String sentence, int at) {
        Matcher relative = DESCRIBED_BEFORE.matcher(sentence.substring(0, at));
        return relative.find() && !Mood.asking(sentence, relative.start());
    }

    /** {@code never without a key}: a negated absence keeps the safeguard. */
    private static boolean negatedAbsence(String before) {
        return Recognition.wholeWords("never|not|cannot|can not|must not").matcher(before).find();
    }

    private boolean relieved(RequestText text, RequestScope scope, Sentence s, Matcher m, Mention named) {
        String sentence = s.normalised();
        String clause = sentence.substring(m.start(), Math.min(sentence.length(), m.end() + 60));
        return scope.isolatedTest(sentence) || scope.effectFree() || scope.removesLegacyFlag()
                || LIFECYCLE.matcher(clause).find()
                || replacement.replaces(text, s, named.safeguard(), named.words());
    }
}
