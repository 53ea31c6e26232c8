package dev.idem.adapter.builtin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failure scenarios the architect has a standard mitigation for, with the words that name them. Patterns are
 * whole-word and case-insensitive.
 */
enum FailureMode {
    CLIENT_TIMEOUT_RETRY("Gateway or client timeout followed by a client retry",
            "gateway timeouts?|(api|http|client|request|read|upstream|socket|connection|network|integration)"
                    + " time-?outs?|(?<!visibility )(?<!ack )(?<!lock )(?<!processing )time-?outs?|504s?"
                    + "|timed out|timing out"
                    + "|client[- ]?(side )?retr(y|ies)|automated (client )?retr(y|ies)"
                    + "|automatic (client )?retr(y|ies)|sdk retr(y|ies)"),
    CONSUMER_REBALANCE("Consumer rebalance redelivering uncommitted messages",
            "rebalanc\\w*|partition (re)?assignments?|partitions? (are |get |being )?(revoked|reassigned|moved)"
                    + "|re-?shard\\w*|shard (splits?|merges?)|(partition |shard )?ownership (changes?|moves?|transfers?)"
                    + "|leases? (moves?|moved|stolen|steal\\w*|reassign\\w*)"),
    DUPLICATE_DELIVERY("Duplicate message delivery",
            "duplicate (messages?|events?|deliver(y|ies)|records?)|redeliver\\w*|at[- ]least[- ]once"
                    + "|delivered (twice|more than once)"),
    VISIBILITY_TIMEOUT("Visibility timeout, ack deadline or message lock expiring mid-processing",
            "visibility time-?outs?|ack(nowledge?ment)? deadlines?|lock duration|message locks?|peek[- ]?lock"
                    + "|consumer_timeout|ack ?wait"),
    CRASH_BEFORE_ACK("Crash after the side effect, before the ack or commit",
            "crash\\w*|kill -9|sigkill|oom\\w*|out of memory|pod (restarts?|evictions?|evicted)"
                    + "|(worker|consumer|process|node|instance|container|pod)s? (dies|died|fails|failures?|restarts?)"
                    + "|before (the )?(ack|acknowledge?ment|commit|offset commit)|spot (instance )?interruptions?"),
    LOCK_EXPIRY("Lock or lease expiring during a GC or VM pause",
            "gc pauses?|garbage collection|stop[- ]the[- ]world|(locks?|leases?) (expir\\w*|time-?outs?|lost)"
                    + "|(lock|lease) expiry|long pauses?|vm pauses?|process pauses?"),
    NETWORK_PARTITION("Network partition",
            "network partitions?|partitioned network|split[- ]brain|network (blips?|glitch\\w*|failures?|splits?)"
                    + "|packet loss|connection (resets?|drops?|lost)"),
    STORE_FAILOVER("Store failover or replica lag",
            "fail[- ]?overs?|replica(tion)? lag|read replicas?|lagging replicas?|async(hronous)? replication"
                    + "|primary (failure|switch\\w*|promotion)|eventual(ly)? consisten\\w*"),
    STORE_OUTAGE("Idempotency store unavailable",
            "(redis|database|db|dynamodb|store|cache) (is )?(outages?|down|unavailable|unreachable|failures?)"
                    + "|(redis|database|db|cache) outages?"),
    CLOCK_SKEW("Clock skew between nodes", "clock (skew|drift|jumps?)|ntp|time (sync\\w*|drift)|wall[- ]clocks?"),
    POISON_MESSAGE("Poison message", "poison( messages?| pills?)?|dead[- ]letter\\w*|dlq|malformed (messages?|payloads?"
            + "|events?)|always fail\\w*|infinite (retr\\w*|loops?)|requeue loops?"),
    PAYLOAD_MISMATCH("Key reused with a different payload",
            "payload mismatch(es)?|key reuse|reused keys?|reuses? (the|a|an) (same )?(idempotency )?key"
                    + "|same key with (a )?different|different (payloads?|bod(y|ies)|parameters|amounts?)"
                    + "|key collisions?|colliding keys?"),
    RETRY_STORM("Retry storm", "retry storms?|thundering herds?|retry amplification|amplification|cascading failures?"
            + "|overload\\w*|traffic spikes?|brownouts?|load spikes?"),
    DUPLICATE_WEBHOOK("Duplicate webhook delivery",
            "duplicate webhooks?|webhooks? (are |get |being )?(retr\\w*|redeliver\\w*|resen[dt]\\w*)"
                    + "|same webhook"),
    DOUBLE_SUBMIT("Double submission by the user", "double[- ]?(clicks?|submits?|submissions?|taps?)"
            + "|users? (retr\\w*|resubmit\\w*|refresh\\w*)|resubmi\\w*"),
    OUT_OF_ORDER("Out-of-order delivery", "out[- ]of[- ]order|reorder\\w*|ordering (issues?|violations?|problems?)"),
    PARTIAL_FAILURE("Partial failure and re-runs", "partial (batch )?failures?|partial(ly)? (succe\\w*|applied"
            + "|commit\\w*)|half[- ]applied|partial success|batch (re-?runs?|retr\\w*|restarts?)|re-?runs?"),
    DOWNSTREAM_TIMEOUT("Third-party call with an unknown outcome",
            "(psp|payment provider|stripe|third[- ]party|downstream|external (api|service)|provider) (call )?"
                    + "(time-?outs?|errors?|failures?|5\\d\\d|outages?)"),
    UNKNOWN_OUTCOME("Unknown outcome after a lost response",
            "unknown outcomes?|indeterminate|ambiguous|lost (responses?|acks?)|responses? (was |were |is )?lost");

    private final String title;
    private final Pattern pattern;

    FailureMode(String title, String words) {
        this.title = title;
        this.pattern = Recognition.wholeWords(words);
    }

    String title() {
        return title;
    }

    /** Where this mode is first named in the text, or -1. */
    int firstMentionIn(String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.start() : -1;
    }
}
