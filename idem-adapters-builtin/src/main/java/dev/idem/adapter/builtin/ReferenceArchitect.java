package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.KnowledgeBase.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the flagship spec's answer without a model: a reference idempotency design assembled from the
 * knowledge base for the technologies and failure modes recognised in the input, or the refusal object when
 * the input asks for something unsafe. Pure function of its input: same input, same bytes.
 */
final class ReferenceArchitect {

    /** The exact refusal the flagship's system prompt demands. */
    static final String REFUSAL = "{\"error\": \"unsafe\"}";

    private final KnowledgeBase knowledge = new KnowledgeBase();
    private final Mitigations mitigations = new Mitigations();
    private final UnsafeIntentClassifier classifier = new UnsafeIntentClassifier();

    String answer(String systemContext, String failureScenarios) {
        if (classifier.isUnsafe(systemContext, failureScenarios)) {
            return REFUSAL;
        }
        Recognition r = Recognition.of(systemContext, failureScenarios);
        List<Section> sections = List.of(keys(r), stateMachine(r), storage(r), concurrency(r), ttl(r), retry(r),
                failureModes(r));
        StringBuilder out = new StringBuilder();
        for (Section s : sections) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append("## ").append(s.heading()).append('\n');
            for (Bullet b : s.bullets()) {
                out.append("\n- ").append(b.text());
                for (String child : b.children()) {
                    out.append("\n  - ").append(child);
                }
            }
        }
        return out.toString();
    }

    private Section keys(Recognition r) {
        Section s = new Section("Idempotency key generation and lifecycle");
        s.add("**Decision: the client generates the key**: a UUIDv4 (or UUIDv7 for index locality) created once per"
                + " logical operation, before the first attempt, persisted client-side and reused unchanged on every"
                + " retry; a new key only for a new intent");
        s.add("Keys are validated against a published format: 16–255 characters, printable ASCII; low-entropy keys are"
                + " rejected, and a missing key on a mutating operation gets 400");
        s.add("**Decision: the stored key is composite**: `tenant_id:route:client_key`, scoped by the authenticated"
                + " principal, so one caller can never read another caller's cached response");
        s.add("**Request fingerprint**: SHA-256 over canonical JSON (sorted keys, defaults applied, volatile fields such as"
                + " trace IDs excluded) plus method and route, stored with the key; same key with a different"
                + " fingerprint → **422 Unprocessable Content**, never executed");
        s.add("Replay: the stored status and body are returned with `Idempotent-Replayed: true`; 2xx and deterministic"
                + " business errors are stored, pre-claim failures (401, 429, validation) are not, and a 500 is"
                + " indeterminate until reconciled");
        s.add("Downstream hops carry deterministic derived keys `H(parent_key ‖ step_name)`, so every hop deduplicates"
                + " and a retry of the parent reproduces the same child keys");
        if (r.asynchronous()) {
            s.add("Messages carry a stable business event ID set once by the producer (never regenerated on publish"
                    + " retries); broker message IDs only detect redelivery of one publish");
        }
        addFacts(s, r, Topic.KEY);
        return s;
    }

    private Section stateMachine(Recognition r) {
        Section s = new Section("Idempotency record state machine");
        s.add("**ABSENT → IN_PROGRESS**: one atomic conditional write creates the record with the fingerprint, an owner,"
                + " a lease expiry and a new fencing token");
        s.add("**IN_PROGRESS → COMPLETED**: the response (status and body) is stored in the same transaction as the"
                + " business effect and the outbox row");
        s.add("**IN_PROGRESS → ABSENT**: a retryable failure (timeout, 503, dependency down) rolls back and releases the"
                + " record, so the next retry with the same key runs again");
        s.add("**IN_PROGRESS → FAILED_TERMINAL**: a deterministic business error (4xx) is persisted and replayed to"
                + " every retry of that key");
        s.add("**IN_PROGRESS (lease expired) → IN_PROGRESS**: a crashed or paused holder is taken over by a new owner"
                + " with a higher fencing token; the old holder's late commit is rejected");
        s.add("**COMPLETED → EXPIRED**: the completed-record TTL elapses; reads treat the record as absent even before"
                + " it is physically deleted");
        s.add("**EXPIRED → ABSENT**: " + expiryMechanism(r) + "; a key seen after expiry is treated as a new request");
        s.add("Duplicate handling by state: IN_PROGRESS → **409 Conflict + Retry-After**; COMPLETED or FAILED_TERMINAL"
                + " → replay of the stored result; fingerprint mismatch in any state → **422**");
        if (r.has(Technology.PAYMENTS) || r.has(Technology.BATCH)) {
            s.add("Multi-step flows add recovery points inside IN_PROGRESS: **STARTED → LOCAL_COMMITTED →"
                    + " PSP_CONFIRMED → FINISHED**, each step one atomic phase, so a retry resumes from the last"
                    + " committed step");
        }
        return s;
    }

    private static String expiryMechanism(Recognition r) {
        return switch (r.primaryStore()) {
            case DYNAMODB -> "DynamoDB native TTL deletes the item lazily (typically within 48 hours)";
            case CASSANDRA -> "the row's Cassandra `USING TTL` removes it";
            case MONGODB -> "the MongoDB TTL index removes it (TTLMonitor runs every 60 s)";
            case COSMOSDB -> "the item's Cosmos DB `ttl` expires it (reads stop returning it at once; deletion runs in"
                    + " the background)";
            default -> "the reaper deletes it in batches of 1000";
        };
    }

    private Section storage(Recognition r) {
        Section s = new Section("Storage and transactional boundaries");
        s.add("**Decision: the system of record for idempotency keys is " + storeName(r) + "**: durable and strongly"
                + " consistent; an instance-local cache is never the source of truth"
                + (r.namedStore() ? "" : " (chosen because the context names no store)"));
        s.add("**Decision: the claim is one atomic conditional write, never check-then-act**: a read followed by a write"
                + " lets two concurrent duplicates both pass the check");
        s.add("**Decision: one transactional boundary**: the idempotency record, the business state change and the"
                + " outbox row commit in the same local transaction; the stored response is written by the commit that"
                + " finishes the work");
        s.add("Foreign side effects (third-party APIs, email, PSP) cannot join that transaction: a recovery point is"
                + " committed before the external call, the call carries a derived key, and a completer reconciles"
                + " unknown outcomes");
        s.add("Events leave through a transactional outbox (relay by CDC or polling, at-least-once); consumers keep an"
                + " inbox `processed_messages(consumer, message_id)` written in their own transaction, so there is no"
                + " dual write");
        s.add("**Decision: fail closed when the store is unavailable** for non-idempotent and money-moving operations"
                + " (503 + Retry-After); fail open only for naturally idempotent reads; hot keys are spread by tenant");
        addFacts(s, r, Topic.STORAGE);
        return s;
    }

    private static String storeName(Recognition r) {
        return switch (r.primaryStore()) {
            case DYNAMODB -> "DynamoDB";
            case CASSANDRA -> "Cassandra (lightweight transactions)";
            case MONGODB -> "MongoDB (unique index, majority writes)";
            case COSMOSDB -> "Azure Cosmos DB (conditional writes on `_etag`, strong or bounded-staleness reads)";
            default -> r.sqlFlavour() + (r.has(Technology.REDIS) ? ", with Redis only as a fast first layer" : "");
        };
    }

    private Section concurrency(Recognition r) {
        Section s = new Section("Concurrency control and locking");
        s.add("**Decision: concurrent identical requests never run in parallel**: the loser of the atomic claim gets"
                + " **409 Conflict** with `Retry-After`, or waits briefly and receives the replay; it never executes");
        s.add("The IN_PROGRESS record is a lease: expiry = p99.9 processing time × 2 (never above the request deadline),"
                + " extended by a heartbeat during long work, taken over once expired");
        s.add("**Decision: fencing tokens at the resource**: every claim or takeover increments a monotonically"
                + " increasing token, and writes carrying a lower token than the highest seen are rejected");
        s.add("A lock alone does not guarantee correctness: a holder paused past its lease (GC, VM pause) still"
                + " believes it holds it (Kleppmann), and Redlock cannot issue fencing tokens, so locks are an"
                + " efficiency device and the fencing or version check is the correctness device");
        s.add(lockPrimitive(r));
        s.add("Per-entity serialization on asynchronous paths: all messages for one entity go to one ordered lane, so a"
                + " single consumer handles its duplicates and reorderings");
        addFacts(s, r, Topic.CONCURRENCY);
        return s;
    }

    private static String lockPrimitive(Recognition r) {
        return switch (r.primaryStore()) {
            case DYNAMODB -> "Lock primitive: the conditional-write lease on the record itself, or the DynamoDB Lock"
                    + " Client for longer sections; etcd or ZooKeeper only where a consensus lock is needed";
            case CASSANDRA -> "Lock primitive: the LWT claim itself (`IF NOT EXISTS`, then `IF owner = ? AND token = ?`);"
                    + " etcd or ZooKeeper only where a consensus lock is needed";
            case MONGODB -> "Lock primitive: the claim document with a lease field, updated with `findOneAndUpdate`"
                    + " conditions on owner and version; etcd or ZooKeeper only where a consensus lock is needed";
            case COSMOSDB -> "Lock primitive: the claim item itself, replaced only with `if-match` on its `_etag` (412"
                    + " Precondition Failed = another owner moved first); etcd or ZooKeeper only where a consensus lock"
                    + " is needed";
            default -> "Lock primitive: row locks (`SELECT … FOR UPDATE`) and transaction-scoped advisory locks in the"
                    + " same database as the effect; etcd or ZooKeeper only where a consensus lock is needed";
        };
    }

    private Section ttl(Recognition r) {
        Section s = new Section("TTL policy for idempotency records");
        boolean longHorizon = r.hasAny(Technology.PAYMENTS, Technology.BATCH, Technology.WEBHOOKS);
        s.add(longHorizon
                ? "**Decision: completed-record TTL 72 h**: covers the longest retry horizon here (late batch retries,"
                        + " completers, Stripe's 3-day webhook redelivery) plus a clock-skew margin; published to clients"
                        + " as the key expiry policy"
                : "**Decision: completed-record TTL 24 h**: Stripe parity, above every client's maximum retry horizon"
                        + " plus a clock-skew margin; published to clients as the key expiry policy");
        s.add("**Decision: two separate timers**: the short in-progress lease (seconds to minutes, tied to the"
                + " processing timeout) and the long completed-record TTL; lease expiry → takeover with fencing,"
                + " completed expiry → the key is treated as new");
        if (r.asynchronous()) {
            s.add("Asynchronous consumers keep records at least as long as the broker's maximum redelivery horizon plus"
                    + " any replay window, never shorter than the completed-record TTL");
        }
        s.add("Expiry is evaluated with the store's clock, and every read filters `expires_at > now` because physical"
                + " deletion lags");
        addFacts(s, r, Topic.TTL);
        return s;
    }

    private Section retry(Recognition r) {
        Section s = new Section("Retry policy");
        s.add("**Decision: capped exponential backoff with full jitter**: `sleep = random(0, min(cap, base × 2^attempt))`,"
                + " base 100 ms, cap 20 s, max attempts 3 including the first, which is never delayed");
        s.add("Retryable with the same key: transport errors, timeouts, 408, 429, 502, 503, 504 and 409 (in progress);"
                + " never retry 400, 401, 403, 404 or 422; retry 500 only with the same key");
        s.add("`Retry-After` is honoured and clamped to the deadline; each attempt has a per-attempt timeout inside an"
                + " overall deadline, and retries stop when the remaining budget is below the expected latency");
        s.add("**Decision: retry at exactly one layer**, the outermost client that holds the key; every other layer"
                + " fails fast, since 3 layers × 4 attempts amplify one request into 64");
        s.add("Retry budget: a token bucket of 500 tokens (a retry costs 5, a timeout retry 10, a clean success refunds"
                + " 1), and retries kept under 10 % of requests per client");
        s.add("Circuit breaker (resilience4j defaults): opens at 50 % failures over a 100-call window, stays open 60 s,"
                + " 10 trial calls half-open; `minimumNumberOfCalls` lowered for low-traffic endpoints");
        if (r.asynchronous()) {
            s.add("Asynchronous redelivery is bounded: 5–10 attempts with backoff, then a DLQ; replays keep the original"
                    + " message ID so deduplication still applies");
        }
        addFacts(s, r, Topic.RETRY);
        return s;
    }

    private Section failureModes(Recognition r) {
        Section s = new Section("Failure modes and mitigations");
        Set<FailureMode> listed = new LinkedHashSet<>(r.failureModes());
        for (FailureMode m : List.of(FailureMode.UNKNOWN_OUTCOME, FailureMode.PAYLOAD_MISMATCH,
                FailureMode.STORE_FAILOVER, FailureMode.CLOCK_SKEW)) {
            if (!(m == FailureMode.UNKNOWN_OUTCOME && listed.contains(FailureMode.CLIENT_TIMEOUT_RETRY))) {
                listed.add(m);
            }
        }
        for (FailureMode m : listed) {
            s.add("**" + m.title() + "**", mitigations.of(m, r));
        }
        for (String quote : r.unmatchedScenarios()) {
            s.add("**Stated scenario: " + quote + "**", List.of(
                    "Every attempt reuses the operation's key; the atomic claim answers in-flight duplicates with 409"
                            + " and completed ones with the stored result",
                    "State changes are fenced by token or version, and retries follow the bounded, jittered policy"
                            + " above"));
        }
        for (Technology t : r.technologies()) {
            List<String> pitfalls = knowledge.facts(t, Topic.PITFALLS).stream()
                    .filter(p -> !s.alreadyCovers(p)).toList();
            if (!pitfalls.isEmpty()) {
                s.add("**" + t.displayName() + " specifics**", pitfalls);
            }
        }
        s.add("**Observability**", List.of(
                "Metrics and alerts on replay rate, 409 and 422 rates, records stuck IN_PROGRESS past their lease, DLQ"
                        + " depth, and retry rate against the budget",
                "An audit trail per key (claims, takeovers, completions) and a runbook for manual reconciliation"));
        return s;
    }

    private void addFacts(Section s, Recognition r, Topic topic) {
        for (Technology t : r.technologies()) {
            for (String line : knowledge.facts(t, topic)) {
                s.add(line);
            }
        }
    }

    private record Bullet(String text, List<String> children) {
    }

    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]+`");

    private record Section(String heading, List<Bullet> bullets, Set<String> seen) {
        Section(String heading) {
            this(heading, new ArrayList<>(), new LinkedHashSet<>());
        }

        void add(String text) {
            add(text, List.of());
        }

        /**
         * Whether a scenario's mitigation already gave this fact: its first code span (the measure it names)
         * appears in the section. Keeps the per-technology list from repeating the scenario list.
         */
        boolean alreadyCovers(String fact) {
            Matcher code = CODE_SPAN.matcher(fact);
            if (!code.find()) {
                return false;
            }
            String measure = code.group();
            return bullets.stream().anyMatch(b -> b.text().contains(measure)
                    || b.children().stream().anyMatch(c -> c.contains(measure)));
        }

        void add(String text, List<String> children) {
            if (seen.add(text)) {
                bullets.add(new Bullet(text, List.copyOf(children)));
            }
        }
    }
}
