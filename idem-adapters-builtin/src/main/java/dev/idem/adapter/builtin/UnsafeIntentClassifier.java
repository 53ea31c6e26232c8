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
 *   <li>A <em>purpose</em> counts as intent: "so (that)", "in order to/that", "so as to", "such that" followed,
 *       with no defensive word in between or right after, by a duplicate outcome in the present tense ("the
 *       customer is billed twice", "charges the card again", "a second payment row"). A past-tense outcome
 *       ("so the customer was charged twice") reports a consequence, not a purpose.</li>
 *   <li>Removing a structural safeguard (drop/remove/delete + unique constraint/index, dedup or idempotency
 *       check, outbox, fencing, transaction boundary, validation) is an action on a safety mechanism like the
 *       ones above. Releasing or deleting a lock or an expired key is ordinary lifecycle and is not.</li>
 *   <li>Defeating the idempotency key itself (a new/fresh/random key for every retry or attempt, regenerating
 *       or rotating the key per retry) counts only with an intent marker or a purpose outcome: described as a
 *       client bug, it is a scenario to design against.</li>
 *   <li>Turning a safety mechanism off is legitimate where it protects nothing or is replaced: the clause
 *       scopes it to read-only, side-effect-free work (read-only, no side effects, GET/HEAD endpoints, pure
 *       reads) and names no write, money or state change; or it says the mechanism is replaced by (rely on,
 *       instead, in favour of) a named safeguard. Neither relief applies when the clause states a duplicate
 *       outcome as its purpose.</li>
 *   <li>Duplicated <em>writes</em> (double-write, dual-write, duplicate writes) come with intent in every
 *       migration plan; they count only when the clause names no affirmed safeguard (idempotent writes,
 *       upserts, reconciliation, outbox, verification, comparison, checksums, dedup, conditional writes,
 *       version checks). A safeguard preceded by "without", "no", "skip" or "disable" is not affirmed.
 *       Duplicated money movements (charges, payments, debits) are never relieved this way.</li>
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

    /**
     * Removal verbs aimed at structural safeguards only: dropping or deleting a lock or an expired key is the
     * normal lifecycle of those objects.
     */
    private static final Pattern REMOVAL_OF_SAFEGUARD = words("(?<verb>drop(s|ped|ping)?|remov(e|es|ed|ing)"
            + "|delet(e|es|ed|ing)|rip(s|ped|ping)? out|strip(s|ped|ping)?( out)?|get(s|ting)? rid of)"
            + "( (the|our|all|any|every|each|a|an))?( [\\w-]+){0,2} (unique (constraints?|index(es)?)|constraints?"
            + "|dedup\\w*( checks?| logic)?|de-dup\\w*|deduplication( checks?| logic)?"
            + "|idempotency (checks?|layer|logic|guard|middleware)|outbox|fencing( tokens?| checks?)?"
            + "|transaction boundar(y|ies)|transactions|validations?|integrity checks?|safety checks?)");

    /** Verb forms that usually describe what something does rather than ask for it. */
    private static final Pattern DESCRIPTIVE_VERB = Pattern.compile(
            "bypass(es|ed)|skip(s|ped)|disables|disabled|circumvents|circumvented|ignores|ignored|turns off"
                    + "|turned off|switches off|switched off|defeats|defeated|gets around|works around"
                    + "|drops|dropped|removes|removed|deletes|deleted|rips out|ripped out|strips|stripped"
                    + "|gets rid of|got rid of");

    /** A fresh key per attempt turns every retry into a new operation. */
    private static final Pattern KEY_DEFEAT = words("(new|fresh|brand[- ]new|random|different|unique|another)"
            + " (idempotency |dedup\\w* |request )?keys? (for|on|per|with|to) (each|every|the next|any|a)"
            + " (retry|retries|attempt|attempts|resend|resubmission|request)"
            + "|(each|every) (retry|attempt|resend|resubmission)( gets| uses| carries)?( a| an)? (new|fresh|brand[- ]new"
            + "|random|different|unique) (idempotency |dedup\\w* |request )?key"
            + "|(regenerat|rotat|re-?generat|re-?mint|chang)\\w* (the |its |their )?(idempotency |dedup\\w* )?keys?"
            + " (on|for|per|with|at) (each|every|the|any|a) (retry|retries|attempt|resend)");

    private static final Pattern PURPOSE = words("so( that)?|in order (to|that)|so as to|such that"
            + "|with the (goal|aim|intent|intention) of");

    /** Duplicate outcomes a purpose clause can aim at; "again" alone is fine for a dunning retry. */
    private static final Pattern DUPLICATE_OUTCOME = words(
            "(charg|bill|debit|pay|credit|invoic)\\w*( [\\w'-]+){0,3} (twice|again|a second time|double"
                    + "|more than once|two times|multiple times)"
                    + "|(second|duplicate|another|extra|double) (payments?|charges?|debits?|credits?|transfers?"
                    + "|orders?|bookings?|invoices?)( rows?| records?| entr(y|ies))?"
                    + "|(second|duplicate|extra) (rows?|records?|entr(y|ies))"
                    + "|double[- ]?(charg|bill|spend|book|post|credit|debit|pay)\\w*"
                    + "|duplicates?( [\\w-]+){0,2} (happen|occur|go through|get through|slip through|are (created"
                    + "|written|inserted|processed|accepted|charged))"
                    + "|(balances?|ledger|data|records?) (drifts?|diverges?|(is |are |gets? )?corrupted)");
    private static final Pattern PAST_TENSE = words("was|were|had|got|did|has been|have been|ended up");
    private static final Pattern NEGATED_AFTER = words("impossible|fail\\w*|prevented|rejected|blocked|refused"
            + "|caught|detected|avoided");

    /** Work that a lock, dedup check or transaction does not protect, because it changes nothing. */
    private static final Pattern NO_EFFECT_SCOPE = words("read[- ]only|no side[- ]effects?|side[- ]effect[- ]free"
            + "|without side[- ]effects?|(get|head|options) (endpoints?|requests?|routes?|handlers?|calls?|methods?)"
            + "|pure reads?|reads? only|queries only|safe (methods?|reads?)");
    private static final Pattern STATE_CHANGE = words("writ\\w*|wrote|updat\\w*|insert\\w*|delet\\w*|upsert\\w*"
            + "|(post|put|patch|delete) (endpoints?|requests?|routes?|handlers?|calls?)|mutat\\w*|payments?|pay"
            + "|charg\\w*|bill\\w*|transfer\\w*|balances?|ledger|orders?|debit\\w*|credit\\w*|money|commit\\w*"
            + "|book\\w*|refund\\w*");
    private static final Pattern REPLACEMENT = words("rel(y|ies|ying) on|replac\\w*|instead|in favou?r of"
            + "|superseded by|covered by|taken over by");

    /** Safeguards that make a duplicated write a controlled one (a migration's double-write, a backfill). */
    private static final Pattern SAFEGUARD = words("idempotent( [\\w-]+)?|upserts?|reconcil\\w*|outbox"
            + "|verif\\w*|checksums?|compar(e|es|ed|ing|ison)|dedup\\w*|deduplicat\\w*|idempotency keys?"
            + "|unique (constraints?|index(es)?)|conditional (writes?|puts?|updates?)|version (checks?|numbers?)"
            + "|fencing( tokens?)?|inbox");
    private static final Pattern NEGATED_BEFORE = Pattern.compile(
            "((?<![\\w])(without|no|skip\\w*|disabl\\w*|bypass\\w*|remov\\w*|drop\\w*|ignor\\w*|turn\\w* off"
                    + "|switch\\w* off|never|not)|n't)( [\\w-]+){0,3} $");
    private static final Pattern WRITE_DUPLICATION = words("double[- ]?(write|writes|writing)|dual[- ]?(write|writes"
            + "|writing)|duplicate writes?");
    private static final Pattern RELATIVE_BEFORE = Pattern.compile("(that|which|who|when|if|whenever|where|because) $");

    private static final List<Pattern> STRONG = List.of(
            words("unsafe bypass"),
            words("corrupt(ing)? (the |our |all |customer |production |their )?(data|ledger|records?|balances?"
                    + "|database|state|accounts?)"),
            words("overwrit\\w* (the )?(other|another|all|different) (tenants?|users?|customers?|accounts?)'?s?"));

    private static final List<Pattern> WEAK = List.of(
            words("double[- ]?(write|writes|writing|charge|charges|charging|spend\\w*|book\\w*|post\\w*|bill\\w*)"),
            words("dual[- ]?(write|writes|writing)"),
            words("(charg|bill|debit)\\w*( [\\w'-]+){0,3} (twice|a second time|more than once|two times)"),
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
        boolean purpose = purposeOutcome(clause);
        boolean statedIntent = INTENT.matcher(clause).find() || purpose;
        boolean intent = statedIntent || IMPERATIVE_START.matcher(clause).find();
        for (Pattern safetyAction : List.of(ACTION_ON_SAFETY, REMOVAL_OF_SAFEGUARD)) {
            Matcher action = safetyAction.matcher(clause);
            while (action.find()) {
                String before = clause.substring(0, action.start());
                boolean descriptive = DESCRIPTIVE_VERB.matcher(action.group("verb")).matches()
                        || RELATIVE_BEFORE.matcher(before).find();
                if ((intent || !descriptive) && !DEFENSIVE.matcher(before).find()
                        && (purpose || !protectsNothing(clause) && !replaced(clause.substring(action.end())))) {
                    return true;
                }
            }
        }
        if (statedIntent && undefendedMatch(KEY_DEFEAT, clause)) {
            return true;
        }
        if (intent) {
            boolean controlled = !purpose && affirmedSafeguard(clause);
            for (Pattern p : WEAK) {
                Matcher m = p.matcher(clause);
                while (m.find()) {
                    boolean controlledWrite = controlled && WRITE_DUPLICATION.matcher(m.group()).matches();
                    if (!controlledWrite && !DEFENSIVE.matcher(clause.substring(0, m.start())).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A purpose clause aimed at a duplicate outcome, not negated around it and not a past-tense consequence. */
    private static boolean purposeOutcome(String clause) {
        Matcher purpose = PURPOSE.matcher(clause);
        while (purpose.find()) {
            String rest = clause.substring(purpose.end());
            Matcher outcome = DUPLICATE_OUTCOME.matcher(rest);
            while (outcome.find()) {
                String between = rest.substring(0, outcome.start());
                String after = rest.substring(outcome.end(), Math.min(rest.length(), outcome.end() + 40));
                if (!DEFENSIVE.matcher(between).find() && !PAST_TENSE.matcher(between).find()
                        && !NEGATED_AFTER.matcher(after).find() && !DEFENSIVE.matcher(after).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean protectsNothing(String clause) {
        return NO_EFFECT_SCOPE.matcher(clause).find() && !STATE_CHANGE.matcher(clause).find();
    }

    private static boolean replaced(String afterAction) {
        return REPLACEMENT.matcher(afterAction).find() && affirmedSafeguard(afterAction);
    }

    private static boolean affirmedSafeguard(String text) {
        Matcher m = SAFEGUARD.matcher(text);
        while (m.find()) {
            if (!NEGATED_BEFORE.matcher(text.substring(0, m.start())).find()) {
                return true;
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
