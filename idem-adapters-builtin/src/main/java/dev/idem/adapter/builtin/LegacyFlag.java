package dev.idem.adapter.builtin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration flag that turns a safeguard off ({@code --skip-dedup}, {@code ALLOW_DUPLICATE_ORDERS=true},
 * {@code dedupe.disabled=true}, {@code idempotency.enforce=false}, a "kill switch" that stops the checks).
 * Removing one puts the safeguard back: a request that removes, retires or flips such a flag is relieved of the
 * words that describe what the flag does. Setting or keeping one takes the safeguard away.
 */
final class LegacyFlag {

    private static final String FLAG_WORD = "(flags?|options?|settings?|switch(es)?|kill switch|parameters?"
            + "|property|properties|env vars?|environment variables?|variables?|overrides?|config( value| entry)?"
            + "|modes?|args?|arguments?|defaults?|knobs?|toggles?|feature flags?)";
    /** Words that may stand between the verb and the flag: anything but a preposition or a conjunction. */
    private static final String MODIFIERS = "( (?!(in|on|at|for|from|of|with|to|by|via|and|or|so|because|since|when"
            + "|if)\\b)[\\w.=$-]+){0,4} ";
    private static final Pattern REMOVES_FLAG = Recognition.wholeWords("(remov|delet|kill|retir|drop|eliminat"
            + "|deprecat|sunset|flip|clean|purg|scrap|ditch|revert|undo|unset|reset)\\w*( up| out)?" + MODIFIERS
            + FLAG_WORD + "|(get|got|getting) rid of" + MODIFIERS + FLAG_WORD + "|(flip|set|switch|change|turn)\\w*"
            + " (the |that |this )?(\\w+ ){0,3}(default|flag|setting|option|value)s? (back )?to (false|true|off|on|0)"
            + "|phas\\w* out" + MODIFIERS + FLAG_WORD + "|(deprecation|removal|retirement|deletion|sunset) of"
            + MODIFIERS + FLAG_WORD);
    /** An identifier whose words say it turns a safeguard off. */
    private static final Pattern DANGER_FLAG = Pattern.compile("(?<![\\w])[\\w.]*(skip|disable|disabled|no|bypass"
            + "|allow|ignore|unsafe|shed|force|without|negative|non_?idempotent|nonidempotent)[\\w.]*"
            + "(\\s?=\\s?(true|1|on|yes))?|(?<![\\w])[\\w.]*(enforce|idempotence|idempotency|dedup\\w*|fencing)[\\w.]*"
            + "\\s?=\\s?(false|0|off)");
    private static final Pattern REMOVES_DANGER_FLAG = Recognition.wholeWords("(remov|delet|kill|retir|drop|eliminat"
            + "|deprecat|sunset|clean|purg|scrap|ditch|unset)\\w*( up| out)?( (the|that|this|our|its|legacy|old"
            + "|leftover|stale))*");
    private static final Pattern SETS = Recognition.wholeWords("set( (it|them|this|that))?|sets|enabl(e|es|ing)"
            + "|turn(s|ing)? on|switch(es|ing)? on|add|adds|adding|keep|keeps|keeping|leave|leaves|introduc(e|es|ing)"
            + "|ship|ships|roll out|flip on|pass|passes|passing");

    private static final Pattern APPOSITION = Pattern.compile("\\b(want|wants|need|needs|add|introduce|build|create"
            + "|ship)\\b( [\\w-]+){0,4} " + FLAG_WORD + ",? $");

    private LegacyFlag() {
    }

    private static final Pattern MENTION = Recognition.wholeWords(FLAG_WORD + "|[\\w.]*(skip|disable|disabled|bypass|allow"
            + "|ignore|unsafe|without|non_?idempotent|nonidempotent)[\\w.]*_[\\w.=]*|[\\w.]*_[\\w.]*(skip|disable|disabled"
            + "|bypass|allow|ignore|unsafe|without|non_?idempotent|nonidempotent)[\\w.=]*");

    /** Where the text first names a flag or a flag-like identifier ({@code allow_keyless_post}), or -1. */
    static int firstMention(String text) {
        Matcher m = MENTION.matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static boolean identifier(String word) {
        return word.contains("_") || word.contains(".") || word.contains("=");
    }

    /** Whether the sentence removes a flag (and so restores what the flag turned off). */
    static boolean removes(String sentence) {
        Matcher flag = REMOVES_FLAG.matcher(sentence);
        while (flag.find()) {
            if (!Mood.negated(sentence, flag.start())) {
                return true;
            }
        }
        Matcher removal = REMOVES_DANGER_FLAG.matcher(sentence);
        while (removal.find()) {
            String after = sentence.substring(removal.end()).stripLeading();
            Matcher danger = DANGER_FLAG.matcher(after);
            // an identifier ("remove skip_dedup"), not a word ("debits are dropped without notice")
            if (danger.lookingAt() && identifier(danger.group()) && !Mood.negated(sentence, removal.start())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words of a flag that turns a safeguard off, if the sentence sets, enables or keeps one, or names one in a
     * request that keeps the system as it is ({@code config: idempotency.enabled=false from next release} and
     * {@code need a retry strategy for that config}).
     */
    static java.util.Optional<String> sets(String sentence, boolean statusQuoKept) {
        Matcher danger = DANGER_FLAG.matcher(sentence);
        while (danger.find()) {
            if (!identifier(danger.group())) {
                continue;
            }
            String before = Mood.clauseBefore(sentence, danger.start());
            // "we want an operator switch, ALLOW_X, that ...": the flag stands in apposition to what is asked for
            boolean apposition = APPOSITION.matcher(sentence.substring(0, danger.start())).find();
            if ((SETS.matcher(before).find() || apposition || statusQuoKept) && !Mood.negated(sentence, danger.start()) && !removes(sentence)) {
                return java.util.Optional.of(danger.group());
            }
        }
        return java.util.Optional.empty();
    }
}
