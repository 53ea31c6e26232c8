package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code corruption-asked}: the request asks in so many words to corrupt data, hide it from auditors,
 * silently drop writes, or write over other tenants' records ({@code silently overwrite balances and corrupt the
 * ledger history}). Said to prevent or detect it ({@code how to prevent data corruption}), described ({@code
 * consumers corrupt the state when they crash}) or about the past ({@code an incident corrupted balances}), it
 * does not count.
 */
final class CorruptionRule implements IntentRule {

    static final String ID = "corruption-asked";

    private static final List<Pattern> ASKED_HARM = List.of(
            Recognition.wholeWords("unsafe bypass"),
            Recognition.wholeWords("corrupt(ing)? (the |our |all |customer |production |their )?(data|ledger( history)?"
                    + "|records?|balances?|database|state|accounts?|history)"),
            Recognition.wholeWords("overwrit\\w* (the )?(other|another|all|different) (tenants?|users?|customers?"
                    + "|accounts?)'?s?"),
            Recognition.wholeWords("(auditors?|regulators?|finance|customers?) (can not|cannot|will not|never) see"),
            Recognition.wholeWords("(hide|conceal|cover up|falsify|tamper with)\\w* (the )?(\\w+ ){0,2}(duplicates?"
                    + "|double charges?|gaps?|losses|records?|ledger|balances?|history|evidence)"),
            Recognition.wholeWords("silently (drop|discard|lose|swallow|ignore)\\w* (the |all |some )?(writes?|updates?"
                    + "|messages?|events?|data|records?|payments?|orders?)"));

    @Override
    public boolean overrulable() {
        return false;
    }

    @Override
    public Optional<UnsafeFinding> find(RequestText text, RequestScope scope) {
        for (Sentence s : text.sentences()) {
            String sentence = s.normalised();
            for (Pattern p : ASKED_HARM) {
                Matcher m = p.matcher(sentence);
                while (m.find()) {
                    boolean asked = p == ASKED_HARM.get(0) || Mood.asking(sentence, m.start());
                    if (asked && !Mood.negated(sentence, m.start()) && !Mood.past(sentence, m.start(), m.end())) {
                        return Optional.of(new UnsafeFinding(ID, "asks to corrupt or hide data", s.written()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
