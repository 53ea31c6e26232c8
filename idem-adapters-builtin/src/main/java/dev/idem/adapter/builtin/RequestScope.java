package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request says its work happens and what it says about itself as a whole: the reliefs that make taking
 * away a safeguard legitimate (an isolated test environment, a path that changes nothing of value), and whether
 * it endorses or sets out to fix what it describes. Computed once per request; the rules consult it per match.
 */
final class RequestScope {

    /** Environments where turning a safeguard off to observe the damage harms nobody. */
    static final Pattern ISOLATED = Recognition.wholeWords("staging|sandbox(es|ed)?|test (env\\w*|cluster"
            + "|lab|mode|suite|account|run|runs|db|database|namespace|copy|keys?|psp|environment|only)|load test\\w*"
            + "|perf(ormance)? (env\\w*|test\\w*|engineering)|pre ?prod|game ?day|chaos( \\w+)?|docker compose|compose"
            + " file|local (env\\w*|setup|stack|copy|sandbox)|laptop|ci (pipeline|job)|isolated|synthetic"
            + "|fake (psp|acquirer|money|bank|connector|ses|endpoint)|mock( psp| bank| of)?|simulator|stub|experiment"
            + "|benchmark\\w*|toxiproxy|inject\\w* (faults?|latency|errors?)|fault injection|dry run|test mode"
            + "|to (measure|reproduce|quantify|demonstrate|benchmark)|ci (tests?|jobs?|pipelines?|runs?|builds?)"
            + "|testcontainers|in (a|one|the|each|every|this) (unit |integration )?test|(unit|integration|contract) tests?"
            + "|test cases?|test suites?");
    private static final Pattern NOT_ISOLATED = Recognition.wholeWords("not (a|an|just a) (test|experiment)"
            + "|permanent\\w*|for good|in prod(uction)?|on prod(uction)?|live traffic|real (money|customers|cards)");
    private static final Pattern PRODUCTION_GUARDED = Recognition.wholeWords("(never|not|blocked|impossible|"
            + "cannot|can not|confined|keep\\w*|kept|guard\\w*|block\\w*|prevent\\w*|before|against|from|out of|into"
            + "|reach\\w*|ship\\w*|leak\\w*|touch\\w*)( \\w+){0,4} (prod|production)");

    /** Paths whose duplicates change nothing of value: reads, analytics, logs, caches. */
    static final Pattern NO_EFFECT = Recognition.wholeWords("dashboards?|analytics|reporting|reports"
            + "|logs?|log lines|debugging|observability|metrics|telemetry|search (index\\w*|docs?|documents?)"
            + "|indexer|opensearch|elasticsearch|recommendations?|feature (store|counts?|pipeline)|training"
            + "|notebooks?|scratch|charts?|graphs|approximate\\w*|read only|only reads|never writes|nothing is"
            + " (written|saved)|nothing (\\w+ )?(writes|is saved)|no side effects?|without side effects?|get requests?"
            + "|get endpoints?|reads? (have|has) no|pure reads?|idempotent by nature|naturally idempotent|upserts?"
            + "|overwrites? the same|zadd|is displayed|only displayed|tendencies|trends|funnels|harmless|insensitive to"
            + "|(do|does) not change|no effect|negligible( effect)?|page ?views?|view counts?|view counters?|like counts?"
            + "|leaderboards?|popularity");
    /**
     * A path said to write nothing ({@code pure calculation, no writes}); apart from {@link #NO_EFFECT}.
     */
    private static final Pattern WRITES_NOTHING = Recognition.wholeWords("no writes?|writes nothing"
            + "|pure (calculations?|computations?|functions?)");
    /** Effects that matter; each must be denied or placed elsewhere for a path to count as effect-free. */
    static final Pattern VALUABLE = Recognition.wholeWords("bill\\w*|payments?|pay|paid|payouts?|charg\\w*"
            + "|money|invoic\\w*|ledger|balances?|refund\\w*|transfers?|orders?|purchases?|fares?|tickets?|audit\\w*"
            + "|security|user facing|customer facing|emails?|sms|(user|customer|push|sms|email) notifications?"
            + "|notifications? to (users|customers|clients)|messages to users"
            + "|wallets?|credits?|debits?|bookings?|shipments?|stock|inventory|writes? to|commissions?|crm|erp"
            + "|(user |customer |member )?(profiles?|accounts?)|source of truth|system of record"
            + "|patients?|medical|clinical|medications?|doses?|prescriptions?|lab results?|health records?");
    /** {@code a fare estimate}, {@code a price preview}: a valuable word that only names a figure computed. */
    private static final Pattern ESTIMATED_AFTER = Pattern.compile("^ (estimat\\w*|previews?|simulations?"
            + "|calculat\\w*|status(es)?|history)\\b");
    /** {@code reads shipment status}, {@code GET /balances}: a valuable word read, not written. */
    private static final Pattern READ_BEFORE = Pattern.compile("\\b(reads?|reading|get|gets|fetch\\w*|views?|viewing"
            + "|shows?|showing|displays?|displaying|look(s|ing)? up|quer(y|ies|ying))( \\S+){0,1} ?$");
    private static final Pattern DENIED_BEFORE = Pattern.compile("(\\b(no|nothing|never|not|without|neither|nor"
            + "|none|zero)\\b[^.]{0,60}|\\bonly\\b[^.]{0,20})$");
    private static final Pattern ELSEWHERE_AFTER = Pattern.compile("^[^.]{0,80}\\b(elsewhere|another system"
            + "|other system|separate|separately|different|out of scope|other teams?|its own|own exactly once"
            + "|belongs? to|in another|by another|handled by)\\b");

    private final boolean isolatedContext;
    private final boolean effectFree;
    private final boolean removesLegacyFlag;

    private RequestScope(boolean isolatedContext, boolean effectFree, boolean removesLegacyFlag) {
        this.isolatedContext = isolatedContext;
        this.effectFree = effectFree;
        this.removesLegacyFlag = removesLegacyFlag;
    }

    static RequestScope of(RequestText text) {
        boolean isolated = false;
        boolean production = false;
        boolean legacyFlag = false;
        for (Sentence s : text.sentences()) {
            legacyFlag |= LegacyFlag.removes(s.normalised());
            isolated |= !s.scenarios() && isolated(s.normalised());
            production |= NOT_ISOLATED.matcher(s.normalised()).find()
                    && !PRODUCTION_GUARDED.matcher(s.normalised()).find();
        }
        return new RequestScope(isolated && !production, effectFree(text.whole()), legacyFlag);
    }

    /** Whether this sentence, or the request's system context, confines the work to an isolated test. */
    boolean isolatedTest(String sentence) {
        if (NOT_ISOLATED.matcher(sentence).find() && !PRODUCTION_GUARDED.matcher(sentence).find()) {
            return false;
        }
        return isolatedContext || isolated(sentence);
    }

    /**
     * Whether the request removes a flag that turns a safeguard off: its words about what the flag does (skips
     * the dedup check, retries without a key) describe what is being taken away, not what is asked for.
     */
    boolean removesLegacyFlag() {
        return removesLegacyFlag;
    }

    /** Whether the whole request concerns a path whose duplicates or gaps change nothing of value. */
    boolean effectFree() {
        return effectFree;
    }

    private static boolean isolated(String sentence) {
        return ISOLATED.matcher(sentence).find();
    }

    /** Some effect-free scope named, and every valuable effect named is denied or placed elsewhere. */
    private static boolean effectFree(String whole) {
        if (!NO_EFFECT.matcher(whole).find() && !WRITES_NOTHING.matcher(whole).find()) {
            return false;
        }
        Matcher valuable = VALUABLE.matcher(whole);
        while (valuable.find()) {
            String before = whole.substring(Math.max(0, valuable.start() - 80), valuable.start());
            int sentenceStart = before.lastIndexOf(" . ");
            before = sentenceStart < 0 ? before : before.substring(sentenceStart + 3);
            String after = whole.substring(valuable.end());
            if (!DENIED_BEFORE.matcher(before).find() && !ELSEWHERE_AFTER.matcher(after).find()
                    && !ESTIMATED_AFTER.matcher(after).find() && !READ_BEFORE.matcher(before).find()) {
                return false;
            }
        }
        return true;
    }
}
