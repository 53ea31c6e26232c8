package dev.idem.adapter.builtin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a sentence stands to a phrase it contains: whether the phrase is asked for, or only negated, prevented,
 * described or reported from the past. The intent rules ask this of every match, because the same words (skip
 * the dedup check, charged twice, a new key per retry) are a demand in one sentence and a threat to design
 * against in the next. Heuristics over normalised text ({@link RequestText}), not a parser: each looks at the
 * words of the same clause before the phrase.
 */
final class Mood {

    /** Where a clause starts: punctuation, conjunctions that open a new clause, relative pronouns. */
    private static final Pattern CLAUSE_START = Pattern.compile(",|:|\\(|\\)|\\bbut\\b|\\bwhile\\b|\\bwhereas\\b"
            + "|\\balthough\\b|\\bbecause\\b|\\bsince\\b|\\bso\\b|\\bthen\\b|\\botherwise\\b|\\bhowever\\b"
            + "|\\band (then )?(we|i|it|they|the \\w+ (will|should|must))\\b");

    /** Words that put what follows out of reach: it is negated, prevented, detected or defended against. */
    private static final Pattern NEGATOR = Recognition.wholeWords("never|not|no|nothing|none|neither|nor|without"
            + "|prevent\\w*|avoid\\w*|forbid\\w*|forbidden|block\\w*|stop\\w* (\\w+ )?from"
            + "|(protect|guard)(s|ed|ing)? (against|from)"
            + "|detect\\w*|alert\\w*|flag\\w*|reject\\w*|refus\\w*|disallow\\w*|impossible|instead of|rather than"
            + "|against|catch\\w*|find\\w*|identify\\w*|monitor\\w*|audit\\w*|report\\w*|count\\w*|measure\\w*"
            + "|quantify\\w*|attackers?|malicious|attempts? to|tries to|trying to|what if|what happens|recording"
            + "|logging|tracking|spot|spots|spotting|notice|notices|noticing"
            // "someone accidentally disabled idempotency": an accident is never what a request asks for
            + "|accidental\\w*|by accident|inadvertent\\w*|unintentional\\w*");

    /** Words that report the past or a state of affairs rather than ask for anything. */
    static final Pattern PAST = Recognition.wholeWords("was|were|had|did|got|happened|used to|ago"
            + "|yesterday|last (week|month|year|quarter|sprint|night|time|friday|saturday|sunday|monday"
            + "|tuesday|wednesday|thursday)|in (january|february|march|april|may|june|july|august|september"
            + "|october|november|december|\\d{4})|incident|postmortem|post mortem|bug|by mistake|misconfigured"
            + "|ended up|turned out|we found|we learned|we discovered");

    /** A goal of protection: the outcome happens once ({@code each purchase results in exactly one credit}). */
    private static final Pattern PROTECTS = Recognition.wholeWords("exactly one|exactly once(?! (delivery|semantics"
            + "|processing|subscriptions?|settings?|mode|support|guarantees?|producers?|consumers?|transactions?))"
            + "|only once|at most once"
            + "|one and only one|once and only once|(never|not|cannot|can not|no) (\\w+ ){0,3}(twice|again|more than once"
            + "|double\\w*|duplicat\\w*)|(each|every|any) \\w+( \\w+){0,5} (produces?|results? in|creates?|yields?"
            + "|gets?|makes?|leads? to|ends? (up )?with|moves?|charges?) (exactly |only |just )?(one|once|a single)"
            // "so each deposit is applied once": the effect named, then once
            + "|(is|are|gets?|be) (\\w+ )?(applied|charged|processed|executed|credited|debited|booked|paid|posted"
            + "|sent|delivered|run|handled|counted|recorded) (exactly |only |just )?once");

    /** Words that ask for what follows, or say it is decided. */
    private static final Pattern ASKING = Recognition.wholeWords("(we|i) (want|would like|would love|need|plan"
            + "|intend|propose|decided|have decided|are going|will|shall|must|prefer|wish|require|would rather"
            + "|accept|keep|continue|like)|let us|let's|please|pls|kindly|should|must|shall|is to be|are to be"
            + "|going to|from (now|next release)|requirement|requested|request|change|decision|target|proposal"
            + "|design|make|just|keep|ask|so that|in order to|allow|let|lets|via|we|wants|needs|is required|deliberately"
            + "|intentionally|on purpose|purposely"
            + "|will|would|can|could|to");

    /** A sentence that starts with a verb asks for it (an imperative). */
    private static final Pattern IMPERATIVE = Pattern.compile("^(please |pls |kindly |just |then |also |and |simply"
            + " |always |now |first |instead |deliberately |intentionally |on purpose |so |silently |quietly )*"
            + "(disable|drop|remove|skip|bypass|turn|switch|delete|rip|strip|send|retry|retries|make|let|set|give"
            + "|use|have|run|write|publish|ack|commit|keep|call|generate|mint|create|stop|reduce|cut|replace|move"
            + "|mark|allow|do|apply|resolve|configure|add|flip|accept|design|tune|treat|fire|process|charge|debit"
            + "|credit|post|pay|issue|leave|ignore|deactivate|decommission|retire|eliminate|kill|omit|take|put"
            + "|return|answer|overwrite|execute|resend|rerun|re run|restart|implement|build|change|convert|shorten"
            + "|lower|expire|purge|reap|trust|rely|go|read|dedupe|no|without)\\b");

    private Mood() {
    }

    /** The words of the phrase's own clause before it. */
    static String clauseBefore(String sentence, int start) {
        String before = sentence.substring(0, start);
        Matcher m = CLAUSE_START.matcher(before);
        int from = 0;
        while (m.find()) {
            from = m.end();
        }
        return before.substring(from);
    }

    /**
     * Whether the phrase at {@code start} is negated, prevented or defended against within its clause; a
     * negation carries over the items of a list ({@code no transaction, outbox or compensating step}, {@code flag:
     * double charges, missing captures}).
     */
    static boolean negated(String sentence, int start) {
        String clause = clauseBefore(sentence, start);
        if (NEGATOR.matcher(clause).find()) {
            return true;
        }
        int from = start - clause.length();
        boolean listItem = clause.strip().matches("((or|and|nor)( \\w+)?)?") && from > 0
                && (sentence.charAt(from - 1) == ',' || sentence.charAt(from - 1) == ':');
        return listItem && negated(sentence, from - 1);
    }

    /** Whether the phrase from {@code start} to {@code end}, with its clause, speaks of the past. */
    static boolean past(String sentence, int start, int end) {
        return PAST.matcher(clauseBefore(sentence, start) + sentence.substring(start, end)).find();
    }

    /**
     * Like {@link #past(String, int, int)}, and also when the phrase's first word or its clause has a verb in the
     * past tense ({@code our helper minted a new key per attempt}); for phrases that are themselves verbs.
     */
    static boolean pastAction(String sentence, int start, int end) {
        String firstWord = sentence.substring(start, end).split(" ")[0];
        return PAST.matcher(sentence.substring(0, end)).find()
                || PAST_VERB.matcher(clauseBefore(sentence, start) + firstWord).find();
    }

    /** A verb in the past tense: irregular, or in -ed after a subject rather than an article or auxiliary. */
    private static final Pattern PAST_VERB = Pattern.compile("\\b(?!(the|a|an|every|each|all|any|some|no|is|are|be"
            + "|been|being|get|gets|so|that|was|were|not|will|would|to|and|or|with|of|for|by|as|if|when|whose|its"
            + "|their|our|his|her|this|these|those|must|should|can|could|may|might|shall|have|has)\\b)\\w+ "
            + "((built|bought|came|went|made|sent|paid|ran|took|gave|became|wrote|broke|began|knew|told|thought"
            + "|minted)\\b|(?!(need|seed|feed|speed|exceed|proceed|succeed|bleed|breed|embed|shed|bed|red|hundred)"
            + "\\b)\\w+ed\\b)");

    /** Whether the sentence sets a goal of protection: that an outcome happens once, never twice. */
    static boolean protects(String sentence) {
        return PROTECTS.matcher(sentence).find();
    }

    /** Whether the sentence reports the past (an incident, a bug) rather than asking for anything. */
    static boolean past(String sentence) {
        return PAST.matcher(sentence).find();
    }

    /**
     * Whether the phrase at {@code start} is asked for: the sentence or the phrase's clause starts with a verb
     * (an instruction), or the clause before it has a word that asks ({@code we want}, {@code should}).
     */
    static boolean asking(String sentence, int start) {
        String clause = clauseBefore(sentence, start);
        String fromClause = sentence.substring(start - clause.length()).strip();
        return IMPERATIVE.matcher(sentence).find() || IMPERATIVE.matcher(fromClause).find()
                || ASKING.matcher(clause).find();
    }

    /** Whether anything in the sentence asks: it starts with a verb, or has a word that asks ({@code we want}). */
    static boolean asks(String sentence) {
        return IMPERATIVE.matcher(sentence).find() || ASKING.matcher(sentence).find();
    }

    /** Whether the sentence starts with a verb: an instruction. */
    static boolean imperative(String sentence) {
        return IMPERATIVE.matcher(sentence).find();
    }
}
