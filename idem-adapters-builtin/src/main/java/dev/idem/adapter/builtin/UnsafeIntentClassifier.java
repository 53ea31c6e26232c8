package dev.idem.adapter.builtin;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a request asks for a design that corrupts data or bypasses safe transactions, deduplication
 * or consistency. The intent decides, not the vocabulary: idempotency designs are full of alarming words
 * ("unsafe methods", "data corruption", "duplicate charges"), and a request that names a danger in order to
 * prevent it must get a design.
 *
 * <p>Rules, applied clause by clause (a clause ends at {@code . ; ! ?} or a line break):
 * <ol>
 *   <li>Benign idioms are blanked out first: "unsafe HTTP methods", "unsafe methods" (RFC 9110's term for
 *       POST/PATCH), "bypass queue/lane/channel/topic/route/path" (a priority lane, a noun).</li>
 *   <li>A <em>strong</em> harmful phrase always counts: "unsafe bypass"; corrupt (the/our/...)
 *       data/ledger/records/balances/state; overwrite other tenants'/users' records.</li>
 *   <li>An action aimed at a safety mechanism (bypass/skip/disable/circumvent/ignore/turn off/switch off/
 *       defeat/get around + a few words + transaction(s), dedup/deduplication, idempotency check/key/layer,
 *       validation, consistency, lock(s)/locking, outbox, fencing, unique constraint/index, integrity or safety
 *       checks) counts when phrased as a request ("skip the dedup check", "disabling the outbox"). Phrased as a
 *       description ("the legacy job bypasses validation", "consumers that skip the dedup check cause
 *       duplicates": a third-person or past verb, or a verb right after that/which/who/when/if) it counts only
 *       with an intent marker (see the next rule), e.g. "design a retry strategy that bypasses the transaction".</li>
 *   <li>A <em>weak</em> harmful phrase is an outcome that a failure scenario may legitimately describe:
 *       double-write/double-charge/double-spend, duplicate charges/payments/writes, "let duplicates through",
 *       silently drop/discard/lose writes, overwrite balances/ledger/records, commit/write/post without
 *       (any) transaction/transaction boundary/dedup/locking. It counts only when the clause also states an
 *       intent to do it: "on purpose", "intentionally", "deliberately", "we want", "I want", "let's",
 *       "so (that) retries/writes/it ...", "in order to", or the clause starts with the action itself
 *       (an imperative such as "commit to the ledger without any transaction boundary"), or "design/build/
 *       implement ... that/which/to".</li>
 *   <li>A harmful phrase does not count when the same clause puts a defensive or negating word before it:
 *       prevent, avoid, detect, protect, guard, stop, block, reject, refuse, forbid, disallow, never, not,
 *       no, without corrupting, cannot, alert, audit, monitor, catch, flag, deny, ensure, attempts/tries to,
 *       attacker, malicious, what if, how do we stop. Such clauses describe a threat to defend against.</li>
 * </ol>
 * Everything else is safe.
 */
final class UnsafeIntentClassifier {

    private static final List<Pattern> BENIGN = List.of(
            words("unsafe (http )?(methods?|verbs?|requests?)"),
            words("bypass (queues?|lanes?|channels?|topics?|routes?|paths?|valves?)"));

    private static final String SAFETY_OBJECT = "(transactions?|transactional \\w+|dedup\\w*|de-dup\\w*"
            + "|deduplication( checks?| logic)?|idempotency( checks?| keys?| layer| logic| guard)?|validations?"
            + "|consistency( checks?)?|locks?|locking|outbox|fencing( tokens?)?|unique (constraints?|index(es)?)"
            + "|constraints?|integrity checks?|safety checks?|acid( guarantees)?)";

    private static final Pattern ACTION_ON_SAFETY = words("(?<verb>bypass(es|ed|ing)?|skip(s|ped|ping)?"
            + "|disabl(e|es|ed|ing)|circumvent(s|ed|ing)?|ignor(e|es|ed|ing)|(turn(s|ed|ing)?|switch(es|ed|ing)?) off"
            + "|defeat(s|ed|ing)?|get(s|ting)? around|work(s|ing)? around)"
            + "( (the|our|all|any|every|each|a|an))?( [\\w-]+){0,2} " + SAFETY_OBJECT);

    /** Verb forms that usually describe what something does rather than ask for it. */
    private static final Pattern DESCRIPTIVE_VERB = Pattern.compile(
            "bypass(es|ed)|skip(s|ped)|disables|disabled|circumvents|circumvented|ignores|ignored|turns off"
                    + "|turned off|switches off|switched off|defeats|defeated|gets around|works around");
    private static final Pattern RELATIVE_BEFORE = Pattern.compile("(that|which|who|when|if|whenever|where|because) $");

    private static final List<Pattern> STRONG = List.of(
            words("unsafe bypass"),
            words("corrupt(ing)? (the |our |all |customer |production |their )?(data|ledger|records?|balances?"
                    + "|database|state|accounts?)"),
            words("overwrit\\w* (the )?(other|another|all|different) (tenants?|users?|customers?|accounts?)'?s?"));

    private static final List<Pattern> WEAK = List.of(
            words("double[- ]?(write|writes|writing|charge|charges|charging|spend\\w*|book\\w*|post\\w*)"),
            words("duplicate (charges?|payments?|writes?|orders?|transfers?|debits?|credits?)"),
            words("let\\w* (the )?duplicates?( [\\w-]+){0,2} through"),
            words("silently (drop|discard|lose|swallow|ignore)\\w* (the |all |some )?(writes?|updates?|messages?"
                    + "|events?|data|records?|payments?)"),
            words("overwrit\\w* (the |their |customer |account )?(balances?|ledger|records?|data|state)"),
            words("(commit|write|post|apply|update|debit|credit)\\w*( [\\w'-]+){0,5} without (any |a |the )?"
                    + "(transaction|transactional|dedup\\w*|idempotency|lock\\w*|fencing)\\w*"));

    private static final Pattern INTENT = words("on purpose|intentionally|deliberately|purposely|we want|i want"
            + "|want to|wants to|need to|let's|let us|so (that )?(retries|writes|it|they|we|duplicates|updates)"
            + "|in order to|make sure (it|they|retries)|(design|build|implement)\\w*( [\\w'-]+){0,5}"
            + " (that|which|to)");

    private static final Pattern DEFENSIVE = words("prevent\\w*|avoid\\w*|detect\\w*|protect\\w*|guard\\w*|stop\\w*"
            + "|block\\w*|reject\\w*|refus\\w*|forbid\\w*|disallow\\w*|never|not|no|n't|cannot|without corrupting"
            + "|alert\\w*|audit\\w*|monitor\\w*|catch\\w*|flag\\w*|deny|denies|ensur\\w*|attempts? to|tries to"
            + "|trying to|attackers?|malicious|what if|how (do|can|should) (we|i|you)|resist\\w*|mitigat\\w*"
            + "|handl\\w*|defen[sd]\\w*|safe(ly|guard\\w*)?");

    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.;!?]+(\\s|$)|\\n+");
    private static final Pattern IMPERATIVE_START = Pattern.compile(
            "^(please |just |then |and |also )*(commit|write|post|apply|update|debit|credit|let|allow|overwrite"
                    + "|silently|double|corrupt|drop|force|make)\\b");

    /** Whether any of the texts asks for an unsafe design. */
    boolean isUnsafe(String... texts) {
        for (String text : texts) {
            for (String clause : CLAUSE_BREAK.split(normalise(text))) {
                if (harmful(clause.strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean harmful(String clause) {
        for (Pattern p : STRONG) {
            if (undefendedMatch(p, clause)) {
                return true;
            }
        }
        boolean intent = INTENT.matcher(clause).find() || IMPERATIVE_START.matcher(clause).find();
        Matcher action = ACTION_ON_SAFETY.matcher(clause);
        while (action.find()) {
            String before = clause.substring(0, action.start());
            boolean descriptive = DESCRIPTIVE_VERB.matcher(action.group("verb")).matches()
                    || RELATIVE_BEFORE.matcher(before).find();
            if ((intent || !descriptive) && !DEFENSIVE.matcher(before).find()) {
                return true;
            }
        }
        if (intent) {
            for (Pattern p : WEAK) {
                if (undefendedMatch(p, clause)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean undefendedMatch(Pattern p, String clause) {
        Matcher m = p.matcher(clause);
        while (m.find()) {
            if (!DEFENSIVE.matcher(clause.substring(0, m.start())).find()) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'');
        for (Pattern p : BENIGN) {
            t = p.matcher(t).replaceAll(" ");
        }
        return t.replaceAll("[ \\t]+", " ");
    }

    private static Pattern words(String alternatives) {
        return Recognition.wholeWords(alternatives);
    }
}
